"""The optional stage events.encoder_targets: the pair encoder chooses a missing recipient."""

from __future__ import annotations

import pytest

import whimbrel
from whimbrel.errors import ConfigError

STAGES = [
    "nlp.language",
    "nlp.parse",
    "nlp.dates",
    "actors.mentions",
    "actors.coref",
    "events.extract",
    "events.encoder_targets",
    "events.factuality",
    "events.location",
    "events.finalize",
]


@pytest.fixture(scope="module")
def with_encoder(tmp_path_factory):
    pytest.importorskip("torch")
    cfg = tmp_path_factory.mktemp("cfg") / "whimbrel.toml"
    cfg.write_text(f"[pipeline]\nstages = {STAGES!r}\n".replace("'", '"'), encoding="utf-8")
    return whimbrel.load_pipeline(str(cfg))


def _dyads(article):
    return [
        (e.event_type, [s.text for s in e.source], [t.text for t in e.target])
        for e in article.events
    ]


def test_refusal_gets_the_party_it_answers(pipeline, with_encoder):
    # the rules find who refused but not whom: the unpaid bills are owed to Rosatom
    text = (
        "Rosatom halted fuel deliveries to Hungary's Paks plant after Budapest refused to "
        "settle its unpaid bills."
    )
    assert ("REJECT", ["Budapest"], []) in _dyads(pipeline(text, date="2024-05-02"))
    coded = with_encoder(text, date="2024-05-02")
    assert ("REJECT", ["Budapest"], ["Rosatom"]) in _dyads(coded)
    # the rules' own events are untouched
    assert ("COERCE", ["Rosatom"], ["Hungary"]) in _dyads(coded)


@pytest.mark.parametrize(
    "text",
    [
        # two parties of a reciprocal act are the whole event: no one else is added
        "India and Japan signed a defence pact in Tokyo on Tuesday.",
        # an event with a target keeps it
        "Peru expelled two Bolivian diplomats on Monday.",
    ],
)
def test_events_that_need_no_target_keep_their_actors(pipeline, with_encoder, text):
    assert _dyads(with_encoder(text, date="2024-05-02")) == _dyads(
        pipeline(text, date="2024-05-02")
    )


def test_stage_without_the_encoder_is_a_config_error(monkeypatch):
    from whimbrel.events import encoder_targets

    monkeypatch.setattr(encoder_targets, "load_pair_encoder", lambda: None)
    with pytest.raises(ConfigError, match=r"whimbrel\[encoder\]"):
        encoder_targets.EncoderTargets(encoder_targets.EncoderTargetSettings())


def test_a_batch_of_articles_codes_as_each_alone(with_encoder):
    from whimbrel.records import Article

    texts = [
        "Rosatom halted fuel deliveries to Hungary's Paks plant after Budapest refused to "
        "settle its unpaid bills.",
        "Peru expelled two Bolivian diplomats on Monday.",
    ]
    batch = list(
        with_encoder.pipe(
            [Article(id=f"a{i}", text=t, date="2024-05-02") for i, t in enumerate(texts)]
        )
    )
    assert [_dyads(a) for a in batch] == [_dyads(with_encoder(t, date="2024-05-02")) for t in texts]
