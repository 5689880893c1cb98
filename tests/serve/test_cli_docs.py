import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from write_cli_docs import DOC_PATH, command_names, render


def test_cli_docs_list_every_command_with_its_help():
    text = DOC_PATH.read_text(encoding="utf-8")
    for name in command_names():
        assert f"## whimbrel {name}" in text, (
            f"docs/cli.md lacks {name}: run tools/write_cli_docs.py"
        )
    assert text == render(), "docs/cli.md is stale: run python tools/write_cli_docs.py"
