from __future__ import annotations

import pytest

from guidebook.checks import CheckFailure, Pair, check_links_kept, check_markup, check_not_copied, check_numbers


def fails(check, msgid: str, msgstr: str, lang: str = "en") -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(CheckFailure) as err:
        check(Pair(msgid, msgstr, lang))
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
