"""Alert templates: fixed plain-Japanese alert texts with slots, a translation source beside the pages.

`content/alert-templates.yml` holds one template per kind of alert residents meet (earthquake early
warning, tsunami warnings, the agency's levelled warnings, evacuation information, service
notices ...). Its texts are segments of the catalog domain `alert-templates`, extracted, merged,
checked and counted like a page's, so an alert written from a template reads in every language that
has translated the template.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from guidebook.problems import InputError, Problem
from guidebook.project import schema
from guidebook.project.segments import Segment

FILE = "content/alert-templates.yml"
DOMAIN = "alert-templates"
TEXTS = ("event", "headline", "description", "instruction")
SLOT = re.compile(r"\{([a-z_]+)\}")
SLOTS = ("area", "intensity", "height", "time", "level", "event")
DURATION = re.compile(r"([0-9]+)([mhd])")
# CAP 1.2's vocabularies (the alert model uses the same).
CAP_CATEGORIES = (
    "Geo",
    "Met",
    "Safety",
    "Security",
    "Rescue",
    "Fire",
    "Health",
    "Env",
    "Transport",
    "Infra",
    "CBRNE",
    "Other",
)
URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")

_PARTS: dict[str, schema.Field] = {
    "event": schema.Field(schema.Str(), required=False),
    "headline": schema.Field(schema.Str(), required=False),
    "description": schema.Field(schema.Str(), required=False),
    "instruction": schema.Field(schema.Str(), required=False),
    "category": schema.Field(schema.Choice(*CAP_CATEGORIES), required=False),
    "urgency": schema.Field(schema.Choice(*URGENCIES), required=False),
    "severity": schema.Field(schema.Choice(*SEVERITIES), required=False),
    "certainty": schema.Field(schema.Choice(*CERTAINTIES), required=False),
    "expires": schema.Field(schema.Str(DURATION.pattern, "a duration such as 30m, 6h or 7d"), required=False),
}
LEVEL = schema.Record(**_PARTS)
TEMPLATE = schema.Record(
    **_PARTS,
    levels=schema.Field(
        schema.MapOf(LEVEL, key_check=lambda k: k.isdigit() and 1 <= int(k) <= 5, key_expected="a level, 1 to 5"),
        required=False,
    ),
)
FILE_SCHEMA = schema.Record(
    reviewed=schema.Date(),
    sources=schema.ListOf(schema.Record(name=schema.Str(), url=schema.Url()), min_items=1),
    values=schema.Field(schema.MapOf(schema.MapOf(schema.Str())), required=False, default={}),
    templates=schema.MapOf(
        TEMPLATE,
        key_check=lambda k: re.fullmatch(r"[a-z][a-z0-9-]*", k) is not None,
        key_expected="a kind in lowercase ASCII with hyphens",
    ),
)


@dataclass(frozen=True)
class Variant:
    """One template at one level (level None for a template without levels): its texts and CAP fields."""

    kind: str
    level: int | None
    texts: dict[str, str]
    category: str
    urgency: str
    severity: str
    certainty: str
    expires: dt.timedelta

    @property
    def slots(self) -> set[str]:
        """Return the slots its texts use."""
        return {name for text in self.texts.values() for name in SLOT.findall(text)}


@dataclass
class AlertTemplates:
    """The alert templates of a project: variants by (kind, level), slot values, and their segments."""

    path: Path
    file: str
    reviewed: dt.date
    variants: dict[tuple[str, int | None], Variant]
    values: dict[str, dict[str, str]]
    segments: list[Segment] = field(default_factory=list)
    slug: str = DOMAIN
    origin: str = "national"

    @property
    def domain(self) -> str:
        return DOMAIN

    @property
    def kinds(self) -> list[str]:
        return sorted({kind for kind, _ in self.variants})

    def levels(self, kind: str) -> list[int]:
        return sorted(level for k, level in self.variants if k == kind and level is not None)

    def variant(self, kind: str, level: int | None) -> Variant:
        """Return a template's variant; raise KeyError naming what exists."""
        if (kind, level) in self.variants:
            return self.variants[(kind, level)]
        if kind not in self.kinds:
            raise KeyError(f"no alert template {kind!r}; expected one of {', '.join(self.kinds)}")
        levels = self.levels(kind)
        if not levels:
            raise KeyError(f"template {kind!r} has no levels")
        raise KeyError(f"template {kind!r} needs --level, one of {', '.join(map(str, levels))}")


def duration(text: str) -> dt.timedelta:
    """Return the timedelta of a duration such as 30m, 6h or 7d."""
    match = DURATION.fullmatch(text)
    assert match is not None
    unit = {"m": "minutes", "h": "hours", "d": "days"}[match.group(2)]
    return dt.timedelta(**{unit: int(match.group(1))})


def _lines(node: yaml.Node) -> dict[tuple[str, ...], int]:
    """Return the line of every scalar value in a mapping tree, by its key path."""
    out: dict[tuple[str, ...], int] = {}
    stack: list[tuple[tuple[str, ...], yaml.Node]] = [((), node)]
    while stack:
        path, current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for knode, vnode in current.value:
                stack.append(((*path, str(knode.value)), vnode))
        else:
            out[path] = current.start_mark.line + 1
    return out


def load_templates(root: Path) -> AlertTemplates | None:
    """Read content/alert-templates.yml if the project has one; raise InputError listing every problem."""
    path = root / FILE
    if not path.is_file():
        return None
    problems: list[Problem] = []
    text = path.read_text(encoding="utf-8")
    node = schema.compose(text, FILE, problems)
    if node is None:
        raise InputError(problems)
    ctx = schema.Context(FILE)
    value: dict[str, Any] = FILE_SCHEMA.check(node, "", ctx)
    problems.extend(ctx.problems)
    if problems:
        raise InputError(problems)
    lines = _lines(node)
    variants: dict[tuple[str, int | None], Variant] = {}
    segments: list[Segment] = []

    def seg(msgid: str, kind: str, key: tuple[str, ...], context: str | None = None) -> None:
        segments.append(Segment(msgid, context, kind, lines.get(key, 1), (-1, -1), (-1, -1)))

    for kind, tmpl in value["templates"].items():
        levels = tmpl.get("levels") or {}
        for level_key, level_value in levels.items() if levels else [(None, {})]:
            merged = {k: v for k, v in tmpl.items() if k != "levels" and v is not None}
            merged.update({k: v for k, v in level_value.items() if v is not None})
            where = ("templates", kind, "levels", str(level_key)) if level_key else ("templates", kind)
            missing = [
                k
                for k in ("event", "headline", "category", "urgency", "severity", "certainty", "expires")
                if not merged.get(k)
            ]
            if missing:
                problems.append(
                    Problem(
                        FILE,
                        lines.get((*where,), 0) or lines.get(("templates", kind, "headline"), 0),
                        ".".join(where),
                        "missing " + ", ".join(missing),
                    )
                )
                continue
            texts = {k: str(merged[k]) for k in TEXTS if merged.get(k)}
            for name, text in texts.items():
                unknown = set(SLOT.findall(text)) - set(SLOTS)
                if unknown:
                    key = (*where, name) if (*where, name) in lines else ("templates", kind, name)
                    problems.append(
                        Problem(
                            FILE,
                            lines.get(key, 0),
                            ".".join(key),
                            f"unknown slot {{{sorted(unknown)[0]}}}; expected one of " + ", ".join(SLOTS),
                        )
                    )
                key = (*where, name) if (*where, name) in lines else ("templates", kind, name)
                seg(text, f"alert:{name}", key)
            level = int(level_key) if level_key is not None else None
            variants[(kind, level)] = Variant(
                kind,
                level,
                texts,
                merged["category"],
                merged["urgency"],
                merged["severity"],
                merged["certainty"],
                duration(merged["expires"]),
            )
    for slot, values in value["values"].items():
        if slot not in SLOTS:
            problems.append(
                Problem(
                    FILE,
                    lines.get(("values", slot), 0),
                    f"values.{slot}",
                    "unknown slot; expected one of " + ", ".join(SLOTS),
                )
            )
        for key, text in values.items():
            if not text.isdigit():  # digits read the same in every language
                seg(text, f"alert:value.{slot}", ("values", slot, key), context=slot)
    if problems:
        raise InputError(problems)
    return AlertTemplates(path, FILE, value["reviewed"], variants, value["values"], segments)


def source_segments(source: Any) -> list[Segment]:
    """Return the segments of a translation source: a page's, or the alert templates'."""
    from guidebook.project.segments import extract

    return source.segments if isinstance(source, AlertTemplates) else extract(source)
