"""Generate a static multilingual guidebook site from plain-Japanese Markdown and gettext catalogs."""

from __future__ import annotations

__version__ = "0.1.0"
