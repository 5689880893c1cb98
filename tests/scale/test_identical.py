"""Two Dask workers code the same events as one process: ids, types, actors, offsets, all."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import whimbrel.serve.cli  # noqa: F401  (registers the commands)
from whimbrel.scale import partition, prepare_workers, run_partitions
from whimbrel.scale.runner import PartitionResult
from whimbrel.serve.cli.app import app

from .conftest import event_key, events_of


def test_two_workers_code_the_same_events_as_one_process(
    client, config, corpus_articles, reference
):
    coded, failed = reference
    info = prepare_workers(client, config)
    assert len(info.workers) == 2 and info.threads == 2
    assert info.kb_version and info.coder.startswith("whimbrel/")

    articles, failures, pids = [], [], set()
    parts = partition([a.model_copy(deep=True) for a in corpus_articles], 16)
    for part, outcome in run_partitions(parts, config, client=client):
        assert isinstance(outcome, PartitionResult), outcome
        assert outcome.fatal is None
        assert [a.id for a in outcome.articles] == [
            a.id for a in part.articles if a.id not in {f.input_id for f in outcome.failures}
        ]
        articles.extend(outcome.articles)
        failures.extend(f.message for f in outcome.failures)
        pids.add(outcome.worker)

    assert len(corpus_articles) >= 300
    assert len(pids) == 2, "both workers coded partitions"
    assert sorted(a.id for a in articles) == sorted(coded)
    assert failures == failed and len(failed) == 1 and "fr-1" not in coded
    expected = events_of(coded.values())
    got = events_of(articles)
    assert len(expected) > 300
    assert got.keys() == expected.keys()
    assert got == expected  # every field but coded_at: types, actors, offsets, dates, scores
    for article in articles:  # the article fields the store keeps are those of one process
        ref = coded[article.id]
        assert (article.text, article.date, article.language, article.notes) == (
            ref.text, ref.date, ref.language, ref.notes
        )  # fmt: skip


def test_code_with_workers_streams_events_in_input_order(tmp_path, scheduler, reference):
    from .conftest import write_corpus

    small = write_corpus(tmp_path / "small.jsonl", 60, broken=False)
    result = CliRunner().invoke(
        app, ["code", str(small), "--scheduler", scheduler, "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    coded, _ = reference
    # the same ids and texts as the big corpus's first 60 articles, so the same events
    expected = [event_key(e) for i in range(60) for e in coded[f"s-{i:04d}"].events]
    for event in expected:
        event.pop("explain")  # jsonl leaves it out without --explain
    for line in lines:
        line.pop("coded_at")
    assert len(lines) > 60
    assert lines == expected
