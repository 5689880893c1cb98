"""The web page in headless Chromium (Playwright driving Debian's /usr/bin/chromium).

The real app runs under uvicorn on 127.0.0.1 and a free port in a background thread. The
tests paste an article and see its evidence highlighted, chart a dyad, follow a table row to
its evidence, and collect console errors, asserting none. Skipped only when Chromium or
Playwright is missing and ``CI`` is unset; under CI they must run. Set
``WHIMBREL_SCREENSHOTS=DIR`` to keep screenshots of both views.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))

from _events import article

from whimbrel.store import Store

CHROMIUM = os.environ.get("WHIMBREL_CHROMIUM", "/usr/bin/chromium")
TEXT = (
    "Russia and North Korea sign defence pact\n\n"
    "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on "
    "Wednesday. The two leaders signed a mutual defence agreement. Japan condemned the deal. "
    "South Korea said it might expel the Russian ambassador, but officials denied that Seoul "
    "had recalled its envoy."
)


def _ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    missing = []
    if sync_playwright is None:
        missing.append("playwright (pip install playwright)")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if missing:
        if _ci():
            pytest.fail(f"CI is set but the browser tests cannot run: missing {', '.join(missing)}")
        pytest.skip(f"browser tests need {', '.join(missing)}")
    return sync_playwright


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    """The real app under uvicorn on loopback; stopped when the module's tests are done."""
    import uvicorn

    from whimbrel.serve.api import create_app

    path = str(tmp_path_factory.mktemp("web") / "web.duckdb")
    with Store(path) as store:
        store.add_article(article("art-1"))
        store.add_article(article("art-2", date="2024-03-13"))
    port = _free_port()
    config = uvicorn.Config(
        create_app(path, pipeline=pipeline), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _playwright()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(server + "/")
    yield tab
    context.close()
    assert errors == [], f"console errors: {errors}"


def expect(locator):
    """Playwright's expect (its waits run without eval, which the page's CSP forbids)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def _shot(tab, name: str) -> None:
    folder = os.environ.get("WHIMBREL_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(folder) / name), full_page=True)


def test_paste_an_article_and_see_its_events_highlighted(page):
    page.fill("#code-text", TEXT)
    page.fill("#code-date", "2024-06-19")
    page.click("#code-submit")
    page.wait_for_selector("#code-events li.q1, #code-events li.q2, #code-events li.q3, "
                           "#code-events li.q4")  # fmt: skip
    items = page.locator("#code-events li")
    assert items.count() >= 2
    highlighted = page.locator("#code-article span.ev")
    assert highlighted.count() >= 1
    assert page.locator("#code-article span.actor").count() >= 2
    assert page.locator("#code-article span.trigger").count() >= 1
    assert "events found" in page.inner_text("#code-status")
    # Choosing an event (keyboard) outlines its evidence.
    items.first.focus()
    page.keyboard.press("Enter")
    assert page.locator("#code-article span.ev.focus").count() >= 1
    assert page.locator("#code-events li.active").count() == 1
    _shot(page, "code-view.png")


def test_speculative_and_denied_events_look_different(page):
    # The textarea submits with Ctrl+Enter; the coded events carry their factuality class.
    page.fill("#code-text", TEXT)
    page.focus("#code-text")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#code-events li")
    classes = page.eval_on_selector_all("#code-events li", "els => els.map(e => e.className)")
    badges = page.eval_on_selector_all("#code-events .badge", "els => els.map(e => e.textContent)")
    assert len(classes) == len(badges) >= 1
    for cls, badge in zip(classes, badges, strict=True):
        if "speculative" in cls:
            assert "speculative" in badge
        if "denied" in cls:
            assert "did not happen" in badge


def test_empty_submission_is_refused_in_the_page(page):
    page.click("#code-submit")
    assert "Paste an article" in page.inner_text("#code-status")


def test_open_a_dyad_and_see_the_chart(page):
    page.click("#tab-explore")
    page.wait_for_selector("#network svg line.edge")
    page.wait_for_selector("#events-table tbody tr")
    page.fill("#dyad-a", "RUS")
    page.fill("#dyad-b", "USA")
    page.select_option("#dyad-by", "month")
    page.focus("#dyad-b")
    page.keyboard.press("Enter")  # Enter submits
    expect(page.locator("#dyad-status")).to_contain_text("between RUS and USA")
    bars = page.locator("#dyad-chart svg rect.bar")
    assert bars.count() >= 2
    assert page.locator("#dyad-chart svg rect.bar.q3").count() >= 1  # accusations below
    assert page.locator("#dyad-chart svg rect.bar.q4").count() >= 1  # sanctions below
    # An edge of the network charts its own dyad, from the keyboard too.
    edge = page.locator("#network svg line.edge").first
    edge.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#dyad-status")).not_to_contain_text("between RUS and USA")
    assert page.locator("#dyad-chart svg rect.bar").count() >= 1
    _shot(page, "explore-view.png")


def test_follow_a_row_to_its_evidence(page):
    page.click("#tab-explore")
    page.wait_for_selector("#events-table tbody tr")
    page.fill("#f-search", "thanked")
    page.click("#events-submit")
    expect(page.locator("#events-status")).to_contain_text("of 2 events")
    page.locator("#events-table tbody tr button").first.click()
    page.wait_for_selector("#evidence:not([hidden]) #evidence-article span.ev.focus")
    focused = page.locator("#evidence-article span.ev.focus")
    text = "".join(focused.all_inner_texts())
    assert text == "North Korea thanked Russia on 2024-01-10."
    assert "SUPPORT" in page.inner_text("#evidence-title")
    _shot(page, "evidence-view.png")
