import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from split_corpus import build, sha256, split_of  # noqa: E402


def test_split_files_are_what_the_script_builds():
    for split, text in build().items():
        on_disk = (ROOT / "corpus" / "splits" / f"{split}.jsonl").read_text(encoding="utf-8")
        assert on_disk == text, f"corpus/splits/{split}.jsonl is stale: run tools/split_corpus.py"


def test_frozen_test_split_matches_recorded_checksum():
    recorded = re.search(
        r"test\.jsonl sha256 ([0-9a-f]{64})", (ROOT / "docs" / "corpus.md").read_text()
    )
    assert recorded, "docs/corpus.md must record the test split's checksum"
    assert sha256(build()["test"]) == recorded.group(1), "the frozen test split changed"


def test_split_of_is_stable_and_proportional():
    assert split_of("s1-0001") == split_of("s1-0001")
    ids = [f"x-{i}" for i in range(5000)]
    share = sum(split_of(i) == "test" for i in ids) / len(ids)
    assert 0.17 < share < 0.23


def test_records_written_after_the_freeze_never_go_to_test():
    ids = [f"s9-{i:04d}" for i in range(2000)]
    splits = {split_of(i, frozen=False) for i in ids}
    assert splits == {"train", "dev"}


def test_retrain_runs_the_documented_steps_in_order():
    # tools/retrain.py and docs/corpus.md must agree: session 15 found the relation model
    # documented before the confidence model whose output it calibrates against
    from retrain import STEPS

    documented = re.findall(r"^\d\. `tools/(\w+\.py)`", (ROOT / "docs" / "corpus.md").read_text(),
                            flags=re.MULTILINE)  # fmt: skip
    assert list(STEPS) == ["split_corpus.py", *documented]
    assert len(documented) == 5


def test_unseen_files_go_whole_to_the_unseen_split():
    # session 30: parts written after a session's last code change are held out whole, so
    # that no rule, model or calibration learns from them
    from split_corpus import UNSEEN

    splits = build()
    held = {
        json.loads(line)["id"]
        for name in UNSEEN
        for line in (ROOT / "corpus" / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert held
    unseen = {json.loads(line)["id"] for line in splits["unseen"].splitlines() if line.strip()}
    assert unseen == held
    for split in ("train", "dev", "test"):
        ids = {json.loads(line)["id"] for line in splits[split].splitlines() if line.strip()}
        assert not ids & held, split
