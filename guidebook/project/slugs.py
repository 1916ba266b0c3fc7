"""Heading ids that a reader can read, in every script.

Python-Markdown's default slugify keeps ASCII letters only, so every heading written in Japanese,
Thai, Burmese or any other non-Latin script got an id like `_1`, and a link to a section said
nothing. This keeps letters, combining marks and digits of any script (Thai and Burmese vowel
signs and tone marks are marks, which Python's `\\w` and pymdownx's slugify drop), lower-cases,
and joins the words with the separator. mkdocs.yml sets it as the toc extension's slugify.
"""

from __future__ import annotations

import unicodedata

from guidebook.words import letter_runs


def slugify(value: str, separator: str = "-") -> str:
    """Return a heading id: letters, marks and digits of any script, lower-cased, words joined by separator."""
    words = letter_runs(unicodedata.normalize("NFC", value), underscore=False)
    return separator.join(words).lower()
