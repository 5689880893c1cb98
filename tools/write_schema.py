"""Write docs/event.schema.json from the Event model (tests/test_schema.py keeps them equal).

Run: python tools/write_schema.py
"""

from __future__ import annotations

import json
from pathlib import Path

from whimbrel.records import Event

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "docs" / "event.schema.json"


def event_schema() -> dict:
    schema = Event.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://whimbrel.invalid/schema/event/v1"
    return schema


if __name__ == "__main__":
    SCHEMA_PATH.write_text(
        json.dumps(event_schema(), indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {SCHEMA_PATH}")
