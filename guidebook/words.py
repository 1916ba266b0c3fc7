"""Word segmentation with ICU, the same rules the browser's Intl.Segmenter uses."""

from __future__ import annotations

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
