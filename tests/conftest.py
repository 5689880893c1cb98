"""Shared fixtures. One conftest for the whole suite (as spaCy's tests explain: fixtures in one place)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():
    """The spaCy model the pipeline uses, loaded once."""
    from whimbrel.nlp.parse import load_spacy

    return load_spacy("auto")


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline, built once for the whole run."""
    import whimbrel

    return whimbrel.load_pipeline()


@pytest.fixture(scope="session")
def explain_pipeline():
    import whimbrel

    return whimbrel.load_pipeline(**{"events.finalize.explain": True})


@pytest.fixture(scope="session")
def kb():
    from whimbrel.actors.mentions import load_kb

    return load_kb()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
