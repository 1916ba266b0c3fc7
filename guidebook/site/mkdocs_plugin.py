"""MkDocs plugins of the guidebook.

`guidebook-i18n` is mkdocs-static-i18n accepting every BCP 47 tag the site publishes (the stock
plugin refuses three-letter language subtags such as `fil`). `guidebook` sanitizes every page's
HTML after Markdown rendering, so nothing a translation smuggles in reaches the reader, and with
`furigana: true` (the plain-Japanese site) then puts readings over the kanji.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import mkdocs
from mkdocs.config import config_options
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs_static_i18n.config import I18nPluginConfig, I18nPluginLanguage
from mkdocs_static_i18n.plugin import I18n

from guidebook.project.languages import SEGMENTATIONS, TAG_PATTERN
from guidebook.search.index import write_search_index
from guidebook.site.cssprune import minify_assets, prune_site
from guidebook.site.navcache import NavSections
from guidebook.site.offline import write_offline_manifest
from guidebook.site.sanitize import sanitize

BCP47 = re.compile(TAG_PATTERN)
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/", "strings/")
HTML_TAG = re.compile(r"<html\b([^>]*)>", re.I)


def with_direction(page: str, direction: str) -> str:
    """Return page with dir set on its <html> element, unless it has one already."""
    match = HTML_TAG.search(page)
    if not match or re.search(r"\sdir=", match.group(1)):
        return page
    attrs = re.sub(r'(\slang="[^"]*")', rf'\1 dir="{direction}"', match.group(1), count=1)
    if attrs == match.group(1):
        attrs = f' dir="{direction}"' + attrs
    return page[: match.start()] + f"<html{attrs}>" + page[match.end() :]


class Bcp47(config_options.Type):  # type: ignore[type-arg]
    """A BCP 47 language tag: language, optional script, optional region."""

    def run_validation(self, value: object) -> Any:
        value = super().run_validation(value)
        if not isinstance(value, str) or not BCP47.fullmatch(value):
            raise ValidationError(f"expected a BCP 47 language tag such as en, fil or zh-Hans, got {value!r}")
        return value


class GuidebookLanguage(I18nPluginLanguage):
    """One language of the switcher, with a BCP 47 locale."""

    locale = Bcp47(str)


class GuidebookI18nConfig(I18nPluginConfig):
    """The static-i18n options with BCP 47 locales."""

    build_only_locale = config_options.Optional(Bcp47(str))
    languages = config_options.ListOfItems(config_options.SubConfig(GuidebookLanguage, validate=True))


class GuidebookI18n(I18n):
    """mkdocs-static-i18n with BCP 47 language tags."""

    config_class = GuidebookI18nConfig


class GuidebookConfig(Config):
    """Options of the guidebook plugin."""

    furigana = config_options.Type(bool, default=False)
    furigana_project = config_options.Type(str, default="")
    sanitize = config_options.Type(bool, default=True)
    search_lang = config_options.Type(str, default="")
    search_mode = config_options.Choice(SEGMENTATIONS, default="space")
    cache_dir = config_options.Type(str, default="")
    direction = config_options.Choice(("ltr", "rtl"), default="ltr")


class GuidebookPlugin(BasePlugin[GuidebookConfig]):
    """Sanitize each page's HTML; on the plain-Japanese site, add furigana."""

    reader: Any = None

    def on_config(self, config: Any, **kwargs: Any) -> Any:
        """Load the furigana reader and its override dictionary when furigana are on."""
        from guidebook.japanese.furigana import load_reader

        self.reader = load_reader(self.config.furigana_project) if self.config.furigana else None
        self.keywords: dict[str, str] = {}
        self.descriptions: dict[str, str] = {}
        return config

    def on_files(self, files: Any, **kwargs: Any) -> Any:
        """Leave out theme files no page loads: the theme's own search worker and lunr language
        packs (the guidebook has its own worker), source maps, and the interface strings of
        templates/strings/ (read at build time). About 2.3 MB per language."""
        for file in list(files):
            uri = file.src_uri
            if uri.startswith(UNUSED_THEME_FILES) or uri.endswith(".map"):
                files.remove(file)
        return files

    def on_env(self, env: Any, **kwargs: Any) -> Any:
        """Keep compiled templates between builds and render unchanged navigation chapters once."""
        if self.config.cache_dir:
            from jinja2 import FileSystemBytecodeCache

            folder = Path(self.config.cache_dir) / "jinja"
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        env.globals["gb_nav_section"] = NavSections().function
        return env

    def on_page_markdown(self, markdown: str, page: Any, **kwargs: Any) -> str:
        """Note the page's search words and description (front matter) for the search index."""
        words = page.meta.get("keywords")
        if words:
            self.keywords[page.url] = str(words)
        if page.meta.get("description"):
            self.descriptions[page.url] = str(page.meta["description"])
        return markdown

    def on_page_content(self, html: str, **kwargs: Any) -> str:
        """Return the page body with everything outside the allowlist removed, then furigana if on."""
        if self.reader is not None:
            from guidebook.japanese.furigana import add_furigana

            clean = sanitize(html) if self.config.sanitize else html
            return add_furigana(clean, str(kwargs["page"].title or ""), self.reader)
        return sanitize(html) if self.config.sanitize else html

    def on_post_page(self, output: str, **kwargs: Any) -> str:
        """Give <html> the language's direction (the theme sets it on <body> only)."""
        return with_direction(output, self.config.direction)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config: MkDocsConfig, **kwargs: Any) -> None:
        """Replace the theme's search index with the guidebook's, and ship lunr.js for its worker."""
        site = Path(config.site_dir)
        if not self.config.search_lang or not (site / "search" / "search_index.json").is_file():
            return
        write_search_index(
            site, self.config.search_lang, self.config.search_mode, self.reader, self.keywords, self.descriptions
        )
        prune_site(site, Path(self.config.cache_dir) if self.config.cache_dir else None)
        minify_assets(site)
        lunr_js = Path(mkdocs.__file__).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"
        shutil.copyfile(lunr_js, site / "assets" / "guidebook" / "lunr.js")
        write_offline_manifest(site)
