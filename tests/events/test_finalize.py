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
