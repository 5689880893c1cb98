"""Typed settings, loaded from ``whimbrel.toml``.

The packaged ``whimbrel/whimbrel.toml`` is the default; a user's file (``--config`` or
``WHIMBREL_CONFIG``) replaces whole sections of it. ``[pipeline] stages`` is the run order;
every other table is one stage's settings, checked against that stage's pydantic model when
the pipeline is built. To add a setting: add a field with a default to the stage's settings
model, then document it in the packaged whimbrel.toml (a test checks both agree).
"""

from __future__ import annotations

import os
import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from whimbrel.errors import ConfigError


class Config(BaseModel):
    """The whole configuration: stage order, batch size, and each stage's raw settings."""

    stages: list[str]
    batch_size: int = Field(default=32, ge=1)
    #: Longest article text coded, in characters; longer inputs are refused (docs/HARDENING.md).
    max_article_chars: int = Field(default=200_000, ge=1)
    #: The knowledge base every stage with a ``kb`` setting reads: "default" (the packaged
    #: one) or a data directory with the same files. Named once, so no stage reads another.
    kb: str = "default"
    sections: dict[str, dict[str, Any]] = Field(default_factory=dict)

    def stage_settings(self, name: str) -> dict[str, Any]:
        """The raw settings table of one stage (``[nlp.parse]`` for stage ``nlp.parse``)."""
        return dict(self.sections.get(name, {}))


def default_config_text() -> str:
    return files("whimbrel").joinpath("whimbrel.toml").read_text(encoding="utf-8")


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, dict[str, Any]]:
    """Nested TOML tables to ``{"nlp.parse": {...}}``: a table of scalars is a section."""
    out: dict[str, dict[str, Any]] = {}
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict)}
    if prefix and scalars:
        out[prefix] = scalars
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else key))
    return out


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Read the default config, lay a user file over it, then apply dotted overrides."""
    sections = _flatten(tomllib.loads(default_config_text()))
    path = path or os.environ.get("WHIMBREL_CONFIG")
    if path:
        try:
            user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: config file not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        for name, table in _flatten(user).items():
            sections.setdefault(name, {}).update(table)
    for dotted, value in (overrides or {}).items():
        section, _, key = dotted.rpartition(".")
        if not section:
            raise ConfigError(f"override {dotted!r} must be 'stage.setting'")
        sections.setdefault(section, {})[key] = value
    pipeline = sections.pop("pipeline", {})
    if "stages" not in pipeline:
        raise ConfigError("[pipeline] stages is missing from the configuration")
    try:
        return Config(
            stages=list(pipeline["stages"]),
            batch_size=pipeline.get("batch_size", 32),
            max_article_chars=pipeline.get("max_article_chars", 200_000),
            kb=pipeline.get("kb", "default"),
            sections=sections,
        )
    except ValidationError as exc:
        raise ConfigError(f"bad [pipeline] settings: {exc}") from None
