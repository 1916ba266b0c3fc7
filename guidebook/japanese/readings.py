"""Readings of plain-Japanese text for furigana.

Words are read by SudachiPy with its core dictionary (installed from PyPI; nothing is downloaded
at run time). The analyser misreads some numbers, counters and names, so site_config/furigana.yml
adds two things it looks at first:

words: exact spellings with their reading (二日 → ふつか), optionally only right after or right
  before some text (一日 after 月 → ついたち, 何 before を → なに). A word is only matched where it
  is not part of a longer run of the same kind of character (二日 in 十二日 is left to the analyser).
counters: how a number written in digits is read with a counter (14日 → じゅうよっか,
  20歳 → はたち, 6か月 → ろっかげつ): the counter's reading, whole readings for exact numbers and
  the sound changes of the last number word (1 → いっさい, 10 → じゅっさい).

A reading is split over the word so that kana in the word stay outside the ruby: 行きます is
行[い]きます, not 行きます[いきます]. A word whose reading cannot be aligned gets one reading over the
whole word; a word the analyser only spells back (no reading) gets none.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from guidebook.problems import InputError, Problem
from guidebook.project import schema

FILE = "site_config/furigana.yml"
# A municipality's own readings (place names), in the folder a fork owns.
LOCAL_FILE = "local/furigana.yml"
KANJI_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff々〆ヵヶ"
KANJI = re.compile(f"[{KANJI_CLASS}]")
KANA_CLASS = "\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe"
HIRAGANA_READING = re.compile(r"[\u3041-\u3096\u309d\u309eー]+")
DIGITS = "0123456789０１２３４５６７８９"
# Punctuation, brackets and spaces: the analyser reads the text between them on its own, so that a
# dictionary entry such as 所得（もうけ） does not swallow an explanation in brackets.
BREAKS = re.compile(r"([\s（）()「」『』【】［］〔〕・、。，,！？!?：:；;／/]+)")
DIGIT_WORDS = ["", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"]


def to_hiragana(text: str) -> str:
    """Return text with katakana turned into hiragana; other characters are kept."""
    return "".join(chr(ord(ch) - 0x60) if "\u30a1" <= ch <= "\u30f6" else ch for ch in text)


def is_kanji(ch: str) -> bool:
    """Return True for a character that needs a reading (kanji and 々, ヶ)."""
    return bool(KANJI.fullmatch(ch))


def char_class(ch: str) -> str:
    """Return "kanji", "kana", "digit" or "other" for one character."""
    if is_kanji(ch):
        return "kanji"
    if re.fullmatch(f"[{KANA_CLASS}]", ch):
        return "kana"
    if ch in DIGITS:
        return "digit"
    return "other"


def number_value(digits: str) -> int:
    """Return the value of a number written in ASCII or full-width digits, with or without commas."""
    return int(unicodedata.normalize("NFKC", digits).replace(",", ""))


def _below_10000(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    hundreds, rest = divmod(rest, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if thousands:
        out += {1: "せん", 3: "さんぜん", 8: "はっせん"}.get(thousands, DIGIT_WORDS[thousands] + "せん")
    if hundreds:
        out += {1: "ひゃく", 3: "さんびゃく", 6: "ろっぴゃく", 8: "はっぴゃく"}.get(
            hundreds, DIGIT_WORDS[hundreds] + "ひゃく"
        )
    if tens:
        out += ("" if tens == 1 else DIGIT_WORDS[tens]) + "じゅう"
    return out + DIGIT_WORDS[units]


def number_reading(n: int) -> str:
    """Return how a whole number is read (300 → さんびゃく, 10000 → いちまん); 0 is ぜろ."""
    if n == 0:
        return "ぜろ"
    out = ""
    for unit, word in ((10**12, "ちょう"), (10**8, "おく"), (10**4, "まん")):
        big, n = divmod(n, unit)
        if big:
            out += ("いっ" if big == 1 and unit == 10**12 else _below_10000(big) if big != 1 else "いち") + word
    return out + (_below_10000(n) if n else "")


@dataclass(frozen=True)
class Piece:
    """A run of text and the hiragana reading shown over it ("" when it needs none)."""

    text: str
    reading: str = ""


@dataclass(frozen=True)
class Word:
    """An exact spelling read one way, optionally only right after or right before some text."""

    text: str
    reading: str
    after: str = ""
    before: str = ""

    def fits(self, preceding: str, following: str) -> bool:
        """Return True if the text around the word (spaces ignored) meets the word's conditions."""
        return preceding.rstrip().endswith(self.after) and following.lstrip().startswith(self.before)


@dataclass(frozen=True)
class Counter:
    """How a number in digits is read with a counter word.

    reading: the counter's own reading (日 → にち).
    numbers: whole readings of exact numbers (2 → ふつか, 20 → はたち).
    endings: the last number word with the counter, where the sound changes: 1–9 for a number
      ending in that digit, 10 for one ending in じゅう (10 → じゅっさい, 40 → よんじゅっさい).
    """

    text: str
    reading: str
    numbers: dict[int, str] = field(default_factory=dict)
    endings: dict[int, str] = field(default_factory=dict)

    def read(self, n: int) -> str:
        """Return the reading of n followed by this counter."""
        if n in self.numbers:
            return self.numbers[n]
        units, tens = n % 10, n % 100 // 10
        if units and units in self.endings:
            return (number_reading(n - units) if n - units else "") + self.endings[units]
        if not units and tens and 10 in self.endings:
            head = number_reading(n - n % 100) if n >= 100 else ""
            return head + ("" if tens == 1 else DIGIT_WORDS[tens]) + self.endings[10]
        return number_reading(n) + self.reading


@dataclass(frozen=True)
class Overrides:
    """The readings of site_config/furigana.yml."""

    words: tuple[Word, ...] = ()
    counters: tuple[Counter, ...] = ()


READING = schema.Str(r"[\u3041-\u3096ー]+", "a reading in hiragana")
NUMBER_KEY = re.compile(r"[0-9]{1,6}")

OVERRIDES_SCHEMA = schema.Record(
    words=schema.Field(
        schema.ListOf(
            schema.Record(
                text=schema.Str(),
                reading=READING,
                after=schema.Field(schema.Str(), required=False, default=""),
                before=schema.Field(schema.Str(), required=False, default=""),
            )
        ),
        required=False,
        default=[],
    ),
    counters=schema.Field(
        schema.MapOf(
            schema.Record(
                reading=READING,
                numbers=schema.Field(
                    schema.MapOf(READING, key_check=lambda k: bool(NUMBER_KEY.fullmatch(k)), key_expected="a number"),
                    required=False,
                    default={},
                ),
                endings=schema.Field(
                    schema.MapOf(
                        READING,
                        key_check=lambda k: k in {str(i) for i in range(1, 11)},
                        key_expected="a last digit 1 to 9, or 10",
                    ),
                    required=False,
                    default={},
                ),
            )
        ),
        required=False,
        default={},
    ),
)


def parse_overrides(data: dict[str, Any]) -> Overrides:
    """Turn validated furigana.yml data into Overrides."""
    words = tuple(Word(w["text"], w["reading"], w["after"] or "", w["before"] or "") for w in data["words"])
    counters = tuple(
        Counter(
            name,
            c["reading"],
            {int(k): v for k, v in c["numbers"].items()},
            {int(k): v for k, v in c["endings"].items()},
        )
        for name, c in data["counters"].items()
    )
    return Overrides(words, counters)


def load_overrides(root: Path) -> Overrides:
    """Read and validate a project's readings: the national site_config/furigana.yml and a
    municipality's local/furigana.yml (its place names; it wins where both have a word). Either
    file may be missing. Raise InputError listing every problem of both files."""
    problems: list[Problem] = []
    found: list[Overrides] = []
    for file in (FILE, LOCAL_FILE):
        try:
            found.append(read_overrides(root / file, file))
        except InputError as err:
            problems.extend(err.problems)
    if problems:
        raise InputError(problems)
    national, local = found
    # The first word that fits wins among equal context, and a later counter replaces an earlier one.
    return Overrides(local.words + national.words, national.counters + local.counters)


def read_overrides(path: Path, file: str) -> Overrides:
    """Read and validate one furigana file, named file in messages; raise InputError listing every problem."""
    if not path.is_file():
        return Overrides()
    problems: list[Problem] = []
    data = schema.load(path, OVERRIDES_SCHEMA, file, problems)
    if problems or data is None:
        raise InputError(problems)
    return parse_overrides(data)


def align(text: str, reading: str) -> list[Piece]:
    """Split a word's reading over its kanji so that its kana stay outside the ruby.

    Falls back to one reading over the whole word when the kana of the word are not found in
    the reading (irregular readings), and to no reading when the word has no kanji.
    """
    if not any(is_kanji(ch) for ch in text):
        return [Piece(text)]
    runs = [m.group(0) for m in re.finditer(f"[{KANJI_CLASS}]+|[^{KANJI_CLASS}]+", text)]
    pattern = "".join("(.+?)" if is_kanji(run[0]) else f"({re.escape(to_hiragana(run))})" for run in runs)
    match = re.fullmatch(pattern, to_hiragana(reading))
    if not match:
        return [Piece(text, to_hiragana(reading))]
    return [Piece(run, sub) if is_kanji(run[0]) else Piece(run) for run, sub in zip(runs, match.groups(), strict=True)]


def merge(pieces: list[Piece]) -> list[Piece]:
    """Join neighbouring pieces without a reading."""
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and not piece.reading and not out[-1].reading:
            out[-1] = Piece(out[-1].text + piece.text)
        else:
            out.append(piece)
    return out


def notation(pieces: list[Piece]) -> str:
    """Return pieces written as text with readings in brackets: 行[い]きます."""
    return "".join(f"{p.text}[{p.reading}]" if p.reading else p.text for p in pieces)


class Reader:
    """Read plain-Japanese text into pieces with furigana."""

    def __init__(self, overrides: Overrides | None = None) -> None:
        self.overrides = overrides or Overrides()
        words = sorted({w.text for w in self.overrides.words}, key=len, reverse=True)
        counters = sorted({c.text for c in self.overrides.counters}, key=len, reverse=True)
        self._words = re.compile("|".join(map(re.escape, words))) if words else None
        self._numbers = re.compile(
            f"(?<![{DIGITS}.,])(?P<number>[{DIGITS}]{{1,3}}(?:,[0-9]{{3}})+|[{DIGITS}]+)"
            f"(?P<big>[万億])?(?P<counter>{'|'.join(map(re.escape, counters))})?"
        )
        self._counters = {c.text: c for c in self.overrides.counters}

    @property
    def tokenizer(self) -> Any:
        """Return the SudachiPy tokenizer (long units)."""
        return tokenizer()

    def pieces(self, text: str) -> list[Piece]:
        """Return text as pieces, with a reading over every run of kanji the reader can read."""
        if not KANJI.search(text):
            return [Piece(text)] if text else []
        out: list[Piece] = []
        pos = 0
        for start, end, reading in self._specials(text):
            out.extend(self._analyse(text[pos:start]))
            out.extend(align(text[start:end], reading))
            pos = end
        out.extend(self._analyse(text[pos:]))
        return merge(out)

    def _specials(self, text: str) -> list[tuple[int, int, str]]:
        """Return (start, end, reading) of override words and numbers with counters, left to right."""
        found: list[tuple[int, int, str]] = []
        pos = 0
        while True:
            hits = [hit for hit in (self._next_word(text, pos), self._next_number(text, pos)) if hit]
            if not hits:
                return found
            hit = min(hits, key=lambda h: h[0])
            found.append(hit)
            pos = hit[1]

    def _next_word(self, text: str, pos: int) -> tuple[int, int, str] | None:
        """Return the next override word from pos that stands on its own and fits its context."""
        if self._words is None:
            return None
        while (match := self._words.search(text, pos)) is not None:
            hit = self._word(text, match)
            if hit:
                return hit
            pos = match.start() + 1
        return None

    def _next_number(self, text: str, pos: int) -> tuple[int, int, str] | None:
        """Return the next number in digits with a counter (or 万, 億) from pos."""
        for match in self._numbers.finditer(text, pos):
            hit = self._number(match)
            if hit:
                return hit
        return None

    def _word(self, text: str, match: re.Match[str]) -> tuple[int, int, str] | None:
        start, end = match.span()
        surface = match.group(0)
        before, after = text[start - 1 : start], text[end : end + 1]
        if before and char_class(before) == char_class(surface[0]) != "kana":
            return None
        if after and char_class(after) == char_class(surface[-1]) != "kana":
            return None
        candidates = [w for w in self.overrides.words if w.text == surface]
        for word in sorted(candidates, key=lambda w: -len(w.after + w.before)):
            if word.fits(text[:start], text[end:]):
                return start, end, word.reading
        return None

    def _number(self, match: re.Match[str]) -> tuple[int, int, str] | None:
        counter = self._counters.get(match.group("counter") or "")
        big = match.group("big")
        if counter is None and not big:
            return None
        n = number_value(match.group("number"))
        if big:
            n *= 10**4 if big == "万" else 10**8
        reading = counter.read(n) if counter else number_reading(n)
        return match.start(), match.end(), reading

    def _analyse(self, text: str) -> list[Piece]:
        """Return the analyser's pieces for text that holds no override."""
        if not KANJI.search(text):
            return [Piece(text)] if text else []
        out: list[Piece] = []
        for chunk in BREAKS.split(text):
            if not KANJI.search(chunk):
                out.append(Piece(chunk))
                continue
            for morpheme in self.tokenizer.tokenize(chunk):
                out.extend(self._morpheme(morpheme))
        return out

    def _morpheme(self, morpheme: Any) -> list[Piece]:
        surface = str(morpheme.surface())
        reading = to_hiragana(str(morpheme.reading_form()))
        if not KANJI.search(surface) or not HIRAGANA_READING.fullmatch(reading):
            return [Piece(surface)]
        if any(char_class(ch) in ("digit", "other") for ch in surface):
            return [Piece(surface)]
        parts = list(morpheme.split(_short_mode()))
        if len(parts) > 1 and "".join(to_hiragana(str(p.reading_form())) for p in parts) == reading:
            return [piece for part in parts for piece in self._morpheme_short(part)]
        return align(surface, reading)

    def _morpheme_short(self, morpheme: Any) -> list[Piece]:
        surface = str(morpheme.surface())
        reading = to_hiragana(str(morpheme.reading_form()))
        if not KANJI.search(surface) or not HIRAGANA_READING.fullmatch(reading):
            return [Piece(surface)]
        return align(surface, reading)

    def reading(self, text: str) -> str:
        """Return the whole text in hiragana as the reader reads it (for tests and messages)."""
        return "".join(p.reading or to_hiragana(p.text) for p in self.pieces(text))


@lru_cache(maxsize=1)
def tokenizer() -> Any:
    """Return SudachiPy's tokenizer for long units with the core dictionary, loaded once per process."""
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(SplitMode.C)


def _short_mode() -> Any:
    from sudachipy import SplitMode

    return SplitMode.A
