"""`guidebook build`: render every language's pages and build them into one static site.

The build reads as a list of phases, each a function of what the previous ones produced:
read (config, pages, alerts, segments), languages (for each language, in parallel forked
processes: read and check its catalogs, render its Markdown tree, build it with mkdocs-material
unless its inputs are unchanged since the last build), assemble (language chooser, sitemap) and
publish (swap the finished site into place, so a failed or interrupted build leaves the previous
site whole). A catalog problem in any language stops the build before anything is published and
is reported together with every other problem of every catalog.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from mkdocs.utils.yaml import yaml_load

from guidebook.alerts.model import read_alerts
from guidebook.alerts.site import language_banner, publish_alerts, utc_now
from guidebook.catalogs.extract import read_catalogs
from guidebook.catalogs.po import entries
from guidebook.catalogs.status import LanguageStatus, language_status
from guidebook.fsutil import publish_lock, write_if_changed
from guidebook.japanese.furigana import with_furigana
from guidebook.japanese.readings import LOCAL_FILE as LOCAL_READINGS
from guidebook.japanese.readings import load_overrides
from guidebook.problems import InputError, Problem
from guidebook.project.languages import Language
from guidebook.project.loader import Project
from guidebook.project.municipality import with_identity
from guidebook.project.pages import SourcePage
from guidebook.project.segments import Segment, extract
from guidebook.search.layers import SearchLayers, search_layers
from guidebook.site.assemble import assemble as assemble_site
from guidebook.site.hosting import compress_site, write_hosting
from guidebook.site.render import Rendered, render
from guidebook.site.status_page import status_markdown
from guidebook.site.whatsnew import PAGE_SLUG, write_channels
from guidebook.strings import load_strings

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    """What a build did and how long each phase took."""

    languages: list[str] = field(default_factory=list)
    pages: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    status: dict[str, LanguageStatus] = field(default_factory=dict)
    built: list[str] = field(default_factory=list)


@dataclass
class LanguageDocs:
    """One language's rendered docs tree and the nav and overrides its mkdocs build needs."""

    lang: Language
    docs_dir: Path
    out_dir: Path
    overrides: dict[str, Any]
    inputs: str = ""

    @property
    def stamp(self) -> Path:
        """Return the file that records the inputs of the last successful build of this language."""
        return self.out_dir.with_name(f"{self.out_dir.name}.inputs")


def _quiet(_: str) -> None:
    return None


def build_site(
    project: Project,
    only: list[str] | None = None,
    jobs: int | None = None,
    progress: Progress = _quiet,
) -> BuildReport:
    """Build the site into project.site_dir; raise InputError before publishing if any input is bad."""
    report = BuildReport()
    clock = time.perf_counter()
    alerts = read_alerts(project)
    load_overrides(project.root)  # furigana readings: report their problems before anything is written
    segments = {page.slug: extract(page) for page in project.pages}
    languages = [lang for lang in project.config.languages if not only or lang.tag in only]
    layers = search_layers(project, segments)  # romaji, own-script and synonym search words of every page
    shared = _Shared(project, segments, alerts, utc_now(), generator_fingerprint(project), layers)
    report.timings["read"] = time.perf_counter() - clock
    progress(f"read {len(project.pages)} pages; building {len(languages)} languages")

    clock = time.perf_counter()
    results = run_languages(shared, languages, jobs or os.cpu_count() or 1, progress)
    report.timings["languages"] = time.perf_counter() - clock
    report.status = {
        lang.tag: status for lang in project.translations if (status := results[lang.tag].status) is not None
    }
    report.built = [lang.tag for lang in languages if results[lang.tag].built]
    report.warnings = [w for lang in languages for w in results[lang.tag].warnings]

    clock = time.perf_counter()
    stage = project.build_dir / f".stage-{os.getpid()}"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    try:
        for lang in languages:  # hard links: the published site shares files with the build cache
            shutil.copytree(project.build_dir / "out" / lang.tag, stage / lang.tag, copy_function=os.link)
        if only and project.site_dir.is_dir():
            for child in project.site_dir.iterdir():
                if child.is_dir() and child.name not in only and not (stage / child.name).exists():
                    shutil.copytree(child, stage / child.name, copy_function=os.link)
        assemble_site(project, stage, report.status)
        write_hosting(project.config.base_url, stage)
        compress_site(stage)
        report.timings["assemble"] = time.perf_counter() - clock
        with publish_lock(project.build_dir):
            # Alerts as they are on disk now: one published while this build ran is kept.
            publish_alerts(project, read_alerts(project), stage, utc_now())
            publish(stage, project.site_dir)
    finally:
        if stage.exists():
            shutil.rmtree(stage)
    report.languages = [lang.tag for lang in languages]
    report.pages = len(project.pages) * len(languages)
    return report


def publish(stage: Path, site: Path) -> None:
    """Replace site with stage in two renames; the old site stays whole until the new one is ready."""
    old = site.with_name(f"{site.name}.old-{os.getpid()}")
    if site.exists():
        os.replace(site, old)
    os.replace(stage, site)
    if old.exists():
        shutil.rmtree(old)


def render_language(
    project: Project,
    lang: Language,
    segments: dict[str, list[Segment]],
    cats: dict[tuple[str, str], Catalog],
    statuses: dict[str, LanguageStatus],
    report: BuildReport,
    fingerprint: str = "",
    layers: SearchLayers | None = None,
) -> LanguageDocs:
    """Write one language's Markdown tree and return what its mkdocs build needs."""
    docs_root = project.build_dir / "docs" / lang.tag
    docs = docs_root / lang.tag
    if docs_root.exists():
        shutil.rmtree(docs_root)
    rendered: dict[str, Rendered] = {}
    digest = hashlib.sha256((fingerprint or generator_fingerprint(project)).encode())
    for page in project.pages:
        cat = cats.get((lang.tag, page.slug))
        extra = layers.words(page.slug, lang.tag) if layers is not None else None
        result = render(page, entries(cat) if cat is not None else {}, lang, segments[page.slug], extra)
        rendered[page.slug] = result
        for line, reason in result.rejected:
            path = project.catalog_path(page, lang.tag)
            report.warnings.append(
                Problem(project.rel(path), 0, f"{lang.tag}:{page.file}:{line}", f"translation not published: {reason}")
            )
        write_if_changed(docs / f"{page.slug}.md", result.markdown.encode("utf-8"))
        digest.update(page.slug.encode() + b"\0" + result.markdown.encode("utf-8"))
    strings = load_strings(project.templates_dir, lang.tag)
    status = status_markdown(project, lang, statuses, strings)
    write_if_changed(docs / "status.md", status.encode("utf-8"))
    channels = write_channels(project, lang, rendered, strings, docs)  # what's new and Atom feeds
    overrides = mkdocs_overrides(project, lang, rendered, strings, docs_root)
    overrides["extra"]["gb"]["feeds"] = [feed.as_link() for feed in channels.feeds]
    digest.update("".join(channels.files.values()).encode("utf-8"))
    overrides = with_identity(project.root, project.config.municipality, lang, docs, overrides)
    digest.update(status.encode("utf-8") + json.dumps(overrides, sort_keys=True, default=str).encode())
    return LanguageDocs(lang, docs_root, project.build_dir / "out" / lang.tag, overrides, digest.hexdigest())


def generator_fingerprint(project: Project) -> str:
    """Return a hash of everything besides a language's pages that its build depends on."""
    digest = hashlib.sha256()
    roots = [Path(__file__).parent, project.templates_dir]
    files = [p for root in roots for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    files += [project.root / "mkdocs.yml", *sorted((project.root / "site_config").rglob("*.yml"))]
    files += [project.root / LOCAL_READINGS]
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def navigation(project: Project, rendered: dict[str, Rendered]) -> list[Any]:
    """Return the nav: home, then each chapter (index first, pages by order), then what's new and status."""
    by_chapter: dict[str, list[SourcePage]] = {}
    for page in project.pages:
        by_chapter.setdefault(page.chapter, []).append(page)
    nav: list[Any] = ["index.md"] if any(p.slug == "index" for p in project.pages) else []
    for chapter in project.config.chapters:
        pages = by_chapter.get(chapter, [])
        if not pages:
            continue
        pages.sort(key=lambda p: (not p.is_index, int(str(p.meta.get("order", 100))), p.slug))
        index = next((p for p in pages if p.is_index), None)
        title = _title(rendered[index.slug]) if index else chapter
        nav.append({title: [f"{p.slug}.md" for p in pages]})
    nav.append(f"{PAGE_SLUG}.md")
    nav.append("status.md")
    return nav


def _title(result: Rendered) -> str:
    front = result.markdown.split("---\n", 2)[1]
    data = yaml_load(front) or {}
    return str(data.get("title", ""))


def mkdocs_overrides(
    project: Project, lang: Language, rendered: dict[str, Rendered], strings: dict[str, str], docs_root: Path
) -> dict[str, Any]:
    """Return the options that make the base mkdocs.yml into this language's site."""
    base = yaml_load((project.root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    theme = dict(base.get("theme") or {"name": "material"})
    theme["custom_dir"] = str(project.templates_dir.resolve())
    theme["language"] = lang.tag
    if lang.direction == "rtl":
        theme["direction"] = "rtl"
    plugins: list[Any] = []
    for plugin in base.get("plugins") or []:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name not in ("i18n", "guidebook-i18n", "guidebook"):
            plugins.append(plugin)
    plugins.append(
        {
            "guidebook-i18n": {
                "docs_structure": "folder",
                "build_only_locale": lang.tag,
                "reconfigure_search": False,
                "languages": [
                    {"locale": other.tag, "name": other.endonym, "link": f"/{other.tag}/", "default": other is lang}
                    for other in project.config.languages
                ],
            }
        }
    )
    plugins.append(
        {
            "guidebook": {
                "search_lang": lang.tag,
                "search_mode": lang.search,
                "direction": lang.direction,
                "cache_dir": str((project.build_dir / "cache").resolve()),
            }
        }
    )
    plugins[-1] = with_furigana(plugins[-1], project.root, lang)
    extra = dict(base.get("extra") or {})
    extra["alternate"] = True
    extra["gb"] = {
        "tag": lang.tag,
        "direction": lang.direction,
        "fonts": lang.fonts,
        "root": project.config.base_url,
        "strings": strings,
        "languages": [{"tag": o.tag, "endonym": o.endonym} for o in project.config.languages],
    }
    return {
        "site_name": project.config.name.get(lang.tag)
        or strings.get("home.title")
        or project.config.site_name(lang.tag),
        "site_url": f"{project.config.base_url}{lang.tag}/",
        "docs_dir": str(docs_root.resolve()),
        "site_dir": str((project.build_dir / "out" / lang.tag).resolve()),
        "theme": theme,
        "plugins": plugins,
        "nav": navigation(project, rendered),
        "extra": extra,
        "strict": False,
    }


def _build_one(config_file: str, overrides: dict[str, Any]) -> tuple[str, float, list[str]]:
    """Build one language with mkdocs in this (worker) process; return its warnings."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                messages.append(record.getMessage())

    handler = Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    start = time.perf_counter()
    try:
        cfg = load_config(config_file=config_file, **overrides)
        build(cfg)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return overrides["theme"]["language"], time.perf_counter() - start, messages


@dataclass
class _Shared:
    """What every language's build reads; forked workers inherit it instead of receiving a copy."""

    project: Project
    segments: dict[str, list[Segment]]
    alerts: list[Any]
    now: Any
    fingerprint: str
    layers: SearchLayers | None = None


@dataclass
class LanguageResult:
    """What one language's build sends back: its coverage, problems, warnings and timings."""

    tag: str
    status: LanguageStatus | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    built: bool = False
    seconds: dict[str, float] = field(default_factory=dict)


_SHARED: _Shared | None = None


def build_language(shared: _Shared, tag: str, build: bool = True) -> LanguageResult:
    """Read, check and render one language, then build it with mkdocs unless its inputs are unchanged.

    With build false, only read its catalogs and return its coverage (for the root status page).
    """
    project = shared.project
    lang = project.config.language(tag)
    result = LanguageResult(tag)
    clock = time.perf_counter()
    cats: dict[tuple[str, str], Catalog] = {}
    if not lang.is_source:
        try:
            cats = read_catalogs(project, [tag])
        except InputError as err:
            result.problems = err.problems
            return result
        result.status = language_status(tag, project.pages, shared.segments, cats)
    result.seconds["read"] = time.perf_counter() - clock
    if not build:
        return result
    clock = time.perf_counter()
    statuses = {tag: result.status} if result.status else {}
    report = BuildReport()
    tree = render_language(project, lang, shared.segments, cats, statuses, report, shared.fingerprint, shared.layers)
    banner = language_banner(project, shared.alerts, lang, shared.now)
    tree.overrides["extra"]["gb"]["alerts_html"] = banner
    tree.inputs = hashlib.sha256((tree.inputs + banner).encode("utf-8")).hexdigest()
    result.warnings = report.warnings
    result.seconds["render"] = time.perf_counter() - clock
    if tree.out_dir.is_dir() and tree.stamp.is_file() and tree.stamp.read_text() == tree.inputs:
        return result
    tree.stamp.unlink(missing_ok=True)
    if tree.out_dir.exists():
        shutil.rmtree(tree.out_dir)
    config_file = str((project.root / "mkdocs.yml").resolve())
    _, result.seconds["site"], result.messages = _build_one(config_file, tree.overrides)
    compress_site(tree.out_dir)
    tree.stamp.write_text(tree.inputs)
    result.built = True
    return result


def _language_job(tag: str, build: bool) -> LanguageResult:
    assert _SHARED is not None, "workers are forked after the shared inputs are set"
    return build_language(_SHARED, tag, build)


def run_languages(
    shared: _Shared, languages: list[Language], jobs: int, progress: Progress
) -> dict[str, LanguageResult]:
    """Build every language in parallel forked processes; return each language's result.

    Languages outside `languages` are only read, for their coverage. On the first catalog problem
    the remaining work is cancelled and every catalog is read once more here, so the error lists
    every problem of every language.
    """
    global _SHARED
    project = shared.project
    tags = [lang.tag for lang in languages]
    todo = [(lang.tag, lang.tag in tags) for lang in project.config.languages if lang.tag in tags or not lang.is_source]
    todo.sort(key=lambda item: (not item[1], item[0] != project.config.languages[0].tag))  # the source (furigana) first
    # Import the theme and plugins once here; forked workers inherit them instead of importing again.
    import material  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs_static_i18n.plugin  # noqa: F401

    import guidebook.site.mkdocs_plugin  # noqa: F401

    results: dict[str, LanguageResult] = {}
    failures: list[str] = []
    problems = False
    _SHARED = shared
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo))), mp_context=context) as pool:
            futures = {pool.submit(_language_job, tag, build): tag for tag, build in todo}
            done = 0
            for fut in as_completed(futures):
                tag = futures[fut]
                try:
                    result = fut.result()
                except Exception as exc:  # noqa: BLE001 - report which language failed, then stop
                    failures.append(f"{tag}: {exc}")
                    continue
                results[tag] = result
                if result.problems:
                    problems = True
                    pool.shutdown(wait=True, cancel_futures=True)
                    break
                if tag not in tags:
                    continue
                done += 1
                for msg in result.messages:
                    progress(f"  {tag}: warning: {msg}")
                phases = ", ".join(f"{k} {v:.1f}s" for k, v in result.seconds.items())
                verb = "built" if result.built else "unchanged, kept"
                progress(f"{verb} {tag} ({done}/{len(tags)}): {phases}")
    finally:
        _SHARED = None
    if problems:
        read_catalogs(project)  # raises InputError with the problems of every catalog
        raise InputError([p for r in results.values() for p in r.problems])
    if failures:
        raise RuntimeError("mkdocs build failed:\n" + "\n".join(failures))
    return results
