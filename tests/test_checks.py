from __future__ import annotations

from pathlib import Path

import pytest

from guidebook.catalogs.checks import (
    CheckFailure,
    Pair,
    check_burmese_unicode,
    check_glossary,
    check_links_kept,
    check_markdown_kept,
    check_markup,
    check_not_copied,
    check_numbers,
    run_checks,
)
from guidebook.catalogs.extract import run_extract
from guidebook.cli import main
from guidebook.project.loader import open_project
from tests.helpers import REPO, make_project


def fails(check, msgid: str, msgstr: str, lang: str = "en", terms: tuple[tuple[str, str], ...] = ()) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(CheckFailure) as err:
        check(Pair(msgid, msgstr, lang, terms))
    return str(err.value)


def test_emergency_and_phone_numbers_must_survive() -> None:
    assert fails(check_numbers, "110 に 電話します。", "Call 911.") == "number '110' of the source is missing"
    assert (
        fails(check_numbers, "0570-013904 です。", "It is 0570-01390.")
        == "number '0570-013904' of the source is missing"
    )
    check_numbers(Pair("#7119 に 電話", "Call #7119", "en"))


def test_markup_the_source_lacks_is_refused() -> None:
    assert fails(check_markup, "本文", "text <script>x</script>").startswith("HTML not in the source")
    assert fails(check_markup, "[入管](https://a.jp/)", "[x](https://evil.example/)") == (
        "link target not in the source: https://evil.example/"
    )


def test_dropped_link_is_reported() -> None:
    assert fails(check_links_kept, "[入管](https://a.jp/) へ", "Go there") == "link target dropped: https://a.jp/"


def test_copy_of_japanese_source_is_refused_but_shared_han_in_chinese_is_not() -> None:
    assert (
        fails(check_not_copied, "ごみの 出し方", "ごみの 出し方", "vi")
        == "translation is a copy of the Japanese source"
    )
    check_not_copied(Pair("税金", "税金", "zh-Hans"))
    assert fails(check_not_copied, "税金", "税金", "ko") == "translation is a copy of the Japanese source"


def test_glossary_term_must_use_the_approved_rendering() -> None:
    terms = (
        ("在留カード", "residence card"),
        ("国際運転免許証", "international driving permit"),
        ("運転免許証", "driver's license"),
    )
    pair = Pair("在留カードを 持ちます。", "Carry your ID card.", "en", terms)
    assert (
        fails(check_glossary, pair.msgid, pair.msgstr, "en", terms) == "在留カード should be rendered 'residence card'"
    )
    check_glossary(Pair("在留カードを 持ちます。", "Carry your Residence Cards.", "en", terms))
    check_glossary(Pair("国際運転免許証が 使えます。", "An international driving permit works.", "en", terms))


def test_glossary_allows_khmer_term_without_its_nominalizer() -> None:
    terms = (("住民登録", "ការចុះបញ្ជីអ្នករស់នៅ"),)
    check_glossary(Pair("住民登録を した 人", "អ្នកដែលបានចុះបញ្ជីអ្នករស់នៅ", "km", terms))


def test_inline_code_and_emphasis_must_survive() -> None:
    assert (
        fails(check_markdown_kept, "`guidebook` を 使う", "use guidebook")
        == "inline code `guidebook` of the source is missing"
    )
    assert fails(check_markdown_kept, "**大切** です", "important") == "** appears 0 times; the source has 2"


def test_zawgyi_burmese_is_refused() -> None:
    check_burmese_unicode(Pair("健康保険", "ကျန်းမာရေးအာမခံ", "my"))
    assert fails(check_burmese_unicode, "健康保険", "က်န္းမာေရးအာမခံ", "my") == (
        "Burmese text looks like Zawgyi; convert it to Unicode"
    )


def test_shipped_catalogs_pass_every_check_strictly() -> None:
    assert [str(p) for p in run_checks(open_project(REPO))] == []


def test_check_command_fails_on_warnings_only_with_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path)
    run_extract(open_project(root))
    po = root / "languages/en/LC_MESSAGES/residence.card.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "住所が 変わったら 14日 以内に 届けます。"\nmsgstr ""',
            'msgid "住所が 変わったら 14日 以内に 届けます。"\nmsgstr "Report a new address within two weeks."',
        ),
        encoding="utf-8",
    )
    assert main(["check", "--project", str(root)]) == 0
    assert main(["check", "--strict", "--project", str(root)]) == 1
    out = capsys.readouterr().out
    assert "languages/en/LC_MESSAGES/residence.card.po:" in out
    assert "en:numbers: number '14' of the source is missing [warning]" in out
