"""The `guidebook` command."""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import time
from pathlib import Path

from guidebook.problems import InputError

# Commands that can run on a project holding only its own site_config/ and local/ (see guidebook.project.overlay).
WITH_UPSTREAM = ("extract", "build", "serve", "status", "check")


def _progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def cmd_extract(args: argparse.Namespace) -> int:
    """Segment pages into templates and merge them into every catalog."""
    from guidebook.catalogs.extract import run_extract
    from guidebook.project.loader import open_project

    start = time.perf_counter()
    project = open_project(args.project)
    local_only = bool(project.config.municipality and not args.all)
    sources = project.local_pages if local_only else project.translation_sources
    if local_only:
        print("extract: a municipality's site: local/ catalogs only; the national ones come from upstream (--all)")
    report = run_extract(project, pages=sources)
    templates = "" if local_only or project.alert_templates is None else " and the alert templates"
    print(
        f"extract: {len(project.local_pages if local_only else project.pages)} pages{templates}, "
        f"{report.segments} segments; "
        f"wrote {len(report.templates_written)} templates and {len(report.catalogs_written)} catalogs "
        f"in {time.perf_counter() - start:.1f}s"
    )
    for path in report.templates_written + report.catalogs_written:
        print(f"  updated {path}")
    return 0


def cmd_new_municipality(args: argparse.Namespace) -> int:
    """Start a municipality's site: identity in site.yml, local pages and their catalogs, a CI workflow."""
    from guidebook.project.municipality import EXAMPLE_MARK
    from guidebook.scaffold.municipality import new_municipality

    report = new_municipality(
        args.project, args.name, args.area_code, args.name_en, args.chapter, args.color, args.force
    )
    for path in report.written:
        print(f"  wrote {path}")
    print(
        f"new-municipality: {args.name}: wrote {len(report.written)} files, and {len(report.catalogs)} templates and "
        "catalogs of the local pages.\n"
        f"Next: replace every {EXAMPLE_MARK} value, the .example addresses and site_config/logo.svg, then run "
        "`guidebook check` (it lists what is left) and `guidebook build`."
    )
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site into site/."""
    from guidebook.build import build_site
    from guidebook.project.loader import open_project

    start = time.perf_counter()
    project = open_project(args.project)
    only = args.lang or None
    report = build_site(project, only=only, jobs=args.jobs, progress=_progress)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    phases = ", ".join(f"{k} {v:.1f}s" for k, v in report.timings.items())
    print(
        f"build: {len(report.languages)} languages, {report.pages} pages into {project.rel(project.site_dir)}/ "
        f"in {time.perf_counter() - start:.1f}s ({phases})"
    )
    if args.strict and report.warnings:
        print(f"build: {len(report.warnings)} warnings and --strict given", file=sys.stderr)
        return 1
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Build (unless --no-build), then serve site/ on a local address."""
    from guidebook.project.loader import open_project

    if not args.no_build:
        rc = cmd_build(args)
        if rc:
            return rc
    site = open_project(args.project).site_dir
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    print(f"serving {site} on http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Print translation coverage per language (and per page with --pages)."""
    from guidebook.catalogs.extract import read_catalogs
    from guidebook.catalogs.status import language_status
    from guidebook.project.alert_templates import source_segments
    from guidebook.project.loader import open_project
    from guidebook.site.status_page import status_table

    project = open_project(args.project)
    cats = read_catalogs(project)
    segs = {p.slug: source_segments(p) for p in project.translation_sources}
    langs = [lang for lang in project.translations if not args.lang or lang.tag in args.lang]
    statuses = {lang.tag: language_status(lang.tag, project.translation_sources, segs, cats) for lang in langs}
    print(status_table(project, statuses, per_page=args.pages))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Check configuration, pages and catalogs; exit 1 on errors (and on warnings with --strict)."""
    from guidebook.catalogs.checks import run_checks
    from guidebook.japanese.plain_japanese import run_plain_checks
    from guidebook.project.loader import open_project

    project = open_project(args.project)
    problems = run_checks(project, langs=args.lang or None)
    if not args.lang or "ja" in args.lang:
        problems = sorted(problems + run_plain_checks(project), key=lambda p: (p.severity != "error", p.file, p.line))
    for problem in problems:
        print(problem)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"check: {errors} errors, {warnings} warnings")
    return 1 if errors or (args.strict and warnings) else 0


def cmd_add_language(args: argparse.Namespace) -> int:
    """Publish one more language: its settings from CLDR, files to translate and empty catalogs."""
    from guidebook.scaffold.add_language import add_language

    report = add_language(args.project, args.tag)
    lang = report.language
    print(
        f"add-language: {lang.tag} ({lang.english}: {lang.endonym}), direction {lang.direction}, "
        f"script {lang.script}, search {lang.search}; {report.catalogs} catalogs"
    )
    for path in report.written:
        print(f"  wrote {path}")
    print(
        f"next: translate templates/strings/{lang.tag}.yml and languages/{lang.tag}/LC_MESSAGES/*.po, "
        "check the fonts in site_config/languages.yml, then run `guidebook build`"
    )
    return 0


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `guidebook` command."""
    top = argparse.ArgumentParser(prog="guidebook", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    def add(name: str, func: object, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--project", type=Path, default=Path("."), help="project folder (default: .)")
        if name in WITH_UPSTREAM:
            p.add_argument(
                "--upstream",
                type=Path,
                help="national project folder, for a --project that holds only its site_config/ and local/",
            )
        p.set_defaults(func=func)
        return p

    p = add("extract", cmd_extract, "update languages/*.pot and every language's catalogs from content/ja")
    p.add_argument("--all", action="store_true", help="in a municipality's site, national catalogs too")
    p = add(
        "new-municipality",
        cmd_new_municipality,
        "start a municipality's site: site.yml identity, local pages in plain Japanese, catalogs, CI workflow",
    )
    p.add_argument("name", help="the municipality's name in Japanese, e.g. みなと市")
    p.add_argument("--area-code", required=True, help='JIS X 0402 local government code, e.g. "13103"')
    p.add_argument("--name-en", help="the municipality's name in English")
    p.add_argument("--chapter", default="local", help="folder of the local chapter (default: local)")
    p.add_argument("--color", default="#0b6e4f", help="header colour #rrggbb (at least 4.5:1 against white)")
    p.add_argument("--force", action="store_true", help="write over an existing local/ folder and workflow")
    for name, func, text in (
        ("build", cmd_build, "build the site into site/"),
        ("serve", cmd_serve, "build, then serve the site locally"),
    ):
        p = add(name, func, text)
        p.add_argument("--lang", action="append", help="build only this language (repeatable)")
        p.add_argument("--jobs", type=int, default=None, help="parallel language builds (default: CPU count)")
        p.add_argument("--strict", action="store_true", help="fail on warnings")
        if name == "serve":
            p.add_argument("--host", default="127.0.0.1")
            p.add_argument("--port", type=int, default=8000)
            p.add_argument("--no-build", action="store_true", help="serve the existing site/")
    p = add("status", cmd_status, "print translation coverage per language")
    p.add_argument("--lang", action="append", help="only this language (repeatable)")
    p.add_argument("--pages", action="store_true", help="one row per page")
    p = add("check", cmd_check, "check catalogs, and the plain Japanese of the source pages")
    p.add_argument("--lang", action="append", help="only this language (repeatable; ja: the source pages)")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    from guidebook.alerts.cli import add_parser as add_alert_parser

    add_alert_parser(sub)
    p = add("add-language", cmd_add_language, "publish one more language, set up from CLDR")
    p.add_argument("tag", metavar="TAG", help="a BCP 47 language tag CLDR knows, such as uk or fa")
    return top


def combine(fork: Path, upstream: Path) -> Path:
    """Compose a site's own files with the national project (see guidebook.project.overlay) and say where."""
    from guidebook.project.overlay import compose

    combined = compose(fork, upstream)
    print(f"upstream: {fork} over {upstream}, combined in {combined}", file=sys.stderr)
    return combined


def main(argv: list[str] | None = None) -> int:
    """Run the command line; report input problems as file:line: key: message."""
    args = parser().parse_args(argv)
    args.project = args.project.resolve()
    try:
        if getattr(args, "upstream", None) is not None:
            args.project = combine(args.project, args.upstream.resolve())
        return int(args.func(args))
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"guidebook {args.command}: {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
