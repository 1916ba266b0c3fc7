"""Furigana as a reader meets them: shown by default, switched off and on, never copied, accessible."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.axe import violations
from tests.browser.conftest import require_font

pytestmark = pytest.mark.browser

CARD = "/ja/residence/residence-card/"
QUAKE = "/ja/disaster/earthquakes-and-tsunami/"
FIRST_PARAGRAPH = "在留カードは、日本に 長く 住む 外国人の カードです。"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile: nothing stored from another test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def readings_shown(page: Page) -> bool:
    return page.locator("article p rt").first.is_visible()


def test_plain_japanese_page_shows_furigana_over_kanji(context: BrowserContext, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + CARD)
    first = page.locator("article p").first.locator("ruby").first
    assert first.evaluate("r => r.firstChild.textContent") == "在留"
    assert first.locator("rt").inner_text() == "ざいりゅう"
    assert first.locator("rt").is_visible()
    assert page.locator("article h1 rt").first.inner_text() == "ざいりゅう"
    assert page.locator("article.md-content__inner > .gb-furigana-toggle").inner_text() == "ふりがなを 消す"


def test_switch_hides_furigana_and_the_next_page_remembers(context: BrowserContext, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + CARD)
    toggle = page.locator(".gb-furigana-toggle")
    toggle.click()
    assert not readings_shown(page)
    assert toggle.inner_text() == "ふりがなを 見せる"

    page.goto(base_url + QUAKE)
    assert not readings_shown(page)
    assert page.locator(".gb-furigana-toggle").inner_text() == "ふりがなを 見せる"
    page.locator(".gb-furigana-toggle").click()
    assert readings_shown(page)

    page.goto(base_url + CARD)
    assert readings_shown(page)
    assert page.locator(".gb-furigana-toggle").inner_text() == "ふりがなを 消す"


def test_copying_a_paragraph_with_furigana_copies_the_base_text(context: BrowserContext, base_url: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.goto(base_url + CARD)
    assert page.locator("article p").first.locator("rt").count() >= 5
    page.evaluate(
        """() => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector("article p"));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    page.keyboard.press("Control+C")
    assert page.evaluate("navigator.clipboard.readText()") == FIRST_PARAGRAPH


def test_page_with_furigana_passes_axe_wcag_aa(context: BrowserContext, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + QUAKE)
    assert page.locator("article ruby").count() > 50
    found = violations(page)
    assert found == [], json.dumps(found, ensure_ascii=False)


def test_without_javascript_furigana_are_shown_and_no_dead_switch(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + CARD)
    assert readings_shown(page)
    assert page.locator("article p").first.locator("rt").first.inner_text() == "ざいりゅう"
    assert page.locator(".gb-furigana-toggle").count() == 0
    context.close()


def test_switch_fits_a_narrow_phone(browser: Browser, base_url: str) -> None:
    require_font("ja")  # the widths below are those of the Japanese font
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2)
    page = context.new_page()
    page.goto(base_url + CARD)
    box = page.locator(".gb-furigana-toggle").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # The header keeps its room for the site name: at least six characters of 生活・仕事ガイドブック.
    title = page.locator(".md-header__title .md-header__topic").first.bounding_box()
    assert title is not None and title["width"] >= 6 * 18
    context.close()
