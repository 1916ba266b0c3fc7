"""Offline reading: the emergency chapter and pages already read stay available without a network."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def test_emergency_chapter_and_read_pages_work_offline(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/th/housing/renting-a-home/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null || true")
    page.reload()  # the page is now controlled and stored
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    title_online = page.locator("article h1").inner_text()

    context.set_offline(True)
    page.reload()
    assert page.locator("article h1").inner_text() == title_online
    page.goto(f"{base_url}/th/disaster/evacuation/")  # never opened: precached with the emergency chapter
    assert page.locator("html").get_attribute("lang") == "th"
    assert "171" in page.locator("article").inner_text()
    page.goto(f"{base_url}/th/tax/income-tax/")  # neither read nor precached: the language's home page
    assert page.locator("article h1").is_visible()
    context.close()


def test_each_language_has_its_own_worker_scope(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/km/")
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == f"{base_url}/km/"
    context.close()
