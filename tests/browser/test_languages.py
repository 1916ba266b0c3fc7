"""Languages added with `guidebook add-language`: Ukrainian and Persian (right to left) in a real browser."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page

from guidebook.build import build_site
from guidebook.project.loader import open_project
from guidebook.scaffold.add_language import add_language
from tests.browser.axe import violations
from tests.browser.conftest import _Quiet
from tests.helpers import make_project
from tests.test_add_language import UK_WORD, translate

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build a small project with Ukrainian and Persian added and serve it on 127.0.0.1."""
    root = make_project(tmp_path_factory.mktemp("rtl"), languages=("ja", "en"))
    add_language(root, "uk")
    add_language(root, "fa")
    translate(root / "languages/uk/LC_MESSAGES/residence.card.po", "在留カードを 持つ", f"{UK_WORD} при собі")
    translate(
        root / "languages/fa/LC_MESSAGES/residence.card.po", "在留カードを 持つ", "کارت اقامت را همراه داشته باشید"
    )
    build_site(open_project(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def box(page: Page, selector: str) -> dict[str, float]:
    return page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, width: r.width}; }"
    )


def test_right_to_left_page_mirrors_notice_and_language_menu(page: Page, new_site: str) -> None:
    page.goto(f"{new_site}/fa/residence/card/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "fa"
    border = page.locator(".gb-notice").evaluate(
        "e => { const s = getComputedStyle(e); return [s.borderRightWidth, s.borderLeftWidth]; }"
    )
    assert border == ["5px", "0px"]  # the notice's bar (.25rem) is at the start of the line: the right
    # Plain-Japanese text keeps its own order, its full stop at its end.
    assert page.locator("article p .gb-ja").first.evaluate("e => getComputedStyle(e).direction") == "ltr"
    button = box(page, ".md-header__option .md-select")
    page.locator(".md-header__option .md-select button").hover()
    page.wait_for_timeout(500)  # the menu slides in
    menu = box(page, ".md-header__option .md-select__inner")
    assert abs(menu["left"] - button["left"]) < 1  # opens towards the line's end: leftwards
    names = page.locator(".md-select__link").all_inner_texts()
    assert [n.strip() for n in names] == ["やさしい日本語", "English", "Українська", "فارسی"]


def test_left_to_right_notice_keeps_its_bar_on_the_left(page: Page, new_site: str) -> None:
    page.goto(f"{new_site}/uk/residence/card/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    border = page.locator(".gb-notice").evaluate(
        "e => { const s = getComputedStyle(e); return [s.borderRightWidth, s.borderLeftWidth]; }"
    )
    assert border == ["0px", "5px"]
    button = box(page, ".md-header__option .md-select")
    page.locator(".md-header__option .md-select button").hover()
    page.wait_for_timeout(500)
    menu = box(page, ".md-header__option .md-select__inner")
    assert abs(menu["right"] - button["right"]) < 1


def test_untranslated_text_in_new_language_is_marked_japanese(page: Page, new_site: str) -> None:
    page.goto(f"{new_site}/uk/residence/card/")
    assert page.locator("article h2").first.inner_text() == f"{UK_WORD} при собі"
    fallback = page.locator("article .gb-ja").first
    assert fallback.get_attribute("lang") == "ja"


def test_search_finds_the_translated_page_in_ukrainian(page: Page, new_site: str) -> None:
    page.goto(f"{new_site}/uk/")
    box_ = page.locator(".md-search__input")
    box_.click()
    box_.fill(UK_WORD.lower())
    first = page.locator("li.md-search-result__item > a").first
    first.wait_for(timeout=10_000)
    assert urlparse(first.get_attribute("href") or "").path == "/uk/residence/card/"


@pytest.mark.parametrize("path", ["/fa/residence/card/", "/fa/", "/uk/residence/card/", "/fa/whats-new/"])
def test_new_language_pages_pass_axe_wcag_aa(page: Page, new_site: str, path: str) -> None:
    page.goto(new_site + path)
    found = violations(page)
    assert found == [], json.dumps(found, ensure_ascii=False)


def test_right_to_left_page_fits_a_narrow_phone(browser: Browser, new_site: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{new_site}/fa/residence/card/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_new_language_is_offered_on_the_root_page(page: Page, new_site: str) -> None:
    page.goto(f"{new_site}/")
    page.get_by_role("link", name="فارسی").click()
    page.wait_for_url(f"{new_site}/fa/")
    assert Path(page.url).name == "fa"
