"""read_input: dispatch by suffix or sniffing, decoding, and every way an input can be bad."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from whimbrel.errors import InputError
from whimbrel.ingest.readers import (
    article_from_html,
    article_from_text,
    decode_bytes,
    read_input,
    sniff,
)
from whimbrel.records import Article

FIXTURES = Path(__file__).parent / "fixtures"
PROSE = "The minister said on Tuesday that talks in Zürich had failed — “for now”."


def _only(items: list[Article | InputError]) -> Article | InputError:
    assert len(items) == 1, items
    return items[0]


def _article(path: str, **kwargs: object) -> Article:
    item = _only(list(read_input(path, **kwargs)))  # type: ignore[arg-type]
    assert isinstance(item, Article), item
    return item


def _error(path: str, **kwargs: object) -> str:
    item = _only(list(read_input(path, **kwargs)))  # type: ignore[arg-type]
    assert isinstance(item, InputError), item
    return str(item)


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    shutil.copy(FIXTURES / "pasted_article.txt", path)
    article = _article(str(path), date=dt.date(2024, 3, 12))
    assert article.title == "Estmark recalls envoy as fishing row with Valdoria deepens"
    assert article.text.startswith("The government of Estmark on Tuesday recalled")
    assert article.text.endswith("would still go ahead.")
    assert article.date == dt.date(2024, 3, 12)
    assert article.origin == str(path)
    assert article.id.startswith("a-")
    assert article.language is None and article.url is None


def test_file_without_suffix_is_text_and_same_text_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "noext").write_text("\n" + PROSE + "\n\n", encoding="utf-8")
    assert _article(str(tmp_path / "noext")).text == PROSE
    assert _article(str(tmp_path / "noext")).id == _article(str(tmp_path / "a.txt")).id


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", PROSE.encode("utf-8")),
        ("utf8bom.txt", b"\xef\xbb\xbf" + PROSE.encode("utf-8")),
        ("utf16.txt", PROSE.encode("utf-16")),  # with BOM
        ("utf16be.txt", b"\xfe\xff" + PROSE.encode("utf-16-be")),
        ("cp1252.txt", PROSE.encode("cp1252")),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert _article(str(path)).text == PROSE


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "report.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>",
            "binary file (PDF) cannot be coded",
        ),
        ("report.txt", b"%PDF-1.4\n...", "binary file (PDF) cannot be coded"),
        (
            "memo.docx",
            b"PK\x03\x04\x14\x00\x06\x00",
            "binary file (ZIP archive or Office document)",
        ),
        ("chart.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG) cannot be coded"),
        ("corpus.jsonl", b"\x1f\x8b\x08\x00", "binary file (gzip) cannot be coded"),
        ("blob.txt", b"abc\x00\x01\x02def", "binary file cannot be coded"),
        ("empty.txt", b"", "empty: no prose left after cleaning"),
        ("junk.txt", b"ADVERTISEMENT\n\nShare this article\n", "empty: no prose left"),
        ("wide.jsonl", '{"text": "x"}'.encode("utf-16"), "a JSONL corpus must be UTF-8"),
    ],
)
def test_bad_files_are_reported_by_name(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert _error(str(path)).startswith(f"{path}: {message}")


def test_missing_and_unreadable_paths(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    assert _error(str(missing)) == f"{missing}: cannot read file: No such file or directory"
    assert _error(str(tmp_path)) == f"{tmp_path}: cannot read file: Is a directory"


def test_html_file_uses_page_date_over_the_given_one(tmp_path: Path) -> None:
    path = tmp_path / "page.HTM"
    shutil.copy(FIXTURES / "page.html", path)
    article = _article(str(path), date=dt.date(2020, 1, 1))
    assert article.date == dt.date(2024, 3, 12)
    assert article.publisher == "The Northern Ledger"
    assert article.author == "Mara Lindqvist"
    assert article.url == "https://news.example.org/world/2024/03/12/halvard-reef-standoff"
    assert article.origin == str(path)
    assert article.text.startswith("The foreign ministry of Estmark")


def test_jsonl_file_streams_articles_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    shutil.copy(FIXTURES / "corpus.jsonl", path)
    items = list(read_input(str(path)))
    assert sum(isinstance(i, Article) for i in items) == 4
    assert f"{path}:6: bad date 'yesterday-ish'" in [str(i) for i in items]
    assert items[0].origin == f"{path}:1"  # type: ignore[union-attr]


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(PROSE, encoding="utf-8")
    (tmp_path / "b.dat").write_text('{"id": "k1", "text": "Troops withdrew."}\n', encoding="utf-8")
    shutil.copy(FIXTURES / "page.html", tmp_path / "c.xhtml")
    assert _article(str(tmp_path / "a.md")).text == PROSE
    assert _article(str(tmp_path / "b.dat")).id == "k1"
    assert _article(str(tmp_path / "c.xhtml")).publisher == "The Northern Ledger"


def test_stdin_text_with_title() -> None:
    stdin = io.StringIO("Talks collapse in Geneva\n\n" + PROSE + "\n\nShare this article\n")
    article = _article("-", stdin=stdin, date=dt.date(2024, 3, 12))
    assert (article.title, article.text, article.origin) == (
        "Talks collapse in Geneva",
        PROSE,
        "<stdin>",
    )
    assert article.date == dt.date(2024, 3, 12)


def test_stdin_html_is_sniffed() -> None:
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    assert _article("-", stdin=io.StringIO(html)).title.startswith("Coastguards trade blame")  # type: ignore[union-attr]


def test_stdin_jsonl_is_sniffed_and_numbered() -> None:
    stdin = io.StringIO('\n{"id": "s1", "text": "Troops withdrew."}\n{"id": "s2"}\n')
    article, error = read_input("-", stdin=stdin)
    assert isinstance(article, Article) and article.origin == "<stdin>:2"
    assert str(error) == "<stdin>:3: missing 'text' or 'html'"


def test_stdin_bytes_are_decoded_and_checked() -> None:
    wrapped = io.TextIOWrapper(io.BytesIO(PROSE.encode("utf-16")), encoding="ascii")
    assert _article("-", stdin=wrapped).text == PROSE  # bytes under the text layer are used
    pdf = io.TextIOWrapper(io.BytesIO(b"%PDF-1.7\n\x00\x01"), encoding="latin-1")
    assert _error("-", stdin=pdf) == "<stdin>: binary file (PDF) cannot be coded"
    assert _error("-", stdin=io.StringIO("")) == "<stdin>: empty: no prose left after cleaning"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("  <p>Just a paragraph</p>", "html"),
        ("<b>bold</b> is not a page", "text"),
        ('{"text": "x"}\n{"text": "y"}', "jsonl"),
        ("{not json}\nmore", "text"),
        ('["a list"]', "text"),
        ("Plain prose with <p> inside.", "text"),
    ],
)
def test_sniff(text: str, kind: str) -> None:
    assert sniff(text) == kind


def test_decode_bytes_fallbacks() -> None:
    assert decode_bytes("naïve “quote”".encode("cp1252")) == "naïve “quote”"
    assert decode_bytes(b"\x81\x9d ok") == "\x81\x9d ok"  # unassigned in cp1252: Latin-1
    assert decode_bytes("ünï".encode("utf-32")) == "ünï"


def test_article_from_text_is_what_the_pipeline_calls() -> None:
    article = article_from_text("Russia fires missiles at Kyiv", date=dt.date(2024, 3, 12))
    assert article.text == "Russia fires missiles at Kyiv"  # a lone headline is coded
    assert article.title is None and article.origin is None
    explicit = article_from_text(
        "Headline\n\n" + PROSE, title="Given title", url="https://x.example/a", id="mine"
    )
    assert explicit.title == "Given title" and explicit.id == "mine"
    assert explicit.text == PROSE  # the short "Headline" line is still no prose
    when = article_from_text(PROSE, date=dt.datetime(2024, 3, 12, 23, 59))
    assert when.date == dt.date(2024, 3, 12)
    with pytest.raises(InputError, match=r"^api: empty: no prose left after cleaning$"):
        article_from_text("ADVERTISEMENT", origin="api")


def test_article_from_html_fills_only_missing_fields() -> None:
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    article = article_from_html(html, date=dt.date(2020, 1, 1), url="https://mirror.example/x")
    assert article.date == dt.date(2024, 3, 12)
    assert article.url == "https://news.example.org/world/2024/03/12/halvard-reef-standoff"
    assert article.id == article_from_html(html).id
