"""`guidebook new-municipality`: start a municipality's site in a fork of the national project.

Everything it writes belongs to the municipality: site_config/site.yml (rewritten with the
municipality's identity), site_config/logo.svg, local/ (a chapter of local pages in plain
Japanese and their catalogs in every language) and .github/workflows/guidebook-site.yml, a file the
national project never ships. Example values the municipality must replace are marked 【例】, and
addresses on the reserved `.example` domain; `guidebook check` lists those still left.

The text of those files is in files/ next to this module: the local pages (files/pages/, plain
Japanese Markdown with {{ slots }}), site.yml, the logo, furigana.yml and the workflow.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from guidebook.catalogs.extract import run_extract
from guidebook.fsutil import write_if_changed
from guidebook.japanese.readings import LOCAL_FILE
from guidebook.problems import InputError, Problem
from guidebook.project import schema
from guidebook.project.loader import Project, open_project
from guidebook.project.local import CHAPTER_PATTERN, LOCAL_CONTENT
from guidebook.project.municipality import EXAMPLE_MARK, PLACEHOLDER_PHONE, AreaCode, HeaderColour

PLACEHOLDER_SITE = "https://www.municipality.example/"
PLACEHOLDER_BASE_URL = "https://guidebook.municipality.example/"
WORKFLOW = ".github/workflows/guidebook-site.yml"
DEFAULT_COLOR = "#0b6e4f"
# The local pages, in files/pages/<slug>.md.j2.
LOCAL_PAGES = ("index", "consultation", "city-office", "garbage-calendar", "shelters")

OFFICES = {
    "市": "市役所",
    "区": "区役所",
    "町": "町役場",
    "村": "村役場",
    "都": "都庁",
    "道": "道庁",
    "府": "府庁",
    "県": "県庁",
}

# The national pages the local pages link to, by the name the page files use (`national.work`).
NATIONAL_PAGES = {
    "work": "work/labour-consultation",
    "office": "city-office/index",
    "garbage": "daily-life/garbage",
    "evacuation": "disaster/evacuation",
}


def in_quotes(value: str) -> str:
    """Return value escaped for the inside of a double-quoted YAML scalar (`title: "{{ name | in_quotes }}"`)."""
    return value.replace("\\", "\\\\").replace('"', '\\"')


# The files the scaffold writes, in files/: *.j2 are Jinja templates (plain text, nothing is escaped;
# a missing value is an error), the others are copied as they are.
SCAFFOLD_FILES = Path(__file__).parent / "files"
FILES = Environment(
    loader=FileSystemLoader(SCAFFOLD_FILES),
    autoescape=False,
    undefined=StrictUndefined,
    trim_blocks=True,
    keep_trailing_newline=True,
)
FILES.filters["in_quotes"] = in_quotes


@dataclass
class ScaffoldReport:
    """What `new-municipality` wrote."""

    written: list[str] = field(default_factory=list)
    catalogs: list[str] = field(default_factory=list)


def office_name(name: str) -> str:
    """Return the name of the municipality's office: みなと市 → みなと市役所, 山川町 → 山川町役場, 青葉県 → 青葉県庁."""
    for suffix, office in OFFICES.items():
        if name.endswith(suffix):
            return name[: -len(suffix)] + office
    return name + "の 役所"


def scaffold_problems(
    root: Path, name: str, area_code: str, name_en: str | None, chapter: str, color: str, force: bool
) -> list[Problem]:
    """Check the command's arguments and the folders it would write, before anything is written."""
    problems: list[Problem] = []
    ctx = schema.Context("new-municipality")
    AreaCode().check(argument(area_code), "--area-code", ctx)
    HeaderColour().check(argument(color), "--color", ctx)
    problems += [Problem(p.file, 0, p.key, p.message) for p in ctx.problems]
    if not name.strip() or "\n" in name:
        problems.append(Problem("new-municipality", 0, "NAME", f"expected the municipality's name, got {name!r}"))
    if name_en is not None and (not name_en.strip() or "\n" in name_en):
        problems.append(Problem("new-municipality", 0, "--name-en", f"expected a name, got {name_en!r}"))
    if not re.fullmatch(CHAPTER_PATTERN, chapter):
        problems.append(Problem("new-municipality", 0, "--chapter", f"expected a chapter folder name, got {chapter!r}"))
    if not force:
        for path in ("local", WORKFLOW):
            if (root / path).exists():
                problems.append(
                    Problem(path, 0, "", "already exists; nothing was replaced (--force writes the new files over it)")
                )
    return problems


def argument(value: str) -> yaml.ScalarNode:
    """Return a command-line argument as a YAML string node, to check it with the site.yml schema."""
    mark = yaml.Mark("command line", 0, 0, 0, "", 0)
    return yaml.ScalarNode("tag:yaml.org,2002:str", value, mark, mark)


def new_municipality(
    root: Path,
    name: str,
    area_code: str,
    name_en: str | None = None,
    chapter: str = "local",
    color: str = DEFAULT_COLOR,
    force: bool = False,
    today: dt.date | None = None,
) -> ScaffoldReport:
    """Write a municipality's site.yml, logo, local pages, their catalogs and CI workflow; raise if any input is bad."""
    project = open_project(root)  # the national project must be whole before anything is written
    problems = scaffold_problems(root, name, area_code, name_en, chapter, color, force)
    if chapter in project.config.national_chapters or chapter in {p.chapter for p in project.pages if not p.is_local}:
        problems.append(
            Problem("new-municipality", 0, "--chapter", f"expected a name no national chapter has, got {chapter!r}")
        )
    if project.config.municipality is not None and not force:
        problems.append(
            Problem(
                "site_config/site.yml", 0, "municipality", "already set; nothing was replaced (--force rewrites it)"
            )
        )
    if problems:
        raise InputError(problems)
    report = ScaffoldReport()
    for path, text in planned_files(project, name, area_code, name_en, chapter, color, today or dt.date.today()):
        write_if_changed(root / path, text.encode("utf-8"))
        report.written.append(path)
    project = open_project(root)
    extracted = run_extract(project, pages=project.local_pages)
    report.catalogs = extracted.templates_written + extracted.catalogs_written
    return report


def lists_languages(project: Project) -> bool:
    """Return whether the national site.yml lists its languages (a municipality's site.yml then lists them too).

    Without a list, the site publishes every national language, including those added later.
    """
    site = yaml.safe_load((project.root / "site_config" / "site.yml").read_text(encoding="utf-8")) or {}
    return bool(site.get("languages"))


def planned_files(
    project: Project, name: str, area_code: str, name_en: str | None, chapter: str, color: str, today: dt.date
) -> list[tuple[str, str]]:
    """Return (path, text) of every file the scaffold writes."""
    config = project.config
    site_yml = FILES.get_template("site.yml.j2").render(
        name=name,
        national_name=config.name,
        base_url=PLACEHOLDER_BASE_URL,
        languages=[lang.tag for lang in config.languages],
        languages_listed=lists_languages(project),
        municipality_name={"ja": name, **({"en": name_en} if name_en else {})},
        area_code=area_code,
        color=color.lower(),
        phone=PLACEHOLDER_PHONE,
        site=PLACEHOLDER_SITE,
        chapter=chapter,
    )
    titles = {p.slug: p.title for p in project.pages}
    values = {
        "name": name,
        "office": office_name(name),
        "mark": EXAMPLE_MARK,
        "phone": PLACEHOLDER_PHONE,
        "site": PLACEHOLDER_SITE,
        "today": today.isoformat(),
        "national": {
            key: {"title": titles[slug], "slug": slug} if slug in titles else None
            for key, slug in NATIONAL_PAGES.items()
        },
    }
    files = [
        ("site_config/site.yml", site_yml),
        ("site_config/logo.svg", FILES.get_template("logo.svg.j2").render(color=color.lower())),
    ]
    for slug in LOCAL_PAGES:
        files.append((f"{LOCAL_CONTENT}/{chapter}/{slug}.md", FILES.get_template(f"pages/{slug}.md.j2").render(values)))
    files.append((LOCAL_FILE, (SCAFFOLD_FILES / "furigana.yml").read_text(encoding="utf-8")))
    files.append((WORKFLOW, FILES.get_template("workflow.yml.j2").render(name=name)))
    return files
