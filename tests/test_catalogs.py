from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from guidebook.catalogs import po as catalogs
from guidebook.problems import Problem
from guidebook.project.segments import extract_body

LONG = (
    "在留カードは 日本に 中長期間 住む 外国人が 持つ カードです。住所が 変わったら 14日 以内に 市役所に 届けます。"
    "カードを なくした ときは 警察に 届けてから 入管に 行って、新しい カードを もらいます。"
)


def tmpl(body: str):  # type: ignore[no-untyped-def]
    return catalogs.template("page", extract_body(body), "content/ja/page.md", dt.date(2026, 1, 1))


def translated(body: str, strings: dict[str, str]):  # type: ignore[no-untyped-def]
    cat = catalogs.merge(tmpl(body), None, "en")
    for msg in cat:
        if msg.id in strings:
            msg.string = strings[msg.id]
            msg.user_comments = ["reviewed by Ana"]
    return cat


def roundtrip(cat):  # type: ignore[no-untyped-def]
    problems: list[Problem] = []
    path = Path(tempfile.mkdtemp()) / "x.po"
    path.write_bytes(catalogs.dump(cat))
    out = catalogs.read(path, "x.po", problems, locale="en")
    assert problems == []
    return out


def test_edit_of_one_word_in_long_paragraph_keeps_translation_as_fuzzy_with_previous_text() -> None:
    old = roundtrip(translated(LONG, {LONG: "The residence card is ..."}))
    edited = LONG.replace("警察", "交番")
    new = roundtrip(catalogs.merge(tmpl(edited), old, "en"))
    msg = new.get(edited)
    assert msg.string == "The residence card is ..."
    assert msg.fuzzy
    assert msg.previous_id == [LONG]
    assert msg.user_comments == ["reviewed by Ana"]
    assert "#| msgid" in catalogs.dump(new).decode()


def test_removed_segment_becomes_obsolete_and_comes_back_when_text_returns() -> None:
    body = "一つ目。\n\n二つ目。\n"
    old = roundtrip(translated(body, {"一つ目。": "First.", "二つ目。": "Second."}))
    removed = roundtrip(catalogs.merge(tmpl("一つ目。\n"), old, "en"))
    assert removed.get("二つ目。") is None
    assert '#~ msgid "二つ目。"' in catalogs.dump(removed).decode()
    back = roundtrip(catalogs.merge(tmpl(body), removed, "en"))
    assert back.get("二つ目。").string == "Second."
    assert not back.get("二つ目。").fuzzy


def test_merge_is_idempotent_and_reflow_is_not_a_change() -> None:
    body = "一行目\n二行目。\n"
    once = catalogs.dump(catalogs.merge(tmpl(body), roundtrip(translated(body, {"一行目 二行目。": "X"})), "en"))
    twice = catalogs.dump(catalogs.merge(tmpl("一行目 二行目。\n"), read_po(io.BytesIO(once), locale="en"), "en"))
    assert roundtrip(catalogs.merge(tmpl(body), roundtrip(catalogs.merge(tmpl(body), None, "en")), "en"))
    assert once == twice


def test_flags_and_translator_comments_are_kept() -> None:
    cat = translated("文。\n", {"文。": "Sentence."})
    cat.get("文。").flags.add("md-text")
    again = roundtrip(catalogs.merge(tmpl("文。\n"), roundtrip(cat), "en"))
    assert "md-text" in again.get("文。").flags
    assert again.get("文。").user_comments == ["reviewed by Ana"]


def test_template_has_references_and_no_wrapping() -> None:
    text = catalogs.dump(tmpl(LONG + "\n")).decode()
    assert "#: content/ja/page.md:1" in text
    assert f'msgid "{LONG}"' in text


def test_same_text_twice_is_one_message_with_two_references() -> None:
    cat = tmpl("同じ。\n\n同じ。\n")
    assert [m.locations for m in cat if m.id] == [[("content/ja/page.md", 1), ("content/ja/page.md", 3)]]


def test_msgctxt_separates_equal_text() -> None:
    cat = tmpl("はい <!-- msgctxt: answer -->\n\nはい\n")
    assert [(m.id, m.context) for m in cat if m.id] == [("はい", "answer"), ("はい", None)]


def read(path: Path) -> list[str]:
    problems: list[Problem] = []
    assert catalogs.read(path, "x.po", problems, locale="en") is None
    return [str(p) for p in problems]


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nbroken line\n', encoding="utf-8")
    assert read(po) == ["x.po:10: PO syntax: unknown keyword 'broken'; expected msgctxt, msgid, msgid_plural or msgstr"]


def test_unterminated_string_is_refused(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(HEADER + 'msgid "a"\nmsgstr "b\n', encoding="utf-8")
    assert read(po) == ["x.po:7: PO syntax: expected a quoted string, got '\"b'"]


def test_duplicate_msgid_is_refused(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', encoding="utf-8")
    assert read(po) == ["x.po:9: PO syntax: duplicate msgid 'a' (first at line 6)"]


def test_wrong_plural_header_is_refused(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(HEADER.replace("nplurals=2", "nplurals=3"), encoding="utf-8")
    assert read(po) == ["x.po:1: Plural-Forms: expected nplurals=2 for en, got nplurals=3"]


def test_encoding_other_than_utf8_is_refused(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_bytes((HEADER + 'msgid "a"\nmsgstr "caf\xe9"\n').encode("latin-1"))
    assert read(po) == ["x.po:7: not UTF-8 (invalid continuation byte); save the file as UTF-8"]


@pytest.mark.parametrize("charset", ["ISO-8859-1", "Shift_JIS"])
def test_declared_charset_other_than_utf8_is_refused(tmp_path: Path, charset: str) -> None:
    po = tmp_path / "x.po"
    po.write_text(HEADER.replace("UTF-8", charset), encoding="utf-8")
    assert read(po) == [f"x.po:1: Content-Type: expected charset=UTF-8, got {charset}"]
