"""Chapters and local pages: the national chapter order, and a municipality's own chapters placed among it.

The national project owns content/ (pages and content/chapters.yml). A municipality's site owns
site_config/ and local/: its pages are local/content/ja/<chapter>/<page>.md, their catalogs
local/languages/, and `local_chapters` in site_config/site.yml places its chapters in the
navigation. A local chapter never has the name of a national one, and national chapters never
start with `local`, so a fork can always take the national project's updates without conflicts.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from guidebook.problems import Problem
from guidebook.project import schema
from guidebook.project.pages import SourcePage, discover

NATIONAL = "national"
LOCAL = "local"
CHAPTER_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
RESERVED = re.compile(r"local(-[a-z0-9]+)*")
CHAPTERS_FILE = "content/chapters.yml"
LOCAL_CONTENT = "local/content/ja"
LOCAL_LANGUAGES = "local/languages"


class NationalChapter(schema.Str):
    """A national chapter folder name, returned with its line; `local` and `local-*` are kept for municipalities."""

    def __init__(self) -> None:
        super().__init__(CHAPTER_PATTERN, "a chapter folder name")

    def check(self, node: yaml.Node, key: str, ctx: schema.Context) -> Any:
        value = super().check(node, key, ctx)
        if value is not None and RESERVED.fullmatch(value):
            return ctx.fail(node, key, "a chapter name not starting with 'local' (kept for municipalities' chapters)")
        return None if value is None else (value, node.start_mark.line + 1)


CHAPTERS_SCHEMA = schema.Record(chapters=schema.ListOf(NationalChapter(), min_items=1))


@dataclass(frozen=True)
class Placement:
    """Where a local chapter goes: after a chapter, or first or last (the default)."""

    chapter: str
    after: str | None
    at: str | None
    line: int


class PlacementType(schema.Type):
    """One item of `local_chapters`: {chapter: NAME, after: CHAPTER} or {chapter: NAME, at: first|last}."""

    expected = "a mapping with chapter and after or at"
    record = schema.Record(
        chapter=schema.Str(CHAPTER_PATTERN, "a chapter folder name"),
        after=schema.Field(schema.Str(CHAPTER_PATTERN, "a chapter folder name"), required=False),
        at=schema.Field(schema.Choice("first", "last"), required=False),
    )

    def check(self, node: yaml.Node, key: str, ctx: schema.Context) -> Any:
        before = len(ctx.problems)
        value = self.record.check(node, key, ctx)
        if value is None or len(ctx.problems) > before:
            return None
        if value["after"] is not None and value["at"] is not None:
            return ctx.say(node, key, "expected either after or at, not both")
        return Placement(value["chapter"], value["after"], value["at"], node.start_mark.line + 1)


def load_national_chapters(root: Path, problems: list[Problem]) -> dict[str, int] | None:
    """Read content/chapters.yml: the national chapter folders in navigation order, each with its line."""
    path = root / CHAPTERS_FILE
    if not path.is_file():
        problems.append(Problem(CHAPTERS_FILE, 0, "", "missing file; expected the national chapter order"))
        return None
    data = schema.load(path, CHAPTERS_SCHEMA, CHAPTERS_FILE, problems)
    if data is None:
        return None
    chapters: dict[str, int] = {}
    for i, (chapter, line) in enumerate(data["chapters"]):
        if chapter in chapters:
            problems.append(
                Problem(
                    CHAPTERS_FILE, line, f"chapters[{i}]", f"{chapter!r} is listed twice (line {chapters[chapter]})"
                )
            )
        chapters.setdefault(chapter, line)
    return chapters


def discover_local(root: Path, problems: list[Problem]) -> list[SourcePage]:
    """Read the local pages of local/content/ja/<chapter>/; the folder is optional."""
    folder = root / LOCAL_CONTENT
    if not folder.is_dir():
        return []
    out = []
    for page in discover(folder, root, problems):
        if page.slug.count("/") != 1:
            problems.append(
                Problem(page.file, 0, "", f"expected a local page in a chapter folder ({LOCAL_CONTENT}/<chapter>/…)")
            )
            continue
        out.append(dataclasses.replace(page, origin=LOCAL))
    return out


def clashes(national: dict[str, int], national_pages: list[SourcePage], local_pages: list[SourcePage]) -> list[Problem]:
    """Report local chapter folders that have the name of a national chapter."""
    national_folders = {p.chapter for p in national_pages if p.chapter}
    out = []
    for chapter in sorted({p.chapter for p in local_pages}):
        if chapter not in national and chapter not in national_folders:
            continue
        first = min(p.file for p in local_pages if p.chapter == chapter)
        where = f"{CHAPTERS_FILE}:{national[chapter]}" if chapter in national else f"content/ja/{chapter}/"
        out.append(
            Problem(
                first,
                1,
                "chapter",
                f"expected a local chapter name that no national chapter has, got {chapter!r} (national: {where}); "
                f"rename the folder {LOCAL_CONTENT}/{chapter}/",
            )
        )
    return out


def chapter_order(
    national: dict[str, int], placements: list[Placement], local_pages: list[SourcePage], site_file: str
) -> tuple[list[str], list[Problem]]:
    """Return every chapter in navigation order: national ones with the local ones placed among them.

    A local chapter that `local_chapters` does not place comes last, in alphabetical order.
    """
    problems: list[Problem] = []
    local = sorted({p.chapter for p in local_pages})
    order = list(national)
    firsts = 0
    for i, place in enumerate(placements):
        key = f"local_chapters[{i}]"
        if place.chapter not in local:
            problems.append(
                Problem(
                    site_file,
                    place.line,
                    f"{key}.chapter",
                    f"expected a chapter folder of {LOCAL_CONTENT}/, got {place.chapter!r}",
                )
            )
            continue
        if place.chapter in order:
            if place.chapter not in national:
                problems.append(Problem(site_file, place.line, f"{key}.chapter", f"{place.chapter!r} is placed twice"))
            continue
        if place.after is not None:
            if place.after not in order:
                problems.append(
                    Problem(
                        site_file,
                        place.line,
                        f"{key}.after",
                        f"expected a national chapter or a local chapter placed above, got {place.after!r}",
                    )
                )
                continue
            order.insert(order.index(place.after) + 1, place.chapter)
        elif place.at == "first":
            order.insert(firsts, place.chapter)
            firsts += 1
        else:
            order.append(place.chapter)
    order += [chapter for chapter in local if chapter not in order]
    return order, problems
