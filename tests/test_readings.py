"""Readings for furigana: tricky words pinned, numbers with counters, alignment, the override file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from guidebook.japanese.readings import (
    Counter,
    Overrides,
    Piece,
    Reader,
    Word,
    align,
    load_overrides,
    notation,
    number_reading,
)
from guidebook.problems import InputError
from tests.helpers import REPO


@pytest.fixture(scope="module")
def reader() -> Reader:
    """The reader with the shipped site_config/furigana.yml."""
    return Reader(load_overrides(REPO))


# Each word as the shipped reader marks it up: readings in brackets after the kanji they go over.
TRICKY = {
    "今日": "今日[きょう]",
    "日本語": "日本[にほん]語[ご]",
    "火曜日": "火曜[かよう]日[び]",
    "二日": "二日[ふつか]",
    "三百": "三百[さんびゃく]",
    "一人": "一人[ひとり]",
    "二人": "二人[ふたり]",
    "大人": "大人[おとな]",
    "市役所": "市[し]役所[やくしょ]",
    "区役所": "区[く]役所[やくしょ]",
    "在留カード": "在留[ざいりゅう]カード",
    "住民票": "住民[じゅうみん]票[ひょう]",
    "国民健康保険": "国民[こくみん]健康[けんこう]保険[ほけん]",
    "避難所": "避難所[ひなんじょ]",
    "地震": "地震[じしん]",
    "津波": "津波[つなみ]",
    "警察": "警察[けいさつ]",
    "救急車": "救急[きゅうきゅう]車[しゃ]",
    "手続き": "手続[てつづ]き",
    "引っ越し": "引[ひ]っ越[こ]し",
    "14日": "14日[じゅうよっか]",
    "20歳": "20歳[はたち]",
    "何": "何[なん]",
    "何を します": "何[なに]を します",
    "何回": "何[なん]回[かい]",
    "上手": "上手[じょうず]",
    "東京": "東京[とうきょう]",
    "行きます": "行[い]きます",
    "日本に 住む": "日本[にほん]に 住[す]む",
    "4月1日から": "4月[しがつ]1日[ついたち]から",
    "1日 8時間": "1日[いちにち] 8時間[はちじかん]",
    "一日中": "一日中[いちにちじゅう]",
    "十二日": "十二[じゅうに]日[にち]",
    "6か月": "6か月[ろっかげつ]",
    "40歳": "40歳[よんじゅっさい]",
    "16歳": "16歳[じゅうろくさい]",
    "3,000円": "3,000円[さんぜんえん]",
    "2万円": "2万円[にまんえん]",
    "2026年": "2026年[にせんにじゅうろくねん]",
    "110番": "110番[ひゃくとおばん]",
    "110に 電話": "110に 電話[でんわ]",
    "明日": "明日[あした]",
    "出入国在留管理局": "出入国[しゅつにゅうこく]在留[ざいりゅう]管理[かんり]局[きょく]",
    "成田空港": "成田[なりた]空港[くうこう]",
    "所得（もうけ）": "所得[しょとく]（もうけ）",
}


@pytest.mark.parametrize(("text", "expected"), list(TRICKY.items()))
def test_shipped_reader_reads_tricky_words(reader: Reader, text: str, expected: str) -> None:
    assert notation(reader.pieces(text)) == expected


def test_text_without_kanji_gets_no_reading(reader: Reader) -> None:
    assert reader.pieces("ごみは 8時までに 出します。") == [
        Piece("ごみは "),
        Piece("8時", "はちじ"),
        Piece("までに "),
        Piece("出", "だ"),
        Piece("します。"),
    ]
    assert reader.pieces("カードと 110") == [Piece("カードと 110")]
    assert reader.pieces("") == []


def test_reading_spells_out_the_whole_text(reader: Reader) -> None:
    assert reader.reading("在留カードを 持つ") == "ざいりゅうかーどを もつ"


@pytest.mark.parametrize(
    ("n", "reading"),
    [
        (0, "ぜろ"),
        (1, "いち"),
        (10, "じゅう"),
        (11, "じゅういち"),
        (24, "にじゅうよん"),
        (100, "ひゃく"),
        (300, "さんびゃく"),
        (600, "ろっぴゃく"),
        (800, "はっぴゃく"),
        (1000, "せん"),
        (3000, "さんぜん"),
        (8000, "はっせん"),
        (2026, "にせんにじゅうろく"),
        (10000, "いちまん"),
        (200000, "にじゅうまん"),
        (100000000, "いちおく"),
    ],
)
def test_number_reading(n: int, reading: str) -> None:
    assert number_reading(n) == reading


def test_counter_uses_exact_numbers_then_sound_changes_of_the_last_word() -> None:
    sai = Counter("歳", "さい", numbers={20: "はたち"}, endings={1: "いっさい", 8: "はっさい", 10: "じゅっさい"})
    assert [sai.read(n) for n in (1, 8, 18, 20, 21, 30, 40, 64, 110)] == [
        "いっさい",
        "はっさい",
        "じゅうはっさい",
        "はたち",
        "にじゅういっさい",
        "さんじゅっさい",
        "よんじゅっさい",
        "ろくじゅうよんさい",
        "ひゃくじゅっさい",
    ]


def test_align_keeps_okurigana_outside_the_reading() -> None:
    assert align("行きます", "いきます") == [Piece("行", "い"), Piece("きます")]
    assert align("引っ越し", "ヒッコシ") == [Piece("引", "ひ"), Piece("っ"), Piece("越", "こ"), Piece("し")]
    assert align("在留カード", "ざいりゅうかーど") == [Piece("在留", "ざいりゅう"), Piece("カード")]


def test_align_puts_an_irregular_reading_over_the_whole_word() -> None:
    assert align("見せる", "みえる") == [Piece("見せる", "みえる")]
    assert align("ごみ", "ごみ") == [Piece("ごみ")]


def test_word_override_wins_only_on_its_own_and_in_its_context() -> None:
    reader = Reader(
        Overrides(
            words=(
                Word("二日", "ふつか"),
                Word("一日", "いちにち"),
                Word("一日", "ついたち", after="月"),
                Word("何", "なに", before="を"),
            )
        )
    )
    assert notation(reader.pieces("二日と 十二日")) == "二日[ふつか]と 十二[じゅうに]日[にち]"
    assert notation(reader.pieces("一日 休む")).startswith("一日[いちにち] ")
    assert notation(reader.pieces("五月 一日")).endswith("一日[ついたち]")
    assert notation(reader.pieces("何を")) == "何[なに]を"


def test_missing_override_file_means_no_overrides(tmp_path: Path) -> None:
    assert load_overrides(tmp_path) == Overrides()


def test_override_file_problems_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "site_config").mkdir()
    (tmp_path / "site_config" / "furigana.yml").write_text(
        textwrap.dedent(
            """\
            words:
              - text: 二日
                reading: フツカ
              - reading: ふつか
            counters:
              日:
                reading: にち
                endings: {11: じゅういちにち}
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_overrides(tmp_path)
    assert str(info.value).splitlines() == [
        "site_config/furigana.yml:3: words[0].reading: expected a reading in hiragana, got 'フツカ'",
        "site_config/furigana.yml:4: words[1].text: missing; expected a non-empty string",
        "site_config/furigana.yml:8: counters.日.endings.11: expected a last digit 1 to 9, or 10, got '11'",
    ]
