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
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, PoFileParser, escape, normalize, unescape

from guidebook.problems import Problem
from guidebook.project.segments import Segment

# A translator comment starting with this word marks a translation that no fluent speaker has
# reviewed yet. It is published (unlike fuzzy), and status reports it separately.
DRAFT_MARK = "draft:"
DRAFT_COMMENT = "draft: not yet reviewed by a fluent speaker"
FUZZY_CUTOFF = 0.6
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
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


# Notes for translators on kinds of segment whose translation is not a plain rendering of the text.
KIND_NOTES = {
    "meta:keywords": (
        "Search words, never shown: what a reader of your language might type to find this page,",
        "separated by commas. Translate them and add the everyday words people really use.",
    ),
}


def template(domain: str, segments: Iterable[Segment], source_file: str, revised: dt.date) -> Catalog:
    """Build the template catalog (POT) of one page from its segments."""
    cat = Catalog(
        project=PROJECT,
        version=domain,
        header_comment=f"# Translatable text of {source_file}.\n# Edit the page, not this file: it is regenerated.",
        creation_date=dt.datetime.combine(revised, dt.time(), dt.UTC),
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
        cat.add(seg.msgid, "", [loc], auto_comments=[seg.kind, *KIND_NOTES.get(seg.kind, ())], context=seg.context)
    return cat


def _similar(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY_CUTOFF or matcher.quick_ratio() < FUZZY_CUTOFF:
        return 0.0
    return matcher.ratio()


Key = tuple[str, str | None]


def _index(messages: Iterable[Message]) -> dict[Key, Message]:
    return {(str(m.id), m.context): m for m in messages if m.id and isinstance(m.id, str)}


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
    active = _index(old) if old else {}
    obsolete = _index(old.obsolete.values()) if old else {}
    wanted = _index(tmpl)
    for key, msg in wanted.items():
        out = Message(msg.id, "", list(msg.locations), auto_comments=list(msg.auto_comments), context=msg.context)
        prev = active.get(key) or obsolete.get(key)
        if prev is not None:
            out.string = prev.string
            out.flags = set(prev.flags)
            out.user_comments = list(prev.user_comments)
            out.previous_id = prev.previous_id if "fuzzy" in prev.flags else []
        else:
            best = _closest(key, active, obsolete, wanted)
            if best is not None:
                out.string = best.string
                out.flags = set(best.flags) | {"fuzzy"}
                out.user_comments = list(best.user_comments)
                out.previous_id = [str(best.id)]
        new[msg.id] = out
        if msg.context is not None:  # Catalog.__setitem__ ignores the context of the key
            del new[msg.id]
            new._messages[new._key_for(msg.id, msg.context)] = out  # noqa: SLF001
    for key, msg in {**obsolete, **active}.items():
        if key in wanted or not msg.string:
            continue
        msg.locations = []
        new.obsolete[new._key_for(key[0], key[1])] = msg  # noqa: SLF001
    return new


def _closest(
    key: Key, active: dict[Key, Message], obsolete: dict[Key, Message], wanted: dict[Key, Message]
) -> Message | None:
    """Return the translated old message most like key that the template no longer has."""
    best: Message | None = None
    score = FUZZY_CUTOFF
    for cand_key, cand in [*active.items(), *obsolete.items()]:
        if cand_key[1] != key[1] or cand_key in wanted or not cand.string:
            continue
        ratio = _similar(key[0], cand_key[0])
        if ratio >= score:
            best, score = cand, ratio
    return best


def _babel_locale(tag: str) -> str:
    return tag.replace("-", "_")


def _po_header(tmpl: Catalog, tag: str) -> str:
    return f"# {tag} translation of {tmpl.version}.\n# Translators: edit msgstr only; see README."


def _quoted(keyword: str, text: str, prefix: str = "") -> list[str]:
    """Return PO lines for keyword and text; never wrapped, split only after embedded newlines."""
    body = normalize(text, prefix="", width=0)
    return [f"{prefix}{keyword} {line}" if i == 0 else f"{prefix}{line}" for i, line in enumerate(body.split("\n"))]


def _message_lines(msg: Message, obsolete: bool = False) -> list[str]:
    pre = "#~ " if obsolete else ""
    out = [f"#. {c}" for c in msg.auto_comments] if not obsolete else []
    out = [f"# {c}".rstrip() for c in msg.user_comments] + out
    if msg.locations and not obsolete:
        out.append("#: " + " ".join(f"{f}:{n}" if n else f for f, n in msg.locations))
    if msg.flags:
        out.append("#, " + ", ".join(sorted(msg.flags)))
    for prev in msg.previous_id[:1] if msg.previous_id else []:
        out += _quoted("msgid", prev, f"{pre}#| ")
    if msg.context is not None:
        out += _quoted("msgctxt", msg.context, pre)
    out += _quoted("msgid", str(msg.id), pre)
    out += _quoted("msgstr", str(msg.string or ""), pre)
    return out


def dump(cat: Catalog, is_template: bool = False) -> bytes:
    """Serialize a catalog deterministically: no wrapping, no timestamps that change on their own."""
    lines = [*cat.header_comment.splitlines()]
    headers = [
        ("Project-Id-Version", f"{PROJECT} {cat.version}"),
        (
            "POT-Creation-Date",
            cat.creation_date.strftime("%Y-%m-%d %H:%M%z")
            if isinstance(cat.creation_date, dt.datetime)
            else str(cat.creation_date),
        ),
    ]
    if not is_template:
        headers += [
            (
                "PO-Revision-Date",
                cat.revision_date.strftime("%Y-%m-%d %H:%M%z")
                if isinstance(cat.revision_date, dt.datetime)
                else str(cat.revision_date),
            ),
            ("Last-Translator", cat.last_translator or ""),
            ("Language-Team", cat.language_team or ""),
            ("Language", str(cat.locale_identifier or "").replace("_", "-")),
            ("Plural-Forms", cat.plural_forms),
        ]
    headers += [
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    lines += ['msgid ""', 'msgstr ""'] + [escape(f"{k}: {v}\n") for k, v in headers]
    for msg in cat:
        if msg.id:
            lines += ["", *_message_lines(msg)]
    for msg in cat.obsolete.values():
        lines += ["", *_message_lines(msg, obsolete=True)]
    return ("\n".join(lines) + "\n").encode("utf-8")


QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
KEYWORD = re.compile(r"msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?")


class _StrictParser(PoFileParser):
    """Babel's parser, refusing an entry whose msgctxt and msgid were seen before, and reading
    the previous msgid (`#| msgid`) that Babel's own parser mistakes for a translator comment."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(catalog, ignore_obsolete=False, abort_invalid=True)
        self.seen: dict[tuple[object, str | None, bool], int] = {}
        self.previous: list[str] = []
        self.previous_field = ""

    def _process_message_line(self, lineno: int, line: str, obsolete: bool = False) -> None:
        keyword = "" if line.startswith('"') else line.partition(" ")[0]
        if line and keyword and not KEYWORD.fullmatch(keyword):
            raise PoFileError(
                f"unknown keyword {keyword[:20]!r}; expected msgctxt, msgid, msgid_plural or msgstr",
                self.catalog,
                line,
                lineno,
            )
        value = line if line.startswith('"') else line.partition(" ")[2].strip()
        if line and not QUOTED.fullmatch(value):
            raise PoFileError(f"expected a quoted string, got {value[:40]!r}", self.catalog, line, lineno)
        super()._process_message_line(lineno, line, obsolete)

    def _process_comment(self, line: str) -> None:
        if not line.startswith("#|"):
            super()._process_comment(line)
            return
        self._finish_current_message()
        rest = line[2:].strip()
        for keyword in ("msgctxt", "msgid_plural", "msgid"):
            if rest == keyword or rest.startswith(keyword + " "):
                self.previous_field = keyword
                rest = rest[len(keyword) :].strip()
                if keyword == "msgid":
                    self.previous.append("")
                break
        if self.previous_field == "msgid" and rest.startswith('"') and self.previous:
            self.previous[-1] += unescape(rest)

    def _add_message(self) -> None:
        previous, self.previous, self.previous_field = self.previous, [], ""
        self._add_checked()
        if previous:
            key = self.catalog._key_for(self._last_id, self._last_ctx)  # noqa: SLF001
            msg = self.catalog.obsolete.get(key) if self._last_obsolete else self.catalog._messages.get(key)  # noqa: SLF001
            if msg is not None:
                msg.previous_id = previous

    def _add_checked(self) -> None:
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
        self._last_id: Any = msgid
        self._last_ctx, self._last_obsolete = ctx, bool(self.obsolete)
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
    declared = _declared_charset(raw)
    if declared and declared.lower() not in ("utf-8", "utf8"):
        problems.append(Problem(file, header_line, "Content-Type", f"expected charset=UTF-8, got {declared}"))
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


def _declared_charset(raw: bytes) -> str | None:
    match = re.search(rb"Content-Type:[^\"]*charset=([A-Za-z0-9_.:-]+)", raw)
    return match.group(1).decode("ascii") if match else None


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
