"""Every UN member and observer state resolves from its names, demonym and capital.

The list of states comes from country_converter (a build-time library), independently of the
packaged data, so a state dropped from the KB makes this test fail.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from whimbrel.actors.knowledge_base import KnowledgeBase

coco = pytest.importorskip("country_converter")


def _un_states() -> list[tuple[str, str]]:
    data = coco.CountryConverter().data
    rows = data[data["UNmember"].notna() | data["ISO3"].isin(["PSE", "VAT"])]
    return sorted(zip(rows["ISO3"], rows["name_short"], strict=True))


UN = _un_states()


def test_un_list_is_complete() -> None:
    assert len(UN) == 195  # 193 members + 2 observers


@pytest.mark.parametrize(("iso", "short"), UN)
def test_state_resolves(kb: KnowledgeBase, iso: str, short: str) -> None:
    entry = kb.countries[iso]
    assert kb.resolve(short).country == iso, short
    assert kb.resolve(entry["name"]).country == iso
    assert kb.resolve(entry["name"]).kind == "state"
    gov = kb.resolve(f"the {entry['adjectives'][0]} government")
    assert (gov.country, gov.sector) == (iso, "GOV"), entry["adjectives"][0]
    names = {entry["name"], *entry["aliases"]}
    if entry["capitals"] and entry["capitals"][0] not in names:  # city states: the name wins
        cap = kb.resolve(entry["capitals"][0])
        assert (cap.country, cap.sector) == (iso, "GOV"), entry["capitals"][0]


def test_ambiguous_capitals_are_left_out(kb: KnowledgeBase) -> None:
    """Malé ("male") and Victoria are too ambiguous to stand for a government."""
    assert kb.resolve("Male") is None
    assert kb.resolve("Victoria") is None


def test_manifest_counts_match_files(kb: KnowledgeBase) -> None:
    manifest = json.loads((kb.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == kb.version
    assert manifest["files"]["countries.v1.jsonl"]["records"] == len(kb.countries)
    assert manifest["files"]["organisations.v1.jsonl"]["records"] == len(kb.orgs)
    assert manifest["files"]["leaders.v1.jsonl"]["records"] == len(kb.people)


def test_manifest_checksums_match_files(kb: KnowledgeBase) -> None:
    """A hand edit of a KB file without rerunning tools/build_kb.py leaves a stale manifest."""
    manifest = json.loads((kb.path / "manifest.json").read_text(encoding="utf-8"))
    for name, info in manifest["files"].items():
        digest = hashlib.sha256((kb.path / name).read_bytes()).hexdigest()
        assert digest == info["sha256"], f"{name}: rerun tools/build_kb.py"
