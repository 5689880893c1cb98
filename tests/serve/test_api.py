"""The REST API through FastAPI's TestClient: every endpoint, the token, the size limit, the
refused URLs (httpx.MockTransport and a fake resolver: no network) and the one error shape."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))

from _events import article

from whimbrel.serve.api import create_app
from whimbrel.store import Store
from whimbrel.store.fetch import Fetcher

TOKEN = "t0ken-for-tests"
TEXT = (
    "Russia and North Korea sign defence pact\n\n"
    "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on "
    "Wednesday. The two leaders signed a mutual defence agreement. Japan condemned the deal, "
    "and South Korea said it might expel the Russian ambassador."
)
PAGE = (
    "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>"
    "<p>Armenia and Azerbaijan resumed peace talks in Washington on Monday, the State "
    "Department said, after months of deadlock over the border.</p>"
    "<p>Both delegations agreed to meet again next month to discuss the remaining issues "
    "of the peace treaty, officials said.</p></article></body></html>"
)
ADDRESSES = {
    "news.example": ["93.184.216.34"],
    "intranet.example": ["10.1.2.3"],
    "rebind.example": ["93.184.216.36", "127.0.0.1"],
    "metadata.example": ["169.254.169.254"],
}


def resolver(host: str) -> list[str]:
    if host in ADDRESSES:
        return ADDRESSES[host]
    if host.replace(".", "").isdigit() or ":" in host:
        return [host]
    raise OSError("unknown host")


def web(request: httpx.Request) -> httpx.Response:
    key = f"{request.headers['host']}{request.url.path}"
    if key == "news.example/story":
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})
    if key == "news.example/moved":
        return httpx.Response(302, headers={"location": "http://intranet.example/admin"})
    return httpx.Response(404)


def fetcher() -> Fetcher:
    return Fetcher(httpx.MockTransport(web), resolver=resolver)


@pytest.fixture
def store_path(tmp_path) -> str:
    path = str(tmp_path / "api.duckdb")
    with Store(path) as store:
        store.add_article(article("art-1"))
        store.add_article(article("art-2", date="2024-03-13"))
    return path


@pytest.fixture
def client(store_path, pipeline):
    app = create_app(store_path, token=TOKEN, pipeline=pipeline, fetcher=fetcher)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def open_client(store_path):
    """A server started without a token (and a pipeline nobody should load)."""
    app = create_app(store_path, pipeline=lambda: pytest.fail("no coding expected"))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def assert_error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert "Traceback" not in response.text
    return body["error"]


# -- POST /api/code ---------------------------------------------------------------------------


def test_code_text_returns_the_json_format_of_whimbrel_code(client):
    response = client.post("/api/code", json={"text": TEXT, "date": "2024-06-19"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"article", "events"}
    assert set(body["article"]) == {"id", "title", "url", "publisher", "date", "text"}
    assert body["article"]["title"] == "Russia and North Korea sign defence pact"
    assert body["events"], "the pact, the meeting or the condemnation should be coded"
    text = body["article"]["text"]
    for e in body["events"]:
        assert text[e["sentence_start"] : e["sentence_end"]] == e["sentence"]
        assert "explain" not in e
    with Store(client.app.state.access.url, read_only=True) as store:
        assert store.counts()["articles"] == 2  # nothing stored


def test_code_html(client):
    response = client.post("/api/code", json={"html": PAGE, "date": "2024-03-11"})
    assert response.status_code == 200, response.text
    assert response.json()["article"]["title"] == "Talks resume"


def test_code_url_is_fetched_through_the_safe_fetcher(client):
    response = client.post("/api/code", json={"url": "http://news.example/story"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["article"]["url"] == "http://news.example/story"
    assert "Armenia" in body["article"]["text"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/admin",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.8:8080/",
        "http://intranet.example/",
        "http://rebind.example/",
        "https://metadata.example/",
        "file:///etc/passwd",
        "ftp://news.example/story",
        "http://news.example/moved",  # a redirect to a private address
    ],
)
def test_code_refuses_private_loopback_link_local_and_non_http_urls(client, url):
    error = assert_error(client.post("/api/code", json={"url": url}), 400, "bad_input")
    assert "refused" in error["message"]


def test_code_bad_requests(client):
    assert_error(client.post("/api/code", json={}), 400, "bad_input")
    assert_error(client.post("/api/code", json={"text": "x", "html": "<p>x</p>"}), 400, "bad_input")
    assert_error(client.post("/api/code", json={"text": TEXT, "date": "June"}), 400, "bad_input")
    assert_error(client.post("/api/code", json={"text": "   "}), 400, "bad_input")
    assert_error(
        client.post("/api/code", json={"text": 3, "colour": "red"}), 422, "invalid_request"
    )
    bad_json = client.post(
        "/api/code", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert_error(bad_json, 422, "invalid_request")


# -- POST /api/articles -------------------------------------------------------------------------


def test_post_article_needs_the_token(client):
    body = {"text": TEXT, "date": "2024-06-19"}
    missing = assert_error(client.post("/api/articles", json=body), 401, "unauthorized")
    assert "bearer" in missing["message"]
    wrong = client.post("/api/articles", json=body, headers={"Authorization": "Bearer nope"})
    assert_error(wrong, 401, "unauthorized")
    assert wrong.headers["www-authenticate"] == "Bearer"
    basic = client.post("/api/articles", json=body, headers={"Authorization": f"Basic {TOKEN}"})
    assert_error(basic, 401, "unauthorized")


def test_post_article_is_forbidden_when_the_server_has_no_token(open_client):
    body = {"text": TEXT}
    assert_error(open_client.post("/api/articles", json=body), 403, "writes_disabled")
    anything = open_client.post(
        "/api/articles", json=body, headers={"Authorization": "Bearer guess"}
    )
    assert_error(anything, 403, "writes_disabled")


def test_post_article_stores_it_once(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": TEXT, "date": "2024-06-19", "url": "https://news.example/pact"}
    first = client.post("/api/articles", json=body, headers=auth)
    assert first.status_code == 201, first.text
    stored = first.json()
    assert stored["stored"] is True and stored["events"] >= 1
    assert first.headers["location"] == stored["url"]
    again = client.post("/api/articles", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["stored"] is False
    got = client.get(stored["url"])
    assert got.status_code == 200
    assert got.json()["article"]["url"] == "https://news.example/pact"
    assert len(got.json()["events"]) == stored["events"]
    realised = [
        e for e in got.json()["events"] if e["factuality"] in ("asserted", "reported", "habitual")
    ]
    assert client.get("/api/events", params={"limit": 1}).json()["total"] == 10 + len(realised)


# -- reads ---------------------------------------------------------------------------------------


def test_get_article_with_its_events(client):
    body = client.get("/api/articles/art-1").json()
    assert body["article"]["id"] == "art-1" and body["article"]["publisher"] == "Test Wire"
    assert len(body["events"]) == 6
    e = body["events"][0]
    assert body["article"]["text"][e["trigger"]["start"] : e["trigger"]["end"]] == "met"
    error = assert_error(client.get("/api/articles/missing"), 404, "not_found")
    assert "missing" in error["message"] and "duckdb" not in error["message"]


def test_events_filters_and_pages(client):
    everything = client.get("/api/events").json()
    assert everything["total"] == 10  # realised only: the hypothetical ones are left out
    assert everything["next"] is None and len(everything["items"]) == 10
    assert client.get("/api/events", params={"factuality": "all"}).json()["total"] == 12
    speculative = client.get("/api/events", params={"factuality": "hypothetical"}).json()
    assert {e["event_type"] for e in speculative["items"]} == {"ASSAULT"}
    assert client.get("/api/events", params={"source": "RUS", "target": "PRK"}).json()["total"] == 4
    assert client.get("/api/events", params={"actor": "USA"}).json()["total"] == 4
    assert client.get("/api/events", params={"type": "CONSULT,AID"}).json()["total"] == 4
    assert client.get("/api/events", params=[("quad", "3"), ("quad", "4")]).json()["total"] == 4
    dated = {"since": "2024-02-01", "until": "2024-02-29"}
    assert client.get("/api/events", params=dated).json()["total"] == 4
    assert client.get("/api/events", params={"search": "thanked"}).json()["total"] == 2
    page = client.get("/api/events", params={"limit": 4}).json()
    assert len(page["items"]) == 4 and page["total"] == 10
    assert page["next"].startswith("/api/events?") and "offset=4" in page["next"]
    following = client.get(page["next"]).json()
    assert following["offset"] == 4
    assert {e["id"] for e in following["items"]}.isdisjoint({e["id"] for e in page["items"]})
    last = client.get("/api/events", params={"limit": 4, "offset": 8}).json()
    assert len(last["items"]) == 2 and last["next"] is None


def test_events_bad_filters(client):
    assert_error(client.get("/api/events", params={"quad": "7"}), 400, "bad_input")
    assert_error(client.get("/api/events", params={"since": "yesterday"}), 400, "bad_input")
    assert_error(client.get("/api/events", params={"factuality": "maybe"}), 400, "bad_input")
    assert_error(client.get("/api/events", params={"limit": 0}), 422, "invalid_request")
    assert_error(client.get("/api/events", params={"offset": -1}), 422, "invalid_request")


def test_dyads_by_week_month_and_directed(client):
    weekly = client.get("/api/dyads/RUS/PRK").json()
    assert weekly["by"] == "week" and weekly["events"] == 6
    assert weekly["series"][0]["period"] == "2024-W02"
    monthly = client.get("/api/dyads/RUS/PRK", params={"by": "month"}).json()
    assert [(r["period"], r["events"], r["net_cooperation"]) for r in monthly["series"]] == [
        ("2024-01", 4, 4),
        ("2024-02", 2, 2),
    ]
    directed = client.get("/api/dyads/PRK/RUS", params={"directed": "true", "by": "year"}).json()
    assert directed["series"][0]["events"] == 2
    assert_error(client.get("/api/dyads/RUS/PRK", params={"by": "decade"}), 422, "invalid_request")


def test_actors_and_network(client):
    body = client.get("/api/actors", params={"limit": 2}).json()
    assert [a["actor"] for a in body["actors"]] == ["RUS", "PRK"]
    assert body["dyads"][0] == {**body["dyads"][0], "a": "PRK", "b": "RUS", "events": 6}
    graph = client.get("/api/network").json()
    assert {n["id"] for n in graph["nodes"]} == {"RUS", "PRK", "USA"}
    assert len(graph["edges"]) == 2
    assert len(client.get("/api/network", params={"limit": 2}).json()["nodes"]) == 2
    assert_error(client.get("/api/actors", params={"level": "planet"}), 422, "invalid_request")


# -- limits, shape, page ----------------------------------------------------------------------


def test_bodies_over_5_mb_answer_413(client):
    big = json.dumps({"text": "a" * (5 * 1024 * 1024)}).encode()
    declared = client.post("/api/code", content=big, headers={"content-type": "application/json"})
    assert_error(declared, 413, "payload_too_large")

    def chunks():  # no Content-Length: the body is counted as it streams
        for _ in range(6):
            yield b"a" * (1024 * 1024)

    streamed = client.post(
        "/api/articles", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in streamed.request.headers
    assert_error(streamed, 413, "payload_too_large")
    small = client.post("/api/code", content=b'{"text": "' + b"b" * 1000 + b'"}',
                        headers={"content-type": "application/json"})  # fmt: skip
    assert small.status_code in (200, 400)


def test_unknown_routes_methods_and_crashes_share_the_error_shape(store_path):
    def broken():
        class Broken:
            def __call__(self, article):
                raise RuntimeError("secret internal detail")

        return Broken()

    app = create_app(store_path, pipeline=broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        assert_error(c.get("/api/nothing"), 404, "not_found")
        assert_error(c.delete("/api/events"), 405, "method_not_allowed")
        crash = c.post("/api/code", json={"text": TEXT})
        error = assert_error(crash, 500, "internal_error")
        assert "secret" not in error["message"]


def test_page_docs_and_openapi(client):
    page = client.get("/")
    assert page.status_code == 200 and "<title>whimbrel" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    for asset in ("app.js", "app.css", "favicon.svg"):
        assert client.get(f"/static/{asset}").status_code == 200
    for needle in ('src="http', 'href="http', 'src="//', 'href="//'):
        assert needle not in page.text  # every asset from the package
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in docs.text
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/code", "/api/articles", "/api/articles/{article_id}", "/api/events",
                 "/api/dyads/{a}/{b}", "/api/actors", "/api/network"):  # fmt: skip
        assert path in paths


def test_memory_store_is_refused():
    from whimbrel.errors import StoreError

    with pytest.raises(StoreError):
        create_app(":memory:")


def test_a_new_store_is_created_at_start(tmp_path):
    path = tmp_path / "new.duckdb"
    with TestClient(create_app(str(path))) as c:
        assert c.get("/api/events").json() == {
            "items": [], "total": 0, "next": None, "limit": 50, "offset": 0,
        }  # fmt: skip
    assert path.exists()


def test_events_and_dyads_count_each_real_world_event_once_after_dedup(store_path, pipeline):
    if not hasattr(Store, "dedup"):
        pytest.skip("this store has no deduplication yet")
    with Store(store_path) as store:
        store.dedup()  # art-1 and art-2 report the same five realised events
    with TestClient(create_app(store_path, pipeline=pipeline)) as c:
        canonical = c.get("/api/events").json()
        assert canonical["total"] == len(canonical["items"]) == 5
        assert all(item["canonical"]["mentions"] == 2 for item in canonical["items"])
        assert c.get("/api/events", params={"mentions": "true"}).json()["total"] == 10
        monthly = c.get("/api/dyads/RUS/PRK", params={"by": "month"}).json()
        assert [r["events"] for r in monthly["series"]] == [2, 1]
        mentions = c.get("/api/events", params={"mentions": "true", "limit": 3}).json()
        assert "canonical" not in mentions["items"][0] and mentions["next"]
