#!/usr/bin/env bash
# Run whimbrel's test suite: make (or reuse) .venv, install whimbrel with its test extras, run
# ruff and pytest. This is the README's test command, and .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
# The test extras include the pair encoder's torch. Pinned here so pip takes the CPU build where a
# local wheel of it exists (CI's machines) rather than the newest CUDA build (about 5 GB).
.venv/bin/python -m pip install -q --disable-pip-version-check "torch==2.13.0"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
.venv/bin/python -m ruff check src tests tools benchmarks
.venv/bin/python -m pytest "$@"
