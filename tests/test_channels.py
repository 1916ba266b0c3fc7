"""Notable changes: front matter, segments, rendering, the what's-new page and Atom feeds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from guidebook.build import build_site
from guidebook.catalogs.extract import run_extract
from guidebook.catalogs.po import Entry
from guidebook.problems import InputError, Problem
from guidebook.project.languages import make_language
from guidebook.project.loader import open_project
from guidebook.project.pages import read_page
from guidebook.project.segments import extract
from guidebook.site.render import render
from tests.helpers import make_project, page

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EN = make_language("en", None, "sans-serif", "space", None)
CHANGES = """\
changes:
  - date: 2026-04-01
    kind: notable
    summary: 住所の 届けの 日数を 書きました。
  - date: 2026-05-10
    kind: minor
    summary: 字の まちがいを 直しました。
  - date: 2026-06-01
    kind: notable
    summary: 入管の リンクを 新しく しました。
"""


def with_changes(text: str, changes: str = CHANGES) -> str:
    """Return a page with changes added to its front matter."""
    return text.replace("reviewed: 2026-11-01\n", "reviewed: 2026-11-01\n" + changes, 1)


def source(tmp_path: Path, changes: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "p.md"
    path.write_text(with_changes(page("題", "本文です。"), changes), encoding="utf-8")
    problems: list[Problem] = []
    result = read_page(path, "p", "p.md", problems)
    return result, [str(p) for p in problems]


def test_changes_are_validated_with_file_line_and_key(tmp_path: Path) -> None:
    changes = (
        "changes:\n"
        "  - date: 2026-02-30\n    kind: notable\n    summary: 直しました。\n"
        "  - date: 2026-03-01\n    kind: big\n    summary: 直しました。\n"
        "  - date: 2026-03-02\n    kind: minor\n"
        "  - date: 2026-03-03\n    kind: minor\n    summary: 直しました。\n    by: 山田\n"
    )
    result, problems = source(tmp_path, changes)
    assert result is None
    assert problems == [
        "p.md:8: changes[0].date: expected a date YYYY-MM-DD, got '2026-02-30'",
        "p.md:12: changes[1].kind: expected one of notable, minor, got 'big'",
        "p.md:14: changes[2].summary: missing; expected a non-empty string",
        "p.md:19: changes[3].by: unknown key; expected one of date, kind, summary",
    ]


def test_two_changes_on_one_day_are_reported(tmp_path: Path) -> None:
    changes = (
        "changes:\n"
        "  - date: 2026-03-01\n    kind: notable\n    summary: 一つ目。\n"
        "  - date: 2026-03-01\n    kind: minor\n    summary: 二つ目。\n"
    )
    result, problems = source(tmp_path, changes)
    assert result is None
    assert problems == [
        "p.md:11: changes[1].date: expected one change per day, got a second one on 2026-03-01 (first: changes[0]); "
        "say both in one summary"
    ]


def test_notable_summaries_are_segments_named_by_date_and_minor_ones_are_not(tmp_path: Path) -> None:
    result, problems = source(tmp_path, CHANGES)
    assert problems == [] and result is not None
    meta = [(s.kind, s.msgid, s.line) for s in extract(result) if s.kind.startswith("meta:")]
    assert meta == [
        ("meta:title", "題", 2),
        ("meta:changes.2026-06-01", "入管の リンクを 新しく しました。", 16),
        ("meta:changes.2026-04-01", "住所の 届けの 日数を 書きました。", 10),
    ]


def test_render_publishes_translated_summaries_and_marks_untranslated_ones(tmp_path: Path) -> None:
    result, _ = source(tmp_path, CHANGES)
    assert result is not None
    entries = {("入管の リンクを 新しく しました。", None): Entry("Updated the link to immigration.", False, True)}
    out = render(result, entries, EN)
    assert [(c.date.isoformat(), c.date_text, c.summary, c.fallback) for c in out.changes] == [
        ("2026-06-01", "June 1, 2026", "Updated the link to immigration.", False),
        ("2026-04-01", "April 1, 2026", "住所の 届けの 日数を 書きました。", True),
    ]
    assert (
        "  changes:\n"
        "  - date: '2026-06-01'\n    date_text: June 1, 2026\n    summary: Updated the link to immigration.\n"
        "  - date: '2026-04-01'\n    date_text: April 1, 2026\n    summary: 住所の 届けの 日数を 書きました。\n    lang: ja\n"
    ) in out.markdown
    assert (out.translated, out.fallback) == (1, 3)  # title, body paragraph and one summary fall back


def po_without_references(path: Path) -> str:
    return re.sub(r"^#: .*\n", "", path.read_text(encoding="utf-8"), flags=re.M)


def test_reordering_changes_keeps_every_catalog_entry_as_it_was(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    card = root / "content/ja/residence/card.md"
    card.write_text(with_changes(card.read_text(encoding="utf-8")), encoding="utf-8")
    run_extract(open_project(root))
    po = root / "languages/en/LC_MESSAGES/residence.card.po"
    before = po_without_references(po)
    blocks = CHANGES.split("  - ")
    card.write_text(
        card.read_text(encoding="utf-8").replace(CHANGES, "  - ".join([blocks[0], blocks[3], blocks[1], blocks[2]])),
        encoding="utf-8",
    )
    run_extract(open_project(root))
    assert po_without_references(po) == before
    assert '#. meta:changes.2026-06-01\n#: content/ja/residence/card.md:10\nmsgid "入管の' in po.read_text(
        encoding="utf-8"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project whose card page has two notable changes and one minor one, one summary translated."""
    root = make_project(tmp_path_factory.mktemp("changes"), languages=("ja", "en"))
    card = root / "content/ja/residence/card.md"
    card.write_text(with_changes(card.read_text(encoding="utf-8")), encoding="utf-8")
    index = root / "content/ja/index.md"
    index.write_text(
        with_changes(
            index.read_text(encoding="utf-8"),
            "changes:\n  - date: 2026-05-01\n    kind: notable\n    summary: 新しい ページを 足しました。\n",
        ),
        encoding="utf-8",
    )
    run_extract(open_project(root))
    po = root / "languages/en/LC_MESSAGES/residence.card.po"
    po.write_text(
        po.read_text(encoding="utf-8")
        .replace(
            'msgid "入管の リンクを 新しく しました。"\nmsgstr ""',
            'msgid "入管の リンクを 新しく しました。"\nmsgstr "Updated the link to immigration."',
        )
        .replace('msgid "在留カード"\nmsgstr ""', 'msgid "在留カード"\nmsgstr "Residence card"'),
        encoding="utf-8",
    )
    build_site(open_project(root))
    return root


def feed(root: Path, name: str) -> ET.Element:
    return ET.parse(root / "site/en/feeds" / name).getroot()


def test_feed_is_atom_with_required_elements_newest_first(built: Path) -> None:
    root = feed(built, "all.atom")
    assert root.tag == f"{ATOM}feed" and root.get(XML_LANG) == "en"
    assert root.findtext(f"{ATOM}id") == "https://example.org/en/feeds/all.atom"
    assert root.findtext(f"{ATOM}title") == "Test guide: What's new"
    assert root.findtext(f"{ATOM}updated") == "2026-06-01T00:00:00+09:00"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Test guide"
    assert [(link.get("rel"), link.get("href")) for link in root.findall(f"{ATOM}link")] == [
        ("self", "https://example.org/en/feeds/all.atom"),
        ("alternate", "https://example.org/en/whats-new/"),
    ]
    entries = [
        (
            e.findtext(f"{ATOM}id"),
            e.findtext(f"{ATOM}title"),
            e.findtext(f"{ATOM}updated"),
            e.find(f"{ATOM}link").get("href"),  # type: ignore[union-attr]
            e.findtext(f"{ATOM}summary"),
            e.find(f"{ATOM}summary").get(XML_LANG),  # type: ignore[union-attr]
        )
        for e in root.findall(f"{ATOM}entry")
    ]
    assert entries == [
        (
            "tag:example.org,2026-06-01:en/residence/card",
            "Residence card",
            "2026-06-01T00:00:00+09:00",
            "https://example.org/en/residence/card/",
            "Updated the link to immigration.",
            None,
        ),
        (
            "tag:example.org,2026-05-01:en/index",
            "ホーム",
            "2026-05-01T00:00:00+09:00",
            "https://example.org/en/",
            "新しい ページを 足しました。",
            "ja",
        ),
        (
            "tag:example.org,2026-04-01:en/residence/card",
            "Residence card",
            "2026-04-01T00:00:00+09:00",
            "https://example.org/en/residence/card/",
            "住所の 届けの 日数を 書きました。",
            "ja",
        ),
    ]


def test_chapter_feed_has_only_its_chapters_changes(built: Path) -> None:
    root = feed(built, "residence.atom")
    assert root.findtext(f"{ATOM}title") == "Test guide: 在留"
    assert [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")] == [
        "tag:example.org,2026-06-01:en/residence/card",
        "tag:example.org,2026-04-01:en/residence/card",
    ]
    assert {c.get("term") for c in root.iter(f"{ATOM}category")} == {"residence"}


def test_feeds_are_the_same_bytes_when_built_again(built: Path) -> None:
    before = {p.name: p.read_bytes() for p in (built / "site/en/feeds").iterdir()}
    (built / "build/out/en.inputs").unlink()  # force the language to be built again
    build_site(open_project(built))
    after = {p.name: p.read_bytes() for p in (built / "site/en/feeds").iterdir()}
    assert sorted(after) == ["all.atom", "all.atom.gz", "residence.atom", "residence.atom.gz"]  # with their copies
    assert after == before


def test_whats_new_page_lists_notable_changes_newest_first_with_local_dates(built: Path) -> None:
    html = (built / "site/en/whats-new/index.html").read_text(encoding="utf-8")
    items = re.findall(
        r'<li><time datetime="([\d-]+)">([^<]+)</time> · <a href="([^"]+)">(.*?)</a><br>(.*?)</li>', html
    )
    assert items == [
        ("2026-06-01", "June 1, 2026", "../residence/card/", "Residence card", "Updated the link to immigration."),
        (
            "2026-05-01",
            "May 1, 2026",
            "../",
            '<span lang="ja" class="gb-ja">ホーム</span>',
            '<span lang="ja" class="gb-ja">新しい ページを 足しました。</span>',
        ),
        (
            "2026-04-01",
            "April 1, 2026",
            "../residence/card/",
            "Residence card",
            '<span lang="ja" class="gb-ja">住所の 届けの 日数を 書きました。</span>',
        ),
    ]
    assert "字の まちがい" not in html  # minor changes are not published
    assert '<a href="../feeds/all.atom">All pages</a>' in html
    assert "Some parts of this page are not translated yet" in html
    ja = (built / "site/ja/whats-new/index.html").read_text(encoding="utf-8")
    ja = re.sub(r"<rt>.*?</rt>|<rp>.*?</rp>|</?ruby>", "", ja)  # the plain-Japanese site has furigana
    assert '<time datetime="2026-06-01">2026年6月1日</time>' in ja


def test_every_page_links_its_feeds_from_its_head(built: Path) -> None:
    card = (built / "site/en/residence/card/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)" title="([^"]+)">', card) == [
        ("../../feeds/all.atom", "Test guide: What&#39;s new"),
        ("../../feeds/residence.atom", "Test guide: 在留"),
    ]
    home = (built / "site/en/index.html").read_text(encoding="utf-8")
    assert re.findall(r'type="application/atom\+xml" href="([^"]+)"', home) == ["feeds/all.atom"]


def test_page_shows_its_own_changes(built: Path) -> None:
    card = (built / "site/en/residence/card/index.html").read_text(encoding="utf-8")
    assert '<h2 id="gb-changes">Changes to this page</h2>' in card
    assert (
        '<time datetime="2026-06-01">June 1, 2026</time>:\n            <span>Updated the link to immigration.</span>'
        in card
    )


def test_generated_whats_new_page_can_be_linked_from_content(tmp_path: Path) -> None:
    root = make_project(
        tmp_path, pages={"index": page("ホーム", "[新しい 情報](whats-new.md)")}, chapters=("residence",)
    )
    assert open_project(root).pages[0].slug == "index"


def test_bad_changes_stop_the_build_with_every_problem(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    card = root / "content/ja/residence/card.md"
    card.write_text(with_changes(card.read_text(encoding="utf-8"), "changes: yes\n"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        open_project(root)
    assert [str(p) for p in err.value.problems] == [
        "content/ja/index.md:13: link: expected a page of content/ja (….md), got 'residence/card.md'",
        "content/ja/residence/card.md:7: changes: expected a list, got 'yes'",
    ]
