"""whimbrel: turn news into PLOVER political event data.

Two lines code an article::

    import whimbrel
    events = whimbrel.code(text, date="2024-06-18")

To code many articles without reloading models, build the pipeline once::

    pipeline = whimbrel.load_pipeline()
    article = pipeline(text, date="2024-06-18")   # article.events

Names outside ``__all__`` may change between releases.
"""

from __future__ import annotations

__version__ = "0.1.0"

import datetime as _dt
from functools import lru_cache as _lru_cache

from whimbrel.errors import (
    ConfigError,
    InputError,
    LanguageError,
    ModelError,
    NotFound,
    StageError,
    StoreError,
    WhimbrelError,
)
from whimbrel.pipeline import Pipeline, load_pipeline
from whimbrel.records import Actor, ActorMention, Article, Event, Location, Span
from whimbrel.store import Store

__all__ = [
    "Actor",
    "ActorMention",
    "Article",
    "ConfigError",
    "Event",
    "InputError",
    "LanguageError",
    "Location",
    "ModelError",
    "NotFound",
    "Pipeline",
    "Span",
    "StageError",
    "Store",
    "StoreError",
    "WhimbrelError",
    "__version__",
    "code",
    "load_pipeline",
    "resolve",
]


@_lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return load_pipeline()


def code(
    text: str,
    *,
    date: _dt.date | str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> list[Event]:
    """Code one article's text into events (the default pipeline is built once and reused)."""
    return _default_pipeline()(text, date=date, title=title, url=url).events


def resolve(
    text: str, *, date: _dt.date | str | None = None, context: list[str] | None = None
) -> Actor | None:
    """Resolve a name or description ("the Russian president") to an actor at a date."""
    from whimbrel.actors.mentions import load_kb
    from whimbrel.pipeline import parse_date

    return load_kb().resolve(text, parse_date(date), tuple(context or ()))
