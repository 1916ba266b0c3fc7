"""Translation coverage per language and page: translated, draft, fuzzy, untranslated."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog

from guidebook.catalogs.po import entries
from guidebook.project.alert_templates import AlertTemplates
from guidebook.project.pages import SourcePage
from guidebook.project.segments import Segment
from guidebook.words import count_words


@dataclass
class Coverage:
    """Counts of segments and source words in one state."""

    reviewed: int = 0
    draft: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    words_done: int = 0
    words_total: int = 0

    @property
    def total(self) -> int:
        """Return the number of segments."""
        return self.reviewed + self.draft + self.fuzzy + self.untranslated

    @property
    def published(self) -> int:
        """Return the number of segments a reader sees translated."""
        return self.reviewed + self.draft

    @property
    def percent(self) -> float:
        """Return the share of source words published translated, 0-100."""
        return 100.0 * self.words_done / self.words_total if self.words_total else 100.0

    def add(self, other: Coverage) -> None:
        """Add other's counts to these."""
        for name in ("reviewed", "draft", "fuzzy", "untranslated", "words_done", "words_total"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class LanguageStatus:
    """Coverage of one language, per page and in total."""

    tag: str
    pages: dict[str, Coverage] = field(default_factory=dict)

    @property
    def total(self) -> Coverage:
        """Return the sum over pages."""
        out = Coverage()
        for cov in self.pages.values():
            out.add(cov)
        return out


def page_coverage(segments: list[Segment], catalog: Catalog | None) -> Coverage:
    """Count how the segments of one page stand in one catalog."""
    found = entries(catalog) if catalog is not None else {}
    cov = Coverage()
    for seg in segments:
        words = count_words(seg.msgid)
        cov.words_total += words
        entry = found.get((seg.msgid, seg.context))
        if entry is None or not entry.string.strip():
            cov.untranslated += 1
        elif entry.fuzzy:
            cov.fuzzy += 1
        else:
            cov.words_done += words
            if entry.draft:
                cov.draft += 1
            else:
                cov.reviewed += 1
    return cov


def language_status(
    tag: str,
    pages: Sequence[SourcePage | AlertTemplates],
    segments: dict[str, list[Segment]],
    cats: dict[tuple[str, str], Catalog],
) -> LanguageStatus:
    """Return the coverage of every page in one language."""
    st = LanguageStatus(tag)
    for page in pages:
        st.pages[page.slug] = page_coverage(segments[page.slug], cats.get((tag, page.slug)))
    return st
