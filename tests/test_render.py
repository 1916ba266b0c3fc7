from __future__ import annotations

from pathlib import Path

import markdown

from guidebook.catalogs.po import Entry
from guidebook.problems import Problem
from guidebook.project.languages import make_language
from guidebook.project.pages import read_page
from guidebook.site.render import render
from guidebook.site.sanitize import sanitize
from tests.helpers import page

EN = make_language("en", None, "sans-serif", "space", None)
JA = make_language("ja", None, "sans-serif", "icu", None)


def source(tmp_path: Path, body: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "p.md"
    path.write_text(page("題", body), encoding="utf-8")
    problems: list[Problem] = []
    result = read_page(path, "p", "p.md", problems)
    assert problems == []
    return result


def html_of(md_text: str) -> str:
    body = md_text.split("---\n", 2)[2]
    return sanitize(markdown.markdown(body, extensions=["admonition", "attr_list", "tables"]))


def test_translated_segments_replace_the_source(tmp_path: Path) -> None:
    src = source(tmp_path, "## 見出し\n\n本文です。\n")
    out = render(
        src,
        {
            ("見出し", None): Entry("Heading", False, False),
            ("本文です。", None): Entry("Body.", False, True),
            ("題", None): Entry("Title", False, False),
        },
        EN,
    )
    assert "## Heading\n\nBody." in out.markdown
    assert "title: Title" in out.markdown
    assert (out.translated, out.draft, out.fallback) == (3, 1, 0)


def test_missing_and_fuzzy_segments_show_plain_japanese_marked_lang_ja(tmp_path: Path) -> None:
    src = source(tmp_path, "古い 文。\n\nない 文。\n")
    out = render(src, {("古い 文。", None): Entry("Old sentence.", True, False)}, EN)
    html = html_of(out.markdown)
    assert '<p><span lang="ja" class="gb-ja">古い 文。</span></p>' in html
    assert '<span lang="ja" class="gb-ja">ない 文。</span>' in html
    assert "Old sentence." not in html
    assert '<h1><span lang="ja" class="gb-ja">題</span></h1>' in html
    assert out.fallback == 3  # title, two paragraphs
    assert "fallback: 3" in out.markdown


def test_translation_with_its_own_script_is_not_published(tmp_path: Path) -> None:
    src = source(tmp_path, "[入管](https://www.moj.go.jp/isa/) に 行きます。\n")
    evil = {
        ("[入管](https://www.moj.go.jp/isa/) に 行きます。", None): Entry(
            "Go to [immigration](javascript:alert(1)) <img src=x onerror=alert(1)>", False, False
        )
    }
    out = render(src, evil, EN)
    html = html_of(out.markdown)
    assert "javascript:" not in html and "onerror" not in html and "<img" not in html
    assert out.rejected and "not in the source" in out.rejected[0][1]


def test_translation_cannot_start_a_new_block(tmp_path: Path) -> None:
    src = source(tmp_path, "- 項目\n")
    out = render(
        src, {("項目", None): Entry("# not a heading", False, False), ("題", None): Entry("T", False, False)}, EN
    )
    assert "<h1" not in html_of(out.markdown)


def test_source_language_is_rendered_as_written(tmp_path: Path) -> None:
    src = source(tmp_path, "本文です。\n")
    out = render(src, {}, JA)
    assert out.markdown.endswith("本文です。\n")
    assert out.fallback == 0


def test_page_records_review_date_and_sources_in_reader_locale(tmp_path: Path) -> None:
    out = render(source(tmp_path, "文。\n"), {}, EN)
    assert "reviewed_text: November 1, 2026" in out.markdown
    assert "url: https://www.moj.go.jp/isa/" in out.markdown


def test_sanitizer_removes_script_and_event_handlers() -> None:
    dirty = (
        '<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a><ruby>漢<rt>かん</rt></ruby></p>'
    )
    assert sanitize(dirty) == "<p>a<a>b</a><ruby>漢<rt>かん</rt></ruby></p>"


def test_title_translated_with_the_same_characters_is_not_a_fallback(tmp_path: Path) -> None:
    zh = make_language("zh-Hans", None, "sans-serif", "icu", None)
    out = render(
        source(tmp_path, "文。\n"),
        {("題", None): Entry("題", False, False), ("文。", None): Entry("文。", False, False)},
        zh,
    )
    assert out.fallback == 0
    assert "gb-ja" not in out.markdown
