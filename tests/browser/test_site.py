"""What a reader sees in a real browser: languages, switcher, no third-party requests, accessibility."""

from __future__ import annotations

import json
import unicodedata
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.axe import violations
from tests.browser.conftest import FUZZY_SEGMENT

pytestmark = pytest.mark.browser

# The script each language's pages are written in, by Unicode character name prefix.
SCRIPTS = {
    "ja": ("CJK", "HIRAGANA", "KATAKANA"),
    "en": ("LATIN",),
    "zh-Hans": ("CJK",),
    "ko": ("HANGUL",),
    "es": ("LATIN",),
    "pt-BR": ("LATIN",),
    "vi": ("LATIN",),
    "ne": ("DEVANAGARI",),
    "th": ("THAI",),
    "id": ("LATIN",),
    "my": ("MYANMAR",),
    "km": ("KHMER",),
    "fil": ("LATIN",),
    "mn": ("CYRILLIC",),
}


def script_share(text: str, scripts: tuple[str, ...]) -> float:
    """Return the share of letters in text that belong to one of scripts."""
    letters = [ch for ch in text if unicodedata.category(ch).startswith("L")]
    if not letters:
        return 0.0
    hits = sum(1 for ch in letters if unicodedata.name(ch, "").startswith(scripts))
    return hits / len(letters)


@pytest.fixture
def page(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    return context.new_page()


@pytest.mark.parametrize("tag", list(SCRIPTS))
def test_home_page_renders_in_its_script_with_lang_attribute(page: Page, base_url: str, tag: str) -> None:
    page.goto(f"{base_url}/{tag}/")
    assert page.locator("html").get_attribute("lang") == tag
    text = page.locator("article").inner_text()
    assert script_share(text, SCRIPTS[tag]) > 0.6, text[:300]


def test_switcher_moves_to_the_same_page_in_another_language(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/en/disaster/emergency-numbers/")
    page.locator(".md-header__option .md-select button").hover()
    page.get_by_role("link", name="ไทย").click()
    page.wait_for_url(f"{base_url}/th/disaster/emergency-numbers/")
    assert page.locator("html").get_attribute("lang") == "th"
    names = page.locator(".md-select__link").all_inner_texts()
    assert [n.strip() for n in names][:3] == ["やさしい日本語", "English", "简体中文"]
    assert len(names) == 14


def test_root_lists_every_language_by_its_own_name(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/")
    links = page.locator("main a")
    assert links.count() == 14
    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url(f"{base_url}/vi/")


def test_no_request_leaves_the_local_host(page: Page, base_url: str) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname or request.url))
    for path in ("/", "/ja/", "/my/medical/emergency-care/", "/km/status/", "/ne/residence/residence-card/"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert hosts == {"127.0.0.1"}


@pytest.mark.parametrize(
    "path", ["/", "/ja/", "/en/residence/residence-card/", "/th/disaster/evacuation/", "/my/status/", "/km/work/"]
)
def test_pages_pass_axe_wcag_aa(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    found = violations(page)
    assert found == [], json.dumps(found, ensure_ascii=False)


@pytest.mark.parametrize("path", ["/ja/", "/en/housing/renting-a-home/", "/my/daily-life/garbage/", "/"])
def test_narrow_phone_has_no_horizontal_scroll(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2)
    page = context.new_page()
    page.goto(base_url + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    context.close()


def test_content_and_switcher_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/es/tax/resident-tax/")
    assert page.locator("article h1").is_visible()
    assert len(page.locator("article p").all_inner_texts()) >= 3
    hrefs = page.locator(".md-select__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "../../../ko/tax/resident-tax/" in hrefs
    context.close()


def test_outdated_segment_shows_plain_japanese_marked_lang_ja_with_notice(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/en/housing/utilities/")
    span = page.locator(".gb-ja").first
    assert span.get_attribute("lang") == "ja"
    assert span.inner_text().startswith(FUZZY_SEGMENT)
    notice = page.locator(".gb-notice")
    assert notice.is_visible()
    assert notice.inner_text() == "Some parts of this page are not translated yet. They are shown in plain Japanese."
