"""Furigana in page HTML: text nodes only, the title, the plugin entry, and a real build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guidebook.build import build_site
from guidebook.japanese.furigana import NOT_INDEXED, annotate, title_heading, with_furigana
from guidebook.japanese.readings import Reader, load_overrides
from guidebook.problems import InputError
from guidebook.project.languages import make_language
from guidebook.project.loader import open_project
from guidebook.search.index import page_terms
from tests.helpers import REPO, make_project, page


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader(load_overrides(REPO))


def plain(html: str) -> str:
    """Return HTML without the search-exclusion marks, for shorter expectations."""
    return html.replace(NOT_INDEXED, "")


def test_ruby_goes_over_kanji_with_fallback_brackets_and_is_kept_out_of_search(reader: Reader) -> None:
    assert annotate("<p>行きます</p>", reader) == (
        '<p><ruby>行<rp data-search-exclude="reading">(</rp><rt data-search-exclude="reading">い</rt>'
        '<rp data-search-exclude="reading">)</rp></ruby>きます</p>'
    )


def test_only_text_nodes_change_never_attributes(reader: Reader) -> None:
    html = '<h2 id="在留">在留</h2>\n<p><a href="../在留/" title="在留">在留</a> <img alt="地震" src="a.png"></p>'
    assert plain(annotate(html, reader)) == (
        '<h2 id="在留"><ruby>在留<rp>(</rp><rt>ざいりゅう</rt><rp>)</rp></ruby></h2>\n'
        '<p><a href="../在留/" title="在留"><ruby>在留<rp>(</rp><rt>ざいりゅう</rt><rp>)</rp></ruby></a>'
        ' <img alt="地震" src="a.png"></p>'
    )


def test_code_existing_ruby_and_other_languages_are_left_alone(reader: Reader) -> None:
    html = (
        "<p><code>日本</code> <kbd>東京</kbd> <ruby>漢字<rt>かんじ</rt></ruby> "
        '<span lang="zh-Hans">日本</span> <span lang="en">Tokyo</span></p>\n<pre><code>地震</code></pre>'
    )
    assert annotate(html, reader) == html


def test_entities_stay_escaped(reader: Reader) -> None:
    assert plain(annotate("<p>A &amp; B &lt;日本&gt;</p>", reader)) == (
        "<p>A &amp; B &lt;<ruby>日本<rp>(</rp><rt>にほん</rt><rp>)</rp></ruby>&gt;</p>"
    )


def test_title_becomes_an_h1_with_furigana_unless_the_page_has_one(reader: Reader) -> None:
    assert plain(title_heading("<p>x</p>", "地震", reader)) == (
        '<h1 data-search-exclude="title"><ruby>地震<rp>(</rp><rt>じしん</rt><rp>)</rp></ruby></h1>\n<p>x</p>'
    )
    assert title_heading("<h1>題</h1><p>x</p>", "地震", reader) == "<h1>題</h1><p>x</p>"


def test_furigana_are_turned_on_for_the_source_language_only(tmp_path: Path) -> None:
    ja = make_language("ja", "やさしい日本語", "sans-serif", "icu", None)
    en = make_language("en", None, "sans-serif", "space", None)
    project = str(tmp_path.resolve())
    assert with_furigana("guidebook", tmp_path, en) == "guidebook"
    assert with_furigana("guidebook", tmp_path, ja) == {"guidebook": {"furigana": True, "furigana_project": project}}
    assert with_furigana({"guidebook": {"sanitize": True}}, tmp_path, ja) == {
        "guidebook": {"sanitize": True, "furigana": True, "furigana_project": project}
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("furigana"), languages=("ja", "en"))
    build_site(open_project(root))
    return root / "site"


def test_plain_japanese_pages_have_furigana_and_the_switch(built: Path) -> None:
    html = (built / "ja/residence/card/index.html").read_text(encoding="utf-8")
    assert "<p><ruby>在留<rp>(</rp><rt>ざいりゅう</rt><rp>)</rp></ruby>カードは いつも" in html
    assert "<h1><ruby>在留<rp>(</rp><rt>ざいりゅう</rt><rp>)</rp></ruby>カード</h1>" in html
    assert "<li><ruby>住所<rp>(</rp><rt>じゅうしょ</rt><rp>)</rp></ruby>が" in html
    assert "data-search-exclude" not in html
    assert 'localStorage.getItem("gb.furigana")' in html
    assert f"hide = {json.dumps('ふりがなを 消す')}" in html


def test_translated_pages_have_no_furigana(built: Path) -> None:
    html = (built / "en/residence/card/index.html").read_text(encoding="utf-8")
    assert "<ruby" not in html
    assert "gb.furigana" not in html


def test_search_index_holds_the_base_text_with_readings_as_terms(built: Path) -> None:
    index = json.loads((built / "ja/search/guidebook_index.json").read_text(encoding="utf-8"))
    shown = json.dumps([{k: v for k, v in p.items() if k != "reading"} for p in index["pages"]], ensure_ascii=False)
    assert "ざいりゅう" not in shown and "じゅうしょ" not in shown  # what the result list shows: no readings
    pages = {p["url"]: p for p in index["pages"]}
    # The title's reading, compared with a query typed in kana, is kept apart from what is shown.
    assert pages["residence/card/"]["reading"] == "ざいりゅうかーど"
    assert pages["residence/card/"]["title"] == "在留カード"
    assert ["在留カードを-持つ", "在留カードを 持つ"] in pages["residence/card/"]["sections"]
    # Readings are terms, so a query in hiragana still finds the kanji.
    assert {"在留", "ざいりゅう"} <= set(page_terms(index, "residence/card/"))


def test_bad_override_file_stops_the_build_before_anything_is_written(tmp_path: Path) -> None:
    root = make_project(tmp_path, files={"site_config/furigana.yml": "words:\n  - text: 二日\n    reading: 2\n"})
    with pytest.raises(InputError) as info:
        build_site(open_project(root))
    assert str(info.value) == "site_config/furigana.yml:3: words[0].reading: expected a reading in hiragana, got '2'"
    assert not (root / "site").exists()


def test_a_municipality_reads_its_place_names_from_local_furigana_yml(tmp_path: Path) -> None:
    body = "港区の 役所に 行きます。"
    root = make_project(
        tmp_path,
        pages={"index": page("ホーム", body)},
        languages=("ja", "en"),
        files={
            "site_config/furigana.yml": "words:\n  - text: 港区\n    reading: こうく\n",
            "local/furigana.yml": "words:\n  - text: 港区\n    reading: みなとく\n",
        },
    )
    build_site(open_project(root))
    html = (root / "site/ja/index.html").read_text(encoding="utf-8")
    assert "<ruby>港区<rp>(</rp><rt>みなとく</rt><rp>)</rp></ruby>" in html  # the fork's reading wins
    (root / "local/furigana.yml").write_text("words:\n  - text: 港区\n    reading: ミナトク\n", encoding="utf-8")
    (root / "site_config/furigana.yml").write_text("words:\n  - text: 港区\n    reading: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        build_site(open_project(root))
    assert [str(p) for p in info.value.problems] == [
        "local/furigana.yml:3: words[0].reading: expected a reading in hiragana, got 'ミナトク'",
        "site_config/furigana.yml:3: words[0].reading: expected a reading in hiragana, got '1'",
    ]


def test_changing_local_readings_rebuilds_the_plain_japanese_site(tmp_path: Path) -> None:
    root = make_project(tmp_path, pages={"index": page("ホーム", "港区の 役所です。")}, languages=("ja", "en"))
    build_site(open_project(root))
    (root / "local").mkdir()
    (root / "local/furigana.yml").write_text("words:\n  - text: 港区\n    reading: みなとく\n", encoding="utf-8")
    report = build_site(open_project(root))
    assert "ja" in report.built
    assert "<rt>みなとく</rt>" in (root / "site/ja/index.html").read_text(encoding="utf-8")
