"""Integration: a small project through extract and build, and the errors a user sees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidebook.build import build_site
from guidebook.catalogs.extract import run_extract
from guidebook.cli import main
from guidebook.problems import InputError
from guidebook.project.loader import open_project
from tests.helpers import make_project, page, tree


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("proj"))
    run_extract(open_project(root))
    po = root / "languages/en/LC_MESSAGES/residence.card.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace(
        'msgid "在留カードを 持つ"\nmsgstr ""', 'msgid "在留カードを 持つ"\nmsgstr "Carry your residence card"'
    )
    po.write_text(text, encoding="utf-8")
    build_site(open_project(root))
    return root


def test_every_language_gets_its_pages_with_correct_lang(built: Path) -> None:
    for tag in ("ja", "en", "th"):
        html = (built / "site" / tag / "residence" / "card" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{tag}"' in html
    assert (built / "site/index.html").is_file()


def test_translated_text_and_fallback_marked_ja(built: Path) -> None:
    html = (built / "site/en/residence/card/index.html").read_text(encoding="utf-8")
    assert "Carry your residence card" in html
    assert '<span lang="ja" class="gb-ja">在留カードは いつも 持って いて ください。</span>' in html
    assert "Some parts of this page are not translated yet" in html


def test_hreflang_alternates_and_sitemap_cover_every_language(built: Path) -> None:
    html = (built / "site/th/residence/card/index.html").read_text(encoding="utf-8")
    for tag in ("ja", "en", "th"):
        assert f'hreflang="{tag}" href="https://example.org/{tag}/residence/card/"' in html
    sitemap = (built / "site/sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == 3 * 5  # 3 pages, what's new and the status page, in 3 languages
    assert '<xhtml:link rel="alternate" hreflang="th" href="https://example.org/th/residence/card/"/>' in sitemap


def test_switcher_links_to_same_page_in_each_language(built: Path) -> None:
    html = (built / "site/en/residence/card/index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+"\s+class="md-select__link', html)
    assert [(tag, href) for href, tag in links] == [
        ("ja", "../../../ja/residence/card/"),
        ("en", "../../../en/residence/card/"),
        ("th", "../../../th/residence/card/"),
    ]


def test_no_page_refers_to_another_host_for_fonts_or_scripts(built: Path) -> None:
    for path in (built / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://(?!example\.org)', text), path


def test_status_page_is_published(built: Path) -> None:
    html = (built / "site/en/status/index.html").read_text(encoding="utf-8")
    assert "Translation status" in html and "All languages" in html
    root = (built / "site/status.html").read_text(encoding="utf-8")
    assert '<a href="th/status/" lang="th" hreflang="th">ไทย</a>' in root


def test_sources_and_review_date_shown(built: Path) -> None:
    html = (built / "site/th/residence/card/index.html").read_text(encoding="utf-8")
    assert 'href="https://www.moj.go.jp/isa/"' in html
    assert '<time datetime="2026-11-01">' in html


def test_config_errors_are_reported_together_with_file_and_line(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "site_config/site.yml").write_text(
        "name:\n  ja: テスト\nbase_url: example.org\nlanguages: [ja, xx]\ncolour: red\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        open_project(root)
    assert [str(p) for p in err.value.problems] == [
        "site_config/site.yml:3: base_url: expected an http(s) URL ending with /, got 'example.org'",
        "site_config/site.yml:5: colour: unknown key; expected one of name, base_url, languages, alert_areas, alert_statuses, alert_min_intensity, local_chapters, municipality",
    ]


def test_unknown_language_is_reported_with_line(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "site_config/site.yml").write_text(
        "name:\n  ja: テスト\nbase_url: https://x.org/\nlanguages:\n  - ja\n  - xx\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        open_project(root)
    assert [str(p) for p in err.value.problems] == [
        "site_config/site.yml:6: languages[1]: expected a language defined in site_config/languages.yml, got 'xx'"
    ]


def test_bad_front_matter_names_file_line_and_key(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        pages={
            "residence/a": "---\ntitle: A\nsources: []\nreviewed: 2026-13-01\n---\n\n本文。\n",
            "residence/b": "---\ntitle: [unclosed\n---\n",
            "residence/c": "本文だけ。\n",
        },
    )
    with pytest.raises(InputError) as err:
        open_project(root)
    assert [str(p) for p in err.value.problems] == [
        "content/ja/residence/a.md:3: sources: expected a list of at least 1, got a list",
        "content/ja/residence/a.md:4: reviewed: expected a date YYYY-MM-DD, got '2026-13-01'",
        "content/ja/residence/b.md:3: invalid YAML: expected ',' or ']', but got '<stream end>'",
        "content/ja/residence/c.md:1: missing front matter; expected a block between '---' lines",
    ]


def test_broken_catalog_stops_build_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path)
    assert main(["build", "--project", str(root)]) == 0
    before = tree(root / "site")
    po = root / "languages/th/LC_MESSAGES/residence.card.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n', encoding="utf-8")
    assert main(["build", "--project", str(root)]) == 2
    err = capsys.readouterr().err
    assert "languages/th/LC_MESSAGES/residence.card.po:6: PO syntax: duplicate msgid 'a' (first at line 4)" in err
    assert "nothing was written" in err
    assert tree(root / "site") == before


def test_failed_site_build_leaves_previous_site_whole(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    build_site(open_project(root))
    before = tree(root / "site")
    (root / "templates/main.html").write_text("{% extends 'base.html' %}{% block content %}{{ 1/0 }}{% endblock %}")
    with pytest.raises(RuntimeError, match="mkdocs build failed"):
        build_site(open_project(root))
    assert tree(root / "site") == before


def test_extract_keeps_translations_when_a_page_changes(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    run_extract(open_project(root))
    po = root / "languages/en/LC_MESSAGES/residence.index.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "在留の 手続きです。"\nmsgstr ""', 'msgid "在留の 手続きです。"\nmsgstr "Residence procedures."'
        ),
        encoding="utf-8",
    )
    (root / "content/ja/residence/index.md").write_text(page("在留", "在留の 大切な 手続きです。"), encoding="utf-8")
    run_extract(open_project(root))
    text = po.read_text(encoding="utf-8")
    assert (
        '#, fuzzy\n#| msgid "在留の 手続きです。"\nmsgid "在留の 大切な 手続きです。"\nmsgstr "Residence procedures."'
        in text
    )


def test_editing_one_catalog_rebuilds_only_that_language(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    run_extract(open_project(root))
    first = build_site(open_project(root))
    assert sorted(first.built) == ["en", "ja", "th"]
    before = tree(root / "site")
    po = root / "languages/th/LC_MESSAGES/residence.index.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "在留の 手続きです。"\nmsgstr ""', 'msgid "在留の 手続きです。"\nmsgstr "ขั้นตอนการพำนัก"'
        ),
        encoding="utf-8",
    )
    second = build_site(open_project(root))
    assert second.built == ["th"]
    after = tree(root / "site")
    changed = {name.removesuffix(".gz") for name in after if before.get(name) != after[name]}  # a page with its copy
    assert changed == {
        "status.html",
        "th/residence/index.html",
        "th/search/guidebook_index.json",
        "th/search/search_index.json",  # the stub names the index with its new version
        "th/offline.json",  # the download size of "save for offline"
        "th/status/index.html",
    }


def test_editing_one_page_changes_only_that_pages_outputs(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    run_extract(open_project(root))
    build_site(open_project(root))
    before = tree(root / "site")
    card = root / "content/ja/residence/card.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace("いつも 持って いて", "必ず 持って いて"), encoding="utf-8"
    )
    build_site(open_project(root))
    after = tree(root / "site")
    changed = {name.removesuffix(".gz") for name in after if before.get(name) != after[name]}  # a page with its copy
    expected = {
        f"{tag}/{path}"
        for tag in ("ja", "en", "th")
        for path in (
            "residence/card/index.html",
            "search/guidebook_index.json",
            "search/search_index.json",
            "offline.json",
        )
    }
    assert changed == expected  # offline.json: the download size of "save for offline"


def test_navigation_cache_gives_the_themes_own_navigation(tmp_path: Path) -> None:
    """Pages built with the cached navigation equal those built with the theme's partial (spacing aside)."""
    pages = {"index": page("ホーム", "ホームです。")}
    for chapter in ("residence", "work", "health"):
        pages[f"{chapter}/index"] = page(f"{chapter} の 章", "章の ページです。")
        for name in ("a", "b"):
            pages[f"{chapter}/{name}"] = page(f"{chapter} {name}", f"## 見出し {name}\n\n{name} の 説明です。")
    root = make_project(tmp_path, pages=pages, languages=("ja", "en"), chapters=("residence", "work", "health"))
    build_site(open_project(root))
    cached = tree(root / "site")
    (root / "templates/partials/nav.html").unlink()
    build_site(open_project(root))
    theme = tree(root / "site")

    def squeeze(data: bytes) -> str:
        return re.sub(r"\s+", " ", data.decode("utf-8"))

    pages_html = [name for name in theme if name.endswith(".html") and name.count("/") >= 1]
    assert len(pages_html) >= 2 * 10
    for name in pages_html:
        assert squeeze(cached[name]) == squeeze(theme[name]), name
    work_a = squeeze(cached["en/work/a/index.html"])
    assert 'href="../../residence/b/"' in work_a and 'href="../b/"' in work_a  # links relative to each page


def test_heading_ids_are_readable_in_every_script(built: Path) -> None:
    html = (built / "site/ja/residence/card/index.html").read_text(encoding="utf-8")
    assert '<h2 id="在留カードを-持つ">' in html
    assert 'href="#在留カードを-持つ"' in html  # the table of contents links to it


def test_root_404_page_works_at_any_depth(built: Path) -> None:
    html = (built / "site/404.html").read_text(encoding="utf-8")
    assert "<title>Page not found — Test guide</title>" in html and "ページが 見つかりません" in html
    assert '<a href="/th/" hreflang="th" lang="th"' in html
    assert 'href="/assets/alerts.css"' in html and 'data-src="/alerts.json"' in html
    assert "localStorage" not in html  # a missing page does not jump to the remembered language
    chooser = (built / "site/index.html").read_text(encoding="utf-8")
    assert '<a href="th/" hreflang="th"' in chooser and "localStorage" in chooser


def test_only_files_a_page_can_load_are_published(built: Path) -> None:
    files = {p.relative_to(built / "site/en").as_posix() for p in (built / "site/en").rglob("*") if p.is_file()}
    assert any(f.startswith("assets/javascripts/bundle.") for f in files)
    assert "assets/guidebook/search-worker.js" in files and "assets/guidebook/lunr.js" in files
    unused = [f for f in files if f.endswith(".map") or f.startswith(("strings/", "assets/javascripts/lunr/"))]
    assert unused == [] and not any("workers/" in f for f in files)


def test_building_one_language_keeps_the_others_and_the_whole_status(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    run_extract(open_project(root))
    build_site(open_project(root))
    before = tree(root / "site")
    report = build_site(open_project(root), only=["th"])
    assert report.languages == ["th"] and report.built == []  # nothing changed: its last build is kept
    after = tree(root / "site")
    assert {name for name in before if name.startswith(("en/", "ja/"))} <= set(after)
    assert after["status.html"] == before["status.html"]  # every language's coverage, not only Thai's
    assert set(report.status) == {"en", "th"}
