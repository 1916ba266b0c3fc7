"""Alerts modelled on OASIS CAP 1.2, read from site_config/alerts/*.yml (one alert message per file).

Vocabulary:
  alert: one message; its identifier and sent time name one version of it (the dismissal key).
  info block: the alert in one language, under `info.<tag>`. Plain Japanese (`ja`) is required and
    complete; a translation carries its own text (event, headline, description, instruction,
    areaDesc, web, senderName) and takes the shared fields (category, urgency, severity, certainty,
    effective, onset, expires, geocode) from `ja`. A shared field a translation repeats must agree.
  reference: an earlier message an Update or Cancel replaces, by identifier or as CAP's
    `sender,identifier,sent`.
  current: not replaced by any other message in the folder.
  published: current, of a status the site shows, for the site's areas and not expired; what
    alerts.json, the CAP files and the feeds carry (a Cancel is published while what it cancels
    would still be in force).
  shown: published, not a Cancel, and in force now (effective and not expired); what the banner shows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from guidebook.problems import InputError, Problem
from guidebook.project import schema
from guidebook.project.alert_templates import CAP_CATEGORIES
from guidebook.project.alert_templates import CERTAINTIES as CERTAINTIES
from guidebook.project.alert_templates import SEVERITIES as SEVERITIES
from guidebook.project.alert_templates import URGENCIES as URGENCIES
from guidebook.project.languages import SOURCE_TAG
from guidebook.project.loader import AREA_CODE, Project, SiteConfig

STATUSES = ("Actual", "Exercise", "System", "Test", "Draft")
MSG_TYPES = ("Alert", "Update", "Cancel")
# CAP 1.2's categories, urgencies, severities and certainties (shared with the alert templates).
CATEGORIES = CAP_CATEGORIES

# Fields every info block shares with plain Japanese, and the fields each block must have.
SHARED = ("category", "urgency", "severity", "certainty", "effective", "onset", "expires")
REQUIRED_SOURCE = ("event", "urgency", "severity", "certainty", "headline")
REQUIRED_TRANSLATION = ("event", "headline")

# CAP 1.2: identifier and sender contain no spaces, commas, "<" or "&".
CAP_TOKEN = r"[^\s,<&]+"
REFERENCE = re.compile(rf"(?:({CAP_TOKEN}),)?({CAP_TOKEN})(?:,(\S+))?")
ALERTS_DIR = "site_config/alerts"

AREA_SCHEMA = schema.Record(
    areaDesc=schema.Field(schema.Str(), required=False),
    geocode=schema.Field(schema.ListOf(AREA_CODE, min_items=1), required=False, default=[]),
)
INFO_SCHEMA = schema.Record(
    category=schema.Field(schema.ListOf(schema.Choice(*CATEGORIES), min_items=1), required=False),
    event=schema.Field(schema.Str(), required=False),
    urgency=schema.Field(schema.Choice(*URGENCIES), required=False),
    severity=schema.Field(schema.Choice(*SEVERITIES), required=False),
    certainty=schema.Field(schema.Choice(*CERTAINTIES), required=False),
    effective=schema.Field(schema.DateTime(), required=False),
    onset=schema.Field(schema.DateTime(), required=False),
    expires=schema.Field(schema.DateTime(), required=False),
    senderName=schema.Field(schema.Str(), required=False),
    headline=schema.Field(schema.Str(), required=False),
    description=schema.Field(schema.Str(), required=False),
    instruction=schema.Field(schema.Str(), required=False),
    web=schema.Field(schema.Url(), required=False),
    contact=schema.Field(schema.Str(), required=False),
    area=schema.Field(AREA_SCHEMA, required=False),
)


# An alert written from a template of content/alert-templates.yml: its kind, level and slot values.
# Languages without their own info block get the template's translation (see alerts/templates.py).
TEMPLATE_SCHEMA = schema.Record(
    kind=schema.Str(r"[a-z][a-z0-9-]*", "a template kind"),
    level=schema.Field(schema.Int(), required=False),
    slots=schema.Field(
        schema.Record(
            area=schema.Field(schema.ListOf(schema.Str(), min_items=1), required=False),
            intensity=schema.Field(schema.Str(), required=False),
            height=schema.Field(schema.Str(), required=False),
            time=schema.Field(schema.DateTime(), required=False),
            level=schema.Field(schema.Int(), required=False),
        ),
        required=False,
        default={},
    ),
)


def alert_schema(languages: list[str]) -> schema.Record:
    """Return the schema of one alert file for a site publishing languages."""
    return schema.Record(
        identifier=schema.Str(CAP_TOKEN, "an identifier without spaces, commas, < or &"),
        sender=schema.Str(CAP_TOKEN, "a sender without spaces, commas, < or &"),
        sent=schema.DateTime(),
        status=schema.Choice(*STATUSES),
        msgType=schema.Choice(*MSG_TYPES),
        scope=schema.Field(schema.Choice("Public"), required=False, default="Public"),
        source=schema.Field(schema.Str(), required=False),
        note=schema.Field(schema.Str(), required=False),
        references=schema.Field(
            schema.ListOf(schema.Str(REFERENCE.pattern, "an identifier, or sender,identifier,sent"), min_items=1),
            required=False,
            default=[],
        ),
        template=schema.Field(TEMPLATE_SCHEMA, required=False),
        info=schema.Field(
            schema.MapOf(
                INFO_SCHEMA,
                key_check=lambda key: key in languages,
                key_expected="a language the site publishes (" + ", ".join(languages) + ")",
            ),
            required=False,
            default={},
        ),
    )


@dataclass(frozen=True)
class Area:
    """Where an alert applies: a description in the block's language and JIS codes (none: nationwide)."""

    desc: str | None
    geocodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Info:
    """An alert in one language; shared fields are already taken from plain Japanese."""

    language: str
    categories: tuple[str, ...]
    event: str
    urgency: str
    severity: str
    certainty: str
    effective: dt.datetime
    headline: str
    onset: dt.datetime | None = None
    expires: dt.datetime | None = None
    sender_name: str | None = None
    description: str | None = None
    instruction: str | None = None
    web: str | None = None
    contact: str | None = None
    area: Area | None = None


@dataclass(frozen=True)
class Reference:
    """An earlier message replaced by an Update or Cancel; sender and sent are known for CAP's form."""

    identifier: str
    sender: str | None = None
    sent: dt.datetime | None = None


@dataclass(frozen=True)
class Alert:
    """One CAP message: one file of site_config/alerts/."""

    identifier: str
    sender: str
    sent: dt.datetime
    status: str
    msg_type: str
    file: str
    scope: str = "Public"
    source: str | None = None
    note: str | None = None
    references: tuple[Reference, ...] = ()
    infos: dict[str, Info] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    template: dict[str, Any] | None = None

    @property
    def key(self) -> str:
        """Return identifier and sent: what a reader's dismissal is stored under."""
        return f"{self.identifier}|{cap_time(self.sent)}"

    @property
    def main(self) -> Info | None:
        """Return the plain-Japanese info block (every alert but a bare Cancel has one)."""
        return self.infos.get(SOURCE_TAG)

    @property
    def geocodes(self) -> tuple[str, ...]:
        """Return the alert's JIS area codes; empty means nationwide."""
        main = self.main
        return main.area.geocodes if main and main.area else ()

    @property
    def effective(self) -> dt.datetime:
        """Return when the alert takes effect (sent, unless it says otherwise)."""
        return self.main.effective if self.main else self.sent

    @property
    def expires(self) -> dt.datetime | None:
        """Return when the alert ends by itself, if it says."""
        return self.main.expires if self.main else None


def cap_time(value: dt.datetime) -> str:
    """Return a time as CAP writes it: seconds, a numeric offset, and -00:00 for UTC."""
    text = value.replace(microsecond=0).isoformat()
    return text[:-6] + "-00:00" if text.endswith("+00:00") else text


@dataclass(frozen=True)
class Settings:
    """Which alerts a site shows: statuses and areas from site.yml."""

    statuses: tuple[str, ...] = ("Actual",)
    areas: tuple[str, ...] = ()

    @classmethod
    def of(cls, config: SiteConfig) -> Settings:
        """Return the settings of a site's configuration."""
        return cls(tuple(config.alert_statuses), tuple(config.alert_areas))


# ---------------------------------------------------------------------------------------------
# Reading and validating


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if k.value == key), None)


def _key_line(node: yaml.Node | None, key: str) -> int:
    """Return the line of key inside a mapping node, or of the mapping itself."""
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if k.value == key:
                return int(k.start_mark.line) + 1
    return int(node.start_mark.line) + 1 if node is not None else 0


def parse_alert(text: str, file: str, languages: list[str], problems: list[Problem]) -> Alert | None:
    """Validate one alert file's text; return the alert, or None after recording its problems."""
    node = schema.compose(text, file, problems)
    if node is None:
        if not text.strip():
            problems.append(Problem(file, 1, "", "file is empty; expected a mapping"))
        return None
    ctx = schema.Context(file)
    value = alert_schema(languages).check(node, "", ctx)
    if ctx.problems:
        problems.extend(ctx.problems)
        return None
    found = _check_alert(value, node, file)
    if found:
        problems.extend(found)
        return None
    lines = (
        {str(k.value): int(k.start_mark.line) + 1 for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    )
    return _build(value, file, lines)


def _check_alert(value: dict[str, Any], node: yaml.Node, file: str) -> list[Problem]:
    """Check what the schema alone cannot: references, required blocks, agreement with ja, times in order."""
    out = _check_references(value, node, file)
    info: dict[str, dict[str, Any]] = value["info"]
    info_node = _child(node, "info")
    source = info.get(SOURCE_TAG)
    if source is None:
        if info or value["msgType"] != "Cancel":
            line = _key_line(node, "info") if info_node is not None else 1
            out.append(Problem(file, line, f"info.{SOURCE_TAG}", "missing; expected the plain-Japanese info block"))
        return out
    for tag, block in info.items():
        required = REQUIRED_SOURCE if tag == SOURCE_TAG else REQUIRED_TRANSLATION
        for name in required:
            if block.get(name) is None:
                expected = INFO_SCHEMA.fields[name].type.expected
                out.append(
                    Problem(file, _key_line(info_node, tag), f"info.{tag}.{name}", f"missing; expected {expected}")
                )
        if tag != SOURCE_TAG:
            out.extend(_check_agreement(tag, block, source, _child(info_node, tag), file))
    effective = source.get("effective") or value["sent"]
    expires = source.get("expires")
    if expires is not None and expires <= effective:
        after = "effective" if source.get("effective") else "sent"
        out.append(
            Problem(
                file,
                _key_line(_child(info_node, SOURCE_TAG), "expires"),
                f"info.{SOURCE_TAG}.expires",
                f"expected a time after {after} ({cap_time(effective)}), got {cap_time(expires)!r}",
            )
        )
    return out


def _check_references(value: dict[str, Any], node: yaml.Node, file: str) -> list[Problem]:
    """An Update or Cancel names what it replaces; a new Alert replaces nothing."""
    kind = value["msgType"]
    if kind in ("Update", "Cancel") and not value["references"]:
        return [
            Problem(
                file, _key_line(node, "msgType"), "references", f"missing; expected the alerts this {kind} replaces"
            )
        ]
    if kind == "Alert" and value["references"]:
        message = "expected none for a new Alert; an alert that replaces others is an Update"
        return [Problem(file, _key_line(node, "references"), "references", message)]
    return []


def _check_agreement(
    tag: str, block: dict[str, Any], source: dict[str, Any], node: yaml.Node | None, file: str
) -> list[Problem]:
    """A translation that repeats a shared field gives the same value as plain Japanese."""
    out = []
    for name in SHARED:
        if block.get(name) is not None and block[name] != source.get(name):
            message = (
                f"expected the same as info.{SOURCE_TAG}.{name} ({_show(source.get(name))}), got {_show(block[name])}"
            )
            out.append(Problem(file, _key_line(node, name), f"info.{tag}.{name}", message))
    codes = (block.get("area") or {}).get("geocode") or []
    if codes and codes != ((source.get("area") or {}).get("geocode") or []):
        out.append(
            Problem(
                file,
                _key_line(_child(node, "area"), "geocode"),
                f"info.{tag}.area.geocode",
                f"expected the same as info.{SOURCE_TAG}.area.geocode, got {_show(codes)}",
            )
        )
    return out


def _show(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return repr(cap_time(value))
    if value is None:
        return "nothing"
    return repr(value if not isinstance(value, list) else ", ".join(map(str, value)))


def _build(value: dict[str, Any], file: str, lines: dict[str, int]) -> Alert:
    """Turn a validated file into an Alert, filling translations' shared fields from plain Japanese."""
    infos: dict[str, Info] = {}
    source = value["info"].get(SOURCE_TAG)
    for tag, block in value["info"].items():
        base = source if tag != SOURCE_TAG else block
        area_block = block.get("area") or {}
        base_area = (base or {}).get("area") or {}
        desc = area_block.get("areaDesc")
        codes = tuple(base_area.get("geocode") or ())
        area = Area(desc, codes) if desc or codes else None
        infos[tag] = Info(
            language=tag,
            categories=tuple(base.get("category") or ["Other"]),
            event=block["event"],
            urgency=base["urgency"],
            severity=base["severity"],
            certainty=base["certainty"],
            effective=base.get("effective") or value["sent"],
            headline=block["headline"],
            onset=base.get("onset"),
            expires=base.get("expires"),
            sender_name=block.get("senderName") or (source or {}).get("senderName"),
            description=block.get("description"),
            instruction=block.get("instruction"),
            web=block.get("web") or (source or {}).get("web"),
            contact=block.get("contact") or (source or {}).get("contact"),
            area=area,
        )
    references = []
    for text in value["references"]:
        match = REFERENCE.fullmatch(text)
        assert match is not None
        sender, identifier, sent = match.groups()
        references.append(Reference(identifier, sender, dt.datetime.fromisoformat(sent) if sent else None))
    return Alert(
        identifier=value["identifier"],
        sender=value["sender"],
        sent=value["sent"],
        status=value["status"],
        msg_type=value["msgType"],
        file=file,
        scope=value["scope"],
        source=value.get("source"),
        note=value.get("note"),
        references=tuple(references),
        infos=infos,
        lines=lines,
        template=value.get("template"),
    )


def alert_files(project: Project) -> list[Path]:
    """Return the alert files of a project, in name order."""
    folder = project.root / ALERTS_DIR
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def read_alerts(project: Project) -> list[Alert]:
    """Read and validate every alert file; raise InputError listing every problem."""
    problems: list[Problem] = []
    languages = [lang.tag for lang in project.config.languages]
    alerts: list[Alert] = []
    for path in alert_files(project):
        file = project.rel(path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(file, 1, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
            continue
        alert = parse_alert(text, file, languages, problems)
        if alert is not None:
            alerts.append(alert)
    problems.extend(check_together(alerts))
    if problems:
        raise InputError(problems)
    if any(alert.template for alert in alerts):
        from guidebook.alerts.templates import expand_all

        alerts = expand_all(project, alerts)
    return alerts


def check_together(alerts: list[Alert]) -> list[Problem]:
    """Check across files: identifiers are unique and bare references name an alert in the folder."""
    out: list[Problem] = []
    seen: dict[str, Alert] = {}
    for alert in alerts:
        if alert.identifier in seen:
            out.append(
                Problem(
                    alert.file,
                    alert.lines.get("identifier", 0),
                    "identifier",
                    f"expected an identifier no other alert uses, got {alert.identifier!r} "
                    f"(also in {seen[alert.identifier].file})",
                )
            )
        else:
            seen[alert.identifier] = alert
    for alert in alerts:
        for i, ref in enumerate(alert.references):
            if ref.sent is None and ref.identifier not in seen:
                out.append(
                    Problem(
                        alert.file,
                        alert.lines.get("references", 0),
                        f"references[{i}]",
                        f"expected the identifier of an alert in {ALERTS_DIR}/, or sender,identifier,sent; "
                        f"got {ref.identifier!r}",
                    )
                )
    return out


# ---------------------------------------------------------------------------------------------
# Selecting what readers see


def _rank(values: tuple[str, ...], value: str) -> int:
    return values.index(value) if value in values else len(values)


def order_key(alert: Alert) -> tuple[int, int, float, str]:
    """Sort key: most severe first, then most urgent, then newest."""
    main = alert.main
    severity = _rank(SEVERITIES, main.severity) if main else len(SEVERITIES)
    urgency = _rank(URGENCIES, main.urgency) if main else len(URGENCIES)
    return severity, urgency, -alert.sent.timestamp(), alert.identifier


def replaces(later: Alert, earlier: Alert) -> bool:
    """Return True if later names earlier in its references (and is not older)."""
    return any(
        ref.identifier == earlier.identifier
        and (ref.sender is None or ref.sender == earlier.sender)
        and later.sent >= earlier.sent
        for ref in later.references
    )


def current(alerts: Iterable[Alert]) -> list[Alert]:
    """Return the messages no other message replaces."""
    alerts = list(alerts)
    return [a for a in alerts if not any(b is not a and replaces(b, a) for b in alerts)]


def area_matches(code: str, wanted: str) -> bool:
    """Return True if two JIS codes overlap: equal municipalities, or a prefecture and a place in it."""

    def split(value: str) -> tuple[str, str | None]:
        pref, rest = value[:2], value[2:5]
        return pref, (rest if rest and rest != "000" else None)

    (pa, ma), (pb, mb) = split(code), split(wanted)
    return pa == pb and (ma is None or mb is None or ma == mb)


def for_site(alert: Alert, settings: Settings) -> bool:
    """Return True if the site shows this alert's status and area (no geocode: nationwide)."""
    if alert.status not in settings.statuses:
        return False
    codes = alert.geocodes
    if not codes or not settings.areas:
        return True
    return any(area_matches(code, want) for code in codes for want in settings.areas)


def in_force(alert: Alert, now: dt.datetime) -> bool:
    """Return True if the alert has taken effect and not expired at now."""
    expires = alert.expires
    return alert.effective <= now and (expires is None or now < expires)


def not_expired(alert: Alert, now: dt.datetime) -> bool:
    """Return True if the alert has not expired at now (it may take effect later)."""
    expires = alert.expires
    return expires is None or now < expires


def published(alerts: list[Alert], settings: Settings, now: dt.datetime) -> list[Alert]:
    """Return the messages alerts.json, CAP files and feeds carry, most severe first."""
    by_id = {a.identifier: a for a in alerts}
    out = []
    for alert in current(alerts):
        if not for_site(alert, settings):
            continue
        if alert.msg_type == "Cancel":
            targets = [by_id[r.identifier] for r in alert.references if r.identifier in by_id]
            if any(not_expired(t, now) for t in targets):
                out.append(alert)
        elif alert.main is not None and not_expired(alert, now):
            out.append(alert)
    return sorted(out, key=order_key)


def shown(alerts: list[Alert], settings: Settings, now: dt.datetime) -> list[Alert]:
    """Return the alerts the banner shows now, most severe first."""
    return [a for a in published(alerts, settings, now) if a.msg_type != "Cancel" and in_force(a, now)]
