"""Build the shipped guidebook once, serve it on 127.0.0.1 and drive Debian's chromium with Playwright."""

from __future__ import annotations

import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from guidebook.build import build_site
from guidebook.project.loader import open_project
from tests.helpers import copy_shipped
from tests.nginx import Nginx

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# The font files the tests that measure or print text need, by language, with their Debian package.
FONTS = {
    "ja": ("fonts-noto-cjk", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "zh-Hans": ("fonts-noto-cjk", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "ko": ("fonts-noto-cjk", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "th": ("fonts-noto-core", "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf"),
    "my": ("fonts-noto-core", "/usr/share/fonts/truetype/noto/NotoSansMyanmar-Regular.ttf"),
    "km": ("fonts-noto-core", "/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf"),
    "ne": ("fonts-noto-core", "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"),
}


def require_font(tag: str) -> None:
    """Fail, naming the Debian package, when the font for language tag's script is missing."""
    package, path = FONTS[tag]
    if not Path(path).exists():
        pytest.fail(
            f"no font for {tag!r}: {path} is missing; install Debian's {package} (scripts/setup --test does)",
            pytrace=False,
        )


# One English segment is marked fuzzy (outdated) so the browser tests can see a fallback.
FUZZY_SEGMENT = "新しい 部屋に 住む ときは"


def mark_outdated(po: Path, msgid_start: str) -> None:
    """Flag the entry whose msgid starts with msgid_start as fuzzy."""
    text = po.read_text(encoding="utf-8")
    at = text.index(f'msgid "{msgid_start}')
    entry_start = text.rindex("\n\n", 0, at) + 2
    text = text[:entry_start] + "#, fuzzy\n" + text[entry_start:]
    po.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the whole 14-language site from a copy of the shipped project."""
    root = tmp_path_factory.mktemp("guidebook")
    copy_shipped(root)
    mark_outdated(root / "languages/en/LC_MESSAGES/housing.utilities.po", FUZZY_SEGMENT)
    build_site(open_project(root))
    return root / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        return None


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """Serve the built site with Debian's nginx (workers as www-data when run as root) on 127.0.0.1."""
    server = Nginx(site)
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (scripts/setup --test does)")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the search-quality table when the search evaluation ran."""
    from tests.browser.test_search import report

    lines = report()
    if len(lines) > 1:
        terminalreporter.section("search quality (tests/search_eval)")
        for line in lines:
            terminalreporter.write_line(line)
