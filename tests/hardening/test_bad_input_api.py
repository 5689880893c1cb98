"""Bad input through the Python API (``whimbrel.code``, ``load_pipeline()(...)``, ``pipe``) and
through the real ``whimbrel code`` process."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from hardening_helpers import GOOD, article_problems, code_process, failure_lines

import whimbrel
from whimbrel.errors import InputError, LanguageError
from whimbrel.ingest.readers import article_from_text
from whimbrel.pipeline import publication_date_problem

FRENCH = (
    "Le gouvernement français a annoncé mardi de nouvelles sanctions contre la Russie, "
    "après des semaines de négociations difficiles avec ses partenaires européens."
)


@pytest.mark.parametrize("text", ["", "   \n\n", "\u200b\ufeff", "----"])
def test_api_empty_text_raises_input_error(pipeline, text):
    with pytest.raises(InputError, match="empty: no prose left after cleaning"):
        pipeline(text)


def test_api_non_english_raises_language_error(pipeline):
    with pytest.raises(LanguageError, match="language 'fr'") as info:
        pipeline(FRENCH, id="fr-1")
    assert info.value.language == "fr" and "fr-1" in str(info.value)


@pytest.mark.parametrize("value", [b"Russia attacked Ukraine.", None, 12, ["a"]])
def test_api_wrong_type_is_a_type_error_naming_it(pipeline, value):
    with pytest.raises(TypeError, match="text must be a str or an Article"):
        pipeline(value)


def test_api_refuses_over_long_text_before_cleaning_it(pipeline):
    huge = "word " * 2_000_000  # 10 million characters
    started = time.perf_counter()
    with pytest.raises(InputError, match="too long: 10,000,000 characters, the limit is 200,000"):
        pipeline(huge, id="big")
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("date", "exc", "message"),
    [
        ("yesterday", InputError, "bad date 'yesterday'"),
        ("2999-01-01", InputError, "publication date 2999-01-01 is in the future"),
        (dt.date(1066, 10, 14), InputError, "is before 1800-01-01"),
    ],
)
def test_api_bad_dates_raise(pipeline, date, exc, message):
    with pytest.raises(exc, match=message):
        pipeline(GOOD, date=date)


def test_publication_date_allows_tomorrow_for_time_zones():
    today = dt.date(2024, 6, 18)
    assert publication_date_problem(dt.date(2024, 6, 19), today=today) is None
    assert "future" in publication_date_problem(dt.date(2024, 6, 20), today=today)


def test_pipe_yields_errors_in_place_and_codes_the_rest(pipeline):
    good = article_from_text(GOOD, date=dt.date(2024, 6, 18), origin="good")
    future = article_from_text(GOOD, date=dt.date(2999, 1, 1), origin="future")
    long = article_from_text("The minister spoke. " * 20_000, origin="long")
    french = article_from_text(FRENCH, origin="french")
    out = list(pipeline.pipe([future, good, long, french]))
    assert [type(r).__name__ for r in out] == [
        "InputError",
        "Article",
        "InputError",
        "LanguageError",
    ]
    assert str(out[0]).startswith("future: publication date 2999-01-01 is in the future")
    assert str(out[2]).startswith("long: too long: 399,999 characters")
    assert out[1].events and not article_problems(out[1])


def test_50000_character_sentence_through_the_api(pipeline):
    text = ("Vladimir Putin met Xi Jinping and Joe Biden and " * 1100)[:50_000] + "."
    started = time.perf_counter()
    article = pipeline(text, date="2024-06-18")
    elapsed = time.perf_counter() - started
    assert elapsed < 30, elapsed  # about 2 s on a laptop
    assert max(s.end - s.start for s in article.sentences) <= 2_000
    assert not article_problems(article)


def test_whimbrel_code_function_is_the_same_contract():
    with pytest.raises(InputError):
        whimbrel.code("")
    assert whimbrel.code(GOOD, date="2024-06-18")


# --- a real process ---------------------------------------------------------------------------


def test_real_process_batch_of_bad_inputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "ok", "text": GOOD}) + "\n{broken\n" + json.dumps({"id": 1}) + "\n"
    )
    french = tmp_path / "fr.txt"
    french.write_text(FRENCH, encoding="utf-8")
    args = [str(p) for p in (pdf, huge, good, corpus, french)]
    proc = code_process(*args, "--date", "2024-06-18", "--format", "jsonl")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = failure_lines(proc.stderr)
    expected = [
        f"{pdf}: binary file (PDF) cannot be coded",
        f"{huge}: too large for one article (209,715,200 bytes",
        f"{corpus}:2: malformed JSON",
        f"{corpus}:3: missing 'text' or 'html'",
        f"{french}: not coded: the text is in language 'fr'",
    ]
    for want in expected:
        assert any(want in line for line in lines), (want, lines)
    assert len(lines) == len(expected)
    assert "whimbrel code: 2 coded, 5 failed" in proc.stderr
    ids = {json.loads(line)["article_id"] for line in proc.stdout.splitlines()}
    assert "ok" in ids and len(ids) == 2


def test_real_process_usage_errors_exit_2(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    proc = code_process(str(good), "--date", "2999-01-01")
    assert proc.returncode == 2 and "is in the future" in proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr
