"""The built site in a real browser (Debian's Chromium driven by Playwright), as readers meet it.

Every check serves the built site on localhost. In CI these tests must run: `.ci/run` installs
Chromium and npm; on a machine without them they are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tools.project import served

from .conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
# Without these, Chromium reaches for Google's hosts at start-up; none of that is the site's doing.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]  # fmt: skip
PAGES = {
    "home": "",
    "timeline": "timeline/",
    "year": "timeline/2017/",
    "movement": "movements/metoo/",
    "event": "events/2017-10-15-milano-tweet/",
    "person": "people/tarana-burke/",
    "sources": "sources/",
    "corrections": "corrections/",
    "figures": "figures/",
    "data": "data/",
    "search": "search/",
}
SEARCH_INPUT, SEARCH_RESULT = "input.pagefind-ui__search-input", "a.pagefind-ui__result-link"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def required(reason: str) -> None:
    """Skip where the tools are missing, except in CI, where a missing tool is a failure."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with served(site) as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        required("Chromium is not installed (Debian package: chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A browser tab; whatever a test does in it, nothing the site itself does may break its security policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    refused: list[str] = []
    tab.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield tab
    context.close()
    assert refused == []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_request_leaves_localhost(page: Any, server: str, name: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + PAGES[name], wait_until="networkidle")
    if name == "search":
        page.fill(SEARCH_INPUT, "Burke")  # search loads its index, worker and WebAssembly on demand
        page.locator(SEARCH_RESULT).first.wait_for(timeout=10_000)
    hosts = {urlsplit(url).netloc for url in requested if urlsplit(url).scheme in ("http", "https", "ws", "wss")}
    assert hosts == {urlsplit(server).netloc}, requested


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_accessibility_violation(page: Any, server: str, name: str, scheme: str) -> None:
    if not AXE.exists():
        required("axe-core is not installed: run `npm ci` (make test does it where npm exists)")
    page.emulate_media(color_scheme=scheme)
    page.goto(server + PAGES[name], wait_until="networkidle")
    page.evaluate(
        AXE.read_text(encoding="utf-8")
    )  # run by the test, not by the page: the policy allows no inline script
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    violations = [(v["id"], v["help"], [node["target"] for node in v["nodes"]][:5]) for v in result["violations"]]
    assert violations == []


def test_keyboard_reaches_a_visible_skip_link_first(page: Any, server: str) -> None:
    page.goto(server, wait_until="networkidle")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e); const r = e.getBoundingClientRect();
        return {text: e.textContent.trim(), href: e.getAttribute('href'), width: r.width, height: r.height,
                outline: s.outlineStyle !== 'none' || s.boxShadow !== 'none'}; }"""
    )
    assert focused["text"] == "Skip to content"
    assert focused["width"] > 0 and focused["height"] > 0 and focused["outline"]
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == focused["href"]


@pytest.mark.parametrize("query", ["Tarana Burke", "BalanceTonPorc"])
def test_search_finds_the_right_pages(page: Any, server: str, query: str) -> None:
    expected = {"Tarana Burke": "people/tarana-burke/", "BalanceTonPorc": "movements/balancetonporc/"}[query]
    page.goto(server + PAGES["search"], wait_until="networkidle")
    page.click(SEARCH_INPUT)
    page.keyboard.type(query, delay=30)  # as a reader types: the search answers keystrokes
    first = page.locator(SEARCH_RESULT).first
    first.wait_for(timeout=10_000)
    assert expected in (first.get_attribute("href") or "")
    first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/" + expected)


def test_search_results_are_accessible(page: Any, server: str) -> None:
    if not AXE.exists():
        required("axe-core is not installed: run `npm ci` (make test does it where npm exists)")
    page.goto(server + PAGES["search"], wait_until="networkidle")
    page.fill(SEARCH_INPUT, "Milano")
    page.locator(SEARCH_RESULT).first.wait_for(timeout=10_000)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    assert [(v["id"], [node["target"] for node in v["nodes"]][:5]) for v in result["violations"]] == []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_nothing_overflows_a_phone_screen(browser: Any, server: str, name: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    phone.goto(server + PAGES[name], wait_until="networkidle")
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    context.close()
    assert width <= 375


@pytest.mark.parametrize("name", ["home", "timeline", "event"])
@pytest.mark.parametrize(("device", "width"), [("desktop", 1280), ("phone", 375)])
def test_screenshots_are_written_as_artifacts(browser: Any, server: str, name: str, device: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    shot = context.new_page()
    shot.goto(server + PAGES[name], wait_until="networkidle")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}-{device}.png"
    shot.screenshot(path=str(path), full_page=True)
    context.close()
    assert path.stat().st_size > 10_000


def test_the_timeline_filters_by_movement_with_the_keyboard(page: Any, server: str, site: Path) -> None:
    page.goto(server + "timeline/", wait_until="networkidle")
    total = page.locator(".timeline__event").count()
    expected = page.locator(".timeline__event[data-movements~='balancetonporc']").count()
    assert 0 < expected < total
    page.focus("select[name=movements]")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # the filter is reached and left by the keyboard like any control
    page.select_option("select[name=movements]", "balancetonporc")
    assert page.locator(".timeline__event:visible").count() == expected
    assert page.inner_text(".timeline-filter__status") == f"{expected} of {total} events shown"
    page.select_option("select[name=movements]", "")
    assert page.locator(".timeline__event:visible").count() == total


def test_without_scripts_the_timeline_shows_every_event(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(server + "timeline/")
    assert plain.locator(".timeline__event:visible").count() == plain.locator(".timeline__event").count() > 40
    context.close()


def test_the_security_policy_stops_a_script_the_page_was_not_built_with(browser: Any, server: str) -> None:
    context = browser.new_context()
    tab = context.new_page()
    refused: list[str] = []
    tab.on("console", lambda message: refused.append(message.text))
    tab.goto(server + PAGES["event"], wait_until="networkidle")
    tab.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.injected = true';
        document.body.append(s); const i = document.createElement('img'); i.src = 'https://example.org/x.png';
        document.body.append(i); }"""
    )
    tab.wait_for_timeout(200)
    ran = tab.evaluate("() => window.injected === true")
    context.close()
    assert not ran
    assert any("inline script violates" in text and "'script-src 'self'" in text for text in refused), refused
    assert any("'https://example.org/x.png' violates" in text and "img-src 'self'" in text for text in refused), refused


def test_cite_this_page_gives_the_full_address(page: Any, server: str) -> None:
    page.goto(server + PAGES["event"], wait_until="networkidle")
    address = server + PAGES["event"]
    assert page.inner_text(".cite-url") == address
    assert f"\\url{{{address}}}" in page.inner_text("pre code")


def test_a_script_that_reached_a_page_does_not_run(browser: Any, site: Path, tmp_path: Path) -> None:
    """Were a script to get past the data's gates into a page, its policy, decided from the templates,
    would not let it run; the theme's own inline scripts still do."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    event = copy / "events" / "2017-10-15-milano-tweet" / "index.html"
    text = event.read_text(encoding="utf-8")
    injected = "<script>window.injected = true; document.title = 'pwned'</script>"
    event.write_text(text.replace("<article", injected + "<article", 1), encoding="utf-8")
    context = browser.new_context()
    tab = context.new_page()
    refused: list[str] = []
    tab.on("console", lambda message: refused.append(message.text))
    with served(copy) as address:
        tab.goto(address + PAGES["event"], wait_until="networkidle")
        ran = tab.evaluate("() => [window.injected === true, typeof __md_scope, document.title]")
    context.close()
    assert ran[:2] == [False, "object"] and ran[2] != "pwned"
    assert any("Content Security Policy" in message and "inline script" in message for message in refused), refused
