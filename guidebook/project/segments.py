"""Split a source page into translatable segments with a real Markdown parser.

One segment per heading, paragraph, list item paragraph, table cell, image alt text,
admonition title and admonition body paragraph. Each segment remembers exactly where its
text sits in the page, so a translation replaces that text and nothing else: list markers,
indentation, admonition and tab headers, attribute lists and table pipes are left as they are.
Text is never reflowed: a paragraph wrapped over several lines becomes one line on output.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from guidebook.project.pages import TRANSLATABLE_META, SourcePage

# `!!! type "Title"`, `??? type "Title"`, `???+ type` (admonitions, details) and `=== "Tab"` (tabs).
BLOCK_HEADER = re.compile(
    r"^(?P<indent>[ ]*)(?:(?P<marker>!!!|\?\?\?\+?)[ ]+(?P<type>[\w-]+(?:[ ]+[\w-]+)*)"
    r"|(?P<tab>===\+?))(?:[ ]+\"(?P<title>[^\"]*)\")?[ ]*$"
)
# Trailing pieces that are markup, not text: an attribute list or HTML comments.
TRAILER = re.compile(r"(?:[ \t]*(?:\{:?[ \t]*[#.\w][^{}\n]*\}|<!--.*?-->))+[ \t]*$")
CONTEXT = re.compile(r"<!--\s*msgctxt:\s*(.*?)\s*-->")
WHITESPACE = re.compile(r"\s+")
# Kind of a notable change's summary: `meta:changes.2026-04-01`. Named by date, not by position,
# so reordering `changes:` changes no catalog.
CHANGE_KIND = "meta:changes."


@dataclass(frozen=True)
class Segment:
    """One translatable piece of a page.

    msgid: the source text (inline Markdown), whitespace normalized.
    context: gettext msgctxt, set with a trailing `<!-- msgctxt: ... -->`, or None.
    kind: heading, paragraph, item, cell, alt, admonition-title, tab-title, meta:<key>, or
      meta:changes.<date> for the summary of a notable change.
    line: the 1-based line in the page file, for `#:` references and messages.
    start, end: (line index, column) in the page body where the text starts and ends;
      end is exclusive. Meta segments have (-1, -1).
    """

    msgid: str
    context: str | None
    kind: str
    line: int
    start: tuple[int, int]
    end: tuple[int, int]


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """Return the shared CommonMark parser with GFM tables."""
    return MarkdownIt("commonmark").enable("table")


def normalize(text: str) -> str:
    """Collapse whitespace so that reflowing a paragraph is not a change."""
    return WHITESPACE.sub(" ", text).strip()


def indent_of(line: str) -> int:
    """Return the number of leading spaces (a tab counts as four)."""
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def _trim(line: str, col_start: int, col_end: int) -> tuple[int, str | None]:
    """Exclude a trailing attribute list or comment; return (new end, msgctxt)."""
    piece = line[col_start:col_end]
    match = TRAILER.search(piece)
    if not match or match.start() == 0:
        return col_end, None
    ctx = CONTEXT.search(match.group(0))
    return col_start + match.start(), (ctx.group(1) if ctx else None)


class _Extractor:
    """Walk one body: blank out block headers, parse, and recurse into their bodies."""

    def __init__(self, lines: list[str], first_line: int) -> None:
        self.lines = lines
        self.first_line = first_line
        self.found: list[Segment] = []

    def seg(self, kind: str, li: int, cs: int, le: int, ce: int, raw: str) -> None:
        end_line = self.lines[le]
        ce, ctx = _trim(end_line, cs if le == li else 0, ce)
        if le == li:
            raw = self.lines[li][cs:ce]
        else:
            raw = raw[: len(raw) - (len(end_line) - ce)] if len(end_line) > ce else raw
        msgid = normalize(raw)
        if msgid:
            self.found.append(Segment(msgid, ctx, kind, self.first_line + li, (li, cs), (le, ce)))

    def run(self, region: list[int], offset: int) -> None:
        """Extract from the lines whose indexes are in region, dedented by offset columns."""
        view = [self.lines[i][offset:] if len(self.lines[i]) > offset else "" for i in region]
        blanks: set[int] = set()
        pos = 0
        while pos < len(view):
            match = BLOCK_HEADER.match(view[pos])
            if not match:
                pos += 1
                continue
            indent = len(match.group("indent"))
            body: list[int] = []
            nxt = pos + 1
            while nxt < len(view) and (not view[nxt].strip() or indent_of(view[nxt]) >= indent + 4):
                body.append(nxt)
                nxt += 1
            while body and not view[body[-1]].strip():
                body.pop()
            if match.group("title"):
                li = region[pos]
                cs = offset + match.start("title")
                kind = "tab-title" if match.group("tab") else "admonition-title"
                self.seg(kind, li, cs, li, offset + match.end("title"), match.group("title"))
            blanks.add(pos)
            blanks.update(body)
            if body:
                self.run([region[i] for i in body], offset + indent + 4)
            pos = nxt if body else pos + 1
        text = "\n".join("" if i in blanks else line for i, line in enumerate(view))
        self.tokens(parser().parse(text), region, offset)

    def tokens(self, tokens: list[Token], region: list[int], offset: int) -> None:
        for idx, tok in enumerate(tokens):
            if tok.type != "inline" or tok.map is None:
                continue
            parent = tokens[idx - 1].type if idx else ""
            if parent in ("th_open", "td_open"):
                continue  # cells are handled per row below
            first, last = tok.map[0], tok.map[1] - 1
            if parent == "heading_open" and tokens[idx - 1].markup not in ("=", "-"):
                self.heading(tok, region[first], offset)
            elif parent == "heading_open":
                self.block(tok, [region[i] for i in range(first, last + 1)], offset, "heading")
            else:
                kind = "item" if idx >= 2 and tokens[idx - 2].type == "list_item_open" else "paragraph"
                self.block(tok, [region[i] for i in range(first, last + 1)], offset, kind)
        for tok in tokens:
            if tok.type == "tr_open" and tok.map is not None:
                self.row(region[tok.map[0]])

    def heading(self, tok: Token, li: int, offset: int) -> None:
        line = self.lines[li]
        start = line.find(tok.content, offset)
        if start >= 0:
            self.seg("heading", li, start, li, start + len(tok.content), tok.content)

    def block(self, tok: Token, rows: list[int], offset: int, kind: str) -> None:
        content_lines = tok.content.split("\n")
        if not rows or len(content_lines) != len(rows):
            return
        children = [c for c in (tok.children or []) if c.type != "softbreak"]
        if len(children) == 1 and children[0].type == "image" and len(rows) == 1:
            self.alt(children[0], rows[0])
            return
        first_src = self.lines[rows[0]]
        c0 = content_lines[0]
        if first_src.endswith(c0):
            cs = len(first_src) - len(c0)
        else:
            cs = len(first_src.rstrip()) - len(c0.rstrip())
        cs = max(cs, offset)
        last = rows[-1]
        ce = len(self.lines[last].rstrip())
        raw = " ".join(self.lines[r].strip() if r != rows[0] else self.lines[r][cs:] for r in rows)
        self.seg(kind, rows[0], cs, last, ce, raw)

    def alt(self, image: Token, li: int) -> None:
        line = self.lines[li]
        at = line.find("![" + image.content + "]")
        if at >= 0 and image.content.strip():
            self.seg("alt", li, at + 2, li, at + 2 + len(image.content), image.content)

    def row(self, li: int) -> None:
        line = self.lines[li]
        for cs, ce in cells(line):
            self.seg("cell", li, cs, li, ce, line[cs:ce])


def cells(line: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-empty cell's text in a pipe-table row."""
    bounds = [i for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    stripped = line.strip()
    edges = [-1, *bounds, len(line)]
    for a, b in zip(edges, edges[1:], strict=False):
        cs, ce = a + 1, b
        piece = line[cs:ce]
        if not piece.strip():
            continue
        if a == -1 and stripped.startswith("|"):
            continue
        cs += len(piece) - len(piece.lstrip())
        ce -= len(piece) - len(piece.rstrip())
        yield cs, ce


def extract_body(body: str, first_line: int = 1) -> list[Segment]:
    """Return the segments of a Markdown body, in document order."""
    lines = body.split("\n")
    ex = _Extractor(lines, first_line)
    ex.run(list(range(len(lines))), 0)
    return sorted(ex.found, key=lambda s: (s.start, s.end))


def extract(page: SourcePage) -> list[Segment]:
    """Return the segments of a page: translatable front matter first, then the body."""
    meta = [
        Segment(normalize(str(page.meta[key])), None, f"meta:{key}", page.meta_lines.get(key, 1), (-1, -1), (-1, -1))
        for key in TRANSLATABLE_META
        if page.meta.get(key)
    ]
    return meta + change_segments(page) + extract_body(page.body, page.body_line)


def change_segments(page: SourcePage) -> list[Segment]:
    """Return the summaries of a page's notable changes, newest first; minor ones are not translated."""
    return [
        Segment(normalize(c.summary), None, f"{CHANGE_KIND}{c.date.isoformat()}", c.line, (-1, -1), (-1, -1))
        for c in page.notable_changes
    ]


def substitute(body: str, segments: list[Segment], replacement: dict[Segment, str]) -> str:
    """Return body with each segment's text replaced; text is written on one line."""
    lines = body.split("\n")
    for seg in sorted(segments, key=lambda s: s.start, reverse=True):
        if seg.start[0] < 0 or seg not in replacement:
            continue
        (li, cs), (le, ce) = seg.start, seg.end
        new = replacement[seg]
        if li == le:
            lines[li] = lines[li][:cs] + new + lines[li][ce:]
        else:
            lines[li] = lines[li][:cs] + new + lines[le][ce:]
            del lines[li + 1 : le + 1]
    return "\n".join(lines)
