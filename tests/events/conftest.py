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
