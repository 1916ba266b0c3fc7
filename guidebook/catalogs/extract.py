"""`guidebook extract`: segment every source page into its template and merge it into each catalog."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from guidebook.catalogs import po as catalogs
from guidebook.fsutil import write_if_changed
from guidebook.problems import InputError, Problem
from guidebook.project.alert_templates import AlertTemplates, source_segments
from guidebook.project.loader import Project
from guidebook.project.pages import SourcePage


@dataclass
class ExtractReport:
    """What `extract` wrote."""

    templates_written: list[str] = field(default_factory=list)
    catalogs_written: list[str] = field(default_factory=list)
    segments: int = 0


def read_catalogs(project: Project, tags: list[str] | None = None) -> dict[tuple[str, str], Catalog]:
    """Read and check every existing catalog of every enabled language (or of tags); raise on any problem."""
    problems: list[Problem] = []
    out: dict[tuple[str, str], Catalog] = {}
    languages = [lang for lang in project.translations if tags is None or lang.tag in tags]
    for lang in languages:
        for page in project.translation_sources:
            path = project.catalog_path(page, lang.tag)
            if path.exists():
                cat = catalogs.read(path, project.rel(path), problems, locale=lang.tag)
                if cat is not None:
                    out[(lang.tag, page.slug)] = cat
    known = {project.catalog_path(p, lang.tag) for p in project.translation_sources for lang in languages}
    for lang, base in ((lang, base) for lang in languages for base in project.catalog_folders):
        folder = base / lang.tag / "LC_MESSAGES"
        for po in sorted(folder.glob("*.po")) if folder.is_dir() else []:
            if po not in known and po.name != "ui.po":
                problems.append(
                    Problem(project.rel(po), 0, "", "catalog of no source page; rename it to match a page or delete it")
                )
    if problems:
        raise InputError(problems)
    return out


def run_extract(
    project: Project, progress: bool = False, pages: Sequence[SourcePage | AlertTemplates] | None = None
) -> ExtractReport:
    """Write every page's template (or only those of pages) and merge it into every language's catalog."""
    existing = read_catalogs(project)  # all checked before anything is written
    report = ExtractReport()
    planned: list[tuple[Path, bytes, bool]] = []
    for page in project.translation_sources if pages is None else pages:
        segs = source_segments(page)
        report.segments += len(segs)
        tmpl = catalogs.template(page.domain, segs, page.file, page.reviewed)
        planned.append((project.template_path(page), catalogs.dump(tmpl, is_template=True), True))
        for lang in project.translations:
            merged = catalogs.merge(tmpl, existing.get((lang.tag, page.slug)), lang.tag)
            planned.append((project.catalog_path(page, lang.tag), catalogs.dump(merged), False))
    for path, data, is_tmpl in planned:
        if write_if_changed(path, data):
            (report.templates_written if is_tmpl else report.catalogs_written).append(project.rel(path))
    return report
