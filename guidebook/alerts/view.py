"""What a reader sees of an alert: the blocks in their language (or plain Japanese and English), the
banner HTML rendered into every page at build time, and the alerts.json that pages poll.

The banner and assets/alerts.js build the same markup; a test compares them in a browser.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format

from guidebook.alerts.model import Alert, Info, cap_time
from guidebook.project.languages import SOURCE_TAG

JAPAN = dt.timezone(dt.timedelta(hours=9), "JST")
FALLBACK_TAG = "en"
# The languages of a page that is not in one language (the root language chooser).
BOTH = "mul"
STORE_KEY = "gb-alerts-dismissed"
STRING_PREFIX = "alert."

# Hides what the reader dismissed and what has expired before the page is first painted.
EARLY_SCRIPT = (
    '<script>(function(){var d=[],n=Date.now();try{d=JSON.parse(localStorage.getItem("STORE")||"[]")}catch(e){}'
    'document.querySelectorAll(".gb-alert[data-key]").forEach(function(e){var x=e.getAttribute("data-expires");'
    'if(x&&Date.parse(x)<=n)e.parentNode.removeChild(e);else if(d.indexOf(e.getAttribute("data-key"))>=0)'
    "e.hidden=true})})()</script>"
).replace("STORE", STORE_KEY)


@dataclass(frozen=True)
class Block:
    """One language's text of an alert as shown; from_ja lists fields shown in plain Japanese instead."""

    lang: str
    event: str
    headline: str
    description: str | None = None
    instruction: str | None = None
    area: str | None = None
    web: str | None = None
    from_ja: tuple[str, ...] = ()


@dataclass(frozen=True)
class AlertView:
    """An alert for readers of one language: its blocks, and whether their language has its own."""

    alert: Alert
    blocks: tuple[Block, ...]
    translated: bool

    @property
    def level(self) -> str:
        """Return the severity as a CSS modifier: extreme, severe, moderate, minor or unknown."""
        main = self.alert.main
        return main.severity.lower() if main else "unknown"


def block(info: Info, source: Info) -> Block:
    """Return a language's block, taking plain Japanese for the optional text it lacks."""
    texts: dict[str, str | None] = {}
    from_ja: list[str] = []
    for name in ("description", "instruction"):
        own, ja = getattr(info, name), getattr(source, name)
        texts[name] = own or ja
        if not own and ja and info is not source:
            from_ja.append(name)
    own_area = info.area.desc if info.area else None
    ja_area = source.area.desc if source.area else None
    if not own_area and ja_area and info is not source:
        from_ja.append("area")
    return Block(
        lang=info.language,
        event=info.event,
        headline=info.headline,
        description=texts["description"],
        instruction=texts["instruction"],
        area=own_area or ja_area,
        web=info.web,
        from_ja=tuple(from_ja),
    )


def view(alert: Alert, tag: str) -> AlertView:
    """Return an alert for readers of tag: their block, or plain Japanese and English (BOTH: always those)."""
    source = alert.main
    if source is None:
        return AlertView(alert, (), False)
    if tag in alert.infos and tag != BOTH:
        return AlertView(alert, (block(alert.infos[tag], source),), True)
    tags = [SOURCE_TAG] + ([FALLBACK_TAG] if FALLBACK_TAG in alert.infos else [])
    blocks = tuple(block(alert.infos[t], source) for t in tags)
    return AlertView(alert, blocks, tag == BOTH)


# ---------------------------------------------------------------------------------------------
# alerts.json


def alert_json(item: AlertView, locale: Locale | None = None) -> dict[str, Any]:
    """Return one alert as alerts.json carries it; with a locale, its times written for that language.

    Browsers carry date formats for few languages (Chromium has none for Khmer, Burmese or Nepali
    and writes English), so the times pages show come from CLDR here, already in the reader's language.
    """
    alert = item.alert
    main = alert.main
    assert main is not None
    blocks = []
    for b in item.blocks:
        entry: dict[str, Any] = {"lang": b.lang, "event": b.event, "headline": b.headline}
        for name in ("description", "instruction", "area", "web"):
            if getattr(b, name):
                entry[name] = getattr(b, name)
        if b.from_ja:
            entry["ja"] = list(b.from_ja)
        blocks.append(entry)
    return {
        "key": alert.key,
        "identifier": alert.identifier,
        "sent": cap_time(alert.sent),
        "status": alert.status,
        "msgType": alert.msg_type,
        "severity": main.severity,
        "urgency": main.urgency,
        "certainty": main.certainty,
        "effective": cap_time(alert.effective),
        "expires": cap_time(alert.expires) if alert.expires else None,
        "translated": item.translated,
        "blocks": blocks,
        **(
            {
                "text": {
                    "sent": format_japan_time(alert.sent, locale),
                    **({"expires": format_japan_time(alert.expires, locale)} if alert.expires else {}),
                }
            }
            if locale is not None
            else {}
        ),
    }


def alerts_document(items: list[AlertView], tag: str, strings: dict[str, str], locale: Locale) -> bytes:
    """Return alerts.json for one language: its alert strings and every published alert, most severe first."""
    doc = {
        "version": 1,
        "lang": tag,
        "strings": {k: v for k, v in sorted(strings.items()) if k.startswith(STRING_PREFIX)},
        "alerts": [alert_json(item, locale) for item in items],
    }
    return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# The banner


def format_japan_time(value: dt.datetime, locale: Locale) -> str:
    """Return a time in Japan, as the reader's locale writes a medium date and a short time."""
    local = value.astimezone(JAPAN)
    pattern = str(get_datetime_format("medium", locale=locale)).replace("'", "")
    date = format_date(local, "medium", locale=locale)
    clock = format_time(local, "short", tzinfo=JAPAN, locale=locale)
    return pattern.replace("{1}", date).replace("{0}", clock)


def _fill(template: str, **parts: str) -> str:
    """Escape a string template and put already-escaped HTML parts into its {placeholders}."""
    out = html.escape(template)
    for name, part in parts.items():
        out = out.replace("{" + name + "}", part)
    return out


def _attr_lang(lang: str, page: str) -> str:
    return f' lang="{html.escape(lang)}"' if lang != page else ""


def _label(text: str, page: str, block_lang: str) -> str:
    return f'<span class="gb-alert__label"{_attr_lang(page, block_lang)}>{html.escape(text)}</span>'


def _time(value: dt.datetime, template: str, strings: dict[str, str], locale: Locale) -> str:
    moment = f'<time datetime="{cap_time(value)}">{html.escape(format_japan_time(value, locale))}</time>'
    japan = _fill(strings.get("alert.japan_time", "{time}"), time=moment)
    return f"<span>{_fill(template, time=japan)}</span>"


def block_html(b: Block, page: str, strings: dict[str, str]) -> str:
    """Return one block of an alert: event, headline, what to do, and the details."""
    s = strings.get
    out = [f'<div class="gb-alert__block"{_attr_lang(b.lang, page)}>']
    out.append(f'<p class="gb-alert__event">{html.escape(b.event)}</p>')
    out.append(f'<p class="gb-alert__headline">{html.escape(b.headline)}</p>')
    if b.instruction:
        lang = SOURCE_TAG if "instruction" in b.from_ja else b.lang
        out.append(
            f'<p class="gb-alert__instruction">{_label(s("alert.instruction", ""), page, b.lang)} '
            f'<span class="gb-alert__text"{_attr_lang(lang, b.lang)}>{html.escape(b.instruction)}</span></p>'
        )
    details = []
    if b.description:
        lang = SOURCE_TAG if "description" in b.from_ja else b.lang
        details.append(f'<p class="gb-alert__description"{_attr_lang(lang, b.lang)}>{html.escape(b.description)}</p>')
    if b.area:
        lang = SOURCE_TAG if "area" in b.from_ja else b.lang
        details.append(
            f'<p class="gb-alert__area">{_label(s("alert.area", ""), page, b.lang)} '
            f'<span class="gb-alert__text"{_attr_lang(lang, b.lang)}>{html.escape(b.area)}</span></p>'
        )
    if b.web:
        details.append(
            f'<p><a class="gb-alert__web" href="{html.escape(b.web)}" rel="noopener"{_attr_lang(page, b.lang)}>'
            f"{html.escape(s('alert.web', ''))}</a></p>"
        )
    if details:
        summary = f"<summary{_attr_lang(page, b.lang)}>{html.escape(s('alert.details', ''))}</summary>"
        out.append(f'<details class="gb-alert__details">{summary}{"".join(details)}</details>')
    out.append("</div>")
    return "".join(out)


def alert_html(item: AlertView, page: str, strings: dict[str, str], locale: Locale) -> str:
    """Return one alert of the banner."""
    s = strings.get
    alert = item.alert
    expires = f' data-expires="{cap_time(alert.expires)}"' if alert.expires else ""
    head = [
        '<div class="gb-alert__head"><span class="gb-alert__icon" aria-hidden="true"></span>',
        f'<strong class="gb-alert__level">{html.escape(s(f"alert.level.{item.level}", ""))}</strong>',
    ]
    if alert.msg_type == "Update":
        head.append(f'<span class="gb-alert__badge">{html.escape(s("alert.update", ""))}</span>')
    head.append(
        f'<button type="button" class="gb-alert__dismiss" aria-label="{html.escape(s("alert.dismiss", ""))}" hidden>'
        '<span aria-hidden="true">×</span></button></div>'
    )
    out = [
        f'<div class="gb-alert gb-alert--{item.level}" data-key="{html.escape(alert.key)}" '
        f'data-effective="{cap_time(alert.effective)}"{expires}>',
        *head,
    ]
    if alert.status in ("Exercise", "Test"):
        out.append(f'<p class="gb-alert__exercise">{html.escape(s(f"alert.{alert.status.lower()}", ""))}</p>')
    if not item.translated and page != SOURCE_TAG:
        out.append(f'<p class="gb-alert__note">{html.escape(s("alert.untranslated", ""))}</p>')
    out.extend(block_html(b, page, strings) for b in item.blocks)
    times = [_time(alert.sent, s("alert.issued", "{time}"), strings, locale)]
    if alert.expires:
        times.append(_time(alert.expires, s("alert.until", "{time}"), strings, locale))
    out.append(f'<p class="gb-alert__time">{" ".join(times)}</p>')
    out.append("</div>")
    return "".join(out)


def banner_html(items: list[AlertView], page: str, strings: dict[str, str], locale: Locale) -> str:
    """Return the banner: every alert in force, most severe first, or nothing when there is none."""
    if not items:
        return ""
    s = strings.get
    alerts = "".join(alert_html(item, page, strings, locale) for item in items)
    show = html.escape(s("alert.show_hidden", "({count})"))
    return (
        f'<div class="gb-alerts" role="region" aria-label="{html.escape(s("alert.region", ""))}" aria-live="polite">'
        f"{alerts}"
        f'<button type="button" class="gb-alerts__show" data-label="{show}" hidden></button>'
        f"{EARLY_SCRIPT}</div>"
    )
