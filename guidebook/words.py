"""Word segmentation with ICU, the same rules the browser's Intl.Segmenter uses."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import icu


@lru_cache(maxsize=64)
def _iterator(tag: str) -> icu.BreakIterator:
    return icu.BreakIterator.createWordInstance(icu.Locale(tag.replace("-", "_")))


def words(text: str, tag: str = "ja") -> list[str]:
    """Return the word-like pieces of text (letters, digits, ideographs), in order."""
    bi = _iterator(tag)
    bi.setText(text)
    out: list[str] = []
    start = 0
    for end in bi:
        if bi.getRuleStatus() != 0:  # 0 is UBRK_WORD_NONE: spaces and punctuation
            piece = text[start:end]
            if piece.strip():
                out.append(piece)
        start = end
    return out


def count_words(text: str, tag: str = "ja") -> int:
    """Return the number of words in text."""
    return len(words(text, tag))


def letter_runs(text: str, underscore: bool = True) -> list[str]:
    """Return the runs of letters, digits and marks in text, of any script (and `_` if underscore).

    The JavaScript side of search matches the same runs with /[\\p{L}\\p{N}\\p{M}_]+/gu.
    """
    out: list[str] = []
    current: list[str] = []
    for ch in text:
        if (underscore and ch == "_") or unicodedata.category(ch)[0] in "LNM":
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out
