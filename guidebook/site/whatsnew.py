"""What's new: every language's list of notable changes, newest first, and its Atom feeds.

Each language's site gets a generated page `whats-new/` and feeds `feeds/all.atom` (every
chapter) and `feeds/<chapter>.atom`, written into its docs tree so that mkdocs publishes them
with the rest of the language and the incremental build sees them as inputs.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

from guidebook.fsutil import write_if_changed
from guidebook.project.changes import PublishedChange
from guidebook.project.languages import SOURCE_TAG, Language
from guidebook.project.loader import Project
from guidebook.project.pages import SourcePage
from guidebook.site.render import Rendered

PAGE_SLUG = "whats-new"
FEEDS_DIR = "feeds"
ALL_FEED = "all"
MAX_FEED_ENTRIES = 50
JAPAN = dt.timezone(dt.timedelta(hours=9))
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


@dataclass(frozen=True)
class Feed:
    """One Atom feed of a language.

    name: "all" for every chapter, else the chapter folder.
    label: what the feed covers, in the language: "All pages" or the chapter's title.
    label_fallback: True when label is the chapter's plain-Japanese title (not translated yet).
    title: the feed's title in the language: the site's name and the label.
    path: the feed's file relative to the language root ("feeds/all.atom").
    chapter: the chapter folder, or "" for the feed of every chapter.
    """

    name: str
    label: str
    label_fallback: bool
    title: str
    path: str
    chapter: str

    def as_link(self) -> dict[str, str]:
        """Return the feed as the page layout links it from each page's head."""
        return {"title": self.title, "path": self.path, "chapter": self.chapter}


@dataclass(frozen=True)
class Item:
    """A notable change of one page, as the what's-new page and the feeds list it."""

    page: SourcePage
    title: str
    title_fallback: bool
    change: PublishedChange


@dataclass
class Channels:
    """What write_channels wrote for one language: feeds to link, and every file's text."""

    feeds: list[Feed]
    files: dict[str, str]


def items(project: Project, rendered: dict[str, Rendered]) -> list[Item]:
    """Return every notable change of every page, newest first, then in navigation order."""
    chapters = {name: i for i, name in enumerate(project.config.chapters)}
    out = [
        Item(page, rendered[page.slug].title, rendered[page.slug].title_fallback, change)
        for page in project.pages
        for change in rendered[page.slug].changes
    ]

    def order(item: Item) -> tuple[int, int, bool, int, str]:
        page = item.page
        chapter = chapters.get(page.chapter, -1)
        return (
            -item.change.date.toordinal(),
            chapter,
            not page.is_index,
            int(str(page.meta.get("order", 100))),
            page.slug,
        )

    return sorted(out, key=order)


def feeds(project: Project, lang: Language, rendered: dict[str, Rendered], strings: dict[str, str]) -> list[Feed]:
    """Return the language's feeds: every chapter, then one per chapter that has pages."""
    site = project.config.site_name(lang.tag)
    label = strings.get("whatsnew.all", "All pages")
    title = f"{site}: {strings.get('whatsnew.title', PAGE_SLUG)}"
    out = [Feed(ALL_FEED, label, False, title, f"{FEEDS_DIR}/{ALL_FEED}.atom", "")]
    with_pages = {p.chapter for p in project.pages if p.chapter}
    for chapter in project.config.chapters:
        if chapter not in with_pages:
            continue
        index = rendered.get(f"{chapter}/index")
        label, fallback = (index.title, index.title_fallback) if index else (chapter, False)
        out.append(Feed(chapter, label, fallback, f"{site}: {label}", f"{FEEDS_DIR}/{chapter}.atom", chapter))
    return out


def plain(text: str, fallback: bool) -> str:
    """Return text for a Markdown page: HTML and Markdown characters escaped, plain Japanese marked."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return f'<span lang="{SOURCE_TAG}" class="gb-ja">{escaped}</span>' if fallback else escaped


def whats_new_markdown(
    project: Project, lang: Language, found: list[Item], links: list[Feed], strings: dict[str, str]
) -> str:
    """Return whats-new.md: the notable changes newest first, and the feeds to follow them."""
    s = strings.get
    fallback = sum(i.title_fallback + i.change.fallback for i in found) + sum(f.label_fallback for f in links)
    meta = {"title": s("whatsnew.title", "What's new"), "gb": {"generated": True, "fallback": fallback}}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    lines = [f"---\n{front}---", "", plain(s("whatsnew.intro", ""), False), ""]
    if not found:
        lines += [plain(s("whatsnew.none", ""), False), ""]
    for item in found:
        change = item.change
        date = f'<time datetime="{change.date.isoformat()}">{html.escape(change.date_text)}</time>'
        link = f"[{plain(item.title, item.title_fallback)}]({item.page.slug}.md)"
        lines.append(f"- {date} · {link}<br>{plain(change.summary, change.fallback)}")
    lines += [
        "",
        f"## {plain(s('whatsnew.feeds', 'Feeds'), False)}",
        "",
        plain(s("whatsnew.feeds_intro", ""), False),
        "",
    ]
    for feed in links:
        lines.append(f"- [{plain(feed.label, feed.label_fallback)}]({feed.path})")
    return "\n".join(lines) + "\n"


def atom_time(date: dt.date) -> str:
    """Return the start of a day in Japan as an RFC 3339 timestamp."""
    return dt.datetime.combine(date, dt.time(), JAPAN).isoformat()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def entry_id(project: Project, lang: Language, item: Item) -> str:
    """Return an entry's permanent id: a tag URI naming the site, the day, the language and the page."""
    host = urlparse(project.config.base_url).hostname or "localhost"
    return f"tag:{host},{item.change.date.isoformat()}:{lang.tag}/{item.page.slug}"


def atom_feed(project: Project, lang: Language, feed: Feed, found: list[Item], labels: dict[str, str]) -> str:
    """Return one Atom 1.0 feed: the newest notable changes of its pages, each linking to its page.

    labels: each chapter's title in the language, for the entries' categories.
    """
    base = f"{project.config.base_url}{lang.tag}/"
    chosen = [i for i in found if not feed.chapter or i.page.chapter == feed.chapter][:MAX_FEED_ENTRIES]
    pages = [p for p in project.pages if not feed.chapter or p.chapter == feed.chapter]
    newest = max([i.change.date for i in chosen] or [p.reviewed for p in pages] or [dt.date(2000, 1, 1)])
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed", {XML_LANG: lang.tag})
    _sub(root, "id", base + feed.path)
    _sub(root, "title", feed.title)
    _sub(root, "updated", atom_time(newest))
    author = _sub(root, "author")
    _sub(author, "name", project.config.site_name(lang.tag))
    _sub(author, "uri", base)
    _sub(root, "link", rel="self", type="application/atom+xml", href=base + feed.path)
    page_url = base + (f"{PAGE_SLUG}/" if not feed.chapter else f"{feed.chapter}/")
    _sub(root, "link", rel="alternate", type="text/html", hreflang=lang.tag, href=page_url)
    for item in chosen:
        entry = _sub(root, "entry")
        _sub(entry, "id", entry_id(project, lang, item))
        title = _sub(entry, "title", item.title)
        if item.title_fallback:
            title.set(XML_LANG, SOURCE_TAG)
        _sub(entry, "updated", atom_time(item.change.date))
        _sub(entry, "link", rel="alternate", type="text/html", hreflang=lang.tag, href=base + item.page.url)
        if item.page.chapter:
            _sub(entry, "category", term=item.page.chapter, label=labels.get(item.page.chapter, item.page.chapter))
        summary = _sub(entry, "summary", item.change.summary, type="text")
        if item.change.fallback:
            summary.set(XML_LANG, SOURCE_TAG)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_channels(
    project: Project, lang: Language, rendered: dict[str, Rendered], strings: dict[str, str], docs: Path
) -> Channels:
    """Write whats-new.md and the Atom feeds into one language's docs tree; return what was written."""
    found = items(project, rendered)
    links = feeds(project, lang, rendered, strings)
    labels = {f.chapter: f.label for f in links if f.chapter}
    files = {f"{PAGE_SLUG}.md": whats_new_markdown(project, lang, found, links, strings)}
    for feed in links:
        files[feed.path] = atom_feed(project, lang, feed, found, labels)
    for name, text in files.items():
        write_if_changed(docs / name, text.encode("utf-8"))
    return Channels(links, files)
