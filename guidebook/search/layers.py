"""Search words a page gets in every language besides its own text: what residents type for it.

Residents type the Japanese words of the procedures they meet in romaji (juminhyo, nenkin, zairyu
card), sometimes in their own script (주민효, नेन्किन), and name a thing by its everyday word (power
bill). For each page this module gathers its Japanese terms (title, headings, its plain-Japanese
search words and the glossary terms it uses), reads them with the site's reading analyser and writes
them in Hepburn (with and without long-vowel marks, and as typed on a Japanese keyboard) and in the
scripts residents write them in; and it adds, per language, each glossary term's approved
translation and the everyday synonyms translators listed for it. The words go into the page's
search keywords, which are indexed and never shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from guidebook.japanese.readings import to_hiragana
from guidebook.japanese.romaji import STYLES, hepburn
from guidebook.japanese.transcribe import transcribe
from guidebook.project.loader import Project
from guidebook.project.pages import SourcePage
from guidebook.project.segments import Segment

KEYWORD_SEPARATORS = re.compile(r"[、,，\s]+")
MAX_TERMS = 40


def japanese_terms(page: SourcePage, segments: Iterable[Segment], glossary: list[dict[str, Any]]) -> list[str]:
    """Return a page's Japanese terms: title, headings, plain-Japanese search words, glossary terms used."""
    terms = [page.title]
    for seg in segments:
        if seg.kind == "heading":
            terms.append(seg.msgid)
        elif seg.kind == "meta:keywords":
            terms += [w for w in KEYWORD_SEPARATORS.split(seg.msgid) if w]
    # Glossary terms the page is about (named in its title, headings or search words), not every
    # mention in its text: a word that names many pages would find none of them first.
    named = " ".join(terms)
    terms += [str(t["ja"]) for t in glossary if t.get("ja") and str(t["ja"]) in named]
    return list(dict.fromkeys(terms))


KATAKANA_RUN = re.compile(r"[\u30a0-\u30ffー]+")


def _units(term: str, reader: Any) -> list[str | None]:
    """Return a term as the readings of its content words (kanji words, katakana runs), None between them."""
    out: list[str | None] = []
    for piece in reader.pieces(term):
        if piece.reading:
            out.append(piece.reading)
            continue
        pos = 0
        for match in KATAKANA_RUN.finditer(piece.text):
            if match.start() > pos:
                out.append(None)
            out.append(to_hiragana(match.group(0)))
            pos = match.end()
        if pos < len(piece.text):
            out.append(None)
    return out


HIRAGANA_WORD = re.compile(r"[\u3041-\u3096ー]{2,10}")


def _words(term: str, reader: Any) -> list[str]:
    """Return the readings (hiragana) of a term's content words, and of the runs of them together.

    A search word written all in hiragana (はんこ, けが) is a word in itself.
    """
    if HIRAGANA_WORD.fullmatch(term):
        return [term]
    out: list[str] = []
    run: list[str] = []
    for unit in [*_units(term, reader), None]:
        if unit:
            run.append(unit)
            out.append(unit)
            continue
        if len(run) > 1:
            out.append("".join(run))
        run = []
    return list(dict.fromkeys(out))


def content_readings(terms: Iterable[str], reader: Any) -> list[str]:
    """Return the readings of the content words of the first MAX_TERMS terms, each once."""
    return list(dict.fromkeys(r for term in list(terms)[:MAX_TERMS] for r in _words(term, reader)))


def roman_spellings(readings: Iterable[str]) -> list[str]:
    """Return readings in Hepburn, in its three spellings."""
    out = [hepburn(reading, style).replace("'", "") for reading in readings for style in STYLES]
    return [w for w in dict.fromkeys(out) if len(w) > 2]  # "mo", "ku": too short to tell pages apart


def romanized(terms: Iterable[str], reader: Any) -> list[str]:
    """Return the terms' content words in Hepburn, in its three spellings."""
    return roman_spellings(content_readings(terms, reader))


def glossary_words(terms: Iterable[str], glossary: list[dict[str, Any]], tag: str) -> list[str]:
    """Return, for the glossary terms among terms, their approved translation and synonyms in tag."""
    wanted = set(terms)
    out: list[str] = []
    for term in glossary:
        if term.get("ja") in wanted:
            if term.get(tag):
                out.append(str(term[tag]))
            out += [str(s) for s in (term.get("synonyms") or {}).get(tag, [])]
    return list(dict.fromkeys(out))


# The script residents of each language write Japanese words in, besides romaji.
SCRIPT_OF = {"ko": "hangul", "ne": "devanagari", "th": "thai", "km": "khmer", "my": "myanmar", "mn": "cyrillic"}


@dataclass
class SearchLayers:
    """Every page's Japanese terms, their romanizations, and the glossary, computed once per build."""

    terms: dict[str, list[str]]
    kana: dict[str, list[str]]
    roman: dict[str, list[str]]
    scripts: dict[tuple[str, str], list[str]]
    glossary: list[dict[str, Any]]

    def words(self, slug: str, tag: str) -> list[str]:
        """Return the extra search words of a page in language tag.

        The plain-Japanese site gets the readings in hiragana of its terms' content words and of
        runs of them (ざいりゅうかーど), so a query typed in kana finds the word written in kanji.
        """
        script = SCRIPT_OF.get(tag)
        own = self.kana.get(slug, []) if tag == "ja" else self.scripts.get((slug, script), []) if script else []
        return [*self.roman.get(slug, []), *own, *glossary_words(self.terms.get(slug, []), self.glossary, tag)]


def search_layers(project: Project, segments: dict[str, list[Segment]]) -> SearchLayers:
    """Return the search layers of every page of a project (glossary problems are reported by check)."""
    from guidebook.catalogs.checks import load_glossary
    from guidebook.japanese.readings import Reader, load_overrides

    glossary = load_glossary(project, [])
    reader = Reader(load_overrides(project.root))
    layers = SearchLayers({}, {}, {}, {}, glossary)
    for page in project.pages:
        terms = japanese_terms(page, segments[page.slug], glossary)
        readings = content_readings(terms, reader)  # the analyser runs once per page, for every spelling
        layers.terms[page.slug] = terms
        layers.kana[page.slug] = readings
        layers.roman[page.slug] = roman_spellings(readings)
        for script in SCRIPT_OF.values():
            spelt = (w for reading in readings for w in transcribe(reading, script))
            layers.scripts[(page.slug, script)] = list(dict.fromkeys(spelt))
    return layers
