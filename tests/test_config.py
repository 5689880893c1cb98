import tomllib

import pytest

from whimbrel.config import default_config_text, load_config
from whimbrel.errors import ConfigError
from whimbrel.pipeline import check_order, load_pipeline, registered_stages, stage_settings

#: The registered built-in stages; a change here is a change of the public pipeline.
EXPECTED_STAGES = [
    "actors.coref",
    "actors.mentions",
    "events.encoder_targets",
    "events.extract",
    "events.factuality",
    "events.finalize",
    "events.location",
    "nlp.dates",
    "nlp.language",
    "nlp.parse",
]
#: Registered stages the default pipeline leaves out (a user adds them to [pipeline] stages).
OPTIONAL_STAGES = ["events.encoder_targets"]


def test_registered_stage_names_match_checked_in_list():
    assert sorted(registered_stages()) == EXPECTED_STAGES


def test_default_config_lists_every_stage_in_a_valid_order():
    cfg = load_config()
    assert sorted(cfg.stages) == sorted(set(EXPECTED_STAGES) - set(OPTIONAL_STAGES))
    assert check_order(cfg.stages) == []


def test_every_setting_is_documented_in_default_config_and_exists():
    raw = tomllib.loads(default_config_text())
    specs = registered_stages()
    for name, spec in specs.items():
        group, _, leaf = name.partition(".")
        table = raw.get(group, {}).get(leaf, {})
        fields = set(spec.settings.model_fields)
        # every key in the file is a real setting...
        assert set(table) <= fields, (name, set(table) - fields)
        # ...and every setting is in the file (the knowledge base in [pipeline] kb)
        assert fields - {"kb"} <= set(table), (name, fields - set(table))


def test_check_order_reports_a_stage_before_its_requirements():
    problems = check_order(["events.extract", "nlp.parse"])
    assert problems and "events.extract" in problems[0]


def test_unknown_stage_is_a_config_error(tmp_path):
    cfg = tmp_path / "w.toml"
    cfg.write_text('[pipeline]\nstages = ["nlp.parse", "nlp.nonsense"]\n')
    with pytest.raises(ConfigError, match=r"nlp\.nonsense"):
        load_pipeline(str(cfg))


def test_unknown_setting_is_a_config_error():
    with pytest.raises(ConfigError, match=r"events\.extract"):
        load_pipeline(**{"events.extract.no_such_setting": 1})


def test_missing_config_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"nope\.toml"):
        load_config(tmp_path / "nope.toml")


def test_pipeline_kb_is_every_stage_s_and_shared_files_must_agree(tmp_path):
    """[pipeline] kb names the knowledge base once for every stage that reads one; settings of
    two stages that name one file (the lexicon, the cue file) may not differ."""
    cfg = tmp_path / "w.toml"
    cfg.write_text('[pipeline]\nkb = "/data/my-kb"\n')
    built = stage_settings(load_config(str(cfg)))
    readers = [name for name, s in built.items() if "kb" in type(s).model_fields]
    assert set(readers) >= {"actors.mentions", "actors.coref", "events.extract"}
    assert {built[name].kb for name in readers} == {"/data/my-kb"}
    for table, message in [
        ('[actors.coref]\nkb = "/data/other-kb"\n', "actors.coref.kb"),
        ('[events.factuality]\ncues = "my-cues"\n', "events.extract.cues"),
        ('[events.extract]\nlexicon = "my-triggers"\n', "actors.mentions.lexicon"),
    ]:
        cfg.write_text(table)
        with pytest.raises(ConfigError, match=message):
            stage_settings(load_config(str(cfg)))
