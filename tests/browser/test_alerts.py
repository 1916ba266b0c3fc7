"""Disaster alerts in a real browser: every language, the script's markup, reader's time, pages
without JavaScript, and axe-core WCAG 2.1 AA on pages with banners."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from guidebook.build import build_site
from guidebook.project import open_project
from guidebook.strings import load_strings
from tests.alert_data import alert_text
from tests.browser.test_site import AXE
from tests.helpers import REPO, make_project

pytestmark = pytest.mark.browser

ALL = ("ja", "en", "zh-Hans", "ko", "es", "pt-BR", "vi", "ne", "th", "id", "my", "km", "fil", "mn")
# The quake alert's own blocks; every other language shows plain Japanese and English.
QUAKE = {
    "vi": ("Động đất", "Đã xảy ra động đất mạnh."),
    "ne": ("भूकम्प", "ठूलो भूकम्प गयो।"),
    "my": ("ငလျင်", "ပြင်းထန်သော ငလျင် လှုပ်ခဲ့သည်။"),
    "km": ("រញ្ជួយដី", "មានរញ្ជួយដីខ្លាំង។"),
    "zh-Hans": ("地震", "发生了强烈地震。"),
}
WAIT_MS = 15_000


class _Fresh(http.server.SimpleHTTPRequestHandler):
    """Serves files as they are on disk now (alerts.json is rewritten within the same second)."""

    def send_head(self):  # type: ignore[no-untyped-def]
        del self.headers["If-Modified-Since"]
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        return None


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Fresh, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def axe(page: Page) -> list[tuple[str, list[object]]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A 14-language site with four alerts in force, one of each severity."""
    quake = {"ja": {"description": "大きな 地震が ありました。", "area": {"areaDesc": "東京都", "geocode": ["13"]}}}
    quake["en"] = {
        "event": "Earthquake",
        "headline": "A strong earthquake has struck.",
        "web": "https://www.jma.go.jp/",
    }
    for tag, (event, headline) in QUAKE.items():
        quake[tag] = {"event": event, "headline": headline}
    files = {
        "site_config/alerts/quake.yml": alert_text(info=quake),
        "site_config/alerts/tsunami.yml": alert_text(
            identifier="tsunami-1",
            severity="Extreme",
            info={
                "ja": {"event": "大津波警報", "headline": "すぐに 高い 所へ 逃げて ください。"},
                "en": {"event": "Major tsunami warning", "headline": "Go to high ground now."},
            },
        ),
        "site_config/alerts/rain.yml": alert_text(identifier="rain-1", severity="Moderate", info={"ja": {}}),
        "site_config/alerts/notice.yml": alert_text(identifier="notice-1", severity="Minor", info={"ja": {}}),
    }
    root = make_project(tmp_path_factory.mktemp("alerts"), languages=ALL, files=files)
    build_site(open_project(root))
    with serve(root / "site") as url:
        yield root, url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 900}, timezone_id="Asia/Tokyo")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("tag", ALL)
def test_banner_shows_in_every_language(page: Page, many: tuple[Path, str], tag: str) -> None:
    _, url = many
    strings = load_strings(REPO / "templates", tag)
    page.goto(f"{url}/{tag}/residence/card/")
    expect(page.locator('.gb-alert[data-key^="quake-1|"]')).to_be_visible()
    seen = page.evaluate(
        """() => ({
        lang: document.documentElement.lang,
        levels: [...document.querySelectorAll('.gb-alert')].map(a => a.className),
        quake: [...document.querySelectorAll('.gb-alert[data-key^="quake-1|"] .gb-alert__block')].map(b =>
            [b.getAttribute('lang'), b.querySelector('.gb-alert__headline').textContent]),
        label: document.querySelector('.gb-alert--severe .gb-alert__level').textContent,
        note: document.querySelector('.gb-alert--severe .gb-alert__note')?.textContent ?? null,
        })"""
    )
    assert seen["lang"] == tag
    assert seen["levels"] == [f"gb-alert gb-alert--{s}" for s in ("extreme", "severe", "moderate", "minor")]
    assert seen["label"] == strings["alert.level.severe"]
    if tag in QUAKE:
        assert (seen["quake"], seen["note"]) == ([[None, QUAKE[tag][1]]], None)
    elif tag in ("ja", "en"):
        assert len(seen["quake"]) == 1 and seen["quake"][0][0] is None and seen["note"] is None
    else:
        assert seen["quake"] == [["ja", "強い 地震が ありました。"], ["en", "A strong earthquake has struck."]]
        assert seen["note"] == strings["alert.untranslated"]


def test_root_language_chooser_shows_japanese_and_english(page: Page, many: tuple[Path, str]) -> None:
    _, url = many
    page.goto(f"{url}/")
    quake = page.locator('.gb-alert[data-key^="quake-1|"]')
    expect(quake).to_be_visible()
    assert quake.locator(".gb-alert__block").evaluate_all("els => els.map(e => e.closest('[lang]').lang)") == [
        "ja",
        "en",
    ]
    expect(page.locator("main a")).to_have_count(14)


def test_script_builds_the_same_markup_as_the_build(browser: Browser, many: tuple[Path, str]) -> None:
    _, url = many
    shape = """box => [...box.querySelectorAll('.gb-alert')].map(a => [a, ...a.querySelectorAll('*')].map(e =>
        [e.tagName, e.className, e.getAttribute('lang'), e.getAttribute('aria-label'), e.getAttribute('href'),
         e.getAttribute('datetime'), e.getAttribute('data-key'), e.getAttribute('data-effective'),
         e.getAttribute('data-expires'), e.closest('time') || e.children.length ? '' : e.textContent]))"""
    context = browser.new_context(timezone_id="Asia/Tokyo")
    built = context.new_page()
    built.goto(f"{url}/th/residence/card/")
    expected = built.locator(".gb-alerts").evaluate(shape)
    scripted = context.new_page()

    def without_banner(route: Route) -> None:
        response = route.fetch()
        body = re.sub(r'(<div data-md-component="announce">).*?</aside>', r"\1", response.text(), flags=re.S)
        route.fulfill(response=response, body=body)

    scripted.route(f"{url}/th/residence/card/", without_banner)
    scripted.goto(f"{url}/th/residence/card/")
    expect(scripted.locator(".gb-alert")).to_have_count(4)
    assert scripted.locator(".gb-alert").first.get_attribute("role") == "alert"
    assert scripted.locator(".gb-alerts").evaluate(shape) == expected
    context.close()


def test_times_in_japan_time_and_the_readers_own(browser: Browser, many: tuple[Path, str]) -> None:
    _, url = many
    context = browser.new_context(timezone_id="Europe/Berlin")
    page = context.new_page()
    page.goto(f"{url}/en/")
    times = page.locator('.gb-alert[data-key^="quake-1|"] .gb-alert__time > span').first
    expect(times.locator(".gb-alert__local")).to_have_count(1)
    text = times.inner_text()
    assert re.fullmatch(r"Issued: Sep 1, 2026, 9:00\sAM \(Japan time\) · Your time: Sep 1, 2026, 2:00\sAM", text), text
    context.close()


def test_banner_is_readable_without_javascript(browser: Browser, many: tuple[Path, str]) -> None:
    _, url = many
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{url}/vi/residence/card/")
    quake = page.locator('.gb-alert[data-key^="quake-1|"]')
    expect(quake.locator(".gb-alert__headline")).to_have_text(QUAKE["vi"][1])
    expect(quake.locator(".gb-alert__dismiss")).to_be_hidden()
    quake.locator("summary").click()
    expect(quake.locator(".gb-alert__description")).to_have_text("大きな 地震が ありました。")
    assert quake.locator(".gb-alert__description").get_attribute("lang") == "ja"
    expect(page.locator("article h1")).to_be_visible()
    context.close()


@pytest.mark.parametrize("path", ["/en/residence/card/", "/my/", "/ja/", "/"])
def test_pages_with_banners_pass_axe_wcag_aa(page: Page, many: tuple[Path, str], path: str) -> None:
    _, url = many
    page.goto(url + path)
    expect(page.locator(".gb-alert")).to_have_count(4)
    page.evaluate("document.querySelectorAll('.gb-alert details').forEach(d => d.open = true)")
    page.locator(".gb-alert__dismiss").first.click()
    expect(page.locator(".gb-alerts__show")).to_be_visible()
    assert axe(page) == []
