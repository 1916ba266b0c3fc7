"""A project: the folder with content/, languages/, templates/, site_config/, mkdocs.yml and optionally local/."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guidebook.problems import InputError, Problem
from guidebook.project import local, schema
from guidebook.project.alert_templates import AlertTemplates, load_templates
from guidebook.project.languages import SEGMENTATIONS, SOURCE_TAG, TAG_PATTERN, Language, make_language
from guidebook.project.municipality import Municipality, MunicipalityType, file_problems, site_name
from guidebook.project.pages import SourcePage, discover
from guidebook.project.segments import extract, parser

TAG = re.compile(TAG_PATTERN)

LANGUAGES_SCHEMA = schema.Record(
    languages=schema.MapOf(
        schema.Record(
            endonym=schema.Field(schema.Str(), required=False),
            direction=schema.Field(schema.Choice("ltr", "rtl"), required=False),
            fonts=schema.Str(),
            search=schema.Choice(*SEGMENTATIONS),
        ),
        key_check=lambda key: bool(TAG.fullmatch(key)),
        key_expected="a BCP 47 language tag such as en, pt-BR or zh-Hans",
    )
)

# A JIS X 0401 prefecture code (2 digits) or JIS X 0402 municipality code (5 digits, or 6 with its check digit).
AREA_CODE = schema.Str(r"[0-9]{2}|[0-9]{5,6}", "a JIS prefecture (2 digits) or municipality code (5 or 6 digits)")

SITE_SCHEMA = schema.Record(
    name=schema.MapOf(schema.Str(), key_check=lambda key: bool(TAG.fullmatch(key)), key_expected="a language tag"),
    base_url=schema.Str(r"https?://[^\s]+/", "an http(s) URL ending with /"),
    languages=schema.Field(
        schema.ListOf(schema.Str(TAG_PATTERN, "a BCP 47 language tag"), min_items=1), required=False, default=[]
    ),
    alert_areas=schema.Field(schema.ListOf(AREA_CODE), required=False, default=[]),
    alert_statuses=schema.Field(
        schema.ListOf(schema.Choice("Actual", "Exercise", "Test"), min_items=1), required=False, default=["Actual"]
    ),
    alert_min_intensity=schema.Field(
        schema.Choice("1", "2", "3", "4", "5-", "5+", "6-", "6+", "7"), required=False, default="5-"
    ),
    local_chapters=schema.Field(schema.ListOf(local.PlacementType()), required=False, default=[]),
    municipality=schema.Field(MunicipalityType(), required=False),
)


@dataclass
class SiteConfig:
    """What an operator sets in site_config/: site name, URL, languages; and the chapter order.

    chapters: every chapter folder in navigation order: the national ones (content/chapters.yml)
      with the site's local chapters placed among them (`local_chapters`).
    national_chapters: the chapters of content/chapters.yml, each with its line there.
    municipality: the identity of a municipality's site, or None for the national site.
    alert_areas: JIS codes of the areas whose alerts this site shows (empty: every area).
    alert_statuses: CAP statuses shown to readers (Actual; Exercise or Test only when asked).
    alert_min_intensity: the lowest seismic intensity an agency telegram shows a banner for (default 5-).
    """

    name: dict[str, str]
    base_url: str
    languages: list[Language]
    chapters: list[str]
    alert_areas: list[str] = field(default_factory=list)
    alert_statuses: list[str] = field(default_factory=lambda: ["Actual"])
    local_chapters: list[local.Placement] = field(default_factory=list)
    national_chapters: dict[str, int] = field(default_factory=dict)
    municipality: Municipality | None = None
    alert_min_intensity: str = "5-"

    def site_name(self, tag: str) -> str:
        """Return the site name in a language, falling back to English then plain Japanese.

        A municipality's site adds its name: "<national name> — <municipality name>".
        """
        national = self.name.get(tag) or self.name.get("en") or self.name[SOURCE_TAG]
        return site_name(national, self.municipality, tag)

    def language(self, tag: str) -> Language:
        """Return an enabled language by tag."""
        for lang in self.languages:
            if lang.tag == tag:
                return lang
        raise KeyError(tag)


@dataclass
class Project:
    """Paths of a project and its validated configuration and pages."""

    root: Path
    config: SiteConfig
    pages: list[SourcePage] = field(default_factory=list)
    alert_templates: AlertTemplates | None = None

    @property
    def translation_sources(self) -> list[SourcePage | AlertTemplates]:
        """Return everything translated through catalogs: the pages, then the alert templates if any."""
        return [*self.pages, *([self.alert_templates] if self.alert_templates else [])]

    @property
    def content_dir(self) -> Path:
        """Return the folder of plain-Japanese source pages."""
        return self.root / "content" / SOURCE_TAG

    @property
    def languages_dir(self) -> Path:
        """Return the folder of catalogs."""
        return self.root / "languages"

    @property
    def templates_dir(self) -> Path:
        """Return the mkdocs-material custom_dir."""
        return self.root / "templates"

    @property
    def build_dir(self) -> Path:
        """Return the scratch folder for generated docs and per-language builds."""
        return self.root / "build"

    @property
    def site_dir(self) -> Path:
        """Return the published site folder."""
        return self.root / "site"

    @property
    def local_content_dir(self) -> Path:
        """Return the folder of a municipality's own plain-Japanese pages (optional)."""
        return self.root / local.LOCAL_CONTENT

    @property
    def local_languages_dir(self) -> Path:
        """Return the folder of the catalogs of local pages."""
        return self.root / local.LOCAL_LANGUAGES

    def catalogs_dir(self, page: SourcePage | AlertTemplates) -> Path:
        """Return the folder of a page's catalogs: languages/ for national pages, local/languages/ for local ones."""
        return self.local_languages_dir if page.origin == local.LOCAL else self.languages_dir

    def template_path(self, page: SourcePage | AlertTemplates) -> Path:
        """Return languages/<domain>.pot (local/languages/ for a local page)."""
        return self.catalogs_dir(page) / f"{page.domain}.pot"

    def catalog_path(self, page: SourcePage | AlertTemplates, tag: str) -> Path:
        """Return languages/<tag>/LC_MESSAGES/<domain>.po (local/languages/… for a local page)."""
        return self.catalogs_dir(page) / tag / "LC_MESSAGES" / f"{page.domain}.po"

    @property
    def catalog_folders(self) -> list[Path]:
        """Return every folder of catalogs: languages/ and local/languages/."""
        return [self.languages_dir, self.local_languages_dir]

    @property
    def local_pages(self) -> list[SourcePage]:
        """Return the pages of local/content/ja/."""
        return [p for p in self.pages if p.origin == local.LOCAL]

    def rel(self, path: Path) -> str:
        """Return a path relative to the project, for messages."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    @property
    def translations(self) -> list[Language]:
        """Return the enabled languages other than the source."""
        return [lang for lang in self.config.languages if not lang.is_source]


def load_config(root: Path, problems: list[Problem]) -> SiteConfig | None:
    """Validate site_config/site.yml and site_config/languages.yml together."""
    site_file = root / "site_config" / "site.yml"
    langs_file = root / "site_config" / "languages.yml"
    for f in (site_file, langs_file):
        if not f.is_file():
            problems.append(Problem(_rel(root, f), 0, "", "missing file"))
    if problems:
        return None
    site = schema.load(site_file, SITE_SCHEMA, _rel(root, site_file), problems)
    defs = schema.load(langs_file, LANGUAGES_SCHEMA, _rel(root, langs_file), problems)
    if site is None or defs is None:
        return None
    languages: list[Language] = []
    node = schema.compose(site_file.read_text(encoding="utf-8"), _rel(root, site_file), [])
    lines = _list_lines(node, "languages")
    # Without a `languages` list, the site publishes every language of languages.yml in its order, so
    # a language added nationally reaches every fork with no edit to the fork's own site.yml.
    tags = list(site["languages"]) or list(defs["languages"])
    for i, tag in enumerate(tags):
        line = lines[i] if i < len(lines) else 0
        if tag not in defs["languages"]:
            problems.append(
                Problem(
                    _rel(root, site_file),
                    line,
                    f"languages[{i}]",
                    f"expected a language defined in site_config/languages.yml, got {tag!r}",
                )
            )
            continue
        d: dict[str, Any] = defs["languages"][tag]
        try:
            languages.append(make_language(tag, d["endonym"], d["fonts"], d["search"], d["direction"]))
        except ValueError as exc:
            problems.append(Problem(_rel(root, langs_file), 0, f"languages.{tag}", str(exc)))
    if SOURCE_TAG not in tags:
        problems.append(
            Problem(_rel(root, site_file), 0, "languages", f"expected {SOURCE_TAG!r} (the source) in the list")
        )
    if SOURCE_TAG not in site["name"]:
        problems.append(Problem(_rel(root, site_file), 0, "name", f"expected a name in {SOURCE_TAG!r}"))
    chapters = local.load_national_chapters(root, problems)
    problems.extend(file_problems(root, site["municipality"], _rel(root, site_file)))
    if problems or chapters is None:
        return None
    return SiteConfig(
        site["name"],
        site["base_url"],
        languages,
        list(chapters),
        list(site["alert_areas"]),
        list(site["alert_statuses"]),
        site["local_chapters"],
        chapters,
        site["municipality"],
        str(site["alert_min_intensity"]),
    )


def _list_lines(node: Any, key: str) -> list[int]:
    if node is None:
        return []
    for k, v in getattr(node, "value", []):
        if getattr(k, "value", None) == key:
            return [item.start_mark.line + 1 for item in getattr(v, "value", [])]
    return []


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def open_project(root: Path) -> Project:
    """Load and validate a project's configuration and pages; raise InputError listing every problem."""
    problems: list[Problem] = []
    if not (root / "content" / SOURCE_TAG).is_dir():
        problems.append(Problem(_rel(root, root / "content" / SOURCE_TAG), 0, "", "missing folder of source pages"))
    config = load_config(root, problems)
    pages = discover(root / "content" / SOURCE_TAG, root, problems) if not problems else []
    if config is not None:
        chapters_seen = {p.chapter for p in pages if p.chapter}
        for chapter in sorted(chapters_seen - set(config.chapters)):
            problems.append(
                Problem(
                    local.CHAPTERS_FILE, 0, "chapters", f"expected every chapter folder listed; missing {chapter!r}"
                )
            )
        pages += add_local_pages(root, config, pages, problems)
    problems.extend(broken_links(pages))
    templates = None
    try:
        templates = load_templates(root)
    except InputError as exc:
        problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    assert config is not None
    return Project(root, config, pages, templates)


GENERATED_PAGES = {"status", "whats-new"}


def broken_links(pages: list[SourcePage]) -> list[Problem]:
    """Report links between pages that point to no page."""
    slugs = {p.slug for p in pages} | GENERATED_PAGES
    out = []
    for page in pages:
        for line, target in internal_links(page):
            path = target.split("#", 1)[0]
            if not path:
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.slug), path))
            if not path.endswith(".md") or resolved.removesuffix(".md") not in slugs:
                out.append(Problem(page.file, line, "link", f"expected a page of content/ja (….md), got {target!r}"))
    return out


def internal_links(page: SourcePage) -> list[tuple[int, str]]:
    """Return (line, target) of every link in a page's segments that is not to another site."""
    out = []
    for seg in extract(page):
        stack = list(parser().parseInline(seg.msgid))
        while stack:
            tok = stack.pop()
            stack.extend(tok.children or [])
            href = str(tok.attrs.get("href", "")) if tok.type == "link_open" else ""
            if href and not re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", href):
                out.append((seg.line, href))
    return sorted(out)


def add_local_pages(
    root: Path, config: SiteConfig, national: list[SourcePage], problems: list[Problem]
) -> list[SourcePage]:
    """Read local/content/ja and place its chapters among the national ones in config.chapters."""
    found = local.discover_local(root, problems)
    problems.extend(local.clashes(config.national_chapters, national, found))
    config.chapters, placed = local.chapter_order(
        config.national_chapters, config.local_chapters, found, "site_config/site.yml"
    )
    problems.extend(placed)
    return found
