"""Printing a page, or saving it as PDF: the page's own content, link addresses written out, any script."""

from __future__ import annotations

import io
import unicodedata

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from tests.browser.conftest import require_font

pytestmark = pytest.mark.browser

PAGE = "transport/bicycles/"
SOURCE_URL = "https://www.npa.go.jp/bureau/traffic/bicycle/portal/"


@pytest.fixture
def page(browser: Browser) -> Page:
    return browser.new_context(viewport={"width": 1280, "height": 900}).new_page()


def comparable(text: str) -> str:
    """Return text as it can be compared with what a PDF gives back.

    NFKC folds the CJK radicals some fonts map their glyphs to (⾃ → 自). Chromium writes no
    Unicode for the alternate glyphs of Thai and Burmese marks, which come back as NUL: marks,
    NULs and spaces are left out on both sides.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch != "\0" and unicodedata.category(ch) != "Mn")


def pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_print_hides_navigation_and_shows_link_addresses(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/en/{PAGE}")
    page.wait_for_load_state("networkidle")
    link = page.locator(f'.gb-meta a[href="{SOURCE_URL}"]')
    after = "e => getComputedStyle(e, '::after').content"
    assert link.evaluate(after) == "none"  # on screen the address is not repeated
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(".md-header__option .md-select").count() == 1
    assert not page.locator(".md-header__option .md-select").is_visible()
    assert page.locator("article h1").is_visible()
    assert link.evaluate(after) == f'" ({SOURCE_URL})"'
    assert page.locator("article .admonition").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    assert page.locator("article li").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"


def test_print_keeps_furigana(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/ja/{PAGE}")
    page.locator("article p").first.evaluate(
        "p => p.insertAdjacentHTML('beforeend', '<ruby id=\"r\">自転車<rt>じてんしゃ</rt></ruby>')"
    )
    assert page.locator(".gb-furigana-toggle").is_visible()
    page.emulate_media(media="print")
    assert page.locator("#r rt").is_visible()
    assert not page.locator(".gb-furigana-toggle").is_visible()  # a switch means nothing on paper
    box = page.locator("#r rt").bounding_box()
    base = page.locator("#r").bounding_box()
    assert box is not None and base is not None and box["y"] < base["y"] + base["height"] / 2  # above the kanji


@pytest.mark.parametrize("tag", ["ja", "th", "my"])
def test_pdf_of_a_page_has_its_title_and_no_navigation(page: Page, base_url: str, tag: str) -> None:
    require_font(tag)
    page.goto(f"{base_url}/{tag}/{PAGE}")
    page.wait_for_load_state("networkidle")
    title = page.evaluate(  # the heading's text without its furigana readings
        "() => { const h = document.querySelector('article h1').cloneNode(true);"
        " h.querySelectorAll('rt, rp').forEach(e => e.remove()); return h.textContent.trim(); }"
    )
    nav_label = page.locator('.md-nav--primary a.md-nav__link[href$="status/"]').first.inner_text()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None and (reader.metadata.title or "").startswith(title)
    text = comparable(pdf_text(pdf))
    assert comparable(title) in text
    assert SOURCE_URL in text.replace("\n", "")  # the official source's address is printed
    assert comparable(nav_label) not in text
