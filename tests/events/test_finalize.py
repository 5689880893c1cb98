"""The probability floor of ``events.finalize``: which events the default output keeps."""

import whimbrel

TEXT = (
    "Buddhist monks led a march of tens of thousands through Yangon on Monday, and police "
    "detained dozens of them, while Thailand urged restraint and Japan said it was watching."
)


def test_events_below_the_probability_floor_are_not_published(pipeline):
    found = pipeline(TEXT).events
    assert len(found) >= 2, [(e.event_type, e.confidence) for e in found]
    floor = sorted(e.confidence for e in found)[len(found) // 2]
    strict = whimbrel.load_pipeline(**{"events.finalize.min_probability": floor})
    kept = strict(TEXT).events
    assert sorted(e.id for e in kept) == sorted(e.id for e in found if e.confidence >= floor)
    assert len(kept) < len(found)


def test_the_default_floor_is_the_configured_one():
    default = whimbrel.load_pipeline()
    finalize = next(s for s in default.stages if s.name == "events.finalize")
    assert finalize.settings.min_probability == 0.25


def test_the_calibration_reads_the_actors_sectors():
    from whimbrel.events.confidence import Finding, calibrated_confidence, confidence_features

    feats = confidence_features(
        Finding("REJECT", {"lexicon_weight": 0.8}, "asserted", (("ZAF", "BUS"),), ((None, None),))
    )
    assert feats["source_sector=BUS"] == 1.0
    assert feats["target_sector=-"] == 1.0 and feats["target_no_country"] == 1.0
    assert feats["has_target"] == 1.0
    firm, state = (
        calibrated_confidence(Finding("REJECT", {"lexicon_weight": 0.8}, "asserted", (s,)))
        for s in [("ZAF", "BUS"), ("ZAF", "GOV")]
    )
    assert firm != state


def test_the_calibration_reads_the_trigger_word_as_its_type():
    """Session 28: the trigger word read as its type is an input; one the shipped model has
    no weight for adds nothing."""
    from whimbrel.events.confidence import Finding, calibrated_confidence, confidence_features

    feats = confidence_features(
        Finding("ACCUSE", {"lexicon_weight": 0.8}, "asserted", lemma="call")
    )
    assert feats["trigger=ACCUSE|call"] == 1.0
    assert not any(
        k.startswith("trigger=") for k in confidence_features(Finding("ACCUSE", {}, "x"))
    )
    args = ("ASSAULT", {"lexicon_weight": 0.9}, "asserted")
    unknown = calibrated_confidence(Finding(*args, lemma="zzzunseen"))
    assert unknown == calibrated_confidence(Finding(*args))
    assert calibrated_confidence(Finding(*args, lemma="shell")) != unknown


def test_explain_names_the_fullest_phrase_cue_in_every_process():
    """The phrase cues are a set; the one recorded is the longest that matched, whatever the
    string hash seed of the process (session 29)."""
    import os
    import subprocess
    import sys

    code = (
        "import whimbrel; p = whimbrel.load_pipeline(**{'events.finalize.explain': True});"
        "e = p('Syrian aircraft have struck eastern Ghouta almost every day since Monday.',"
        " date='2024-03-01').events; print(e[0].explain['factuality_cue'])"
    )
    cues = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert cues == {"almost every day"}
