"""Local pages: local/content/ja/<chapter>/, catalogs in local/languages/, chapters placed among the national ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidebook.build import build_site, navigation
from guidebook.catalogs.checks import run_checks
from guidebook.catalogs.extract import run_extract
from guidebook.cli import main
from guidebook.problems import InputError
from guidebook.project.loader import open_project
from guidebook.site.render import render
from tests.helpers import make_project, page

SHOP_HOURS = page("店の 時間", "市の 店は 10時に 開きます。\n\n電話は 03-1234-5678 です。")


def local_project(root: Path, site_extra: str = "", local: dict[str, str] | None = None) -> Path:
    """Return a small project with two national chapters and local pages."""
    make_project(
        root,
        pages={
            "index": page("ホーム", "ようこそ。"),
            "residence/index": page("在留", "在留の 手続きです。"),
            "work/index": page("仕事", "仕事の ことです。"),
        },
        chapters=("residence", "work"),
    )
    pages = local if local is not None else {"city-life/index": page("市の 生活", "市の 情報です。")}
    for slug, text in pages.items():
        path = root / "local/content/ja" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if site_extra:
        site = root / "site_config/site.yml"
        site.write_text(site.read_text(encoding="utf-8") + site_extra, encoding="utf-8")
    return root


def problems_of(root: Path) -> list[str]:
    """Return the problems open_project reports, as the user reads them."""
    with pytest.raises(InputError) as err:
        open_project(root)
    return [str(p) for p in err.value.problems]


def test_local_pages_are_read_with_their_origin_and_catalog_paths(tmp_path: Path) -> None:
    project = open_project(local_project(tmp_path))
    local = [p for p in project.pages if p.is_local]
    assert [(p.slug, p.file) for p in local] == [("city-life/index", "local/content/ja/city-life/index.md")]
    assert project.rel(project.template_path(local[0])) == "local/languages/city-life.index.pot"
    assert project.rel(project.catalog_path(local[0], "th")) == "local/languages/th/LC_MESSAGES/city-life.index.po"
    national = next(p for p in project.pages if p.slug == "work/index")
    assert project.rel(project.catalog_path(national, "th")) == "languages/th/LC_MESSAGES/work.index.po"


def test_extract_writes_local_catalogs_under_local_and_build_publishes_them(tmp_path: Path) -> None:
    root = local_project(tmp_path, local={"city-life/shops": SHOP_HOURS})
    report = run_extract(open_project(root))
    assert "local/languages/en/LC_MESSAGES/city-life.shops.po" in report.catalogs_written
    assert not list((root / "languages").rglob("city-life.*"))
    po = root / "local/languages/en/LC_MESSAGES/city-life.shops.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "市の 店は 10時に 開きます。"\nmsgstr ""',
            'msgid "市の 店は 10時に 開きます。"\nmsgstr "Shops in the city open at 10 a.m."',
        ),
        encoding="utf-8",
    )
    assert run_extract(open_project(root)).catalogs_written == []
    build_site(open_project(root))
    html = (root / "site/en/city-life/shops/index.html").read_text(encoding="utf-8")
    assert "<p>Shops in the city open at 10 a.m.</p>" in html
    for tag in ("ja", "th"):
        assert (root / f"site/{tag}/city-life/shops/index.html").is_file()


def test_local_chapters_are_placed_among_the_national_ones(tmp_path: Path) -> None:
    root = local_project(
        tmp_path,
        site_extra="local_chapters:\n  - {chapter: b-town, after: residence}\n  - {chapter: a-town, at: first}\n",
        local={f"{c}/index": page(c, "本文です。") for c in ("a-town", "b-town", "c-town")},
    )
    project = open_project(root)
    assert project.config.chapters == ["a-town", "residence", "b-town", "work", "c-town"]


def test_navigation_lists_local_chapters_in_place(tmp_path: Path) -> None:
    root = local_project(tmp_path, site_extra="local_chapters:\n  - {chapter: city-life, after: residence}\n")
    project = open_project(root)
    langs = {lang.tag: lang for lang in project.config.languages}
    rendered = {p.slug: render(p, {}, langs["ja"]) for p in project.pages}
    assert navigation(project, rendered) == [
        "index.md",
        {"在留": ["residence/index.md"]},
        {"市の 生活": ["city-life/index.md"]},
        {"仕事": ["work/index.md"]},
        "whats-new.md",
        "status.md",
    ]


def test_local_chapter_with_a_national_name_is_an_error_naming_both_files(tmp_path: Path) -> None:
    root = local_project(tmp_path, local={"work/shops": SHOP_HOURS})
    assert problems_of(root) == [
        "local/content/ja/work/shops.md:1: chapter: expected a local chapter name that no national chapter has, "
        "got 'work' (national: content/chapters.yml:1); rename the folder local/content/ja/work/"
    ]


def test_placement_errors_name_line_and_key(tmp_path: Path) -> None:
    root = local_project(
        tmp_path,
        site_extra=("local_chapters:\n  - {chapter: city-life, after: daily-life}\n  - {chapter: town-life}\n"),
    )
    assert problems_of(root) == [
        "site_config/site.yml:7: local_chapters[0].after: expected a national chapter or a local chapter placed "
        "above, got 'daily-life'",
        "site_config/site.yml:8: local_chapters[1].chapter: expected a chapter folder of local/content/ja/, "
        "got 'town-life'",
    ]


def test_placement_with_both_after_and_at_is_refused(tmp_path: Path) -> None:
    root = local_project(tmp_path, site_extra="local_chapters:\n  - {chapter: city-life, after: work, at: last}\n")
    assert problems_of(root) == ["site_config/site.yml:7: local_chapters[0]: expected either after or at, not both"]


def test_national_chapters_named_local_are_refused(tmp_path: Path) -> None:
    root = local_project(tmp_path)
    (root / "content/chapters.yml").write_text("chapters:\n  - residence\n  - local-news\n  - work\n")
    assert problems_of(root) == [
        "content/chapters.yml:3: chapters[1]: expected a chapter name not starting with 'local' "
        "(kept for municipalities' chapters), got 'local-news'"
    ]


def test_missing_chapter_order_is_reported(tmp_path: Path) -> None:
    root = local_project(tmp_path)
    (root / "content/chapters.yml").unlink()
    assert problems_of(root) == ["content/chapters.yml: missing file; expected the national chapter order"]


def test_local_page_outside_a_chapter_folder_is_an_error(tmp_path: Path) -> None:
    root = local_project(tmp_path, local={"shops": SHOP_HOURS})
    assert problems_of(root) == [
        "local/content/ja/shops.md: expected a local page in a chapter folder (local/content/ja/<chapter>/…)"
    ]


def test_link_from_a_local_page_to_a_national_page_is_checked(tmp_path: Path) -> None:
    root = local_project(
        tmp_path,
        local={"city-life/index": page("市の 生活", "[仕事](../work/index.md) と [在留](../residence/card.md) です。")},
    )
    assert problems_of(root) == [
        "local/content/ja/city-life/index.md:9: link: expected a page of content/ja (….md), got '../residence/card.md'"
    ]


def test_orphan_local_catalog_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = local_project(tmp_path)
    stray = root / "local/languages/en/LC_MESSAGES/city-life.old.po"
    stray.parent.mkdir(parents=True)
    stray.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    assert main(["extract", "--project", str(root)]) == 2
    assert (
        "local/languages/en/LC_MESSAGES/city-life.old.po: catalog of no source page; rename it to match a page "
        "or delete it" in capsys.readouterr().err
    )


def test_status_and_check_cover_local_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = local_project(tmp_path, local={"city-life/shops": SHOP_HOURS})
    run_extract(open_project(root))
    po = root / "local/languages/th/LC_MESSAGES/city-life.shops.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "電話は 03-1234-5678 です。"\nmsgstr ""', 'msgid "電話は 03-1234-5678 です。"\nmsgstr "โทร 03-1234"'
        ),
        encoding="utf-8",
    )
    problems = [str(p) for p in run_checks(open_project(root), langs=["th"])]
    assert problems == [
        "local/languages/th/LC_MESSAGES/city-life.shops.po:28: th:numbers: number '03-1234-5678' of the source is missing"
    ]
    assert main(["status", "--pages", "--lang", "th", "--project", str(root)]) == 0
    assert "city-life/shops" in capsys.readouterr().out
