"""Alerts in the built site: the banner for the build, and the files `alert publish` rewrites in place.

Published files (each replaced atomically, so a reader never gets half a file):
  <tag>/alerts.json   what pages poll: that language's alert strings and published alerts
  <tag>/alerts.atom   that language's Atom feed
  alerts/<id>.xml     one CAP 1.2 file per published message
  alerts.json, index.html, 404.html, assets/alerts.{css,js}   the root language chooser's banner
Pages themselves are not rebuilt: assets/alerts.js brings them up to date from alerts.json.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale

from guidebook.alerts.atom import atom_feed
from guidebook.alerts.cap import cap_xml, file_stem
from guidebook.alerts.model import Alert, Settings, published, shown
from guidebook.alerts.view import BOTH, alerts_document, banner_html, view
from guidebook.fsutil import write_if_changed
from guidebook.project.languages import Language
from guidebook.project.loader import Project
from guidebook.site.hosting import compress
from guidebook.strings import load_strings

POLL_SECONDS = 60
ROOT_LANG = "en"
ASSETS = ("alerts.css", "alerts.js")


@dataclass
class PublishReport:
    """What a publish wrote: files relative to the site, and the alerts shown and published."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    shown: list[Alert] = field(default_factory=list)
    published: list[Alert] = field(default_factory=list)


def utc_now() -> dt.datetime:
    """Return the current time (a seam for tests)."""
    return dt.datetime.now(dt.UTC)


def language_banner(project: Project, alerts: list[Alert], lang: Language, now: dt.datetime) -> str:
    """Return the banner of one language's pages: the alerts in force at build time."""
    items = [view(a, lang.tag) for a in shown(alerts, Settings.of(project.config), now)]
    strings = load_strings(project.templates_dir, lang.tag)
    return banner_html(items, lang.tag, strings, lang.babel_locale)


def root_snippets(project: Project, alerts: list[Alert], now: dt.datetime, prefix: str = "") -> tuple[str, str]:
    """Return what the root language chooser adds to its head and body: styles, banner and script.

    prefix is put before the addresses of the assets and alerts.json (the 404 page uses the root path).
    """
    items = [view(a, BOTH) for a in shown(alerts, Settings.of(project.config), now)]
    strings = load_strings(project.templates_dir, ROOT_LANG)
    banner = banner_html(items, ROOT_LANG, strings, Locale.parse(ROOT_LANG))
    if banner:
        banner = f'<aside class="md-banner"><div class="md-banner__inner md-grid md-typeset">{banner}</div></aside>'
    head = f'<link rel="stylesheet" href="{prefix}assets/alerts.css">'
    body = (
        f'<div class="gb-root" data-md-component="announce">{banner}</div>\n'
        f'<script src="{prefix}assets/alerts.js" data-src="{prefix}alerts.json" data-interval="{POLL_SECONDS}" '
        "defer></script>"
    )
    return head, body


def _write(site: Path, rel: str, data: bytes, report: PublishReport) -> None:
    path = site / rel
    before = path.stat().st_mtime if path.exists() else None
    if write_if_changed(path, data):
        report.written.append(rel)
        if before is not None and int(path.stat().st_mtime) <= int(before):
            # Web servers derive ETag and Last-Modified from the mtime in whole seconds: a file
            # rewritten within the same second must not look unchanged to a revalidating reader.
            os.utime(path, (before + 1, before + 1))
        if compress(site / rel):  # keep the copy nginx's gzip_static serves in step
            report.written.append(rel + ".gz")


NO_ALERTS_SINCE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def publish_alerts(project: Project, alerts: list[Alert], site: Path, now: dt.datetime | None = None) -> PublishReport:
    """Write every alert file of the site into site (a finished site or a staged one)."""
    from guidebook.site.assemble import chooser_html

    now = now or utc_now()
    report = PublishReport()
    settings = Settings.of(project.config)
    items = published(alerts, settings, now)
    report.published = items
    report.shown = shown(alerts, settings, now)
    known = {a.identifier: a for a in alerts}
    cap_urls = {a.identifier: f"{project.config.base_url}alerts/{file_stem(a.identifier)}.xml" for a in items}
    # The feed changes only when the alerts do, so builds without alert changes leave it untouched.
    updated = max((a.sent for a in alerts), default=NO_ALERTS_SINCE)
    keep = set()
    for alert in items:
        rel = f"alerts/{file_stem(alert.identifier)}.xml"
        keep.add(rel)
        _write(site, rel, cap_xml(alert, known), report)
    for old in sorted((site / "alerts").glob("*.xml")) if (site / "alerts").is_dir() else []:
        rel = f"alerts/{old.name}"
        if rel not in keep:
            old.unlink()
            old.with_name(old.name + ".gz").unlink(missing_ok=True)
            report.removed.append(rel)
    banner_items = [a for a in items if a.msg_type != "Cancel"]
    for lang in project.config.languages:
        if not (site / lang.tag).is_dir():
            continue
        strings = load_strings(project.templates_dir, lang.tag)
        name = project.config.site_name(lang.tag)
        feed = atom_feed(items, known, lang.tag, strings, name, project.config.base_url, cap_urls, updated)
        _write(site, f"{lang.tag}/alerts.atom", feed, report)
        views = [view(a, lang.tag) for a in banner_items]
        _write(site, f"{lang.tag}/alerts.json", alerts_document(views, lang.tag, strings, lang.babel_locale), report)
    root_strings = load_strings(project.templates_dir, ROOT_LANG)
    for asset in ASSETS:
        _write(site, f"assets/{asset}", (project.templates_dir / "assets" / asset).read_bytes(), report)
    _write(
        site,
        "alerts.json",
        alerts_document([view(a, BOTH) for a in banner_items], BOTH, root_strings, Locale.parse(ROOT_LANG)),
        report,
    )
    head, body = root_snippets(project, alerts, now)
    _write(site, "index.html", chooser_html(project, head, body).encode("utf-8"), report)
    head, body = root_snippets(project, alerts, now, urlsplit(project.config.base_url).path)
    _write(site, "404.html", chooser_html(project, head, body, not_found=True).encode("utf-8"), report)
    return report
