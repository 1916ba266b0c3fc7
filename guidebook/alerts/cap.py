"""CAP 1.2 XML: export an alert for other systems to subscribe to, and import one into site_config/alerts/."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

import yaml

from guidebook.alerts.model import INFO_SCHEMA, Alert, Info, alert_schema, cap_time
from guidebook.project.languages import SOURCE_TAG

NS = "urn:oasis:names:tc:emergency:cap:1.2"
MEDIA_TYPE = "application/cap+xml"
CAP_DEFAULT_LANGUAGE = "en-US"
JIS_CODE = re.compile(r"[0-9]{2}|[0-9]{5,6}")
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
TEXT_FIELDS = ("event", "headline", "description", "instruction", "senderName", "web", "contact")
SHARED_FIELDS = ("category", "urgency", "severity", "certainty", "effective", "onset", "expires")


def file_stem(identifier: str) -> str:
    """Return a file name (without extension) for an identifier, safe on every file system."""
    if SAFE_NAME.fullmatch(identifier) and len(identifier) <= 100:
        return identifier
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:10]
    return re.sub(r"[^A-Za-z0-9._-]+", "_", identifier).strip("._-")[:80] + "-" + digest


# ---------------------------------------------------------------------------------------------
# Export


def _add(parent: ET.Element, name: str, text: str | None) -> None:
    if text is not None:
        ET.SubElement(parent, name).text = text


def _reference(alert: Alert, known: dict[str, Alert]) -> str:
    """Return CAP's sender,identifier,sent for each reference, space-separated."""
    parts = []
    for ref in alert.references:
        earlier = known.get(ref.identifier)
        sender = ref.sender or (earlier.sender if earlier else alert.sender)
        sent = ref.sent or (earlier.sent if earlier else None)
        parts.append(f"{sender},{ref.identifier},{cap_time(sent) if sent else ''}".rstrip(","))
    return " ".join(parts)


def _info(parent: ET.Element, info: Info, source: Info) -> None:
    el = ET.SubElement(parent, "info")
    _add(el, "language", info.language)
    for category in info.categories:
        _add(el, "category", category)
    _add(el, "event", info.event)
    _add(el, "urgency", info.urgency)
    _add(el, "severity", info.severity)
    _add(el, "certainty", info.certainty)
    _add(el, "effective", cap_time(info.effective))
    _add(el, "onset", cap_time(info.onset) if info.onset else None)
    _add(el, "expires", cap_time(info.expires) if info.expires else None)
    _add(el, "senderName", info.sender_name)
    _add(el, "headline", info.headline)
    _add(el, "description", info.description)
    _add(el, "instruction", info.instruction)
    _add(el, "web", info.web)
    _add(el, "contact", info.contact)
    area = info.area or source.area
    if area is not None:
        area_el = ET.SubElement(el, "area")
        _add(area_el, "areaDesc", (info.area and info.area.desc) or (source.area and source.area.desc) or "")
        for code in area.geocodes:
            geocode = ET.SubElement(area_el, "geocode")
            _add(geocode, "valueName", "JIS X 0401" if len(code) == 2 else "JIS X 0402")
            _add(geocode, "value", code)


def cap_xml(alert: Alert, known: dict[str, Alert]) -> bytes:
    """Return one alert as a CAP 1.2 document; known resolves references given by identifier only."""
    root = ET.Element("alert", {"xmlns": NS})
    _add(root, "identifier", alert.identifier)
    _add(root, "sender", alert.sender)
    _add(root, "sent", cap_time(alert.sent))
    _add(root, "status", alert.status)
    _add(root, "msgType", alert.msg_type)
    _add(root, "source", alert.source)
    _add(root, "scope", alert.scope)
    _add(root, "note", alert.note)
    _add(root, "references", _reference(alert, known) or None)
    source = alert.main
    tags = sorted(alert.infos, key=lambda tag: tag != SOURCE_TAG)
    for tag in tags:
        assert source is not None
        _info(root, alert.infos[tag], source)
    ET.indent(root)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + bytes(ET.tostring(root, encoding="utf-8", xml_declaration=False))
        + b"\n"
    )


# ---------------------------------------------------------------------------------------------
# Import


class CapError(ValueError):
    """A file that is not a CAP 1.2 alert this site can show."""


@dataclass
class Imported:
    """An alert file's content in the site's YAML layout, and what of the CAP file was left out."""

    data: dict[str, Any]
    left_out: list[str] = field(default_factory=list)


def site_tag(cap_language: str, languages: list[str]) -> str | None:
    """Return the site's language for a CAP language (ja-JP → ja, zh-CN → zh-Hans), or None."""
    if cap_language in languages:
        return cap_language
    parts = cap_language.replace("_", "-").split("-")
    primary = parts[0].lower()
    if primary == "zh" and any(p in ("Hant", "TW", "HK", "MO") for p in parts[1:]):
        return next((t for t in languages if t == "zh-Hant"), None)
    same = [t for t in languages if t.split("-")[0] == primary]
    return same[0] if len(same) == 1 else None


def _text(el: ET.Element, name: str) -> str | None:
    child = el.find(f"{{{NS}}}{name}")
    if child is None or child.text is None or not child.text.strip():
        return None
    return child.text.strip()


def _texts(el: ET.Element, name: str) -> list[str]:
    return [c.text.strip() for c in el.findall(f"{{{NS}}}{name}") if c.text and c.text.strip()]


LEFT_OUT_INFO = ("responseType", "audience", "eventCode", "parameter", "resource")


def _read_info(el: ET.Element, left_out: list[str]) -> dict[str, Any]:
    """Return one info block in the site's layout (every field; translations are trimmed later)."""
    block: dict[str, Any] = {}
    categories = _texts(el, "category")
    if categories:
        block["category"] = categories
    for name in ("event", "urgency", "severity", "certainty", "effective", "onset", "expires", "senderName"):
        value = _text(el, name)
        if value is not None:
            block[name] = value
    for name in ("headline", "description", "instruction", "web", "contact"):
        value = _text(el, name)
        if value is not None:
            block[name] = value
    descs, codes = [], []
    for area in el.findall(f"{{{NS}}}area"):
        desc = _text(area, "areaDesc")
        if desc:
            descs.append(desc)
        for geocode in area.findall(f"{{{NS}}}geocode"):
            value = _text(geocode, "value") or ""
            if JIS_CODE.fullmatch(value):
                codes.append(value)
            else:
                left_out.append(f"geocode {_text(geocode, 'valueName')}={value}")
        for name in ("polygon", "circle"):
            if area.find(f"{{{NS}}}{name}") is not None:
                left_out.append(f"area {name}")
    if descs or codes:
        block["area"] = {}
        if descs:
            block["area"]["areaDesc"] = "; ".join(descs)
        if codes:
            block["area"]["geocode"] = list(dict.fromkeys(codes))
    for name in LEFT_OUT_INFO:
        if el.find(f"{{{NS}}}{name}") is not None:
            left_out.append(name)
    return block


def _trim(block: dict[str, Any], source: dict[str, Any]) -> dict[str, Any]:
    """Leave out of a translation what plain Japanese already gives (CAP repeats it in every info)."""
    out = {k: v for k, v in block.items() if k not in SHARED_FIELDS or v != source.get(k)}
    for k in ("senderName", "web", "contact"):
        if out.get(k) is not None and out[k] == source.get(k):
            del out[k]
    area = dict(out.get("area") or {})
    for key in ("geocode", "areaDesc"):
        if area.get(key) == (source.get("area") or {}).get(key):
            area.pop(key, None)
    if area:
        out["area"] = area
    else:
        out.pop("area", None)
    return out


def read_cap(data: bytes, languages: list[str]) -> Imported:
    """Return a CAP 1.2 alert in the layout of an alert file; raise CapError if it cannot be shown."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise CapError(f"not well-formed XML: {exc}") from exc
    if root.tag != f"{{{NS}}}alert":
        raise CapError(f"expected a CAP 1.2 <alert> in namespace {NS}, got <{root.tag}>")
    left_out: list[str] = []
    out: dict[str, Any] = {}
    for name in ("identifier", "sender", "sent", "status", "msgType", "scope", "source", "note"):
        value = _text(root, name)
        if value is not None:
            out[name] = value
    references = (_text(root, "references") or "").split()
    if references:
        out["references"] = references
    for name in ("restriction", "addresses", "code", "incidents"):
        if root.find(f"{{{NS}}}{name}") is not None:
            left_out.append(name)
    blocks: dict[str, dict[str, Any]] = {}
    for el in root.findall(f"{{{NS}}}info"):
        cap_language = _text(el, "language") or CAP_DEFAULT_LANGUAGE
        tag = site_tag(cap_language, languages)
        if tag is None:
            left_out.append(f"info in {cap_language} (not a language of this site)")
        elif tag in blocks:
            left_out.append(f"a second info in {cap_language}")
        else:
            blocks[tag] = _read_info(el, left_out)
    if blocks:
        source = blocks.get(SOURCE_TAG, {})
        ordered = sorted(blocks, key=lambda t: (t != SOURCE_TAG, languages.index(t)))
        out["info"] = {t: (blocks[t] if t == SOURCE_TAG else _trim(blocks[t], source)) for t in ordered}
    return Imported(out, sorted(set(left_out), key=left_out.index))


# ---------------------------------------------------------------------------------------------
# Alert files as YAML text


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as literal blocks."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value and not any(line.endswith(" ") for line in value.splitlines()) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _datetime(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", cap_time(value).replace("-00:00", "+00:00"))


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dt.datetime, _datetime)


def _ordered(data: dict[str, Any], order: list[str]) -> dict[str, Any]:
    rank = {key: i for i, key in enumerate(order)}
    return dict(sorted(data.items(), key=lambda item: rank.get(item[0], len(rank))))


def dump_alert(data: dict[str, Any], comment: str = "") -> str:
    """Return an alert file's text: an optional comment, then the keys in the order of the schema."""
    data = _ordered(data, list(alert_schema([]).fields))
    if isinstance(data.get("info"), dict):
        data["info"] = {tag: _ordered(block, list(INFO_SCHEMA.fields)) for tag, block in data["info"].items()}
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return head + body
