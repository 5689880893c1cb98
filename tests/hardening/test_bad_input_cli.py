"""Every bad input of issue 7 through the real ``whimbrel code`` CLI (typer's CliRunner).

Each bad input is coded in a batch beside a good article. Each test asserts the one-line
message (it names the input, and the line for corpora, and the problem), the exit status
(1: some inputs failed; 2: usage error), that no traceback is printed, and that the good
article of the batch is still coded. See docs/HARDENING.md for the table these tests check.
"""

from __future__ import annotations

import codecs
import csv
import json
import time

import pytest
from hardening_helpers import GOOD, code, failure_lines, record_problems

from whimbrel.serve.cli.app import app


def assert_batch(result, events, bad: str, message: str, *, failures: int = 1) -> None:
    """Exit 1, the bad input named with its problem, nothing else failed, the good one coded."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stderr
    lines = failure_lines(result.stderr)
    assert len(lines) == failures, lines
    assert any(line.startswith(f"whimbrel code: {bad}") and message in line for line in lines), (
        lines
    )
    assert any("Kharkiv" in e["sentence"] for e in events), "the good article was not coded"
    assert all(not record_problems(e) for e in events)


# --- empty and binary files ----------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \r\n", b"\xef\xbb\xbf", b"----\n****\n"])
def test_empty_file(runner, tmp_path, good_file, content):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(content)
    result, events = code(runner, str(bad), str(good_file))
    assert_batch(result, events, str(bad), "empty: no prose left after cleaning")


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "PNG"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        ("bundle.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP archive or Office document"),
        ("misnamed.txt", b"%PDF-1.4\nnot text at all", "PDF"),
        ("blob.dat", b"\x00\x01\x02\x03binary\x00\x00", ""),
    ],
)
def test_binary_file(runner, tmp_path, good_file, name, content, kind):
    bad = tmp_path / name
    bad.write_bytes(content)
    result, events = code(runner, str(bad), str(good_file))
    label = f"binary file ({kind})" if kind else "binary file"
    assert_batch(result, events, str(bad), f"{label} cannot be coded")


# --- encodings: decoded, not refused ----------------------------------------------------------

ACCENTED = (
    "The French président met the minister in the café on Tuesday, officials said.\n\n" + GOOD
)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("cp1252", b""),
        ("latin-1", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_legacy_and_bom_encodings_are_decoded(runner, tmp_path, encoding, prefix):
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(prefix + ACCENTED.replace("’", "'").encode(encoding))
    result = runner.invoke(app, ["code", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)
    assert "président" in doc["article"]["text"] and "café" in doc["article"]["text"]
    assert doc["events"]


def test_invalid_utf8_is_read_as_cp1252_and_coded(runner, tmp_path, good_file):
    path = tmp_path / "mixed.txt"
    path.write_bytes(GOOD.encode() + b"\n\nThe minister\x92s caf\xe9 \xff\xfe statement.")
    result, events = code(runner, str(path), str(good_file))
    assert result.exit_code == 0, result.output
    assert events


def test_broken_utf16_is_named(runner, tmp_path, good_file):
    bad = tmp_path / "broken16.txt"
    bad.write_bytes(codecs.BOM_UTF16_LE + "Russia".encode("utf-16-le") + b"\x00\xd8")
    result, events = code(runner, str(bad), str(good_file))
    assert_batch(result, events, str(bad), "cannot decode the text (utf-16")


def test_utf16_corpus_is_refused_as_a_whole(runner, tmp_path, good_file):
    bad = tmp_path / "corpus16.jsonl"
    line = json.dumps({"id": "a", "text": GOOD}) + "\n"
    bad.write_bytes(codecs.BOM_UTF16_LE + line.encode("utf-16-le"))
    result, events = code(runner, str(bad), str(good_file))
    assert_batch(result, events, str(bad), "a JSONL corpus must be UTF-8")


# --- size ---------------------------------------------------------------------------------------


def test_200_mb_text_file_is_refused_from_its_size(runner, tmp_path, good_file):
    bad = tmp_path / "huge.txt"
    with bad.open("wb") as handle:  # a sparse file: 200 MB long, nothing written to disk
        handle.truncate(200 * 1024 * 1024)
    started = time.perf_counter()
    result, events = code(runner, str(bad), str(good_file))
    assert_batch(result, events, str(bad), "too large for one article (209,715,200 bytes")
    assert "--max-article-chars" in result.stderr
    assert time.perf_counter() - started < 30  # the model load dominates; huge.txt is not read


def test_max_article_chars_option_refuses_longer_text(runner, tmp_path, good_file):
    bad = tmp_path / "long.txt"
    bad.write_text("The minister spoke at length on Tuesday. " * 50, encoding="utf-8")
    result, events = code(runner, str(bad), str(good_file), "--max-article-chars", "1000")
    assert_batch(result, events, str(bad), "too long: 2,050 characters, the limit is 1,000")


def test_max_article_chars_applies_to_corpus_lines_and_stdin(runner, tmp_path):
    corpus = tmp_path / "c.jsonl"
    lines = [{"id": "long", "text": "The minister spoke. " * 100}, {"id": "ok", "text": GOOD}]
    corpus.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    result, events = code(runner, str(corpus), "--max-article-chars", "1000")
    assert_batch(result, events, f"{corpus}:1", "too long: 2,000 characters")
    result, _ = code(runner, "-", "--max-article-chars", "100", stdin=GOOD)
    assert result.exit_code == 1 and "<stdin>: too long" in result.stderr


def test_over_long_corpus_line_is_skipped_unread(runner, tmp_path, monkeypatch):
    import whimbrel.ingest.corpora as corpora

    monkeypatch.setattr(corpora, "MAX_LINE_BYTES", 1000)
    monkeypatch.setattr(corpora, "_CHUNK", 64)
    monkeypatch.setattr(corpora.bounded_lines, "__defaults__", (1000,))
    corpus = tmp_path / "c.jsonl"
    big = json.dumps({"id": "big", "text": "word " * 1000})
    corpus.write_text(big + "\n" + json.dumps({"id": "ok", "text": GOOD}) + "\n")
    result, events = code(runner, str(corpus))
    assert_batch(result, events, f"{corpus}:1", "line too long (5,")
    assert {e["article_id"] for e in events} == {"ok"}


def test_bad_max_article_chars_is_a_usage_error(runner, good_file):
    result, _ = code(runner, str(good_file), "--max-article-chars", "0")
    assert result.exit_code == 2


# --- HTML with no article text --------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        "<html><head><script>var a = 1;</script></head><body></body></html>",
        "<html><body><p>Share this article</p><p>Advertisement</p></body></html>",
        "<html><body><table><tr><td>1</td><td>2</td></tr></table></body></html>",
    ],
)
def test_html_without_article_text(runner, tmp_path, good_file, html):
    bad = tmp_path / "page.html"
    bad.write_text(html, encoding="utf-8")
    result, events = code(runner, str(bad), str(good_file))
    assert_batch(result, events, str(bad), "no article text found in the HTML")


# --- corpora: malformed lines, missing fields, wrong types ----------------------------------

BAD_LINES = [
    ('{"id": "a", text: "x"}', "malformed JSON: Expecting property name"),
    ('{"id": "a", "text": "unterminated', "malformed JSON: Invalid control character"),
    ('{"id": "a"}', "missing 'text' or 'html'"),
    ('{"id": "a", "text": ["a", "list"]}', "field 'text' must be a string, not list"),
    ('{"id": "a", "text": 12}', "field 'text' must be a string, not int"),
    ('{"id": "a", "html": {"p": 1}}', "field 'html' must be a string, not dict"),
    ('{"id": "a", "text": "Russia said so.", "title": 5}', "field 'title' must be a string"),
    ('{"id": true, "text": "Russia said so."}', "field 'id' must be a non-empty string"),
    ('{"id": "a", "text": "Russia said so.", "date": "yesterday-ish"}', "bad date 'yesterday-ish'"),
    ('{"id": "a", "text": "Russia said so.", "date": 20240101}', "bad date 20240101"),
    ('["a", "list"]', "expected a JSON object, got list"),
    ('"just a string"', "expected a JSON object, got str"),
    ('{"id": "a", "text": "   "}', "empty: no prose left after cleaning"),
    ('{"id": "a", "html": "<html><body></body></html>"}', "no article text found in the HTML"),
    (
        '{"id": "a", "text": "Russia said so.", "date": "2999-01-01"}',
        "publication date 2999-01-01 is in the future",
    ),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES, ids=[m for _, m in BAD_LINES])
def test_corpus_bad_line_is_named_with_its_line(runner, tmp_path, line, message):
    corpus = tmp_path / "corpus.jsonl"
    good = json.dumps({"id": "good", "text": GOOD, "date": "2024-06-18"})
    corpus.write_text(f"{good}\n\n{line}\n{good.replace('good', 'good2')}\n", encoding="utf-8")
    result, events = code(runner, str(corpus))
    assert_batch(result, events, f"{corpus}:3", message)
    assert {e["article_id"] for e in events} == {"good", "good2"}


def test_corpus_line_of_invalid_utf8_is_named(runner, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    good = json.dumps({"id": "good", "text": GOOD}).encode()
    corpus.write_bytes(good + b"\n" + b'{"id": "x", "text": "caf\xe9"}\n')
    result, events = code(runner, str(corpus))
    assert_batch(result, events, f"{corpus}:2", "not valid UTF-8")


def test_csv_corpus_rows_are_coded_and_bad_rows_named(runner, tmp_path):
    path = tmp_path / "corpus.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "date"])
        writer.writerow(["good", GOOD, "2024-06-18"])  # lines 2-4: the text has a blank line
        writer.writerow(["blank", "", "2024-06-18"])  # line 5
        writer.writerow(["baddate", GOOD, "someday"])  # lines 6-8
        writer.writerow(["short"])  # line 9: missing fields
    result, events = code(runner, str(path))
    assert result.exit_code == 1, result.output
    lines = failure_lines(result.stderr)
    assert any(f"{path}:5: empty text" in line for line in lines), lines
    assert any(f"{path}:6: bad date 'someday'" in line for line in lines), lines
    assert any(f"{path}:9: empty text" in line for line in lines), lines
    assert {e["article_id"] for e in events} == {"good"}


def test_csv_without_a_text_column_is_named(runner, tmp_path, good_file):
    path = tmp_path / "wrong.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result, events = code(runner, str(path), str(good_file))
    assert_batch(result, events, str(path), "no text column in the header (a, b)")
    result, events = code(runner, str(path), str(good_file), "--csv-map", "text=b")
    assert result.exit_code == 1 and "no text column" not in result.stderr


# --- language, long sentences, dates --------------------------------------------------------

FRENCH = (
    "Le gouvernement français a annoncé mardi de nouvelles sanctions contre la Russie, "
    "après des semaines de négociations difficiles avec ses partenaires européens."
)


def test_non_english_article_is_reported_not_coded(runner, tmp_path, good_file):
    bad = tmp_path / "french.txt"
    bad.write_text(FRENCH, encoding="utf-8")
    result, events = code(runner, str(bad), str(good_file))
    assert_batch(result, events, str(bad), "not coded: the text is in language 'fr'")
    assert all("gouvernement" not in e["sentence"] for e in events)


def test_50000_character_sentence_is_coded_quickly(runner, tmp_path, good_file):
    bad = tmp_path / "runon.txt"
    bad.write_text(("Russia attacked Ukraine, " * 2100)[:50_000] + " and left.", encoding="utf-8")
    started = time.perf_counter()
    result, events = code(runner, str(bad), str(good_file))
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert elapsed < 40, elapsed  # about 4 s on a laptop; unbounded sentences took minutes
    assert all(len(e["sentence"]) <= 2_000 for e in events)
    assert any("Kharkiv" in e["sentence"] for e in events)


@pytest.mark.parametrize("date", ["yesterday", "2024-13-01", "18/06/2024", ""])
def test_unparseable_date_option_is_a_usage_error(runner, good_file, date):
    result, events = code(runner, str(good_file), "--date", date)
    assert result.exit_code == 2 and events == []
    assert "--date" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("date", "message"),
    [("2999-01-01", "is in the future"), ("0001-01-01", "is before 1800-01-01")],
)
def test_out_of_range_date_option_is_a_usage_error(runner, good_file, date, message):
    result, events = code(runner, str(good_file), "--date", date)
    assert result.exit_code == 2 and events == []
    assert f"--date: publication date {date} {message}" in result.stderr


def test_missing_file_is_named(runner, tmp_path, good_file):
    bad = tmp_path / "gone.txt"
    result, events = code(runner, str(bad), str(good_file))
    assert_batch(result, events, str(bad), "cannot read file: No such file or directory")


def test_directory_is_named(runner, tmp_path, good_file):
    result, events = code(runner, str(tmp_path), str(good_file))
    assert_batch(result, events, str(tmp_path), "cannot read file: Is a directory")


def test_markup_and_surrogates_in_metadata_do_not_break_any_format(runner, tmp_path):
    corpus = tmp_path / "odd.jsonl"
    record = {"id": "\ud800odd", "title": "[bold]x[/]\udfff", "text": "[/red] " + GOOD}
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    for fmt in ("jsonl", "json", "csv", "table"):
        result = runner.invoke(app, ["code", str(corpus), "-f", fmt])
        assert result.exit_code == 0, (fmt, result.output)
        assert "Kharkiv" in result.stdout, fmt
