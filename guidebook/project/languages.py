"""The languages a site is published in: BCP 47 tag, endonym from CLDR, direction, fonts, search."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

SOURCE_TAG = "ja"
TAG_PATTERN = r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?"

# How search splits text into words, per script family (see guidebook.search.index).
SEGMENTATIONS = ("space", "icu")


@dataclass(frozen=True)
class Language:
    """One published language.

    tag: BCP 47 tag, used in <html lang>, hreflang and as the URL folder.
    endonym: the language's name in itself, shown in the switcher.
    english: the English name, for reports.
    direction: "ltr" or "rtl".
    fonts: a CSS font-family stack; system fonts only, never a third-party request.
    search: "space" (words are separated by spaces) or "icu" (ICU word breaks).
    """

    tag: str
    endonym: str
    english: str
    direction: str
    fonts: str
    search: str

    @property
    def is_source(self) -> bool:
        """Return True for plain Japanese, the language pages are written in."""
        return self.tag == SOURCE_TAG

    @property
    def babel_locale(self) -> Locale:
        """Return the CLDR locale for this tag."""
        return Locale.parse(self.tag, sep="-")


def cldr_names(tag: str) -> tuple[str, str, str]:
    """Return (endonym, English name, direction) from CLDR, or raise ValueError."""
    try:
        loc = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"unknown to CLDR: {tag}") from exc
    name = loc.get_display_name(loc) or tag
    english = loc.get_display_name("en") or tag
    return name[:1].upper() + name[1:], english, loc.text_direction


def make_language(tag: str, endonym: str | None, fonts: str, search: str, direction: str | None) -> Language:
    """Build a Language, taking what is not given from CLDR."""
    cldr_endonym, english, cldr_dir = cldr_names(tag)
    return Language(
        tag=tag,
        endonym=endonym or cldr_endonym,
        english=english,
        direction=direction or cldr_dir,
        fonts=fonts,
        search=search,
    )
