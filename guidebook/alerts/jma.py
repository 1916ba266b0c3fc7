"""The Japan Meteorological Agency's disaster-information XML (気象庁防災情報XML) as alerts.

Each telegram becomes an alert written from a template (content/alert-templates.yml), so it reads in
every translated language at once:

  VXSE43        緊急地震速報（警報）            earthquake-early-warning
  VXSE51, 53    震度速報, 震源・震度に関する情報  earthquake-intensity (at or above the site's threshold)
  VTSE41        津波警報・注意報・予報           major-tsunami-warning, tsunami-warning, tsunami-advisory,
                                              tsunami-lifted

One event is one alert across its telegrams: telegrams of the same Head/EventID and family
(earthquake: early warning and intensity; tsunami) update it (msgType Update, referencing what they
replace), 取消 cancels it, and a tsunami telegram with no warning or advisory left lifts it. Control/
Status 訓練 and 試験 become CAP Exercise and Test, which sites never show as real. Area codes are mapped
to JIS prefecture codes with the agency's code tables (alerts/data/jma_areas.yml): a tsunami
forecast area's code is not a prefecture code. Everything written is a function of the telegrams
alone, so two publishers importing the same telegrams write the same files.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

HERE = Path(__file__).parent
SENDER = "www.jma.go.jp"
STATUS = {"通常": "Actual", "訓練": "Exercise", "試験": "Test"}
INTENSITIES = ("1", "2", "3", "4", "5-", "5+", "6-", "6+", "7")
# 警報等情報要素／津波警報・注意報・予報: what each kind code means here.
TSUNAMI_KINDS = {
    "52": "major-tsunami-warning", "53": "major-tsunami-warning",
    "51": "tsunami-warning",
    "62": "tsunami-advisory",
    "50": "lifted", "60": "lifted",
}  # fmt: skip
TSUNAMI_RANK = {"major-tsunami-warning": 3, "tsunami-warning": 2, "tsunami-advisory": 1}
HEIGHTS = {1.0: "1m", 3.0: "3m", 5.0: "5m", 10.0: "10m"}


class TelegramError(ValueError):
    """A file that is not a telegram this importer can read."""


@dataclass
class Telegram:
    """What the site needs of one telegram: the event, its kind and the alert to write (None: no banner)."""

    type: str
    title: str
    status: str
    info_type: str
    event_id: str
    family: str
    reported: dt.datetime
    serial: str
    template: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    geocodes: list[str] = field(default_factory=list)
    reason: str = ""  # why it makes no banner
    lifts: bool = False

    @property
    def identifier(self) -> str:
        stamp = self.reported.strftime("%Y%m%dT%H%M%S")
        serial = f"-{self.serial}" if self.serial else ""
        suffix = "-cancel" if self.info_type == "取消" else ""
        return f"jma-{self.family}-{self.event_id}-{stamp}{serial}{suffix}"

    @property
    def event_ids(self) -> set[str]:
        return set(self.event_id.split("_"))

    @property
    def order(self) -> tuple[dt.datetime, int, str]:
        return (self.reported, int(self.serial) if self.serial.isdigit() else 0, self.type)


@lru_cache(maxsize=1)
def areas() -> dict[str, dict[str, dict[str, Any]]]:
    """Return the agency's area code tables the site needs (alerts/data/jma_areas.yml)."""
    data: dict[str, dict[str, dict[str, Any]]] = yaml.safe_load((HERE / "data" / "jma_areas.yml").read_text("utf-8"))
    return data


def prefectures(table: str, codes: list[str]) -> list[str]:
    """Return the JIS prefecture codes of agency area codes of one table, sorted, without repeats."""
    found = {pref for code in codes for pref in areas()[table].get(code, {}).get("prefectures", [])}
    return sorted(found)


def is_telegram(data: bytes) -> bool:
    """Return True if data looks like the agency's XML (a Report in its namespace)."""
    return b"xml.kishou.go.jp/jmaxml1" in data[:2000]


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _find(node: Any, path: str) -> Any:
    """Return the first element along a path of local names (namespaces ignored)."""
    current = [node]
    for name in path.split("/"):
        current = [child for parent in current for child in parent if _local(child.tag) == name]
        if not current:
            return None
    return current[0]


def _findall(node: Any, path: str) -> list[Any]:
    current = [node]
    for name in path.split("/"):
        current = [child for parent in current for child in parent if _local(child.tag) == name]
    return current


def _text(node: Any, path: str) -> str:
    found = _find(node, path)
    return (found.text or "").strip() if found is not None else ""


def _time(text: str, where: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise TelegramError(f"{where}: expected a time, got {text!r}") from None
    if value.tzinfo is None:
        raise TelegramError(f"{where}: the time {text!r} has no offset")
    return value


def parse(data: bytes) -> Telegram:
    """Read one telegram; raise TelegramError saying what is wrong with it."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise TelegramError(f"not well-formed XML: {exc}") from None
    if _local(root.tag) != "Report":
        raise TelegramError(f"expected the agency's <Report>, found <{_local(root.tag)}>")
    title = _text(root, "Control/Title")
    status = _text(root, "Control/Status")
    if status not in STATUS:
        raise TelegramError(f"Control/Status: expected 通常, 訓練 or 試験, got {status!r}")
    info_type = _text(root, "Head/InfoType")
    if info_type not in ("発表", "訂正", "取消", "遅延"):
        raise TelegramError(f"Head/InfoType: expected 発表, 訂正 or 取消, got {info_type!r}")
    # One telegram may concern several events (a tsunami from two earthquakes): IDs joined by "_".
    event_id = "_".join(re.sub(r"[^0-9A-Za-z-]", "", part) for part in _text(root, "Head/EventID").split())
    if not event_id:
        raise TelegramError("Head/EventID is missing")
    reported = _time(_text(root, "Head/ReportDateTime"), "Head/ReportDateTime")
    serial = re.sub(r"[^0-9]", "", _text(root, "Head/Serial"))
    kind = _text(root, "Head/InfoKind")
    body = _find(root, "Body")

    def make(type_: str, family: str) -> Telegram:
        return Telegram(type_, title, STATUS[status], info_type, event_id, family, reported, serial)

    if kind == "津波警報・注意報・予報" or title.startswith("津波警報・注意報・予報"):
        return _tsunami(body, make("VTSE41", "tsunami"))
    if title.startswith("緊急地震速報（警報）"):
        return _eew(body, make("VXSE43", "earthquake"))
    if kind == "震度速報":
        return _intensity(root, body, make("VXSE51", "earthquake"))
    if kind == "地震情報" and title.startswith("震源・震度"):
        return _intensity(root, body, make("VXSE53", "earthquake"))
    telegram = make(kind or title, "other")
    telegram.reason = f"{title or kind}: not a kind of telegram the site shows"
    return telegram


def _tsunami(body: Any, telegram: Telegram) -> Telegram:
    if telegram.info_type == "取消" or body is None:
        return telegram
    in_force: dict[str, list[Any]] = {}
    lifted: list[str] = []
    for item in _findall(body, "Tsunami/Forecast/Item"):
        code = _text(item, "Area/Code")
        kind = TSUNAMI_KINDS.get(_text(item, "Category/Kind/Code"), "")
        if kind == "lifted":
            lifted.append(code)
        elif kind:
            in_force.setdefault(kind, []).append(item)
    names = areas()["tsunami_forecast_areas"]
    if not in_force:
        telegram.lifts = True
        telegram.template = "tsunami-lifted"
        telegram.slots = {"area": [names.get(c, {}).get("name", c) for c in lifted]} if lifted else {}
        telegram.geocodes = prefectures("tsunami_forecast_areas", lifted)
        telegram.reason = "" if lifted else "no tsunami warning or advisory"
        return telegram
    top = max(in_force, key=lambda k: TSUNAMI_RANK[k])
    items = in_force[top]
    telegram.template = top
    telegram.slots = {
        "area": [_text(i, "Area/Name") or names.get(_text(i, "Area/Code"), {}).get("name", "") for i in items],
        "height": max((_height(i) for i in items), key=_height_rank),
    }
    every = [_text(i, "Area/Code") for kind_items in in_force.values() for i in kind_items]
    telegram.geocodes = prefectures("tsunami_forecast_areas", every)
    return telegram


def _height(item: Any) -> str:
    """Return a tsunami height as a key of the templates' `height` values."""
    node = _find(item, "MaxHeight/TsunamiHeight")
    if node is None:
        return "high"
    description = unicodedata.normalize("NFKC", node.get("description") or "")
    if "巨大" in description:
        return "huge"
    if "超" in description or (node.get("condition") or "").find("超") >= 0:
        return "over-10m"
    try:
        value = float(node.text or "nan")
    except ValueError:
        value = float("nan")
    if value != value:  # NaN: only the description says how high
        return "high"
    return next((key for limit, key in sorted(HEIGHTS.items()) if value <= limit), "over-10m")


def _height_rank(key: str) -> int:
    return ["1m", "high", "3m", "5m", "10m", "over-10m", "huge"].index(key)


def _eew(body: Any, telegram: Telegram) -> Telegram:
    if telegram.info_type == "取消" or body is None:
        return telegram
    regions = [_text(p, "Code") for p in _findall(body, "Intensity/Forecast/Pref")]
    names = areas()["eew_forecast_regions"]
    telegram.template = "earthquake-early-warning"
    telegram.slots = {"area": list(dict.fromkeys(names.get(c, {}).get("name", c) for c in regions if c))}
    telegram.geocodes = prefectures("eew_forecast_regions", regions)
    if not regions:
        telegram.template = None
        telegram.reason = "no forecast region"
    return telegram


def _intensity(root: Any, body: Any, telegram: Telegram) -> Telegram:
    if telegram.info_type == "取消" or body is None:
        return telegram
    top = _text(body, "Intensity/Observation/MaxInt")
    if not top:
        telegram.reason = "no intensity observed in Japan (a distant earthquake)"
        return telegram
    telegram.template = "earthquake-intensity"
    places: list[tuple[str, str, str]] = []  # (intensity, region name, prefecture code)
    cities: list[str] = []
    for pref in _findall(body, "Intensity/Observation/Pref"):
        for area in _findall(pref, "Area"):
            places.append((_text(area, "MaxInt"), _text(area, "Name"), _text(pref, "Code")))
            cities += [_text(city, "Code")[:5] for city in _findall(area, "City") if _text(city, "MaxInt") == top]
    telegram.slots = {
        "intensity": top,
        "area": [name for value, name, _ in places if value == top],
        "time": _time(_text(body, "Earthquake/OriginTime"), "Earthquake/OriginTime")
        if _text(body, "Earthquake/OriginTime")
        else _time(_text(root, "Head/TargetDateTime") or telegram.reported.isoformat(), "Head/TargetDateTime"),
    }
    telegram.geocodes = sorted({pref for value, _, pref in places if value == top} | set(cities))
    return telegram


def below(intensity: str, threshold: str) -> bool:
    """Return True if a seismic intensity (1 … 7, 5-, 5+, …) is below the threshold."""
    return INTENSITIES.index(intensity) < INTENSITIES.index(threshold)
