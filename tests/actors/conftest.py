"""Shared fixtures: the packaged knowledge base, loaded once per test session."""

from __future__ import annotations

import pytest

from whimbrel.actors.knowledge_base import KnowledgeBase


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()
