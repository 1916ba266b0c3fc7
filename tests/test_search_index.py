"""The per-language search index: page weights, term order, search words kept whole."""

from __future__ import annotations

import json

from guidebook.search.index import build_index, page_terms, whole_words
from guidebook.search.latin import latin_spellings


def pages(*specs: tuple[str, str, str, str]) -> list[dict[str, object]]:
    return [
        {"url": url, "title": title, "keywords": keywords, "text": text, "sections": [], "description": ""}
        for url, title, keywords, text in specs
    ]


def test_a_word_in_the_title_or_search_words_weighs_more_than_in_the_text() -> None:
    index = build_index(
        pages(
            ("a/", "Electricity", "", "Gas and water."),
            ("b/", "Gas", "power bill", "Water."),
            ("c/", "Water", "", "Electricity, gas, power bill and more electricity."),
            ("d/", "Other", "", "Nothing."),
        ),
        "en",
    )
    assert page_terms(index, "a/")["electricity"] > page_terms(index, "c/")["electricity"]
    assert page_terms(index, "b/")["bill"] > page_terms(index, "c/")["bill"]
    # A rarer word weighs more: "water" is on three pages, "nothing" on one.
    assert page_terms(index, "d/")["nothing"] > page_terms(index, "b/")["water"]


def test_terms_are_in_javascript_order_and_postings_are_page_weight_pairs() -> None:
    index = build_index(pages(("a/", "𠮷野家 ｶﾞｽ", "", "Ｚebra zebra"), ("b/", "ガス", "", "")), "ja")
    assert index["terms"] == sorted(index["terms"], key=lambda t: t.encode("utf-16-be"))
    assert "ガス" in index["terms"] and "zebra" in index["terms"]  # NFKC and lower case
    for flat in index["postings"]:
        assert len(flat) % 2 == 0 and all(isinstance(n, int) for n in flat[::2]) and all(w > 0 for w in flat[1::2])
    assert json.dumps(index, ensure_ascii=False)  # serializable as written


def test_search_words_of_unspaced_scripts_are_also_kept_whole() -> None:
    assert "ค่าไฟ" in whole_words("ค่าไฟ, ค่าน้ำ", "th")
    assert whole_words("power bill, gas", "en") == []
    assert "ざいりゅうかーど" in whole_words("ざいりゅうかーど ビザ", "ja")


def test_the_chinese_index_has_pinyin_words_and_the_sounds_of_its_characters() -> None:
    index = build_index(pages(("a/", "中暑", "日语学校", "天气很热。")), "zh-Hans", unspaced=True)
    words = page_terms(index, "a/")
    assert {"中暑", "zhongshu", "日语", "riyu", "xuexiao"} <= set(words)  # each ICU word in pinyin
    assert "tianqi" not in words  # the text is not spelt in pinyin: it would double the index
    # Every Han character of the index under its pinyin: 署 (a typo of 暑 typed by sound) reads shu too.
    assert "暑" in index["sounds"]["shu"] and "中" in index["sounds"]["zhong"]
    assert "sounds" not in build_index(pages(("a/", "Heat", "", "")), "en")


def test_nepali_and_mongolian_words_are_also_spelt_as_their_readers_type_them() -> None:
    assert {"bhukampa", "bhukamp"} <= set(latin_spellings("भूकम्प", "ne"))  # with and without the inherent a
    assert "chikitsa" in latin_spellings("चिकित्सा", "ne")  # च typed ch, not ISO's c
    assert {"svasthya", "swasthya"} <= set(latin_spellings("स्वास्थ्य", "ne"))  # व after a consonant typed w
    assert latin_spellings("мөнгө", "mn") == ["mongo"]
    assert set(latin_spellings("халамж", "mn")) == {"halamj", "khalamj"}  # х typed h or kh
    assert latin_spellings("гэрлийн", "mn") == ["gerliin"]
    assert latin_spellings("ค่าไฟ", "th") == [] and latin_spellings("house", "ne") == []
    index = build_index(pages(("a/", "भूकम्प", "", "घर।"), ("b/", "पानी", "", "")), "ne")
    assert {"भूकम्प", "bhukampa"} <= set(page_terms(index, "a/"))
    assert "ghara" not in page_terms(index, "a/")  # the text is not spelt in Latin letters


def test_vietnamese_titles_and_search_words_also_hold_each_pair_of_adjacent_syllables() -> None:
    index = build_index(pages(("a/", "Tiền điện, nước", "hóa đơn", "Gọi điện thoại.")), "vi")
    words = page_terms(index, "a/")
    assert {"tien", "dien", "tiendien", "hoadon"} <= set(words)
    assert "diennuoc" not in words  # not across a comma
    assert "dienthoai" not in words  # nor in the text
    assert "powerbill" not in page_terms(build_index(pages(("a/", "Power bill", "", "")), "en"), "a/")


def test_khmer_words_are_also_indexed_by_their_consonants_as_cambodians_spell_them_in_latin() -> None:
    assert latin_spellings("ភាសា", "km") == ["~ps"]  # pheasa, phasa
    assert latin_spellings("ជប៉ុន", "km") == ["~cpn"]  # japon, cheaponn
    assert latin_spellings("រញ្ជួយ", "km") == ["~rnc"]  # rangjuy, runhchuoy
    assert latin_spellings("ដី", "km") == []  # one consonant: too many words share it
    index = build_index(pages(("a/", "រៀនភាសា", "", "ផ្ទះ"), ("b/", "ទឹក", "", "")), "km", unspaced=True)
    assert "~ps" in page_terms(index, "a/") and "~pt" not in page_terms(index, "a/")  # not the text's
    assert index["skeletons"] is True


def test_a_latin_spelling_of_a_common_word_is_counted_as_common_as_the_word() -> None:
    # कसरी (how) is in the text of every page but a search word of one: spelt kasari only there.
    specs = [(f"p{n}/", "पाना", "", "यो कसरी गर्ने।") for n in range(9)]
    index = build_index(pages(("a/", "भूकम्प", "कसरी", "कसरी?"), *specs), "ne")
    assert index["spelt"]["kasari"] == 10  # the pages that have कसरी, not the one that has kasari
    assert "bhukampa" not in index["spelt"]  # a word of one page: as rare as its spelling
    assert "spelt" not in build_index(pages(("a/", "Power bill", "", "")), "en")


def test_japanese_forms_of_kanji_are_read_as_simplified_chinese_on_the_chinese_site() -> None:
    from guidebook.search.kanji import japanese_to_simplified, simplified

    assert simplified("源泉徴収票") == "源泉征收票" and simplified("児童手当") == "儿童手当"
    assert simplified("在留カード") == "在留カード"  # the same in both, and kana left alone
    assert "儿" not in japanese_to_simplified()  # only Japanese forms are keys
    index = build_index(pages(("a/", "所得税", "源泉徴収票、児童手当", "")), "zh-Hans")
    assert {"源泉征收票", "儿童手当"} <= set(page_terms(index, "a/"))  # the page's Japanese forms too
    assert index["kanji"]["徴"] == "征" and index["kanji"]["児"] == "儿"
    assert "kanji" not in build_index(pages(("a/", "x", "", "")), "ja")


def test_the_khmer_variant_letter_qoo_type_two_is_read_as_qoo_type_one() -> None:
    index = build_index(pages(("a/", "ឱ្យលុយ", "", ""), ("b/", "ផ្ទះ", "", "")), "km", unspaced=True)
    variant = build_index(pages(("a/", "ឲ្យលុយ", "", ""), ("b/", "ផ្ទះ", "", "")), "km", unspaced=True)
    assert set(page_terms(index, "a/")) == set(page_terms(variant, "a/"))
    assert not any("\u17b2" in t for t in variant["terms"])
