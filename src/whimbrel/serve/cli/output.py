"""Writing coded articles as table, JSON Lines, JSON or CSV (the ``--format`` of every command).

One writer object per run, fed article by article, so JSON Lines and CSV stream in
constant memory; only ``json`` (a single list) and ``table`` hold what they print.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from typing import IO, Any

from whimbrel.records import ActorMention, Article, Event

FORMATS = ("table", "jsonl", "json", "csv")

#: Columns of the flat (CSV) form of an event; several actors in one role are joined by ";".
CSV_COLUMNS = [
    "id", "article_id", "date", "date_precision", "event_type", "mode", "quad", "cameo_root",
    "score", "factuality", "confidence",
    "source_text", "source_name", "source_id", "source_country", "source_sector",
    "target_text", "target_name", "target_id", "target_country", "target_sector",
    "attributed_to", "location_name", "location_country", "location_lat", "location_lon",
    "trigger", "trigger_start", "sentence", "sentence_start", "sentence_end", "contexts",
    "coder", "kb_version", "coded_at",
]  # fmt: skip


def default_format(stream: IO[str]) -> str:
    """``table`` on a terminal, ``jsonl`` when piped (issue #2's contract)."""
    return "table" if stream.isatty() else "jsonl"


def _join(actors: list[ActorMention], field: str) -> str:
    return ";".join(str(getattr(a, field) or "") for a in actors)


def flatten_event(event: Event) -> dict[str, Any]:
    """One event as a flat row (CSV, GDELT-style tables)."""
    loc = event.location
    row: dict[str, Any] = {
        "id": event.id, "article_id": event.article_id, "date": event.date,
        "date_precision": event.date_precision, "event_type": event.event_type,
        "mode": event.mode, "quad": event.quad, "cameo_root": event.cameo_root,
        "score": event.score, "factuality": event.factuality, "confidence": event.confidence,
        "attributed_to": event.attributed_to.name if event.attributed_to else None,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
        "trigger": event.trigger.text, "trigger_start": event.trigger.start,
        "sentence": event.sentence, "sentence_start": event.sentence_start,
        "sentence_end": event.sentence_end, "contexts": ";".join(event.contexts),
        "coder": event.coder, "kb_version": event.kb_version,
        "coded_at": event.coded_at.isoformat(),
    }  # fmt: skip
    for role in ("source", "target"):
        actors = getattr(event, role)
        for field in ("text", "name", "id", "country", "sector"):
            row[f"{role}_{field}"] = _join(actors, field)
    return row


def _dyad(actors: list[ActorMention]) -> str:
    return ", ".join(
        f"{a.name} [{a.country or '-'}{'/' + a.sector if a.sector else ''}]" for a in actors
    )


def _around_trigger(event: Event, width: int = 60) -> str:
    """The evidence sentence cut to a window around the trigger, for a readable table."""
    sentence = event.sentence
    if len(sentence) <= 2 * width:
        return sentence
    pos = event.trigger.start - event.sentence_start
    start = max(0, pos - width)
    end = min(len(sentence), pos + width)
    return (
        ("…" if start else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")
    )


class EventWriter:
    """Writes articles' events in one format to one stream."""

    def __init__(self, fmt: str, stream: IO[str], *, explain: bool = False) -> None:
        self.fmt = fmt
        self.stream = stream
        self.explain = explain
        self._json: list[dict[str, Any]] = []
        self._csv: Any = None
        self._table_rows: list[tuple[Article, Event]] = []

    def _dump(self, event: Event) -> dict[str, Any]:
        return event.model_dump(
            mode="json", exclude_none=False, exclude={"explain"} if not self.explain else set()
        )

    def write(self, article: Article) -> None:
        if self.fmt == "jsonl":
            for e in article.events:
                self.stream.write(json.dumps(self._dump(e), ensure_ascii=False) + "\n")
        elif self.fmt == "json":
            self._json.append(
                {"article": article.header(), "events": [self._dump(e) for e in article.events]}
            )
        elif self.fmt == "csv":
            if self._csv is None:
                columns = CSV_COLUMNS + (["explain"] if self.explain else [])
                self._csv = csv.DictWriter(self.stream, fieldnames=columns, lineterminator="\n")
                self._csv.writeheader()
            for e in article.events:
                row = flatten_event(e)
                if self.explain:
                    row["explain"] = json.dumps(e.explain, ensure_ascii=False)
                self._csv.writerow(row)
        else:
            self._table_rows.extend((article, e) for e in article.events)

    def write_all(self, articles: Iterable[Article]) -> None:
        for a in articles:
            self.write(a)

    def close(self) -> None:
        if self.fmt == "json":
            json.dump(self._json, self.stream, ensure_ascii=False, indent=2)
            self.stream.write("\n")
        elif self.fmt == "table":
            self._print_table()
        self.stream.flush()

    def _print_table(self) -> None:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        console = Console(file=self.stream, width=None if self.stream is sys.stdout else 160)
        table = Table(show_lines=False, header_style="bold")
        for col in ("date", "type", "source", "target", "factuality", "conf", "evidence"):
            table.add_column(col, overflow="fold")
        for _article, e in self._table_rows:
            evidence = _around_trigger(e)
            fact = e.factuality + (f" ({e.attributed_to.name})" if e.attributed_to else "")
            cells = (
                e.date or "?",
                e.event_type + (f"/{e.mode}" if e.mode else ""),
                _dyad(e.source),
                _dyad(e.target) or "—",
                fact,
                f"{e.confidence:.2f}",
                evidence,
            )
            # Text cells, not markup: an article's "[bold]" or "[/x]" is printed as written.
            table.add_row(*(Text(cell) for cell in cells))
        console.print(table)
        console.print(f"{len(self._table_rows)} events")
