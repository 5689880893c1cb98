"""The boilerplate rules that :func:`whimbrel.ingest.text.clean_text` applies, loaded from data.

The patterns live in ``whimbrel/data/ingest/boilerplate.v1.json`` rather than in code so that a
user who meets a new kind of junk line ("Story continues after this message") can add a pattern
in a file of their own without patching whimbrel, and so that the rules are versioned with the
data (a change to them changes which lines are coded, so it must be visible). See docs/ingest.md
for the file format.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from whimbrel.errors import ConfigError

DEFAULT_RULES_FILE = "boilerplate.v1.json"
_FRAGMENT = re.compile(r"\{\{([A-Z_]+)\}\}")


@dataclass(frozen=True)
class Boilerplate:
    """Compiled boilerplate rules: what a non-prose line looks like.

    ``drop`` patterns remove a line anywhere in the text; ``trailing`` patterns remove
    paragraphs only at the very end (author bios and credits look like prose, so they are only
    safe to drop where they usually stand). A line of at most ``heading_max_words`` words with no
    sentence-final punctuation is a heading; a first line of at most ``title_max_words`` words
    may be a title.
    """

    drop: tuple[re.Pattern[str], ...]
    trailing: tuple[re.Pattern[str], ...]
    heading_max_words: int = 10
    title_max_words: int = 25

    def drops(self, line: str) -> bool:
        """Whether ``line`` (whitespace already collapsed) is boilerplate wherever it stands."""
        if not any(ch.isalpha() for ch in line):
            return True  # rules, bullets, bare numbers: nothing to code
        return any(p.search(line) for p in self.drop)

    def is_trailer(self, paragraph: str) -> bool:
        """Whether ``paragraph`` is an author bio or credit line when it closes the article."""
        return any(p.search(paragraph) for p in self.trailing)


def _expand(pattern: str, fragments: dict[str, str], where: str) -> str:
    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise ConfigError(f"{where}: unknown fragment {{{{{name}}}}} in pattern {pattern!r}")
        return fragments[name]

    return _FRAGMENT.sub(sub, pattern)


def _patterns(groups: Any, fragments: dict[str, str], where: str) -> list[re.Pattern[str]]:
    if not isinstance(groups, dict):
        raise ConfigError(f"{where}: expected an object of pattern lists")
    compiled = []
    for group, patterns in groups.items():
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise ConfigError(f"{where}: group {group!r} must be a list of strings")
        for pattern in patterns:
            try:
                compiled.append(re.compile(_expand(pattern, fragments, where)))
            except re.error as exc:
                raise ConfigError(f"{where}: bad pattern in {group!r}: {pattern!r}: {exc}") from exc
    return compiled


def _read(source: Path | Any, where: str) -> dict[str, Any]:
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read boilerplate rules {where}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"boilerplate rules {where}: expected a JSON object")
    return data


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Lists are appended and scalars replaced, so an extra file only needs what it adds."""
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = old + value
        else:
            merged[key] = value
    return merged


def _build(data: dict[str, Any], where: str) -> Boilerplate:
    fragments: dict[str, str] = {}
    for name, text in (data.get("fragments") or {}).items():
        fragments[name] = _expand(str(text), fragments, where)
    numbers = {}
    for key in ("heading_max_words", "title_max_words"):
        value = data.get(key, Boilerplate.__dataclass_fields__[key].default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"boilerplate rules {where}: {key} must be a positive integer")
        numbers[key] = value
    return Boilerplate(
        drop=tuple(_patterns(data.get("drop", {}), fragments, where)),
        trailing=tuple(_patterns(data.get("trailing", {}), fragments, where)),
        **numbers,
    )


def load_boilerplate(extra: Iterable[str | Path] = ()) -> Boilerplate:
    """The packaged rules, extended by each file in ``extra`` (same format, merged in order).

    Raises :class:`~whimbrel.errors.ConfigError` for an unreadable file or a bad pattern, so a
    typo in a user's rules fails loudly at start-up instead of silently keeping junk.
    """
    packaged = (
        resources.files("whimbrel").joinpath("data").joinpath("ingest").joinpath(DEFAULT_RULES_FILE)
    )
    data = _read(packaged, DEFAULT_RULES_FILE)
    where = DEFAULT_RULES_FILE
    for path in extra:
        data = _merge(data, _read(Path(path), str(path)))
        where = str(path)
    return _build(data, where)


@functools.cache
def default_boilerplate() -> Boilerplate:
    """The packaged rules, compiled once per process."""
    return load_boilerplate()
