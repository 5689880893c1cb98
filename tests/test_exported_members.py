import whimbrel

PUBLIC = {
    "Actor", "ActorMention", "Article", "ConfigError", "Event", "InputError", "LanguageError",
    "Location", "ModelError", "NotFound", "Pipeline", "Span", "StageError", "Store", "StoreError",
    "WhimbrelError", "__version__", "code", "load_pipeline", "resolve",
}  # fmt: skip


def test_all_is_the_stable_public_api():
    assert set(whimbrel.__all__) == PUBLIC
    for name in whimbrel.__all__:
        assert hasattr(whimbrel, name), name


def test_errors_share_one_base():
    for name in (
        "ConfigError",
        "InputError",
        "LanguageError",
        "ModelError",
        "NotFound",
        "StageError",
        "StoreError",
    ):
        assert issubclass(getattr(whimbrel, name), whimbrel.WhimbrelError)
