"""Japanese words in residents' own scripts for the search index: main spellings, variants, any kana."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidebook.japanese import transcribe as tr
from guidebook.japanese.transcribe import SCRIPTS, transcribe

WORDS = [
    "じゅうみんひょう",
    "ねんきん",
    "ざいりゅうかーど",
    "ほいくえん",
    "しゃかいほけん",
    "かくていしんこく",
    "とうきょう",
    "がっこう",
]

# The first spelling of each word in each script.
MAIN = {
    "hangul": ["주민효", "넨킨", "자이류카도", "호이쿠엔", "샤카이호켄", "가쿠테이신코쿠", "도쿄", "갓코"],
    "devanagari": ["जुमिन्ह्यो", "नेन्किन", "जाइर्युकादो", "होइकुएन", "शाकाइहोकेन", "काकुतेइशिन्कोकु", "तोक्यो", "गाक्को"],
    "thai": ["จูมินเฮียว", "เนงกิง", "ไซริวกาโดะ", "โฮอิกูเอง", "ชาไกโฮเกง", "คากูเตชิงโกกุ", "โตเกียว", "กักโก"],
    "khmer": ["ជូមីនហ្យូ", "នេនគីន", "ហ្សៃរ្យូកាដូ", "ហូអ៊ីគូអេន", "ស្យាកៃហូកេន", "កាគូតេស៊ីនកូគូ", "តូក្យូ", "ហ្គាក់កូ"],
    "myanmar": ["ဂျူမင်ဟျို", "နန်ကင်", "ဇိုင်ရျူကာဒို", "ဟိုအီကူအန်", "ရှာကိုင်ဟိုကန်", "ကာကူတေရှင်ကိုကူ", "တိုကျို", "ဂတ်ကို"],
    "cyrillic": ["дзюминхё", "нэнкин", "дзайрюкадо", "хойкуэн", "сякайхокэн", "какутэйсинкоку", "токё", "гакко"],
}


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("index", range(len(WORDS)))
def test_main_spelling(script: str, index: int) -> None:
    assert transcribe(WORDS[index], script)[0] == MAIN[script][index]


@pytest.mark.parametrize(
    ("kana", "script", "spelling"),
    [
        # Korean: aspirated first syllable as many type it, the informal 쥬 and ㅇ before k, っ left out.
        ("かくていしんこく", "hangul", "카쿠테이신코쿠"),
        ("じゅうみんひょう", "hangul", "쥬민효"),
        ("ねんきん", "hangul", "넹킨"),
        ("がっこう", "hangul", "가코"),
        ("きゅうしゅう", "hangul", "규슈"),
        ("ちば", "hangul", "지바"),
        ("ティッシュ", "hangul", "팃슈"),
        # Nepali: long ū, anusvara for ん, つ as त्सु.
        ("じゅうみんひょう", "devanagari", "जूमिन्ह्यो"),
        ("ねんきん", "devanagari", "नेंकिन"),
        ("まつ", "devanagari", "मात्सु"),
        # Thai: ค for k by ear (เนงคิน), น throughout (เนนคิน), ม before b, long e for えい.
        ("ねんきん", "thai", "เนงคิน"),
        ("ねんきん", "thai", "เนนคิน"),
        ("ゆうきゅう", "thai", "ยูคิว"),
        ("すし", "thai", "ซูชิ"),
        ("はんこ", "thai", "ฮังโกะ"),
        ("しんばし", "thai", "ชิมบาชิ"),
        ("せんせい", "thai", "เซนเซ"),
        ("ほっかいどう", "thai", "ฮกไกโด"),
        ("さっぽろ", "thai", "ซัปโปโร"),
        # Khmer and Burmese: っ left out; long vowels with the heavy tone; あい as one syllable.
        ("がっこう", "khmer", "ហ្គាកូ"),
        ("はんこ", "myanmar", "ဟန်ကို"),
        ("とうきょう", "myanmar", "တိုးကျိုး"),
        ("マイナンバー", "myanmar", "မိုင်နန်ဘာ"),
        # Cyrillic: Mongolian with doubled long vowels and written once; Polivanov м and нъ.
        ("じゅうみんひょう", "cyrillic", "жүүминхёо"),
        ("じゅうみんひょう", "cyrillic", "жүминхё"),
        ("しゃかいほけん", "cyrillic", "шакайхокэн"),
        ("しんばし", "cyrillic", "симбаси"),
        ("こんや", "cyrillic", "конъя"),
        ("きゅうしゅう", "cyrillic", "кюүшүү"),
    ],
)
def test_variants(kana: str, script: str, spelling: str) -> None:
    assert spelling in transcribe(kana, script)


@pytest.mark.parametrize("script", SCRIPTS)
def test_katakana_and_long_mark_read_as_hiragana(script: str) -> None:
    assert transcribe("ザイリュウカード", script) == transcribe("ざいりゅうかーど", script)
    assert transcribe("ネンキン", script) == transcribe("ねんきん", script)


@pytest.mark.parametrize("script", SCRIPTS)
def test_loanword_sounds_are_syllables(script: str) -> None:
    for kana in ("ティ", "ファ", "ヴァ", "ヴ", "ウィ", "チェ", "デュ"):
        spelling = transcribe(kana, script)[0]
        assert not KANA.search(spelling), (kana, spelling)
        assert len(transcribe(kana, script)) >= 1


def test_tables_cover_the_same_syllables() -> None:
    tables = [tr.HANGUL, tr.DEVANAGARI, tr.THAI, tr.KHMER, tr.MYANMAR, tr.POLIVANOV]
    for table in tables:
        assert set(table) == set(tr.HANGUL)
        assert all(value for value in table.values())
    assert set(tr.MONGOLIAN) <= set(tr.POLIVANOV)
    assert set(tr.HANGUL_INFORMAL) <= set(tr.HANGUL)
    assert {vowel for _, vowel in tr.THAI.values()} <= set(tr.THAI_VOWELS)
    assert {vowel for _, vowel in tr.MYANMAR.values()} <= set(tr.MYANMAR_VOWELS)


def test_edge_cases() -> None:
    assert transcribe("", "hangul") == []
    assert transcribe(" \u3000", "thai") == []
    assert transcribe("ー", "cyrillic") == ["ー"]
    assert transcribe("ねんきん てちょう", "cyrillic")[0] == "нэнкин тэтё"
    assert transcribe("いすゞ", "hangul") == transcribe("いすず", "hangul")
    with pytest.raises(ValueError):
        transcribe("ねんきん", "latin")


KANA = re.compile(r"[\u3041-\u30ff]")
HIRAGANA = st.text(st.characters(min_codepoint=0x3041, max_codepoint=0x309F), min_size=1, max_size=12)
CLEAN = st.lists(st.sampled_from([*tr.HANGUL, "っ", "ん", "ー"]), min_size=1, max_size=8).map("".join)


def _well_formed(spellings: list[str]) -> None:
    assert 1 <= len(spellings) <= tr.MAX_SPELLINGS
    assert len(set(spellings)) == len(spellings)
    assert all(s.strip() for s in spellings)


@settings(max_examples=300, deadline=None)
@given(HIRAGANA)
def test_any_hiragana_gives_spellings(kana: str) -> None:
    for script in SCRIPTS:
        _well_formed(transcribe(kana, script))


@settings(max_examples=300, deadline=None)
@given(CLEAN)
def test_syllables_leave_no_kana(kana: str) -> None:
    for script in SCRIPTS:
        spellings = transcribe(kana, script)
        _well_formed(spellings)
        if any(ch not in "っー" for ch in kana):  # a reading of only っ and ー has nothing to write
            assert not any(KANA.search(s) for s in spellings), (kana, script, spellings)
