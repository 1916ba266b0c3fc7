"""Source pages: plain-Japanese Markdown files with front matter, read from content/ja/ (and local/content/ja/)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from guidebook.problems import Problem
from guidebook.project import schema

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", re.S)
SLUG_PART = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_PAGE_BYTES = 1_000_000

CHANGE_SCHEMA = schema.Record(
    date=schema.Date(),
    kind=schema.Choice("notable", "minor"),
    summary=schema.Str(),
)

FRONT_MATTER_SCHEMA = schema.Record(
    title=schema.Str(),
    description=schema.Field(schema.Str(), required=False),
    keywords=schema.Field(schema.Str(), required=False),
    ja_keywords=schema.Field(schema.Str(), required=False),
    sources=schema.ListOf(schema.Record(name=schema.Str(), url=schema.Url()), min_items=1),
    reviewed=schema.Date(),
    order=schema.Field(schema.Int(0, 9999), required=False, default=100),
    change=schema.Field(schema.Choice("notable", "minor"), required=False),
    summary=schema.Field(schema.Str(), required=False),
    changes=schema.Field(schema.ListOf(CHANGE_SCHEMA), required=False),
)

# Front matter keys whose values are translated; the rest are shared by every language.
# `keywords` are words readers may type to find the page (search only, never shown); `ja_keywords`
# are more such words for the plain-Japanese site alone, never sent to translators.
TRANSLATABLE_META = ("title", "description", "summary", "keywords")


@dataclass(frozen=True)
class Change:
    """A meaningful change to a page, recorded in its front matter under `changes:`.

    date: the day the page changed.
    kind: "notable" (published to readers: what's new page, feeds) or "minor" (a typo fix: kept as a
      record, never published and never sent to translators).
    summary: one line of plain Japanese saying what changed; translated like the title.
    line: the line of the summary in the page file.
    """

    date: dt.date
    kind: str
    summary: str
    line: int

    @property
    def notable(self) -> bool:
        """Return True if readers are told about this change."""
        return self.kind == "notable"


@dataclass(frozen=True)
class Source:
    """An official page the facts on a guidebook page were checked against."""

    name: str
    url: str


@dataclass
class SourcePage:
    """One plain-Japanese page.

    slug: the page's path under its content root without `.md` ("residence/residence-card");
      the same in every language's URL.
    path: the file on disk.
    file: the file as named in messages (relative to the project).
    body: the Markdown after the front matter.
    body_line: the line number in the file of the body's first line.
    origin: "national" (content/ja/, owned by the national project) or "local" (local/content/ja/,
      owned by a municipality's site); it decides where the page's catalogs live.
    """

    slug: str
    path: Path
    file: str
    meta: dict[str, object]
    body: str
    body_line: int
    sources: list[Source] = field(default_factory=list)
    meta_lines: dict[str, int] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    origin: str = "national"

    @property
    def title(self) -> str:
        """Return the page title in plain Japanese."""
        return str(self.meta["title"])

    @property
    def notable_changes(self) -> list[Change]:
        """Return the changes readers are told about, newest first."""
        return sorted((c for c in self.changes if c.notable), key=lambda c: c.date, reverse=True)

    @property
    def reviewed(self) -> dt.date:
        """Return the date the facts were last checked."""
        value = self.meta["reviewed"]
        assert isinstance(value, dt.date)
        return value

    @property
    def domain(self) -> str:
        """Return the gettext domain (catalog file name) of this page."""
        return self.slug.replace("/", ".")

    @property
    def chapter(self) -> str:
        """Return the chapter folder, or "" for top-level pages."""
        return self.slug.rsplit("/", 1)[0] if "/" in self.slug else ""

    @property
    def is_local(self) -> bool:
        """Return True for a page of a municipality's own local/content/ja/."""
        return self.origin == "local"

    @property
    def is_index(self) -> bool:
        """Return True for a chapter overview or the home page."""
        return self.slug == "index" or self.slug.endswith("/index")

    @property
    def url(self) -> str:
        """Return the page URL relative to its language's root ("residence/residence-card/")."""
        if self.slug == "index":
            return ""
        if self.is_index:
            return self.slug[: -len("index")]
        return self.slug + "/"


def read_page(path: Path, slug: str, file: str, problems: list[Problem]) -> SourcePage | None:
    """Read one source page; record problems and return None if it is not usable."""
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        problems.append(Problem(file, 1, "", f"page is {size:,} bytes; expected at most {MAX_PAGE_BYTES:,}"))
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(file, line, "", f"not UTF-8 text ({exc.reason})"))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    match = FRONT_MATTER.match(text)
    if not match:
        problems.append(Problem(file, 1, "", "missing front matter; expected a block between '---' lines"))
        return None
    before = len(problems)
    node = schema.compose(match.group(1) or "", file, problems, line_offset=1)
    if node is None:
        if len(problems) == before:
            problems.append(Problem(file, 1, "", "empty front matter; expected title, sources, reviewed"))
        return None
    schema.shift_lines(node, 1)
    ctx = schema.Context(file)
    meta = FRONT_MATTER_SCHEMA.check(node, "", ctx)
    changes = read_changes(node, meta.get("changes") or [], ctx) if not ctx.problems else []
    for part in slug.split("/"):
        if not SLUG_PART.fullmatch(part):
            ctx.problems.append(
                Problem(file, 0, "", f"file name {part!r}: expected lowercase letters, digits and hyphens")
            )
    problems.extend(ctx.problems)
    if ctx.problems:
        return None
    body_line = text[: match.end()].count("\n") + 1
    sources = [Source(s["name"], s["url"]) for s in meta["sources"]]
    meta_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return SourcePage(slug, path, file, meta, text[match.end() :], body_line, sources, meta_lines, changes)


def read_changes(node: yaml.Node, values: list[dict[str, object]], ctx: schema.Context) -> list[Change]:
    """Return the validated `changes:` of a front matter node; report two changes on one day."""
    items: list[yaml.Node] = next(
        (v.value for k, v in node.value if k.value == "changes" and isinstance(v, yaml.SequenceNode)), []
    )
    out: list[Change] = []
    first: dict[dt.date, int] = {}
    for i, (item, value) in enumerate(zip(items, values, strict=True)):
        date = value["date"]
        assert isinstance(date, dt.date)
        lines = {str(k.value): k.start_mark.line + 1 for k, _ in item.value}
        if date in first:
            ctx.say(
                item,
                f"changes[{i}].date",
                f"expected one change per day, got a second one on {date} (first: changes[{first[date]}]); "
                "say both in one summary",
            )
            continue
        first[date] = i
        out.append(
            Change(date, str(value["kind"]), str(value["summary"]), lines.get("summary", item.start_mark.line + 1))
        )
    return out


def discover(root: Path, project: Path, problems: list[Problem]) -> list[SourcePage]:
    """Read every Markdown page below root, in a stable order."""
    pages = []
    for path in sorted(root.rglob("*.md")):
        slug = path.relative_to(root).with_suffix("").as_posix()
        try:
            file = path.relative_to(project).as_posix()
        except ValueError:
            file = str(path)
        page = read_page(path, slug, file, problems)
        if page:
            pages.append(page)
    return pages
