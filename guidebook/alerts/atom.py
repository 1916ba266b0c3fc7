"""An Atom feed of alerts per language: each entry links to the alert's CAP 1.2 file."""

from __future__ import annotations

import datetime as dt
import html
import xml.etree.ElementTree as ET

from guidebook.alerts.cap import MEDIA_TYPE
from guidebook.alerts.model import Alert
from guidebook.alerts.view import AlertView, Block, view

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def atom_time(value: dt.datetime) -> str:
    """Return an RFC 3339 time."""
    return value.replace(microsecond=0).isoformat()


def _add(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, name, attrs)
    if text is not None:
        el.text = text
    return el


def _block_html(b: Block) -> str:
    parts = [f"<p><strong>{html.escape(b.event)}</strong></p>", f"<p>{html.escape(b.headline)}</p>"]
    for name in ("instruction", "description", "area"):
        text = getattr(b, name)
        if text:
            lang = ' lang="ja"' if name in b.from_ja else ""
            parts.append(f"<p{lang}>{html.escape(text)}</p>")
    if b.web:
        parts.append(f'<p><a href="{html.escape(b.web)}">{html.escape(b.web)}</a></p>')
    return f'<div lang="{html.escape(b.lang)}">{"".join(parts)}</div>'


def _entry(feed: ET.Element, item: AlertView, title: str, lang: str, cap_url: str, strings: dict[str, str]) -> None:
    alert = item.alert
    entry = _add(feed, "entry", **{XML_LANG: lang})
    _add(entry, "id", cap_url)
    _add(entry, "title", title)
    _add(entry, "updated", atom_time(alert.sent))
    _add(entry, "published", atom_time(alert.sent))
    _add(entry, "author").append(_named("name", alert.sender))
    main = alert.main
    if main is not None:
        label = strings.get(f"alert.level.{main.severity.lower()}", main.severity)
        _add(entry, "category", term=main.severity, label=label)
    _add(entry, "link", rel="alternate", type=MEDIA_TYPE, href=cap_url)
    web = next((b.web for b in item.blocks if b.web), None)
    if web:
        _add(entry, "link", rel="related", type="text/html", href=web)
    if item.blocks:
        _add(entry, "content", "".join(_block_html(b) for b in item.blocks), type="html")
    elif alert.note:
        _add(entry, "summary", alert.note)


def _named(name: str, text: str) -> ET.Element:
    el = ET.Element(name)
    el.text = text
    return el


def atom_feed(
    items: list[Alert],
    known: dict[str, Alert],
    tag: str,
    strings: dict[str, str],
    site_name: str,
    base_url: str,
    cap_urls: dict[str, str],
    updated: dt.datetime,
) -> bytes:
    """Return one language's feed of the published alerts, cancellations included, most severe first."""
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: tag})
    _add(feed, "id", f"{base_url}{tag}/alerts.atom")
    _add(feed, "title", f"{site_name} – {strings.get('alert.feed', 'Alerts')}")
    _add(feed, "updated", atom_time(updated))
    _add(feed, "link", rel="self", type="application/atom+xml", href=f"{base_url}{tag}/alerts.atom")
    _add(feed, "link", rel="alternate", type="text/html", href=f"{base_url}{tag}/")
    _add(feed, "author").append(_named("name", site_name))
    for alert in items:
        if alert.msg_type == "Cancel":
            earlier = next((known[r.identifier] for r in alert.references if r.identifier in known), None)
            shown = view(earlier, tag) if earlier is not None else AlertView(alert, (), False)
            headline = shown.blocks[0].headline if shown.blocks else alert.identifier
            title = strings.get("alert.cancelled", "{headline}").replace("{headline}", headline)
            _entry(feed, AlertView(alert, (), False), title, tag, cap_urls[alert.identifier], strings)
            continue
        item = view(alert, tag)
        first = item.blocks[0]
        title = f"{first.event}: {first.headline}"
        _entry(feed, item, title, first.lang, cap_urls[alert.identifier], strings)
    ET.indent(feed)
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        + bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=False))
        + b"\n"
    )
