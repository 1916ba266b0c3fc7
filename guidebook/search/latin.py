"""The words of a page in Latin letters, the way readers of some languages type their own language.

Many readers of Nepali and Mongolian type their language in Latin letters on a phone (bhukampa for
भूकम्प, gerliin mongo for гэрлийн мөнгө), and Chinese readers type pinyin. The index holds, besides
each word of a page's title, headings and search words, its spelling in Latin letters:

* Chinese: toneless pinyin from pypinyin, whose phrase dictionary picks a character's reading by its
  word (日语 → riyu), with the pinyin of every character of the index (the browser maps a query's
  characters to their sound, so a homophone typed with a pinyin keyboard is still found);
* Nepali: ICU's Devanagari-Latin (ISO 15919) folded to ASCII, and as people type it: च as ch, छ as chh,
  without the final inherent a (आयकर: ayakara, ayakar);
* Mongolian Cyrillic: the letters as Mongolians type them (х as h and kh, ө and ү as o and u);
* Khmer: Cambodians type Khmer in Latin letters with no fixed spelling of vowels (រៀន: rean, rien,
  reang), so a Khmer word is indexed by its consonants only, as classes that the usual spellings of
  each consonant share (~rn); the browser reduces a Latin query word the same way (see skeleton() in
  the search worker). Vowels are where the spellings differ; several words may share consonants, and
  a query of several words then ranks first the pages that have them all.

Burmese and Thai typed in Latin letters are not done: their tones and vowels carry too much of each
word for consonants alone, and no spelling is shared.
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
DEVANAGARI = re.compile(r"[\u0900-\u097f]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MONGOLIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "ye", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "ө": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ү": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "i", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


def is_chinese(tag: str) -> bool:
    """Return True for the Chinese sites, whose readers type pinyin and mistype homophones."""
    return tag.split("-")[0] == "zh"


def pinyin(word: str) -> list[str]:
    """Return a Chinese word in toneless pinyin without spaces (日语 → riyu), or nothing without Han."""
    from pypinyin import lazy_pinyin

    return ["".join(lazy_pinyin(word, v_to_u=True))] if HAN.search(word) else []


def sounds(terms: list[str]) -> dict[str, str]:
    """Return pinyin → the Han characters of terms that read so (the browser maps a query's Han to pinyin)."""
    from pypinyin import lazy_pinyin

    chars = sorted({c for t in terms for c in t if HAN.match(c)})
    out: dict[str, str] = {}
    for char in chars:
        syllable = lazy_pinyin(char, v_to_u=True)[0]
        out[syllable] = out.get(syllable, "") + char
    return dict(sorted(out.items()))


@lru_cache(maxsize=2)
def _transliterator(rules: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(rules)


def nepali(word: str) -> list[str]:
    """Return a Devanagari word as Nepali readers type it in Latin letters (a few spellings)."""
    if not DEVANAGARI.search(word):
        return []
    iso = _transliterator("Devanagari-Latin").transliterate(word)  # ISO 15919: ā is long, a inherent
    inherent = len(iso) > 3 and re.search(r"[^aeiouāīūēōṛ]a$", iso) is not None
    plain = _transliterator("Latin-ASCII; Lower").transliterate(iso)
    typed = re.sub(r"c(?!h)", "ch", plain.replace("ch", "chh"))
    typed = re.sub(r"(?<=[^aeiou])v", "w", typed)  # व after a consonant typed w: svasthya, swasthya
    out = [plain, typed] + ([plain[:-1], typed[:-1]] if inherent else [])
    return list(dict.fromkeys(w for w in out if w.isascii() and w.isalpha()))


def mongolian(word: str) -> list[str]:
    """Return a Mongolian Cyrillic word as Mongolians type it in Latin letters (х as h and as kh)."""
    if not CYRILLIC.search(word):
        return []
    lower = word.lower().replace("ий", "ii").replace("ый", "ii")
    spelt = "".join(MONGOLIAN.get(c, c) for c in lower)
    out = [spelt, "".join(MONGOLIAN.get(c, c) if c != "х" else "kh" for c in lower)]
    return list(dict.fromkeys(w for w in out if w.isascii() and w.isalpha()))


KHMER = re.compile(r"[\u1780-\u17ff]")
# Khmer consonants by the Latin letters Cambodians type for them: k for ក ខ គ ឃ (k, kh), c for
# ច ឆ ជ ឈ (ch, chh, j), n for ង ញ ណ ន (ng, nh, n), t for ត ថ ទ ធ ឋ ឍ (t, th), p for ប ផ ព ភ (b, p, ph).
# យ and អ, which stand for vowels as often as not (ដី: dei, dey), are left out, and so are vowels.
KHMER_CLASSES = dict(
    zip(
        "កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវឝឞសហឡអ",
        "kkkknccccndtdtnttttnppppm-rlvssshl-",
        strict=True,
    )
)


def khmer(word: str) -> list[str]:
    """Return a Khmer word's consonant classes, marked ~ (ភាសា → ~ps), or nothing for short or long words."""
    if not KHMER.search(word):
        return []
    out = ""
    for char in word:
        letter = KHMER_CLASSES.get(char, "h" if char == "\u17c7" else "")  # ះ: the final h of -ah, -eah
        if letter not in ("", "-") and not out.endswith(letter):
            out += letter
    return ["~" + out] if 2 <= len(out) <= 8 else []  # longer: search words run together, never typed so


SPELLINGS = {"zh": pinyin, "ne": nepali, "mn": mongolian, "km": khmer}


def by_consonants(tag: str) -> bool:
    """Return True where the index holds words by their consonants (the browser reduces queries so)."""
    return SPELLINGS.get(tag.split("-")[0]) is khmer


def spells_in_latin(tag: str) -> bool:
    """Return True where the index holds words of tag in Latin letters too."""
    return tag.split("-")[0] in SPELLINGS


def latin_spellings(word: str, tag: str) -> list[str]:
    """Return the Latin-letter spellings readers of tag type for one of its words (none for most)."""
    spell = SPELLINGS.get(tag.split("-")[0])
    return spell(word) if spell else []
