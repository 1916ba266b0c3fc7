"""Decide whether a volunteer's translation may be published: it must bring no markup of its own.

A translation may use the inline HTML, links and images its source segment has, and nothing
else. Whatever passes is also sanitized after rendering (see guidebook.site.sanitize), so this check
is what reports the problem and the sanitizer is what guarantees the page.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from markdown_it.token import Token

from guidebook.project.segments import parser

# Text at the start of a line that would change the block structure if a translation began with it.
BLOCK_START = re.compile(r"^(?:#{1,6}(?=\s|$)|[-+*>](?=\s|$)|\d{1,9}[.)](?=\s|$)|=+\s*$|\[[^\]]*\]:|\s)")


@dataclass(frozen=True)
class Markup:
    """The markup a piece of inline Markdown carries."""

    html: Counter[str]
    urls: frozenset[str]


@functools.lru_cache(maxsize=8192)  # a source's markup is asked for once per language
def markup(text: str) -> Markup:
    """Return the HTML tags and link/image targets in inline Markdown (treat the result as read-only)."""
    html: Counter[str] = Counter()
    if "<" not in text and "[" not in text:  # CommonMark inline HTML needs <, links and images need [
        return Markup(html, frozenset())
    urls: set[str] = set()
    stack: list[Token] = list(parser().parseInline(text))
    while stack:
        tok = stack.pop()
        stack.extend(tok.children or [])
        if tok.type in ("html_inline", "html_block"):
            html[re.sub(r"\s+", " ", tok.content.strip()).lower()] += 1
        elif tok.type in ("link_open", "image"):
            urls.add(str(tok.attrs.get("href") or tok.attrs.get("src") or ""))
    # Raw tags markdown-it does not see as HTML (e.g. in autolinks) still count as tags.
    for tag in re.findall(r"<\s*/?\s*([a-zA-Z][\w-]*)[^>]*>", text):
        html.setdefault(f"<{tag.lower()}>", 0)
    return Markup(html, frozenset(urls))


def unsafe_reason(source: str, translation: str) -> str | None:
    """Return why translation brings markup its source lacks, or None if it is safe."""
    src, dst = markup(source), markup(translation)
    extra_html = dst.html - src.html
    if extra_html:
        return f"HTML not in the source: {', '.join(sorted(extra_html))[:120]}"
    src_tags = {t.split()[0].strip("<>/") for t in src.html}
    for raw in dst.html:
        name = raw.split()[0].strip("<>/")
        if name not in src_tags:
            return f"HTML not in the source: <{name}>"
    extra_urls = dst.urls - src.urls
    if extra_urls:
        return f"link target not in the source: {sorted(extra_urls)[0][:120]}"
    return None


def escape_block_start(text: str) -> str:
    """Backslash-escape a leading character that would start a new block."""
    text = text.replace("\n", " ").replace("\r", " ")
    if BLOCK_START.match(text):
        stripped = text.lstrip()
        return "\\" + stripped if stripped else stripped
    return text
