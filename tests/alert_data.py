"""Alert files for tests: a valid alert as YAML text, with any top-level or info field replaced."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

JST = dt.timezone(dt.timedelta(hours=9))


def iso(value: dt.datetime) -> str:
    """Return a time as alert files write it."""
    return value.astimezone(JST).replace(microsecond=0).isoformat()


def alert_text(
    identifier: str = "quake-1",
    sent: str = "2026-09-01T09:00:00+09:00",
    expires: str | None = "2099-01-01T00:00:00+09:00",
    severity: str = "Severe",
    info: dict[str, dict[str, Any]] | None = None,
    **top: Any,
) -> str:
    """Return a valid alert file: plain Japanese and English blocks unless info is given (None drops a ja field)."""
    ja: dict[str, Any] = {
        "category": ["Geo"],
        "event": "地震",
        "urgency": "Immediate",
        "severity": severity,
        "certainty": "Observed",
        "headline": "強い 地震が ありました。",
        "instruction": "頭を 守って ください。",
    }
    if expires:
        ja["expires"] = expires
    blocks = (
        info
        if info is not None
        else {
            "ja": ja,
            "en": {
                "event": "Earthquake",
                "headline": "A strong earthquake has struck.",
                "instruction": "Protect your head.",
            },
        }
    )
    if info is not None and "ja" in info:
        merged = {k: v for k, v in {**ja, **info["ja"]}.items() if v is not None}
        blocks = {"ja": merged, **{k: v for k, v in info.items() if k != "ja"}}
    data: dict[str, Any] = {
        "identifier": identifier,
        "sender": "city.example.jp",
        "sent": sent,
        "status": "Actual",
        "msgType": "Alert",
        **top,
    }
    if blocks:
        data["info"] = blocks
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
