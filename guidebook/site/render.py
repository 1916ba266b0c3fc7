"""Render a source page into one language's Markdown, from that language's catalog.

A segment with a published translation (not fuzzy, not empty, no markup of its own) is replaced
by it. Any other segment keeps its plain-Japanese text, wrapped in `<span lang="ja">` so screen
readers and fonts switch language, and the page is marked so the template shows a notice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import yaml
from babel.dates import format_date

from guidebook.catalogs.po import Entry
from guidebook.catalogs.safety import escape_block_start, unsafe_reason
from guidebook.project.changes import PublishedChange, published_change
from guidebook.project.languages import Language
from guidebook.project.pages import SourcePage
from guidebook.project.segments import CHANGE_KIND, Segment, extract, substitute

FALLBACK_OPEN = "<span lang='ja' class='gb-ja'>"
FALLBACK_CLOSE = "</span>"


@dataclass
class Rendered:
    """A page as written into one language's docs tree.

    markdown: the full file (front matter and body).
    translated, draft, fallback: segment counts; fallback segments show plain Japanese.
    rejected: (line, reason) for translations refused because they brought their own markup.
    title, title_fallback: the page title as published, and whether it is the plain-Japanese source.
    changes: the page's notable changes in this language, newest first.
    """

    markdown: str
    translated: int = 0
    draft: int = 0
    fallback: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    title: str = ""
    title_fallback: bool = False
    changes: list[PublishedChange] = field(default_factory=list)


def _published(seg: Segment, entries: dict[tuple[str, str | None], Entry]) -> tuple[str | None, Entry | None]:
    entry = entries.get((seg.msgid, seg.context))
    if entry is None or entry.fuzzy or not entry.string.strip():
        return None, entry
    return entry.string, entry


def fallback_text(seg: Segment) -> str:
    """Return the source text of a segment marked as plain Japanese."""
    if seg.kind == "alt":
        return seg.msgid
    return FALLBACK_OPEN + seg.msgid + FALLBACK_CLOSE


# libyaml's emitter when PyYAML has it (the same YAML, several times faster).
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def render(
    page: SourcePage,
    entries: dict[tuple[str, str | None], Entry],
    lang: Language,
    segments: list[Segment] | None = None,
    search_words: list[str] | None = None,
) -> Rendered:
    """Return the page in lang, falling back to plain Japanese segment by segment.

    search_words (the page's Japanese terms in romaji and the reader's script, glossary synonyms)
    are added to the page's search keywords, which are indexed and never shown.
    """
    segments = segments if segments is not None else extract(page)
    out = Rendered("")
    meta: dict[str, object] = {}
    fallback_meta: set[str] = set()
    replacement: dict[Segment, str] = {}
    for seg in segments:
        text, entry = (None, None) if lang.is_source else _published(seg, entries)
        if text is not None:
            reason = unsafe_reason(seg.msgid, text)
            if reason:
                out.rejected.append((seg.line, reason))
                text = None
        if lang.is_source:
            value = seg.msgid
        elif text is None:
            out.fallback += 1
            value = seg.msgid if seg.kind.startswith("meta:") else fallback_text(seg)
            fallback_meta.add(seg.kind)
        else:
            out.translated += 1
            out.draft += bool(entry and entry.draft)
            value = escape_block_start(text)
            if seg.kind == "cell":
                value = value.replace("\\|", "|").replace("|", "\\|")
        if seg.kind == "meta:keywords" and text is None and not lang.is_source:
            continue  # untranslated search words would only match Japanese queries
        if seg.kind.startswith(CHANGE_KIND):
            date = dt.date.fromisoformat(seg.kind[len(CHANGE_KIND) :])
            out.changes.append(published_change(date, value, text is None and not lang.is_source, lang))
        elif seg.kind.startswith("meta:"):
            meta[seg.kind[5:]] = value
        else:
            replacement[seg] = value
    if lang.is_source and page.meta.get("ja_keywords"):
        # Problems as readers of plain Japanese put them; each translation has its own in `keywords`.
        search_words = [str(page.meta["ja_keywords"]), *(search_words or [])]
    if search_words:
        meta["keywords"] = " ".join(filter(None, [str(meta.get("keywords") or ""), *search_words]))
    body = substitute(page.body, segments, replacement)
    meta.setdefault("title", page.title)
    out.title, out.title_fallback = str(meta["title"]), "meta:title" in fallback_meta
    if "meta:title" in fallback_meta:
        # The theme writes the title as a plain <h1>; an untranslated one must carry lang="ja".
        body = f"# {fallback_text(Segment(page.title, None, 'heading', 0, (0, 0), (0, 0)))}\n\n{body.lstrip(chr(10))}"
    reviewed = page.reviewed
    meta["gb"] = {
        "slug": page.slug,
        "reviewed": reviewed.isoformat(),
        "reviewed_text": format_date(reviewed, "long", locale=lang.babel_locale),
        "sources": [{"name": s.name, "url": s.url} for s in page.sources],
        "fallback": out.fallback,
        "draft": out.draft,
    }
    if out.changes:
        meta["gb"]["changes"] = [c.as_meta() for c in out.changes]  # type: ignore[index]
    if page.meta.get("order") is not None:
        meta["gb"]["order"] = page.meta["order"]  # type: ignore[index]
    front = yaml.dump(meta, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    out.markdown = f"---\n{front}---\n\n{body.lstrip(chr(10))}"
    return out
