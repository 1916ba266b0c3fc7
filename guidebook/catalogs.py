"""gettext catalogs: one template per page (languages/<page>.pot) and one PO per language and page.

The template is made from the page's segments. Merging a template into a language's catalog
never loses a translation: an edited segment keeps its old translation as fuzzy with the
previous text (`#| msgid`), a removed one becomes obsolete (`#~`) and comes back when its text
returns, and translator comments and flags are kept.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, PoFileParser, write_po

from guidebook.problems import Problem
from guidebook.segments import Segment

# A translator comment starting with this word marks a translation that no fluent speaker has
# reviewed yet. It is published (unlike fuzzy), and status reports it separately.
DRAFT_MARK = "draft:"
DRAFT_COMMENT = "draft: not yet reviewed by a fluent speaker"
FUZZY_CUTOFF = 0.6
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
PROJECT = "guidebook"


@dataclass(frozen=True)
class Entry:
    """A translation as the renderer sees it."""

    string: str
    fuzzy: bool
    draft: bool


def catalog_key(msgid: str, context: str | None) -> tuple[str, str | None]:
    """Return the key that identifies a message within one catalog."""
    return (msgid, context)


def template(domain: str, segments: Iterable[Segment], source_file: str, revised: dt.date) -> Catalog:
    """Build the template catalog (POT) of one page from its segments."""
    cat = Catalog(
        project=PROJECT,
        version=domain,
        header_comment=f"# Translatable text of {source_file}.\n# Edit the page, not this file: it is regenerated.",
        creation_date=dt.datetime.combine(revised, dt.time(), dt.timezone.utc),
        revision_date=EPOCH,
        fuzzy=False,
        charset="utf-8",
    )
    for seg in segments:
        loc = (source_file, seg.line)
        key = seg.msgid if seg.context is None else (seg.msgid, seg.context)
        existing = cat.get(seg.msgid, seg.context)
        if existing is not None:
            existing.locations.append(loc)
            continue
        del key
        cat.add(seg.msgid, "", [loc], auto_comments=[seg.kind], context=seg.context)
    return cat


def _similar(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY_CUTOFF or matcher.quick_ratio() < FUZZY_CUTOFF:
        return 0.0
    return matcher.ratio()


def merge(tmpl: Catalog, old: Catalog | None, locale: str) -> Catalog:
    """Return the language catalog for tmpl, carrying every translation of old forward."""
    new = Catalog(
        locale=_babel_locale(locale),
        project=PROJECT,
        version=tmpl.version,
        header_comment=(old.header_comment if old else _po_header(tmpl, locale)),
        creation_date=tmpl.creation_date,
        revision_date=old.revision_date if old else EPOCH,
        last_translator=old.last_translator if old else "",
        language_team=old.language_team if old else "",
        fuzzy=False,
        charset="utf-8",
    )
    active = {m.id and (m.id, m.context): m for m in old if m.id} if old else {}
    obsolete = {(m.id, m.context): m for m in old.obsolete.values()} if old else {}
    used: set[tuple[str, str | None]] = set()
    for msg in tmpl:
        if not msg.id:
            continue
        key = (str(msg.id), msg.context)
        prev = active.get(key) or obsolete.get(key)
        out = Message(msg.id, "", list(msg.locations), auto_comments=list(msg.auto_comments), context=msg.context)
        if prev is not None:
            used.add(key)
            out.string = prev.string
            out.flags = set(prev.flags)
            out.user_comments = list(prev.user_comments)
            out.previous_id = prev.previous_id if "fuzzy" in prev.flags else []
        else:
            best = _closest(str(msg.id), msg.context, active, obsolete, tmpl)
            if best is not None and best.string:
                out.string = best.string
                out.flags = set(best.flags) | {"fuzzy"}
                out.user_comments = list(best.user_comments)
                out.previous_id = [str(best.id)]
        new[msg.id] = out if msg.context is None else out
        if msg.context is not None:
            del new[msg.id]
            new._messages[new._key_for(msg.id, msg.context)] = out  # noqa: SLF001
    for key, msg in {**obsolete, **active}.items():
        if key in used or tmpl.get(key[0], key[1]) is not None or not msg.string:
            continue
        msg.locations = []
        new.obsolete[new._key_for(key[0], key[1])] = msg  # noqa: SLF001
    return new


def _closest(
    msgid: str,
    context: str | None,
    active: dict[tuple[str, str | None], Message],
    obsolete: dict[tuple[str, str | None], Message],
    tmpl: Catalog,
) -> Message | None:
    best: Message | None = None
    score = FUZZY_CUTOFF
    for key, cand in [*active.items(), *obsolete.items()]:
        if key[1] != context or tmpl.get(key[0], key[1]) is not None or not cand.string:
            continue
        ratio = _similar(msgid, key[0])
        if ratio >= score:
            best, score = cand, ratio
    return best


def _babel_locale(tag: str) -> str:
    return tag.replace("-", "_")


def _po_header(tmpl: Catalog, tag: str) -> str:
    return f"# {tag} translation of {tmpl.version}.\n# Translators: edit msgstr only; see README."


def dump(cat: Catalog, is_template: bool = False) -> bytes:
    """Serialize a catalog deterministically, never wrapping lines."""
    buf = io.BytesIO()
    write_po(
        buf,
        cat,
        width=0,
        no_location=False,
        omit_header=False,
        sort_output=False,
        sort_by_file=False,
        ignore_obsolete=False,
        include_previous=True,
        include_lineno=True,
    )
    text = buf.getvalue().decode("utf-8")
    text = re.sub(r'"Generated-By: Babel [^"]*\\n"\n', "", text)
    if is_template:
        text = text.replace('"Language-Team: LANGUAGE <LL@li.org>\\n"\n', "")
    return text.encode("utf-8")


class _StrictParser(PoFileParser):
    """Babel's parser, also refusing an entry whose msgctxt and msgid were seen before."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(catalog, ignore_obsolete=False, abort_invalid=True)
        self.seen: dict[tuple[object, str | None, bool], int] = {}

    def _add_message(self) -> None:
        if len(self.messages) == 1:
            msgid: object = self.messages[0].denormalize()
        else:
            msgid = tuple(m.denormalize() for m in self.messages)
        ctx = self.context.denormalize() if self.context else None
        key = (msgid, ctx, bool(self.obsolete))
        if key in self.seen and msgid:
            raise PoFileError(
                f"duplicate msgid {str(msgid)[:40]!r} (first at line {self.seen[key]})",
                self.catalog,
                "",
                self.offset,
            )
        self.seen[key] = self.offset + 1
        super()._add_message()


PLURAL_FORMS = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?\s*")


def read(path: Path, file: str, problems: list[Problem], locale: str | None = None) -> Catalog | None:
    """Read and check one PO or POT file; record problems and return None if it is unusable."""
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(file, line, "", f"not UTF-8 ({exc.reason}); save the file as UTF-8"))
        return None
    cat = Catalog(locale=_babel_locale(locale) if locale else None)
    parser = _StrictParser(cat)
    try:
        parser.parse(io.BytesIO(raw))
    except PoFileError as exc:
        reason = str(exc).rsplit(" on ", 1)[0]
        problems.append(Problem(file, exc.lineno + 1, "", f"PO syntax: {reason}"))
        return None
    except (ValueError, UnicodeError) as exc:
        problems.append(Problem(file, 1, "", f"PO syntax: {exc}"))
        return None
    header_line = _header_line(raw)
    charset = _header_value(cat, "Content-Type")
    if charset and "charset=" in charset and charset.split("charset=")[-1].strip().lower() not in ("utf-8", "utf8"):
        problems.append(
            Problem(file, header_line, "Content-Type", f"expected charset=UTF-8, got {charset.split('charset=')[-1]}")
        )
        return None
    if locale:
        plural = _header_value(cat, "Plural-Forms")
        expected = get_plural(_babel_locale(locale))
        match = PLURAL_FORMS.fullmatch(plural or "")
        if plural and not match:
            problems.append(
                Problem(file, header_line, "Plural-Forms", f"expected 'nplurals=N; plural=EXPR;', got {plural!r}")
            )
            return None
        if match and int(match.group(1)) != expected.num_plurals:
            problems.append(
                Problem(
                    file,
                    header_line,
                    "Plural-Forms",
                    f"expected nplurals={expected.num_plurals} for {locale}, got nplurals={match.group(1)}",
                )
            )
            return None
    return cat


def _header_value(cat: Catalog, name: str) -> str | None:
    for key, value in cat.mime_headers:
        if key.lower() == name.lower():
            return str(value)
    return None


def _header_line(raw: bytes) -> int:
    for no, line in enumerate(raw.split(b"\n"), 1):
        if line.startswith(b'msgid ""'):
            return no
    return 1


def entries(cat: Catalog) -> dict[tuple[str, str | None], Entry]:
    """Return the translations of a catalog keyed by (msgid, msgctxt)."""
    out = {}
    for msg in cat:
        if not msg.id or not isinstance(msg.id, str) or not isinstance(msg.string, str):
            continue
        draft = any(c.strip().lower().startswith(DRAFT_MARK) for c in msg.user_comments)
        out[(msg.id, msg.context)] = Entry(msg.string, msg.fuzzy, draft)
    return out
