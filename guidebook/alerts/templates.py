"""Alerts written from templates: one info block per language from the templates' translations.

An alert file with `template: {kind, level, slots}` carries its plain-Japanese block; every other
language the site publishes gets its block from the template's translation (catalog domain
`alert-templates`), with the slot values written by that language's rules: place names kept in
Japanese, as on signs and broadcasts, with a Hepburn romanization; numbers and times in the reader's
locale (times in Japan time); seismic intensity and tsunami heights from the translated values. A
language that has not translated every text the alert needs, or whose translation lost a slot, is
left out and falls back as for any alert (plain Japanese and English). A block written in the file
always wins.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal

from guidebook.alerts.model import Alert, Area
from guidebook.alerts.view import JAPAN, format_japan_time
from guidebook.catalogs import po as catalogs
from guidebook.japanese.readings import Reader, load_overrides
from guidebook.japanese.romaji import romanize
from guidebook.problems import Problem
from guidebook.project.alert_templates import SLOT, AlertTemplates, Variant
from guidebook.project.languages import SOURCE_TAG
from guidebook.project.loader import Project

Translations = dict[tuple[str, str | None], str]


@lru_cache(maxsize=4)
def _reader(root: Path) -> Reader:
    return Reader(load_overrides(root))


def translations(project: Project, tag: str) -> Translations:
    """Return a language's published template translations (not fuzzy, not empty)."""
    templates = project.alert_templates
    if templates is None:
        return {}
    path = project.catalog_path(templates, tag)
    if not path.is_file():
        return {}
    problems: list[Problem] = []
    cat = catalogs.read(path, project.rel(path), problems, locale=tag)
    if cat is None:
        return {}
    return {(str(m.id), m.context): str(m.string) for m in cat if m.id and m.string and not m.fuzzy}


def place(name: str, tag: str, reader: Reader) -> str:
    """Return a place name for readers of tag: Japanese, with its romanization outside plain Japanese."""
    if tag == SOURCE_TAG:
        return name
    roman = romanize(name, reader)
    return f"{name} ({roman})" if roman else name


def slot_values(
    templates: AlertTemplates,
    variant: Variant,
    slots: dict[str, Any],
    tag: str,
    locale: Locale,
    words: Translations,
    reader: Reader,
) -> dict[str, str] | None:
    """Return every slot as readers of tag read it, or None when a value has no translation."""
    out: dict[str, str] = {}
    japanese = tag == SOURCE_TAG
    for name in variant.slots:
        value = slots.get(name)
        if name == "event":
            text = variant.texts["event"]
            out[name] = text if japanese else words.get((text, None), "")
        elif value is None:
            return None
        elif name == "area":
            names = [place(str(n), tag, reader) for n in value]
            out[name] = "、".join(names) if japanese else format_list(names, locale=locale)
        elif name in ("intensity", "height"):
            text = templates.values.get(name, {}).get(str(value), str(value))
            out[name] = text if japanese or text.isdigit() else words.get((text, name), "")
        elif name == "time":
            out[name] = format_japan_time(value, locale)
        elif name == "level":
            out[name] = format_decimal(int(value), locale=locale)
        if not out[name]:
            return None
    return out


def render(
    templates: AlertTemplates,
    variant: Variant,
    slots: dict[str, Any],
    tag: str,
    locale: Locale,
    words: Translations,
    reader: Reader,
) -> dict[str, str] | None:
    """Return the texts (event, headline, description, instruction) in tag, or None if not translated."""
    values = slot_values(templates, variant, slots, tag, locale, words, reader)
    if values is None:
        return None
    out: dict[str, str] = {}
    for key, text in variant.texts.items():
        translated = text if tag == SOURCE_TAG else words.get((text, None))
        if not translated or set(SLOT.findall(translated)) != set(SLOT.findall(text)):
            return None  # untranslated, or a translation that lost or invented a slot
        out[key] = SLOT.sub(lambda m: values[m.group(1)], translated)
    return out


def expand(alert: Alert, project: Project, words: dict[str, Translations]) -> Alert:
    """Return alert with an info block for every published language its template is translated into."""
    templates = project.alert_templates
    main = alert.main
    if not alert.template or templates is None or main is None:
        return alert
    try:
        variant = templates.variant(alert.template["kind"], alert.template.get("level"))
    except KeyError:
        return alert
    slots = dict(alert.template.get("slots") or {})
    if "level" in variant.slots and "level" not in slots and alert.template.get("level") is not None:
        slots["level"] = alert.template["level"]
    reader = _reader(project.root)
    infos = dict(alert.infos)
    for lang in project.config.languages:
        if lang.tag in infos:
            continue
        texts = render(templates, variant, slots, lang.tag, lang.babel_locale, words.get(lang.tag, {}), reader)
        if texts is None:
            continue
        area = main.area
        if area is not None and slots.get("area"):
            area = Area(", ".join(place(str(n), lang.tag, reader) for n in slots["area"]), area.geocodes)
        infos[lang.tag] = dataclasses.replace(
            main,
            language=lang.tag,
            event=texts["event"],
            headline=texts["headline"],
            description=texts.get("description"),
            instruction=texts.get("instruction"),
            area=area,
        )
    return dataclasses.replace(alert, infos=infos)


def expand_all(project: Project, alerts: list[Alert]) -> list[Alert]:
    """Return alerts with template alerts expanded into every translated language."""
    words = {lang.tag: translations(project, lang.tag) for lang in project.translations}
    return [expand(alert, project, words) for alert in alerts]


def source_block(
    project: Project, kind: str, level: int | None, slots: dict[str, Any], now: dt.datetime
) -> dict[str, Any]:
    """Return the plain-Japanese info block of a new alert from a template (raise KeyError if unknown)."""
    templates = project.alert_templates
    if templates is None:
        raise KeyError("this project has no content/alert-templates.yml")
    variant = templates.variant(kind, level)
    if level is not None and "level" in variant.slots:
        slots = {**slots, "level": level}
    missing = sorted(name for name in variant.slots - {"event"} if slots.get(name) in (None, [], ""))
    if missing:
        raise KeyError(f"template {kind!r} needs " + ", ".join(f"--{name}" for name in missing))
    for name in ("intensity", "height"):
        if name in slots and str(slots[name]) not in templates.values.get(name, {}):
            expected = ", ".join(templates.values.get(name, {}))
            raise KeyError(f"--{name} {slots[name]!r} is not a known value; expected one of {expected}")
    texts = render(templates, variant, slots, SOURCE_TAG, Locale.parse("ja"), {}, _reader(project.root))
    assert texts is not None
    block: dict[str, Any] = {
        **texts,
        "category": [variant.category],
        "urgency": variant.urgency,
        "severity": variant.severity,
        "certainty": variant.certainty,
        "expires": (now + variant.expires).astimezone(JAPAN).replace(microsecond=0),
    }
    if slots.get("area"):
        block["area"] = {"areaDesc": "、".join(slots["area"])}
    return block
