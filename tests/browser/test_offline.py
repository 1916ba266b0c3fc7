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


def test_save_for_offline_keeps_every_page_and_search(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{base_url}/vi/disaster/")
    box = page.locator(".gb-offline")
    box.wait_for(state="visible")
    page.wait_for_function("document.querySelector('.gb-offline__size').textContent.includes('MB')")
    size = page.locator(".gb-offline__size").inner_text()
    manifest = page.evaluate("fetch('../offline.json').then(r => r.json())")
    assert len(manifest["urls"]) > 50
    assert any(url.startswith("./search/guidebook_index.json?v=") for url in manifest["urls"])
    assert 0.1 < manifest["bytes"] / 1e6 < 5 and any(ch.isdigit() for ch in size)
    unread = f"{base_url}/vi/pension-welfare/lump-sum-withdrawal/"  # never opened, not in the emergency set
    html = context.request.get(unread).text()  # not through the page, so the worker does not see it
    title = page.evaluate(
        "t => new DOMParser().parseFromString(t, 'text/html').querySelector('article h1').textContent.trim()", html
    )
    page.locator(".gb-offline__save").click()
    page.wait_for_selector(".gb-offline--saved", timeout=60_000)
    assert not page.locator(".gb-offline__save").is_visible()
    saved_text = page.locator(".gb-offline__status").inner_text()
    assert saved_text

    context.set_offline(True)
    page.goto(unread)
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("article h1").inner_text().strip() == title  # the page itself, not the home page
    page.locator("label.md-header__button[for=__search]").click()
    page.locator(".md-search__input").fill("lương hưu")
    page.wait_for_selector("li.md-search-result__item", timeout=10_000)
    assert page.locator("li.md-search-result__item").count() >= 1  # the search index was saved too
    page.goto(f"{base_url}/vi/disaster/")  # offline, the box still knows everything is saved
    page.wait_for_selector(".gb-offline--saved", timeout=10_000)
    assert page.locator(".gb-offline__status").inner_text() == saved_text
    context.close()


def test_save_for_offline_is_not_offered_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/en/")
    assert page.locator(".gb-offline").count() == 1 and not page.locator(".gb-offline").is_visible()
    context.close()
