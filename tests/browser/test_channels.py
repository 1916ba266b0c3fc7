"""Feeds in the browser: linked from every page's head without costing the reader a request."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/en/transport/bicycles/", "/th/whats-new/", "/my/"])
def test_page_load_requests_no_feed_and_no_sitemap(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlparse(request.url).path))
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert requested[0] == path
    assert [p for p in requested if p.endswith((".atom", "sitemap.xml", "sitemap.xml.gz"))] == []
    # Once the theme has started, feed readers and browsers find the feeds again.
    feeds = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    assert feeds.count() >= 1
    assert feeds.first.get_attribute("href").endswith("feeds/all.atom")  # type: ignore[union-attr]
    context.close()


def test_whats_new_page_lists_the_bicycle_change_and_links_the_feeds(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/en/whats-new/")
    article = page.locator("article")
    assert article.locator("h1").inner_text() == "What's new"
    assert article.get_by_role("link", name="Bicycle rules").count() == 1
    href = page.get_by_role("link", name="All pages").get_attribute("href")
    assert href == "../feeds/all.atom"
    response = page.request.get(f"{base_url}/en/feeds/all.atom")
    assert response.ok and "<title>Bicycle rules</title>" in response.text()
    context.close()
