"""Fuzzing the REST API (issue 7): generated and mutated requests to every endpoint of
``create_app`` through TestClient, with the real pipeline coding ``POST /api/code``.

Each request is a method, one of the app's paths (with generated path parameters), a
generated query string, generated headers and a body: a generated JSON object shaped like an
article (right and wrong types, unknown fields, odd dates, short texts), arbitrary JSON, or
either one mutated at the byte level. The app must answer every one without a 5xx, every
error as ``{"error": {"code", "message"}}`` with no stack trace, and every event in a 2xx
answer must be a valid :class:`whimbrel.records.Event`.

``WHIMBREL_FUZZ_EXAMPLES`` sets the number of requests (200 in the suite); the scale run
recorded in docs/HARDENING.md is ``WHIMBREL_FUZZ_EXAMPLES=10000``. URLs are fetched through
``httpx.MockTransport`` with a fake resolver: no network.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from whimbrel.records import Article, Event
from whimbrel.serve.api import create_app
from whimbrel.store import Store
from whimbrel.store.fetch import Fetcher

EXAMPLES = int(os.environ.get("WHIMBREL_FUZZ_EXAMPLES", "200"))
TOKEN = "fuzz-token"
SENTENCES = [
    "Russian troops shelled the Ukrainian city of Kharkiv on Tuesday, officials said.",
    "The European Union imposed new sanctions on Russia last year.",
    "North Korea fired two missiles on Tuesday. Japan condemned the launches.",
    "Armenia and Azerbaijan resumed peace talks in Washington on Monday.",
    "Police arrested dozens of protesters in Tehran.",
]
PAGE = (
    "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>"
    "<p>Armenia and Azerbaijan resumed peace talks in Washington on Monday, the State "
    "Department said, after months of deadlock over the border.</p></article></body></html>"
)


def _resolver(host: str) -> list[str]:
    if host == "news.example":
        return ["93.184.216.34"]
    if host == "intranet.example":
        return ["10.1.2.3"]
    if host.replace(".", "").isdigit() or ":" in host:
        return [host]
    raise OSError("unknown host")


def _web(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path.endswith("/story"):
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})
    if path.endswith("/feed"):
        return httpx.Response(200, content=b"<rss><channel></channel></rss>")
    if path.endswith("/binary"):
        return httpx.Response(200, content=b"%PDF-1.4\x00\xff", headers={"content-type": "x/y"})
    if path.endswith("/moved"):
        return httpx.Response(302, headers={"location": "http://intranet.example/admin"})
    return httpx.Response(404)


def _fetcher() -> Fetcher:
    return Fetcher(httpx.MockTransport(_web), resolver=_resolver)


@pytest.fixture(scope="module")
def client(tmp_path_factory, pipeline):
    path = str(tmp_path_factory.mktemp("fuzz") / "api.duckdb")
    with Store(path) as store:
        store.ingest(
            [Article(id=f"seed-{i}", text=t, date="2024-03-12") for i, t in enumerate(SENTENCES)],
            pipeline=pipeline,
        )
    app = create_app(path, token=TOKEN, pipeline=pipeline, fetcher=_fetcher, lock_timeout=2)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


# -- strategies --------------------------------------------------------------------------------

short_text = st.text(max_size=40)
words = st.sampled_from(
    ["RUS", "UKR", "PRK", "Russia", "all", "asserted", "2024-03-12", "2024-13-45", "0", "-1",
     "1", "5", "1001", "true", "nope", "week", "month", "year", "actor", "country", "", " ",
     "%", "%00", "'; DROP TABLE events; --", "seed-1", "ACCUSE", "\u202e", "\ud800"]
)  # fmt: skip
any_value = st.one_of(words, short_text, st.integers(-(10**12), 10**12), st.booleans())
json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), short_text, words
)
any_json = st.recursive(
    json_leaf,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(short_text, kids, max_size=4),
    max_leaves=12,
)
prose = st.one_of(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=2).map(" ".join),
    st.text(max_size=120),
    st.sampled_from(SENTENCES).flatmap(
        lambda s: st.integers(0, len(s)).map(lambda i: s[:i] + "\ud800\u0000<b>[bold]" + s[i:])
    ),
)
urls = st.sampled_from(
    ["http://news.example/story", "https://news.example/feed", "http://news.example/binary",
     "http://news.example/moved", "http://intranet.example/x", "http://127.0.0.1/",
     "file:///etc/passwd", "ftp://news.example/", "not a url", "http://unknown.example/",
     "http://[::1]/", "http://169.254.169.254/latest/meta-data"]
)  # fmt: skip
dates = st.one_of(
    st.sampled_from(["2024-03-12", "2999-01-01", "0001-01-01", "2024-02-30", "12/03/2024",
                     "yesterday", "", "2024-03-12T10:00:00Z", "1799-12-31"]),
    short_text,
)  # fmt: skip
# Mostly well typed, so that many bodies get past validation to the coder.
field_values = {
    "text": st.one_of(prose, prose, prose, any_json),
    "html": st.one_of(st.just(PAGE), prose.map(lambda t: f"<p>{t}</p>"), any_json),
    "url": st.one_of(urls, urls, any_json),
    "date": st.one_of(st.just("2024-03-12"), dates, dates, any_json),
    "title": st.one_of(short_text, any_json),
    "publisher": st.one_of(short_text, any_json),
    "id": st.one_of(short_text, words, any_json),
}
article_body = st.fixed_dictionaries({}, optional={k: v for k, v in field_values.items()}).flatmap(
    lambda d: st.dictionaries(short_text, any_json, max_size=2).map(
        lambda extra: d if not extra or len(d) % 3 else {**d, **extra}
    )
)


typed_body = st.fixed_dictionaries(
    {"text": prose},
    optional={"date": dates, "title": short_text, "publisher": short_text, "id": short_text,
              "url": urls},
)  # fmt: skip  # well-typed, so that it reaches the coder


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """``data`` with one to three byte-level mutations."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "dup", "delete"]))
        at = draw(st.integers(0, len(out)))
        if kind == "flip" and out:
            at = min(at, len(out) - 1)
            out[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del out[at:]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
                [b"{", b"}", b'"', b",", b"\\u", b"\xff\xfe", b"null", b"[", b"\x00"]
            ))  # fmt: skip
        elif kind == "dup":
            out[at:at] = out[at : at + draw(st.integers(1, 32))]
        elif out:
            del out[at : at + draw(st.integers(1, 8))]
    return bytes(out)


@st.composite
def bodies(draw) -> tuple[bytes | None, str | None]:
    """A body and its content type."""
    choice = draw(st.sampled_from(["typed", "typed", "article", "article", "json", "none"]))
    if choice == "none":
        return None, draw(st.none() | st.just("application/json"))
    value = draw({"typed": typed_body, "article": article_body}.get(choice, any_json))
    data = json.dumps(value, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 3)) == 0:
        data = draw(mutated(data))
    kind = draw(st.sampled_from(
        ["application/json", "application/json", "application/json; charset=latin-1",
         "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", None]
    ))  # fmt: skip
    return data, kind


QUERY_KEYS = ["source", "target", "actor", "type", "quad", "factuality", "since", "until",
              "search", "mentions", "limit", "offset", "by", "directed", "level", "x"]  # fmt: skip


@st.composite
def queries(draw) -> str:
    pairs = draw(st.lists(st.tuples(st.sampled_from(QUERY_KEYS), any_value), max_size=5))
    raw = draw(st.integers(0, 4)) == 0
    parts = []
    for key, value in pairs:
        value = str(value)
        parts.append(
            f"{key}={value}" if raw else f"{key}={quote(value, safe='', errors='replace')}"
        )
    query = "&".join(parts)
    if raw:
        query = quote(query, safe="=&%/?:+,;", errors="replace")
    return query


segment = st.one_of(words, short_text).map(lambda s: quote(s, safe="", errors="replace") or "x")


@st.composite
def requests(draw) -> tuple[str, str, dict[str, str], bytes | None]:
    path = draw(st.one_of(
        st.sampled_from(["/api/code", "/api/articles"]),  # the endpoints that code, oftener
        st.sampled_from(["/api/code", "/api/articles", "/api/events", "/api/actors",
                         "/api/network", "/", "/favicon.ico", "/openapi.json", "/docs",
                         "/static/index.html", "/static/../../etc/passwd", "/api/nope"]),
        segment.map(lambda s: f"/api/articles/{s}"),
        st.tuples(segment, segment).map(lambda ab: f"/api/dyads/{ab[0]}/{ab[1]}"),
    ))  # fmt: skip
    if path in ("/api/code", "/api/articles"):
        method = draw(st.sampled_from(["POST"] * 6 + ["GET", "PUT"]))
    else:
        method = draw(st.sampled_from(["GET", "GET", "GET", "POST", "DELETE", "HEAD"]))
    query = draw(queries())
    headers: dict[str, str] = {}
    auth = draw(st.sampled_from([None, f"Bearer {TOKEN}", f"Bearer {TOKEN}", "Bearer x",
                                 "Basic Zm9vOmJhcg==", "Bearer", TOKEN, ""]))  # fmt: skip
    if auth is not None:
        headers["authorization"] = auth
    for name in draw(
        st.lists(
            st.sampled_from(["accept", "x-forwarded-for", "origin", "accept-encoding", "x-junk"]),
            max_size=2,
        )
    ):
        headers[name] = draw(st.text(st.characters(min_codepoint=32, max_codepoint=126),
                                     max_size=30))  # fmt: skip
    body = None
    if method in ("POST", "PUT"):
        body, kind = draw(bodies())
        if kind is not None:
            headers["content-type"] = kind
    return method, path + (f"?{query}" if query else ""), headers, body


# -- checks ------------------------------------------------------------------------------------


def _events_of(path: str, data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, dict):
        return []
    if path.startswith(("/api/code", "/api/articles/")):
        return list(data.get("events") or [])
    if path.startswith("/api/events"):
        return [{k: v for k, v in item.items() if k != "canonical"} for item in data["items"]]
    return []


def check(response: httpx.Response, method: str, url: str) -> None:
    where = f"{method} {url!r} -> {response.status_code}"
    assert response.status_code < 500, f"{where}: {response.text[:500]}"
    assert "Traceback" not in response.text, where
    path = url.split("?", 1)[0]
    is_json = response.headers.get("content-type", "").startswith("application/json")
    if response.status_code >= 400:
        if method == "HEAD":
            return
        assert is_json, f"{where}: {response.headers.get('content-type')}"
        error = response.json()["error"]
        assert set(error) == {"code", "message"}, where
        assert isinstance(error["code"], str) and error["code"], where
        assert isinstance(error["message"], str) and error["message"], where
        return
    if is_json and method != "HEAD":
        for event in _events_of(path, response.json()):
            Event.model_validate(event)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(req=requests())
def test_every_request_gets_a_clean_answer(client, req):
    method, url, headers, body = req
    response = client.request(method, url, headers=headers, content=body)
    endpoint = "/".join(url.split("?", 1)[0].split("/")[:3])
    event(f"{method} {endpoint} {response.status_code}")  # --hypothesis-show-statistics
    check(response, method, url)


def test_the_fuzzer_reaches_coding_and_storing(client):
    """The generators are not all refused at the door: a coded article and a stored one."""
    body = {"text": " ".join(SENTENCES[:2]), "date": "2024-03-12"}
    coded = client.post("/api/code", json=body)
    check(coded, "POST", "/api/code")
    assert coded.status_code == 200 and coded.json()["events"]
    stored = client.post("/api/articles", json=body, headers={"authorization": f"Bearer {TOKEN}"})
    assert stored.status_code in (200, 201), stored.text
    listed = client.get("/api/events?mentions=true&factuality=all&limit=1000")
    check(listed, "GET", "/api/events")
    assert listed.json()["total"] >= 1


@pytest.mark.parametrize("article_id", ["fuzz-\u00b2", "fuzz/β 中?#%", "fuzz-\ud800-x"])
def test_any_article_id_gets_a_working_location(client, article_id):
    """Found by the scale run: a non-ASCII id went raw into the Location header, and the
    response failed as it was sent (a 500 through TestClient; a non-Latin-1 id fails in any
    server). The path is now percent-encoded, and it leads back to the article."""
    body = {"text": SENTENCES[3], "date": "2024-03-12", "id": article_id}
    headers = {"authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    raw = json.dumps(body)  # a lone surrogate travels as its JSON escape
    stored = client.post("/api/articles", content=raw, headers=headers)
    check(stored, "POST", "/api/articles")
    assert stored.status_code == 201, stored.text
    location = stored.headers["location"]
    assert location.isascii() and location == stored.json()["url"]
    found = client.get(location)
    assert found.status_code == 200, found.text
    assert found.json()["article"]["id"] == stored.json()["id"]
    again = client.post("/api/articles", content=raw, headers=headers)
    assert again.status_code == 200 and again.json()["url"] == location
