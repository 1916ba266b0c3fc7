"""Notable changes as a language publishes them: on the page, on the what's-new page and in feeds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from guidebook.project.languages import Language


@dataclass(frozen=True)
class PublishedChange:
    """One notable change of a page in one language.

    date: the day the page changed; date_text: that day written the reader's way (CLDR, long format).
    summary: plain text in the language, or the plain-Japanese source when it is not translated.
    fallback: True when summary is the plain-Japanese source (shown marked lang="ja").
    """

    date: dt.date
    date_text: str
    summary: str
    fallback: bool

    def as_meta(self) -> dict[str, str]:
        """Return the change as written under `gb.changes` in a rendered page's front matter."""
        meta = {"date": self.date.isoformat(), "date_text": self.date_text, "summary": self.summary}
        if self.fallback:
            meta["lang"] = "ja"
        return meta


def published_change(date: dt.date, summary: str, fallback: bool, lang: Language) -> PublishedChange:
    """Return a change with its date written in lang."""
    return PublishedChange(date, format_date(date, "long", locale=lang.babel_locale), summary, fallback)
