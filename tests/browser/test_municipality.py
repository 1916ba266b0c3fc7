"""A municipality's site in a real browser: its header colour, logo and contact, and WCAG 2.1 AA with them."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from guidebook.cli import main
from tests.browser.axe import violations
from tests.browser.conftest import _Quiet
from tests.helpers import REPO
from tests.test_example import copy_example

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def city_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the example municipality over the national project and serve it on 127.0.0.1."""
    city = copy_example(tmp_path_factory.mktemp("city") / "minato-city")
    assert main(["build", "--project", str(city), "--upstream", str(REPO)]) == 0
    site = city / "build/combined/site"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_header_logo_and_contact_are_the_municipality_s(page: Page, city_url: str) -> None:
    page.goto(f"{city_url}/en/minato/garbage-calendar/")
    header = page.locator("header.md-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(0, 90, 140)"
    assert header.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    logo = page.locator(".md-header__button.md-logo img")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0") is True
    contact = page.locator(".gb-contact")
    assert " ".join(contact.inner_text().split()) == "Minato City (example) · Phone: 03-0000-0000 · Official website"
    assert contact.locator("a").first.get_attribute("href") == "tel:0300000000"


@pytest.mark.parametrize("path", ["/en/minato/consultation/", "/ja/minato/", "/th/minato/shelters/"])
def test_municipality_pages_pass_axe_wcag_aa(page: Page, city_url: str, path: str) -> None:
    page.goto(city_url + path)
    found = violations(page)
    assert found == [], json.dumps(found, ensure_ascii=False)


def test_local_chapter_is_in_the_navigation_after_city_office(page: Page, city_url: str) -> None:
    page.goto(f"{city_url}/en/")
    titles = page.locator("nav.md-nav--primary > ul > li > label, nav.md-nav--primary > ul > li > a").all_inner_texts()
    names = [" ".join(t.split()) for t in titles]
    city_office = names.index("Procedures at city hall or the ward office")
    assert names[city_office + 1] == "Minato City information"


def test_search_finds_a_local_page(page: Page, city_url: str) -> None:
    page.goto(f"{city_url}/en/")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("yellow bags")
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "/minato/garbage-calendar/" in (result.locator("a").first.get_attribute("href") or "")
