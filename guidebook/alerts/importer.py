"""`guidebook alert import` of the agency's telegrams: each telegram to an alert file, or to nothing.

The plan is a function of the telegrams, the alerts already on disk and the site's settings, so
importing the same telegrams again writes nothing, and two publishers write the same files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guidebook.alerts.jma import SENDER, Telegram, below
from guidebook.alerts.model import Alert, replaces
from guidebook.alerts.templates import source_block
from guidebook.alerts.view import JAPAN
from guidebook.project.languages import SOURCE_TAG
from guidebook.project.loader import Project


@dataclass
class Step:
    """What one telegram does: an alert file to write (data), or why it makes none (skip)."""

    telegram: Telegram
    data: dict[str, Any] | None = None
    skip: str = ""


def _event_ids(alert: Alert) -> set[str]:
    parts = alert.identifier.split("-")
    return set(parts[2].split("_")) if len(parts) > 3 and parts[0] == "jma" else set()


def event_alerts(telegram: Telegram, alerts: list[Alert]) -> list[Alert]:
    """Return the alerts already written for the telegram's event and family."""
    prefix = f"jma-{telegram.family}-"
    return [a for a in alerts if a.identifier.startswith(prefix) and _event_ids(a) & telegram.event_ids]


def heads(telegram: Telegram, alerts: list[Alert]) -> list[Alert]:
    """Return the alerts of the telegram's event that nothing has replaced yet (not cancellations)."""
    mine = event_alerts(telegram, alerts)
    return [a for a in mine if a.msg_type != "Cancel" and not any(replaces(b, a) for b in alerts)]


def _triple(alert: Alert) -> str:
    return f"{alert.sender},{alert.identifier},{alert.sent.isoformat()}"


def plan(project: Project, telegram: Telegram, alerts: list[Alert], threshold: str) -> Step:
    """Return what one telegram does to the site's alerts."""
    if any(a.identifier == telegram.identifier for a in alerts):
        return Step(telegram, skip="already imported")
    mine = event_alerts(telegram, alerts)
    if any(a.sent > telegram.reported for a in mine):
        return Step(telegram, skip="older than a telegram already imported for this event")
    current = heads(telegram, alerts)
    base: dict[str, Any] = {
        "identifier": telegram.identifier,
        "sender": SENDER,
        "sent": telegram.reported.astimezone(JAPAN),
        "status": telegram.status,
        "scope": "Public",
        "source": f"気象庁 {telegram.title}",
    }
    if telegram.info_type == "取消":
        if not current:
            return Step(telegram, skip="cancels nothing shown")
        return Step(telegram, {**base, "msgType": "Cancel", "references": [_triple(a) for a in current],
                               "note": "気象庁が 情報を 取り消しました。"})  # fmt: skip
    if telegram.template is None:
        return Step(telegram, skip=telegram.reason or "makes no banner")
    slots = dict(telegram.slots)
    if "intensity" in slots and below(str(slots["intensity"]), threshold):
        return Step(telegram, skip=f"intensity {slots['intensity']} is below the site's threshold {threshold}")
    if telegram.lifts:
        if not current:
            return Step(telegram, skip="lifts nothing shown")
        if not slots.get("area"):
            shown = [name for a in current for name in ((a.template or {}).get("slots") or {}).get("area", [])]
            slots["area"] = list(dict.fromkeys(shown))
    block = source_block(project, telegram.template, None, slots, telegram.reported)
    if telegram.geocodes:
        block.setdefault("area", {})["geocode"] = telegram.geocodes
    data = {
        **base,
        "msgType": "Update" if current else "Alert",
        **({"references": [_triple(a) for a in current]} if current else {}),
        "template": {"kind": telegram.template, "slots": slots},
        "info": {SOURCE_TAG: block},
    }
    return Step(telegram, data)


def threshold_of(project: Project) -> str:
    """Return the lowest seismic intensity the site shows (site.yml `alert_min_intensity`, default 5-)."""
    return project.config.alert_min_intensity
