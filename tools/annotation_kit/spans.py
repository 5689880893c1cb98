"""Build gold records for the corpus with offsets computed by code, never typed by hand.

Annotators import this module from their own draft scripts (copy it next to them; it needs
only the standard library and the repository's ``tools/validate_gold.py``)::

    from spans import A, E, rec, save
    t = "Ecuador warned Colombia on Monday that it would close the border."
    r = rec("s95-0001", t, "2025-04-15", [
        E(t, "THREATEN", "close", src=[A(t, "it", "ECU", "GOV")],
          tgt=[A(t, "Colombia", "COL", "GOV")], mode="restrict", date="2025-04-14"),
    ], tags=["pronoun"], note="Invented. ...")
    save([r], "drafts/part95a.jsonl")   # writes the file and runs the validator on it

A span is given by its text; ``n`` picks the n-th occurrence (1-based) when the text occurs
more than once, counting only occurrences on word boundaries. Articles pass ``title``,
``genre`` and ``publisher`` to :func:`rec`. The record format is docs/corpus.md's.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

#: The repository's validator: next to this kit, or where $WHIMBREL_VALIDATOR says when the
#: module was copied out of the repository (annotators copy it into their own folder).
VALIDATOR = Path(__file__).resolve().parents[1] / "validate_gold.py"
if not VALIDATOR.exists():
    VALIDATOR = Path(
        os.environ.get("WHIMBREL_VALIDATOR", Path(__file__).resolve().parent / "validate_gold.py")
    )


def S(text: str, phrase: str, n: int = 1) -> dict:
    """The n-th word-bounded occurrence of ``phrase`` in ``text`` as a span."""
    hits = [
        m.start()
        for m in re.finditer(re.escape(phrase), text)
        if (m.start() == 0 or not text[m.start() - 1].isalnum())
        and (m.end() == len(text) or not text[m.end()].isalnum())
    ]
    if len(hits) < n:
        raise ValueError(
            f"{phrase!r}: occurrence {n} not found ({len(hits)} found) in {text[:70]!r}"
        )
    start = hits[n - 1]
    return {"text": phrase, "start": start, "end": start + len(phrase)}


def A(text: str, phrase: str, country: str | None, sector: str | None, n: int = 1) -> dict:
    """An actor span: the span, its country and its sector."""
    return {**S(text, phrase, n), "country": country, "sector": sector}


def E(
    text: str,
    event_type: str,
    trigger: str | tuple[str, int],
    *,
    src: list[dict] | tuple = (),
    tgt: list[dict] | tuple = (),
    mode: str | None = None,
    fact: str = "asserted",
    attr: dict | None = None,
    date: str | None = None,
    contexts: list[str] | None = None,
) -> dict:
    """One event; ``trigger`` is the trigger's text, or (text, occurrence)."""
    trig = S(text, *trigger) if isinstance(trigger, tuple) else S(text, trigger)
    event = {
        "event_type": event_type,
        "mode": mode,
        "trigger": trig,
        "source": list(src),
        "target": list(tgt),
        "factuality": fact,
        "attributed_to": attr,
        "date": date,
    }
    if contexts:
        event["contexts"] = contexts
    return event


def rec(
    rid: str, text: str, date: str, events: list, tags=(), note: str | None = None, **extra
) -> dict:
    """One record: a sentence, or an article with ``title``, ``genre`` and ``publisher``."""
    record = {"id": rid}
    for key in ("title", "genre", "publisher"):
        if key in extra:
            record[key] = extra.pop(key)
    if extra:
        raise ValueError(f"unknown fields {sorted(extra)}")
    record.update({"date": date, "text": text, "events": events, "tags": list(tags), "note": note})
    return record


def save(records: list[dict], path: str) -> int:
    """Write the records as JSON Lines and validate them; returns the validator's status."""
    with open(path, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    if not VALIDATOR.exists():
        raise FileNotFoundError(
            f"{VALIDATOR}: no validator there; set WHIMBREL_VALIDATOR to the repository's "
            "tools/validate_gold.py"
        )
    out = subprocess.run(
        [sys.executable, str(VALIDATOR), path, "--summary"], capture_output=True, text=True
    )
    print(out.stdout[-6000:], out.stderr[-3000:])
    print("validate exit status:", out.returncode)
    return out.returncode
