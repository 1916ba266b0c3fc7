"""A tsunami advisory from the agency's telegram reaches an open page in every language, then its lifting."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from guidebook.alerts.templates import translations
from guidebook.build import build_site
from guidebook.cli import main
from guidebook.project.loader import open_project
from tests.browser.test_alerts import ALL, WAIT_MS, fast_polling
from tests.helpers import REPO, make_project
from tests.nginx import Nginx

pytestmark = pytest.mark.browser

SAMPLES = REPO / "tests" / "data" / "jma-xml"
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00")
JAPAN = dt.timezone(dt.timedelta(hours=9))


def telegram_now(sample: Path, target: Path, reported: dt.datetime) -> Path:
    """Write a copy of a sample telegram whose times are moved so that it was reported at `reported`."""
    text = sample.read_text(encoding="utf-8")
    first = dt.datetime.fromisoformat(re.search(r"<ReportDateTime>([^<]+)<", text).group(1))  # type: ignore[union-attr]
    shift = reported - first
    moved = TIME.sub(lambda m: (dt.datetime.fromisoformat(m.group(0)) + shift).isoformat(), text)
    target.write_text(moved, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def telegram_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A 14-language site with the shipped alert templates and their translations, served by nginx."""
    root = make_project(tmp_path_factory.mktemp("telegrams") / "proj", languages=ALL)
    shutil.copy(REPO / "content" / "alert-templates.yml", root / "content" / "alert-templates.yml")
    for tag in ALL[1:]:
        po = REPO / "languages" / tag / "LC_MESSAGES" / "alert-templates.po"
        (root / "languages" / tag / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        shutil.copy(po, root / "languages" / tag / "LC_MESSAGES" / po.name)
    assert main(["extract", "--project", str(root)]) == 0
    build_site(open_project(root))
    server = Nginx(root / "site")
    yield root, server.url
    server.stop()


def test_advisory_then_lifting_reach_an_open_page_in_every_language(
    browser: Browser, telegram_site: tuple[Path, str], tmp_path: Path
) -> None:
    root, url = telegram_site
    project = open_project(root)
    for tag in ALL[1:]:  # the test needs every language's translation of these two templates
        words = translations(project, tag)
        assert words.get(("津波注意報", None)) and words.get(("津波の 警報 と 注意報が 解除されました。", None)), tag
    context = browser.new_context(viewport={"width": 390, "height": 800})
    pages: dict[str, Page] = {}
    for tag in ALL:
        page = context.new_page()
        fast_polling(page)
        page.goto(f"{url}/{tag}/residence/card/")
        pages[tag] = page
    now = dt.datetime.now(JAPAN).replace(microsecond=0)
    advisory = telegram_now(
        SAMPLES / "38-39_02_01_191025_VTSE41.xml", tmp_path / "a.xml", now - dt.timedelta(minutes=3)
    )
    assert main(["alert", "import", "--project", str(root), str(advisory)]) == 0
    for tag, page in pages.items():
        box = page.locator(".gb-alert")
        expect(box).to_have_count(1, timeout=WAIT_MS)
        blocks = box.locator(".gb-alert__block")
        assert blocks.evaluate_all("els => els.map(e => e.closest('[lang]').lang)") == [tag], tag  # its own language
        box.locator("summary").first.click()
        expect(box.locator(".gb-alert__description")).to_contain_text("種子島・屋久島地方")  # the place, in Japanese
        if tag != "ja":
            expect(box.locator(".gb-alert__description")).to_contain_text("Tanegashima")  # and romanized
    lifted = telegram_now(SAMPLES / "38-39_02_04_191025_VTSE41.xml", tmp_path / "b.xml", now - dt.timedelta(minutes=1))
    assert main(["alert", "import", "--project", str(root), str(lifted)]) == 0
    words = {tag: translations(project, tag).get(("津波警報・注意報の 解除", None), "") for tag in ALL[1:]}
    words["ja"] = "津波警報・注意報の 解除"
    for tag, page in pages.items():
        expect(page.locator(".gb-alert")).to_have_count(1, timeout=WAIT_MS)
        expect(page.locator(".gb-alert__event").first).to_have_text(words[tag], timeout=WAIT_MS)
    context.close()


@pytest.mark.parametrize(
    ("tag", "script"), [("km", "[\u1780-\u17ff]"), ("my", "[\u1000-\u109f]"), ("ne", "[\u0900-\u097f]")]
)
def test_banner_dates_follow_the_pages_language(
    browser: Browser, telegram_site: tuple[Path, str], tag: str, script: str
) -> None:
    root, url = telegram_site
    args = ["alert", "new", "--project", str(root), "--template", "power-outage", "--area", "港区", "--time", "18:00"]
    assert main([*args, "--identifier", f"power-{tag}"]) == 0
    page = browser.new_page()
    page.goto(f"{url}/{tag}/residence/card/")
    built = page.locator(f'.gb-alert[data-key^="power-{tag}|"] .gb-alert__time time').first
    expect(built).to_be_visible(timeout=WAIT_MS)  # written by the live update (the page was built before)
    text = built.inner_text()
    assert not re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", text), text
    assert re.search(script, text), text  # month names in the page's own script
    page.close()
