"""Japanese kanji typed on the Chinese site: each Japanese form mapped to its simplified Chinese form.

Chinese residents of Japan type the Japanese names of procedures as they see them on forms and
letters (児童手当, 源泉徴収票), and several of those characters are written differently in simplified
Chinese (儿童, 征收). The Chinese index carries, for the Japanese forms among the common kanji, the
simplified character its words are written with, and the browser reads a query's characters through
it. The forms come from OpenCC's dictionaries (opencc-python-reimplemented ships them): Japanese
shinjitai to traditional (JPVariants, read backwards), then traditional to simplified.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# JIS X 0208 level 1 (Shift_JIS 0x889F-0x9872): the 2,965 common kanji of Japanese text.
LEVEL_1 = range(0x889F, 0x9873)


def _pairs(name: str) -> list[tuple[str, list[str]]]:
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / name
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            out.append((key, values.split(" ")))
    return out


def is_common_kanji(char: str) -> bool:
    """Return True for a kanji of JIS level 1 (a character of everyday Japanese text)."""
    try:
        code = char.encode("shift_jis")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and int.from_bytes(code, "big") in LEVEL_1


@lru_cache(maxsize=1)
def japanese_to_simplified() -> dict[str, str]:
    """Return each common kanji whose simplified Chinese form differs → that form (収 → 收, 児 → 儿)."""
    traditional: dict[str, str] = {}
    for trad, forms in _pairs("JPVariants.txt"):
        for form in forms:
            traditional.setdefault(form, trad)
    simplified = {trad: forms[0] for trad, forms in _pairs("TSCharacters.txt")}
    out = {}
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        if not is_common_kanji(char):
            continue
        trad = traditional.get(char, char)
        simple = simplified.get(trad, trad)
        if simple != char:
            out[char] = simple
    return out


def simplified(text: str) -> str:
    """Return text with its Japanese forms of common kanji in simplified Chinese (源泉徴収票 → 源泉征收票)."""
    table = japanese_to_simplified()
    return "".join(table.get(c, c) for c in text)


def kanji_map(terms: list[str]) -> dict[str, str]:
    """Return the Japanese forms whose simplified form is written in terms (the rest would find nothing)."""
    used = {c for term in terms for c in term}
    return {j: s for j, s in japanese_to_simplified().items() if s in used}
