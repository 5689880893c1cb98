import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from write_schema import SCHEMA_PATH, event_schema  # noqa: E402


def test_published_schema_matches_the_event_model():
    published = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert published == json.loads(json.dumps(event_schema(), sort_keys=True)), (
        "docs/event.schema.json is stale: run python tools/write_schema.py and note the change"
    )


def test_schema_names_the_contract_fields():
    props = event_schema()["properties"]
    for name in (
        "id", "article_id", "coder", "kb_version", "coded_at", "event_type", "mode", "contexts",
        "source", "target", "factuality", "attributed_to", "date", "date_precision", "location",
        "sentence", "sentence_start", "sentence_end", "trigger", "confidence", "quad",
        "cameo_root", "score",
    ):  # fmt: skip
        assert name in props, name
