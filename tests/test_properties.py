"""Property-based tests: extract/render round trip, merge idempotence, catalogs through Babel and polib."""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import markdown
import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidebook.catalogs import po as catalogs
from guidebook.catalogs.safety import escape_block_start
from guidebook.problems import Problem
from guidebook.project.segments import extract_body, substitute
from guidebook.site.sanitize import sanitize

WORD = st.text(alphabet="あいうえおかきくけこ日本語漢字abcxyz0123", min_size=1, max_size=8)
INLINE_PIECE = st.one_of(
    WORD,
    WORD.map(lambda w: f"**{w}**"),
    WORD.map(lambda w: f"*{w}*"),
    WORD.map(lambda w: f"`{w}`"),
    WORD.map(lambda w: f"[{w}](https://example.org/{w})"),
)
INLINE = st.lists(INLINE_PIECE, min_size=1, max_size=6).map(" ".join)


def _table(rows: list[list[str]]) -> str:
    width = len(rows[0])
    lines = ["| " + " | ".join(r[:width] + ["x"] * (width - len(r))) + " |" for r in rows]
    return "\n".join([lines[0], "|" + "---|" * width, *lines[1:]])


BLOCK = st.one_of(
    INLINE,
    st.tuples(st.integers(1, 4), INLINE).map(lambda t: "#" * t[0] + " " + t[1]),
    st.lists(INLINE, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(INLINE, min_size=1, max_size=3).map(lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))),
    st.lists(st.lists(WORD, min_size=2, max_size=3), min_size=2, max_size=4).map(_table),
    st.tuples(st.sampled_from(["note", "warning", "tip"]), WORD, INLINE).map(
        lambda t: f'!!! {t[0]} "{t[1]}"\n\n    {t[2]}'
    ),
    st.tuples(WORD, WORD).map(lambda t: f"![{t[0]}]({t[1]}.png)"),
)
DOC = st.lists(BLOCK, min_size=1, max_size=8).map(lambda blocks: "\n\n".join(blocks) + "\n")
EXTENSIONS = ["admonition", "attr_list", "tables", "md_in_html"]


def html(md: str) -> str:
    return re.sub(r"\s+", " ", markdown.markdown(md, extensions=EXTENSIONS)).strip()


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(DOC)
def test_identity_translation_reproduces_the_source_html(doc: str) -> None:
    segs = extract_body(doc)
    out = substitute(doc, segs, {s: escape_block_start(s.msgid) for s in segs})
    assert html(out) == html(doc)


@settings(max_examples=100, deadline=None)
@given(DOC, st.text(max_size=40))
def test_arbitrary_translations_never_produce_script(doc: str, evil: str) -> None:
    segs = extract_body(doc)
    payload = escape_block_start(evil + "<script>x</script><img src=x onerror=y>[a](javascript:z)")
    rendered = sanitize(markdown.markdown(substitute(doc, segs, dict.fromkeys(segs, payload)), extensions=EXTENSIONS))
    assert active_content(rendered) == []


class _Active(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "style"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.found.append(f"{tag}[{name}]")


def active_content(fragment: str) -> list[str]:
    """Return the elements and attributes in fragment that could run script."""
    parser = _Active()
    parser.feed(fragment)
    return parser.found


def _template(doc: str):  # type: ignore[no-untyped-def]
    return catalogs.template("page", extract_body(doc), "content/ja/page.md", dt.date(2026, 1, 1))


def _read(data: bytes):  # type: ignore[no-untyped-def]
    path = Path(tempfile.mkdtemp()) / "x.po"
    path.write_bytes(data)
    problems: list[Problem] = []
    cat = catalogs.read(path, "x.po", problems, locale="en")
    assert problems == []
    return cat


@settings(max_examples=80, deadline=None)
@given(DOC, DOC, st.text(min_size=1, max_size=30).filter(lambda s: s.strip()))
def test_merge_is_idempotent(old_doc: str, new_doc: str, text: str) -> None:
    first = catalogs.merge(_template(old_doc), None, "en")
    for msg in first:
        if msg.id:
            msg.string = text
    once = catalogs.dump(catalogs.merge(_template(new_doc), _read(catalogs.dump(first)), "en"))
    twice = catalogs.dump(catalogs.merge(_template(new_doc), _read(once), "en"))
    assert once == twice


@settings(max_examples=80, deadline=None)
@given(DOC, st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30))
def test_catalog_round_trips_through_babel_and_polib_unchanged(doc: str, text: str) -> None:
    cat = catalogs.merge(_template(doc), None, "en")
    for msg in cat:
        if msg.id:
            msg.string = text
            msg.user_comments = ["draft: not yet reviewed by a fluent speaker"]
    data = catalogs.dump(cat)
    assert catalogs.dump(_read(data)) == data
    po = polib.pofile(data.decode("utf-8"), wrapwidth=0)
    assert [(e.msgid, e.msgstr) for e in po] == [(str(m.id), m.string) for m in cat if m.id]
    babel_po = _read(po.__unicode__().encode("utf-8"))
    assert [(m.id, m.string) for m in babel_po if m.id] == [(m.id, m.string) for m in cat if m.id]
    assert io.BytesIO(data).getvalue() == data
