"""Hepburn romanization of readings: for place names in alerts (伊豆諸島 → Izu-shotō) and search.

Three spellings of the same reading: `macron` (modified Hepburn, jūminhyō), `plain` (long vowels
unmarked, juminhyo: how most residents type) and `wapuro` (every kana spelt out, juuminhyou: how
Japanese keyboards are typed).
"""

from __future__ import annotations

from typing import Any

from guidebook.japanese.readings import to_hiragana

BASE = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o", "ゔ": "vu",
}  # fmt: skip
SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
MACRON = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}
STYLES = ("macron", "plain", "wapuro")


def _syllables(kana: str) -> list[str]:
    """Return kana as Hepburn syllables, before long vowels are merged."""
    text = to_hiragana(kana)
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch in BASE and nxt in SMALL_Y and BASE[ch].endswith("i") and ch not in "いぃ":
            stem = BASE[ch][:-1]
            stem = stem if stem in ("sh", "ch", "j") else stem + "y"
            out.append(stem + SMALL_Y[nxt])
            i += 2
        elif ch == "っ":
            out.append("っ")
            i += 1
        elif ch == "ー":
            out.append("ー")
            i += 1
        elif ch in BASE:
            out.append(BASE[ch])
            i += 1
        else:
            out.append(ch)
            i += 1
    return out


def hepburn(kana: str, style: str = "macron") -> str:
    """Return a reading in kana as Hepburn romaji in one of STYLES."""
    syllables = _syllables(kana)
    out = ""
    for k, syl in enumerate(syllables):
        following = syllables[k + 1] if k + 1 < len(syllables) else ""
        if syl == "っ":
            if following[:1].isalpha() and following[:1] not in "aiueon":
                out += "t" if following.startswith("ch") else following[0]
            continue
        if syl == "ー":
            if out and out[-1] in "aiueo":
                out = out[:-1] + MACRON[out[-1]] if style == "macron" else out + ("" if style == "plain" else out[-1])
            continue
        if syl == "n" and following[:1] in ("a", "i", "u", "e", "o", "y"):
            syl = "n'" if style != "plain" else "n"
        if style != "wapuro" and out and syl in ("u", "o") and out[-1] in "ou" and (syl == "u" or out[-1] == "o"):
            # おう, おお, うう are long vowels; えい and いい stay as written in Hepburn.
            if style == "macron":
                out = out[:-1] + MACRON[out[-1]]
            continue
        if style != "wapuro" and out and syl == "a" and out[-1] == "a":
            if style == "macron":
                out = out[:-1] + MACRON["a"]
            continue
        out += syl
    return out


# Suffixes of place names joined to the name before them with a hyphen, as on road signs.
SUFFIXES = {
    "県",
    "都",
    "府",
    "道",
    "市",
    "区",
    "町",
    "村",
    "郡",
    "諸島",
    "列島",
    "群島",
    "島",
    "半島",
    "湾",
    "沿岸",
    "地方",
}


def romanize(text: str, reader: Any, style: str = "macron") -> str:
    """Return Japanese text (a place name) in Hepburn: 伊豆諸島 → Izu-shotō, 千葉県 → Chiba-ken."""
    words: list[str] = []
    for piece in reader.pieces(text):
        reading = piece.reading or piece.text
        if not reading.strip() or reading in "・、":
            continue
        for part in hepburn(reading.replace("・", " "), style).split():
            if not any(ch.isascii() and ch.isalpha() for ch in part) and not part.isdigit():
                continue  # nothing readable in Latin letters
            if piece.text in SUFFIXES and words:
                words[-1] += "-" + part
            else:
                words.append(part[:1].upper() + part[1:])
    return " ".join(words)
