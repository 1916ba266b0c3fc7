"""Furigana on rendered plain-Japanese pages: <ruby> readings over the kanji of text nodes.

Works on a page's HTML after sanitizing. Only text nodes change: tags and attributes (link
targets, heading ids) are copied as they are, and nothing inside code, pre, kbd, samp, existing
ruby, or an element in another language gets readings.

Readings are marked `data-search-exclude`, which mkdocs-material's search plugin honours while it
indexes the page and then removes from the page: the search index holds the base text only.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from guidebook.japanese.readings import KANJI, Piece, Reader, load_overrides
from guidebook.project.languages import Language

SKIP = {"code", "pre", "kbd", "samp", "script", "style", "ruby", "rt", "rp", "textarea", "svg", "math", "template"}
RAW_TEXT = {"script", "style"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NOT_INDEXED = ' data-search-exclude="reading"'


def ruby(pieces: list[Piece]) -> str:
    """Return pieces as HTML, each reading in <ruby> with <rp> fallbacks for browsers without ruby."""
    out = []
    for piece in pieces:
        text = html.escape(piece.text, quote=False)
        if piece.reading:
            reading = html.escape(piece.reading, quote=False)
            out.append(
                f"<ruby>{text}<rp{NOT_INDEXED}>(</rp><rt{NOT_INDEXED}>{reading}</rt><rp{NOT_INDEXED}>)</rp></ruby>"
            )
        else:
            out.append(text)
    return "".join(out)


def _other_language(attrs: list[tuple[str, str | None]]) -> bool:
    lang = dict(attrs).get("lang")
    return lang is not None and not lang.lower().startswith("ja")


class _Annotator(HTMLParser):
    """Copy HTML through, replacing the text of readable text nodes with ruby markup."""

    def __init__(self, reader: Reader) -> None:
        super().__init__(convert_charrefs=True)
        self.reader = reader
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []

    @property
    def skipping(self) -> bool:
        return bool(self.open) and self.open[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}>")
        if tag not in VOID:
            self.open.append((tag, self.skipping or tag in SKIP or _other_language(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1][0] in RAW_TEXT:
            self.out.append(data)
        elif self.skipping or not KANJI.search(data):
            self.out.append(html.escape(data, quote=False))
        else:
            self.out.append(ruby(self.reader.pieces(data)))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def annotate(fragment: str, reader: Reader) -> str:
    """Return page HTML with furigana over the kanji of its text."""
    parser = _Annotator(reader)
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)


def title_heading(fragment: str, title: str, reader: Reader) -> str:
    """Return page HTML that starts with the page title as an h1 with furigana, unless it has an h1.

    mkdocs-material writes the title itself, without readings, when the page has no h1. The
    heading is left out of the search index, as Material's own is: the index takes the title from
    the page.
    """
    if "<h1" in fragment or not title:
        return fragment
    return f'<h1 data-search-exclude="title">{ruby(reader.pieces(title))}</h1>\n{fragment}'


def with_furigana(entry: Any, root: Path, lang: Language) -> Any:
    """Return a language's `guidebook` plugin entry, with furigana turned on for the source language."""
    if not lang.is_source:
        return entry
    name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
    return {name: {**(options or {}), "furigana": True, "furigana_project": str(root.resolve())}}


def load_reader(project: str) -> Reader:
    """Return a reader with the readings of the project at path project ("" for none)."""
    return Reader(load_overrides(Path(project)) if project else None)


def add_furigana(fragment: str, title: str, reader: Reader) -> str:
    """Return a page body with furigana, starting with its title as an h1 with furigana."""
    return title_heading(annotate(fragment, reader), title, reader)
