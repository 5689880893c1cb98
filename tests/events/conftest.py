import pytest


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline publishing every event it finds, built once for the whole run.

    The rule tests here ask what the rules find; the probability floor that keeps the least
    likely events out of the default output has its own tests (test_finalize.py). Tests
    elsewhere compare runs of the default pipeline with each other, and keep the root
    fixture.
    """
    import whimbrel

    return whimbrel.load_pipeline(**{"events.finalize.min_probability": 0.0})


#: The publication date the rule tests code their sentences at.
PUB = "2025-03-11"


def events_of(pipeline, text, event_type, date=PUB):
    """The events of one type the pipeline codes in a sentence."""
    return [e for e in pipeline(text, date=date).events if e.event_type == event_type]


def texts(actors):
    """The words of each actor span, in order."""
    return [a.text for a in actors]
