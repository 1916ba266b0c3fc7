from __future__ import annotations

from guidebook.project.segments import extract_body, substitute


def segs(body: str) -> list[tuple[str, str]]:
    return [(s.kind, s.msgid) for s in extract_body(body)]


def test_each_block_is_one_segment() -> None:
    body = "## 見出し\n\n段落です。\n\n- 一つ目\n- 二つ目\n\n1. 番号\n"
    assert segs(body) == [
        ("heading", "見出し"),
        ("paragraph", "段落です。"),
        ("item", "一つ目"),
        ("item", "二つ目"),
        ("item", "番号"),
    ]


def test_table_cells_are_separate_segments() -> None:
    body = "| 番号 | 使う とき |\n| --- | --- |\n| 110 | 警察 |\n"
    assert segs(body) == [("cell", "番号"), ("cell", "使う とき"), ("cell", "110"), ("cell", "警察")]


def test_admonition_title_and_body_are_separate() -> None:
    body = '!!! warning "気をつけて"\n\n    一つ目の 段落。\n\n    - 中の 項目\n\n外の 段落。\n'
    assert segs(body) == [
        ("admonition-title", "気をつけて"),
        ("paragraph", "一つ目の 段落。"),
        ("item", "中の 項目"),
        ("paragraph", "外の 段落。"),
    ]


def test_tab_titles_and_details_are_segments() -> None:
    body = '=== "タブ 一"\n\n    中身 一。\n\n??? note "詳しく"\n\n    中身 二。\n'
    assert segs(body) == [
        ("tab-title", "タブ 一"),
        ("paragraph", "中身 一。"),
        ("admonition-title", "詳しく"),
        ("paragraph", "中身 二。"),
    ]


def test_image_alone_gives_its_alt_text() -> None:
    assert segs("![地図の 画像](map.png)\n") == [("alt", "地図の 画像")]


def test_inline_markup_stays_in_the_segment() -> None:
    body = "[入管](https://www.moj.go.jp/isa/) に **すぐ** 行きます `code` <abbr>x</abbr>\n"
    assert segs(body) == [("paragraph", body.strip())]


def test_attribute_list_and_comment_are_not_text() -> None:
    found = extract_body("## 見出し { #top }\n\nはい <!-- msgctxt: answer -->\n")
    assert [(s.msgid, s.context) for s in found] == [("見出し", None), ("はい", "answer")]


def test_code_and_html_blocks_are_not_translated() -> None:
    assert segs("```\nコード\n```\n\n<div>ブロック</div>\n") == []


def test_wrapped_paragraph_is_one_segment_without_reflow() -> None:
    found = extract_body("一行目の 文です\n二行目の 文です。\n")
    assert [s.msgid for s in found] == ["一行目の 文です 二行目の 文です。"]


def test_substitute_keeps_markers_indentation_and_trailers() -> None:
    body = '## 見出し { #top }\n\n- 項目\n\n!!! tip "題"\n\n    本文。\n\n| a | b |\n|---|---|\n| 一 | 二 |\n'
    found = extract_body(body)
    out = substitute(body, found, {s: s.msgid.upper() + "X" for s in found})
    assert (
        out
        == '## 見出しX { #top }\n\n- 項目X\n\n!!! tip "題X"\n\n    本文。X\n\n| AX | BX |\n|---|---|\n| 一X | 二X |\n'
    )


def test_line_numbers_point_into_the_file() -> None:
    found = extract_body("\n## 見出し\n\n段落。\n", first_line=10)
    assert [s.line for s in found] == [11, 13]
