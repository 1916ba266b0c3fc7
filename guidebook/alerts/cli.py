"""`guidebook alert ...`: write, import, cancel and publish alerts without rebuilding the site."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from guidebook.alerts import site as alert_site
from guidebook.alerts.cap import CapError, dump_alert, file_stem, read_cap
from guidebook.alerts.importer import plan, threshold_of
from guidebook.alerts.jma import Telegram, TelegramError, is_telegram
from guidebook.alerts.jma import parse as parse_telegram
from guidebook.alerts.model import (
    ALERTS_DIR,
    CATEGORIES,
    CERTAINTIES,
    SEVERITIES,
    STATUSES,
    URGENCIES,
    Alert,
    Settings,
    cap_time,
    check_together,
    current,
    for_site,
    in_force,
    not_expired,
    parse_alert,
    published,
    read_alerts,
    replaces,
)
from guidebook.alerts.templates import source_block
from guidebook.alerts.view import FALLBACK_TAG, JAPAN
from guidebook.alerts.watch import STATE_FILE, run
from guidebook.fsutil import publish_lock
from guidebook.problems import InputError, Problem
from guidebook.project.languages import SOURCE_TAG
from guidebook.project.loader import Project, open_project

DURATION = re.compile(r"([0-9]+)([mhd])")
UNITS = {"m": "minutes", "h": "hours", "d": "days"}


def _locked(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run an alert command under the project's publish lock, so commands and builds never lose each other's work."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        with publish_lock(Path(args.project) / "build"):
            return command(args)

    return run


def _now() -> dt.datetime:
    return alert_site.utc_now().astimezone(JAPAN).replace(microsecond=0)


def _publish(project: Project, started: float, now: dt.datetime | None = None) -> int:
    """Publish into the existing site and say what readers now see (as at now, for replays)."""
    if not project.site_dir.is_dir():
        print(f"alert: no {project.rel(project.site_dir)}/ yet; run `guidebook build` to publish", file=sys.stderr)
        return 1
    alerts = read_alerts(project)  # as written, with every template alert in every translated language
    report = alert_site.publish_alerts(project, alerts, project.site_dir, now)
    print(
        f"alert publish: {len(report.shown)} shown, {len(report.published)} published; "
        f"wrote {len(report.written)} and removed {len(report.removed)} files in "
        f"{project.rel(project.site_dir)}/ in {time.perf_counter() - started:.1f}s"
    )
    for alert in report.shown:
        main = alert.main
        assert main is not None
        languages = ", ".join(alert.infos)
        print(f"  shown: {alert.identifier} ({main.severity}, {alert.msg_type}) in {languages}; {alert.file}")
        if FALLBACK_TAG not in alert.infos:
            message = f"no info.{FALLBACK_TAG} block; readers of other languages see plain Japanese only"
            print(f"  warning: {alert.file}: {message}", file=sys.stderr)
    return 0


@_locked
def cmd_publish(args: argparse.Namespace) -> int:
    """Validate every alert and rewrite alerts.json, CAP files and feeds in site/."""
    started = time.perf_counter()
    project = open_project(args.project)
    return _publish(project, started)


def _heads(alert: Alert, alerts: list[Alert]) -> list[Alert]:
    """Return the current messages of an alert's thread: it, or the updates that replaced it."""
    thread = {alert.identifier}
    changed = True
    while changed:
        changed = False
        for other in alerts:
            if other.identifier not in thread and any(r.identifier in thread for r in other.references):
                thread.add(other.identifier)
                changed = True
    heads = [a for a in current(alerts) if a.identifier in thread and a.msg_type != "Cancel"]
    return sorted(heads, key=lambda a: a.sent)


def _find(alerts: list[Alert], identifier: str) -> Alert:
    for alert in alerts:
        if alert.identifier == identifier:
            return alert
    raise InputError([Problem(ALERTS_DIR, 0, "", f"expected the identifier of an alert, got {identifier!r}")])


def _triple(alert: Alert) -> str:
    return f"{alert.sender},{alert.identifier},{cap_time(alert.sent)}"


def _new_identifier(project: Project, kind: str, now: dt.datetime) -> str:
    base = f"{kind}-{now:%Y%m%dT%H%M%S}"
    identifier, n = base, 1
    while (project.root / ALERTS_DIR / f"{file_stem(identifier)}.yml").exists():
        n += 1
        identifier = f"{base}-{n}"
    return identifier


def _expires(value: str, now: dt.datetime) -> dt.datetime:
    match = DURATION.fullmatch(value)
    if match:
        return now + dt.timedelta(**{UNITS[match.group(2)]: int(match.group(1))})
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError([Problem("--expires", 0, "", f"expected a time or 30m, 6h, 2d; got {value!r}")]) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=JAPAN)


def _time(value: str, option: str) -> dt.datetime:
    """Return a time given on the command line: ISO 8601, or HH:MM today, in Japan time if no offset."""
    now = _now()
    try:
        if re.fullmatch(r"[0-9]{1,2}:[0-9]{2}", value):
            hour, minute = map(int, value.split(":"))
            return now.replace(hour=hour, minute=minute, second=0)
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            [Problem(option, 0, "", f"expected a time such as 15:30 or 2026-12-07T15:30; got {value!r}")]
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=JAPAN)


def _from_template(
    project: Project, args: argparse.Namespace, now: dt.datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the template reference and the plain-Japanese block of an alert written from a template."""
    slots: dict[str, Any] = {}
    if args.area:
        slots["area"] = [name.strip() for text in args.area for name in re.split(r"[、,]", text) if name.strip()]
    for name in ("intensity", "height"):
        if getattr(args, name):
            slots[name] = getattr(args, name)
    if args.time:
        slots["time"] = _time(args.time, "--time")
    try:
        block = source_block(project, args.template, args.level, slots, now)
    except KeyError as exc:
        raise InputError([Problem("--template", 0, "", str(exc.args[0]))]) from None
    reference: dict[str, Any] = {"kind": args.template}
    if args.level is not None:
        reference["level"] = args.level
    if slots:
        reference["slots"] = slots
    return reference, block


def _write_alert(project: Project, alerts: list[Alert], data: dict[str, Any], comment: str, origin: str = "") -> Alert:
    """Validate a new alert file's content and write it; raise InputError (nothing written) if it is bad."""
    folder = project.root / ALERTS_DIR
    path = folder / f"{file_stem(str(data.get('identifier', 'alert')))}.yml"
    rel = project.rel(path)
    text = dump_alert(data, comment)
    problems: list[Problem] = []
    languages = [lang.tag for lang in project.config.languages]
    alert = parse_alert(text, origin or rel, languages, problems)
    if alert is not None:
        problems.extend(check_together([*alerts, alert]))
    if path.exists():
        problems.append(Problem(rel, 0, "", "already exists; an alert file is never overwritten"))
    if origin:
        problems = [Problem(origin, 0, p.key, p.message) for p in problems]
    if problems or alert is None:
        raise InputError(problems)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"alert: wrote {rel}")
    return alert


def _source_block(args: argparse.Namespace) -> dict[str, Any]:
    """Return the plain-Japanese fields given on the command line."""
    block: dict[str, Any] = {}
    for name in ("event", "headline", "description", "instruction", "web", "severity", "urgency", "certainty"):
        value = getattr(args, name)
        if value is not None:
            block[name] = value
    if args.category:
        block["category"] = args.category
    return block


@_locked
def cmd_new(args: argparse.Namespace) -> int:
    """Write a new alert (or an update of one) from the command line, then publish."""
    started = time.perf_counter()
    project = open_project(args.project)
    alerts = read_alerts(project)
    now = _now()
    sender = args.sender or urlparse(project.config.base_url).hostname or "guidebook"
    if args.update:
        heads = _heads(_find(alerts, args.update), alerts)
        if not heads:
            raise InputError([Problem(ALERTS_DIR, 0, "", f"{args.update!r} is cancelled; write a new alert instead")])
        base = heads[-1]
        data: dict[str, Any] = yaml.safe_load((project.root / base.file).read_text(encoding="utf-8"))
        data.update(
            identifier=args.identifier or _new_identifier(project, "update", now),
            sender=sender,
            sent=now,
            msgType="Update",
            references=[_triple(a) for a in heads],
        )
    else:
        data = {
            "identifier": args.identifier or _new_identifier(project, "alert", now),
            "sender": sender,
            "sent": now,
            "status": "Actual",
            "msgType": "Alert",
            "scope": "Public",
            "info": {SOURCE_TAG: {"urgency": "Unknown", "certainty": "Unknown"}},
        }
    if args.status:
        data["status"] = args.status
    source = data.setdefault("info", {}).setdefault(SOURCE_TAG, {})
    if args.template:
        data["template"], block = _from_template(project, args, now)
        data["info"] = {SOURCE_TAG: block}  # other languages come from the template's translations
        source = block
    source.update(_source_block(args))
    if args.expires:
        source["expires"] = _expires(args.expires, now)
    if args.area or args.geocode:
        area = source.setdefault("area", {})
        if args.area and not args.template:
            area["areaDesc"] = " ".join(args.area)
        if args.geocode:
            area["geocode"] = args.geocode
    _write_alert(project, alerts, data, f"Written by `guidebook alert new` at {cap_time(now)}.")
    if args.update and len(data["info"]) > 1 and any(getattr(args, n) for n in ("event", "headline", "description")):
        print("alert: the translations were copied from the earlier alert; update them to match", file=sys.stderr)
    return 0 if args.no_publish else _publish(project, started)


@_locked
def cmd_cancel(args: argparse.Namespace) -> int:
    """Write a Cancel for an alert and every update of it, then publish."""
    started = time.perf_counter()
    project = open_project(args.project)
    alerts = read_alerts(project)
    target = _find(alerts, args.identifier)
    heads = _heads(target, alerts)
    if not heads:
        raise InputError([Problem(target.file, 0, "", f"{target.identifier!r} is already cancelled")])
    now = _now()
    data: dict[str, Any] = {
        "identifier": args.cancel_identifier or _new_identifier(project, "cancel", now),
        "sender": args.sender or target.sender,
        "sent": now,
        "status": target.status,
        "msgType": "Cancel",
        "scope": "Public",
    }
    if args.note:
        data["note"] = args.note
    data["references"] = [_triple(a) for a in heads]
    _write_alert(project, alerts, data, f"Written by `guidebook alert cancel` at {cap_time(now)}.")
    return 0 if args.no_publish else _publish(project, started)


def _import(project: Project, paths: list[Path]) -> tuple[dict[Path, str], list[Problem]]:
    """Import CAP files and agency telegrams; return what became of each file, and the bad ones."""
    alerts = read_alerts(project)
    telegrams: list[tuple[Telegram, Path]] = []
    bad: list[Problem] = []
    results: dict[Path, str] = {}
    for path in paths:
        source = str(path)
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            bad.append(Problem(source, 0, "", exc.strerror or str(exc)))
            continue
        try:
            if is_telegram(data):
                telegrams.append((parse_telegram(data), path))
                continue
            imported = read_cap(data, [lang.tag for lang in project.config.languages])
        except (TelegramError, CapError) as exc:
            bad.append(Problem(source, 0, "", str(exc)))
            results[path] = f"bad: {exc}"
            continue
        comment = f"Imported from {Path(path).name} by `guidebook alert import` at {cap_time(_now())}."
        alert = _write_alert(project, alerts, imported.data, comment, origin=source)
        alerts.append(alert)
        results[path] = f"wrote {alert.identifier}"
        for item in imported.left_out:
            print(f"alert: left out of {Path(path).name}: {item}", file=sys.stderr)
    threshold = threshold_of(project)
    for telegram, path in sorted(telegrams, key=lambda pair: pair[0].order):
        step = plan(project, telegram, alerts, threshold)
        if step.data is None:
            results[path] = f"no banner: {step.skip}"
            print(f"alert import: {path.name}: no banner: {step.skip}")
            continue
        comment = f"Imported from a 気象庁 telegram ({telegram.type}: {telegram.title})."
        try:
            alert = _write_alert(project, alerts, step.data, comment, origin=str(path))
        except InputError as exc:
            bad.extend(exc.problems)
            results[path] = "bad: " + "; ".join(p.message for p in exc.problems)
            continue
        alerts.append(alert)
        results[path] = f"wrote {alert.identifier}"
        print(f"alert import: {path.name}: {alert.identifier} ({alert.msg_type}, {telegram.template or 'cancel'})")
    return results, bad


@_locked
def cmd_import(args: argparse.Namespace) -> int:
    """Import CAP 1.2 files and the agency's telegrams (気象庁防災情報XML) into site_config/alerts/, then publish."""
    started = time.perf_counter()
    project = open_project(args.project)
    now = _time(args.as_of, "--as-of") if args.as_of else None
    _, bad = _import(project, list(args.file))
    for problem in bad:
        print(f"alert: {problem}", file=sys.stderr)
    if args.no_publish:
        return 1 if bad else 0
    code = _publish(project, started, now)
    return 1 if bad else code


def cmd_watch(args: argparse.Namespace) -> int:
    """Follow the agency's Atom feed: import new telegrams and publish, until interrupted."""
    project = open_project(args.project)
    state_path = project.build_dir / STATE_FILE
    workdir = project.build_dir / "jma-telegrams"
    workdir.mkdir(parents=True, exist_ok=True)

    def import_files(paths: list[Path]) -> dict[Path, str]:
        started = time.perf_counter()
        with publish_lock(project.build_dir):
            current = open_project(args.project)  # site.yml or templates may have changed meanwhile
            results, bad = _import(current, paths)
            for problem in bad:
                print(f"alert watch: {problem}", file=sys.stderr)
            if any(r.startswith("wrote") for r in results.values()):
                _publish(current, started)
        return results

    print(f"alert watch: following {args.feed} every {args.interval:g}s (state in {project.rel(state_path)})")
    try:
        return run(args.feed, state_path, import_files, workdir, args.interval, args.timeout, args.cycles)
    except KeyboardInterrupt:
        return 0


def describe_state(alert: Alert, alerts: list[Alert], settings: Settings, now: dt.datetime) -> str:
    """Return what readers see of an alert, in a few words."""
    replaced = [a.identifier for a in alerts if a is not alert and replaces(a, alert)]
    if replaced:
        return f"replaced by {replaced[0]}"
    if not for_site(alert, settings):
        return f"not shown ({alert.status})" if alert.status not in settings.statuses else "not for this site's areas"
    if alert not in published(alerts, settings, now):
        return "expired" if alert.msg_type != "Cancel" else "done"
    if alert.msg_type == "Cancel":
        return "cancels " + ", ".join(r.identifier for r in alert.references)
    if in_force(alert, now):
        return "shown"
    return f"from {cap_time(alert.effective)}" if not_expired(alert, now) else "expired"


def cmd_list(args: argparse.Namespace) -> int:
    """Print every alert file and what readers see of it."""
    project = open_project(args.project)
    alerts = read_alerts(project)
    settings = Settings.of(project.config)
    now = alert_site.utc_now()
    for alert in sorted(alerts, key=lambda a: a.sent, reverse=True):
        severity = alert.main.severity if alert.main else "-"
        state = describe_state(alert, alerts, settings, now)
        print(f"{alert.identifier:<40} {alert.msg_type:<7} {alert.status:<9} {severity:<9} {state}")
    if not alerts:
        print(f"no alerts in {ALERTS_DIR}/")
    return 0


def add_parser(sub: Any) -> None:
    """Add `alert` and its commands to the `guidebook` command line."""
    top = sub.add_parser("alert", help="disaster alerts: new, update, cancel, import, publish", description=__doc__)
    actions = top.add_subparsers(dest="alert_command", required=True)

    def add(name: str, func: object, text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=text, description=text)
        p.add_argument("--project", type=Path, default=Path("."), help="project folder (default: .)")
        p.set_defaults(func=func)
        return p

    add("publish", cmd_publish, "rewrite alerts.json, CAP files and Atom feeds in site/ (no rebuild)")
    add("list", cmd_list, "list alert files and what readers see of each")
    p = add("new", cmd_new, "write a new alert (or --update one) in plain Japanese, then publish")
    p.add_argument("--update", metavar="ID", help="update this alert: copy it, replace it, keep its translations")
    p.add_argument("--event", help="what happens, e.g. 地震")
    p.add_argument("--headline", help="one short sentence")
    p.add_argument("--description", help="what is happening")
    p.add_argument("--instruction", help="what readers should do")
    p.add_argument("--severity", choices=SEVERITIES)
    p.add_argument("--urgency", choices=URGENCIES)
    p.add_argument("--certainty", choices=CERTAINTIES)
    p.add_argument("--category", action="append", choices=CATEGORIES)
    p.add_argument("--template", metavar="KIND", help="write it from an alert template, in every language at once")
    p.add_argument("--level", type=int, help="the template's level (warnings 2-5, evacuation 3-5, ...)")
    p.add_argument("--intensity", help="seismic intensity for the template: 1-4, 5-, 5+, 6-, 6+, 7")
    p.add_argument("--height", help="tsunami height for the template: 1m, 3m, 5m, 10m, over-10m, huge, high")
    p.add_argument("--time", help="a time for the template's {time}: 15:30 or ISO 8601 (Japan time if no offset)")
    p.add_argument(
        "--area",
        action="append",
        help="the area in words, e.g. 東京都 千代田区; with --template, place names (repeatable)",
    )
    p.add_argument("--geocode", action="append", help="JIS code of the area (repeatable); none: nationwide")
    p.add_argument("--expires", help="when it ends by itself: a time (Japan time if no offset) or 30m, 6h, 2d")
    p.add_argument("--web", help="a page with more information")
    p.add_argument("--status", choices=STATUSES, help="default Actual (an update keeps the alert's status)")
    p.add_argument("--sender", help="default: the host of base_url")
    p.add_argument("--identifier", help="default: alert-<time> or update-<time>")
    p.add_argument("--no-publish", action="store_true", help="only write the file")
    p = add("cancel", cmd_cancel, "cancel an alert and its updates, then publish")
    p.add_argument("identifier", metavar="ID")
    p.add_argument("--note", help="why it is cancelled")
    p.add_argument("--sender", help="default: the sender of the alert")
    p.add_argument("--cancel-identifier", metavar="ID", help="identifier of the Cancel (default: cancel-<time>)")
    p.add_argument("--no-publish", action="store_true", help="only write the file")
    p = add(
        "import",
        cmd_import,
        "import CAP 1.2 files or the agency's XML telegrams into site_config/alerts/, then publish",
    )
    p.add_argument("file", type=Path, nargs="+", metavar="FILE", help="CAP 1.2 files or the agency's XML telegrams")
    p.add_argument("--as-of", metavar="TIME", help="replay as if it were TIME (drills, tests): expiry is judged then")
    p.add_argument("--no-publish", action="store_true", help="only write the file")
    p = add("watch", cmd_watch, "follow the agency's Atom feed (a URL or a file): import new telegrams and publish")
    p.add_argument("feed", metavar="FEED")
    p.add_argument("--interval", type=float, default=60.0, help="seconds between reads of the feed (default 60)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for an answer (default 10)")
    p.add_argument("--cycles", type=int, help="stop after this many reads (default: run until interrupted)")
