"""Disaster alerts in a real browser: every language, live updates without reload, dismissal, expiry,
pages without JavaScript, and axe-core WCAG 2.1 AA on pages with banners."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from guidebook.build import build_site
from guidebook.cli import main
from guidebook.project.loader import open_project
from guidebook.strings import load_strings
from tests.alert_data import alert_text, iso
from tests.browser.axe import violations
from tests.helpers import REPO, make_project
from tests.nginx import Nginx

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


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site with Debian's nginx and the site's own hosting rules."""
    server = Nginx(directory)
    try:
        yield server.url
    finally:
        server.stop()


def fast_polling(page: Page, seconds: int = 1) -> None:
    """Serve pages with a short poll interval: the data attribute alerts.js reads."""

    def handle(route: Route) -> None:
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        body = response.text().replace('data-interval="60"', f'data-interval="{seconds}"')
        route.fulfill(response=response, body=body)

    page.route("**/*", handle)


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


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site with one alert, built once."""
    root = make_project(
        tmp_path_factory.mktemp("small"),
        languages=("ja", "en", "vi"),
        files={"site_config/alerts/quake.yml": alert_text()},
    )
    build_site(open_project(root))
    return root


@pytest.fixture
def live(small: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the small site, for tests that change alerts while a page is open."""
    root = tmp_path / "live"
    shutil.copytree(small, root)
    with serve(root / "site") as url:
        yield root, url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # Requests a service worker answers bypass page.route, which these tests use to set the poll
    # interval; offline reading has its own tests (test_offline.py).
    context = browser.new_context(
        viewport={"width": 1024, "height": 900}, timezone_id="Asia/Tokyo", service_workers="block"
    )
    yield context.new_page()
    context.close()


def alert_cli(root: Path, *args: str) -> None:
    assert main(["alert", *args, "--project", str(root)]) == 0


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
    context = browser.new_context(timezone_id="Asia/Tokyo", service_workers="block")  # routes must see every request
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
    assert violations(page) == []


def test_new_update_and_cancel_reach_an_open_page_without_reload(page: Page, live: tuple[Path, str]) -> None:
    root, url = live
    fast_polling(page)
    page.goto(f"{url}/en/residence/card/")
    page.evaluate("window.loadedOnce = true")
    expect(page.locator(".gb-alert")).to_have_count(1)

    alert_cli(
        root, "new", "--event", "大津波警報", "--headline", "高い 所へ 逃げて ください。", "--severity", "Extreme"
    )
    new = page.locator(".gb-alert--extreme")
    expect(new).to_be_visible(timeout=WAIT_MS)
    assert new.get_attribute("role") == "alert"
    assert page.locator(".gb-alert").first.get_attribute("class") == "gb-alert gb-alert--extreme"
    assert page.locator('.gb-alert[data-key^="quake-1|"]').get_attribute("role") is None

    alert_cli(root, "new", "--update", "quake-1", "--severity", "Moderate")
    updated = page.locator('.gb-alert[data-key^="update-"]')
    expect(updated).to_be_visible(timeout=WAIT_MS)
    expect(page.locator('.gb-alert[data-key^="quake-1|"]')).to_have_count(0)
    expect(updated.locator(".gb-alert__badge")).to_have_text("Updated")
    assert updated.get_attribute("class") == "gb-alert gb-alert--moderate"

    alert_cli(root, "cancel", "quake-1")
    expect(updated).to_have_count(0, timeout=WAIT_MS)
    expect(page.locator(".gb-alert")).to_have_count(1)
    assert page.evaluate("window.loadedOnce") is True


def test_dismissal_lasts_across_reload_and_ends_when_the_alert_is_updated(page: Page, live: tuple[Path, str]) -> None:
    root, url = live
    fast_polling(page)
    page.goto(f"{url}/vi/")
    quake = page.locator('.gb-alert[data-key^="quake-1|"]')
    quake.locator(".gb-alert__dismiss").click()
    expect(quake).to_be_hidden()
    show = page.locator(".gb-alerts__show")
    expect(show).to_have_text("Hiện cảnh báo đã ẩn (1)")
    expect(show).to_be_focused()
    show.click()
    expect(quake).to_be_visible()
    quake.locator(".gb-alert__dismiss").click()

    page.goto(f"{url}/vi/residence/card/")
    expect(page.locator(".gb-alert__headline").first).to_be_hidden()
    expect(page.locator(".gb-alerts__show")).to_be_visible()

    alert_cli(root, "new", "--update", "quake-1", "--headline", "余震に 気を つけて ください。")
    updated = page.locator('.gb-alert[data-key^="update-"]')
    expect(updated).to_be_visible(timeout=WAIT_MS)
    expect(page.locator(".gb-alerts__show")).to_be_hidden()
    stored = json.loads(page.evaluate("localStorage.getItem('gb-alerts-dismissed')"))
    assert stored == []


def test_an_alert_disappears_by_itself_when_it_expires(page: Page, live: tuple[Path, str]) -> None:
    root, url = live
    alert_cli(root, "cancel", "quake-1")
    expires = iso(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=6))
    alert_cli(
        root,
        "new",
        "--event",
        "地震",
        "--headline",
        "もう すぐ 終わります。",
        "--severity",
        "Minor",
        "--expires",
        expires,
    )
    page.goto(f"{url}/en/")  # built without it, and polled only every 60 s: the first read shows it
    brief = page.locator(".gb-alert--minor")
    expect(brief).to_be_visible(timeout=WAIT_MS)
    expect(brief).to_have_count(0, timeout=WAIT_MS)
    expect(page.locator(".gb-alerts")).to_be_hidden()
