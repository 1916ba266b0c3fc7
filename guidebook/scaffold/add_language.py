"""`guidebook add-language TAG`: publish one more language with no code change.

A language is one entry in site_config/languages.yml (and its tag in site.yml `languages`, if the site lists
them), and its catalog folder. This scaffolds all of it from CLDR (through Babel): the endonym and text direction,
a system font stack for the language's script, and the way search splits its words. It also copies
the interface strings to translate, and mkdocs-material's interface strings when the theme has none
for the language. Every page starts untranslated and shows its plain-Japanese source until
translators fill the new catalogs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel import Locale
from babel.core import get_global

from guidebook.catalogs.extract import run_extract
from guidebook.problems import InputError, Problem
from guidebook.project.languages import TAG_PATTERN, cldr_names
from guidebook.project.loader import Project, open_project

LANGUAGES_FILE = "site_config/languages.yml"
SITE_FILE = "site_config/site.yml"
SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif'
# A system font stack per ISO 15924 script, with Noto fallbacks; no web font is ever requested.
SCRIPT_FONTS = {
    "Arab": '"Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma, "Geeza Pro", sans-serif',
    "Armn": '"Noto Sans Armenian", "Segoe UI", Arial, sans-serif',
    "Beng": '"Noto Sans Bengali", "Nirmala UI", "Kohinoor Bangla", Vrinda, sans-serif',
    "Deva": '"Noto Sans Devanagari", "Nirmala UI", "Kohinoor Devanagari", Mangal, sans-serif',
    "Ethi": '"Noto Sans Ethiopic", "Nyala", "Ebrima", sans-serif',
    "Geor": '"Noto Sans Georgian", "Segoe UI", sans-serif',
    "Gujr": '"Noto Sans Gujarati", "Nirmala UI", "Gujarati Sangam MN", sans-serif',
    "Guru": '"Noto Sans Gurmukhi", "Nirmala UI", "Gurmukhi Sangam MN", sans-serif',
    "Hans": '"PingFang SC", "Microsoft YaHei", "Noto Sans SC", "Noto Sans CJK SC", sans-serif',
    "Hant": '"PingFang TC", "Microsoft JhengHei", "Noto Sans TC", "Noto Sans CJK TC", sans-serif',
    "Hebr": '"Noto Sans Hebrew", "Segoe UI", Arial, sans-serif',
    "Jpan": '"Hiragino Sans", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic", Meiryo, sans-serif',
    "Khmr": '"Noto Sans Khmer", "Khmer UI", "Khmer Sangam MN", "Khmer OS", sans-serif',
    "Knda": '"Noto Sans Kannada", "Nirmala UI", "Kannada Sangam MN", sans-serif',
    "Kore": '"Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Noto Sans CJK KR", sans-serif',
    "Laoo": '"Noto Sans Lao", "Lao UI", "Lao Sangam MN", sans-serif',
    "Mlym": '"Noto Sans Malayalam", "Nirmala UI", "Malayalam Sangam MN", sans-serif',
    "Mymr": '"Noto Sans Myanmar", "Myanmar Text", "Padauk", "Myanmar Sangam MN", sans-serif',
    "Orya": '"Noto Sans Oriya", "Nirmala UI", "Oriya Sangam MN", sans-serif',
    "Sinh": '"Noto Sans Sinhala", "Nirmala UI", "Sinhala Sangam MN", sans-serif',
    "Taml": '"Noto Sans Tamil", "Nirmala UI", "Tamil Sangam MN", sans-serif',
    "Telu": '"Noto Sans Telugu", "Nirmala UI", "Telugu Sangam MN", sans-serif',
    "Thaa": '"Noto Sans Thaana", "MV Boli", sans-serif',
    "Thai": '"Noto Sans Thai", "Leelawadee UI", Thonburi, Tahoma, sans-serif',
    "Tibt": '"Noto Serif Tibetan", "Microsoft Himalaya", "Kailasa", sans-serif',
}
# Scripts written without spaces between words: search splits them with ICU word breaks.
UNSPACED_SCRIPTS = {"Hans", "Hant", "Jpan", "Khmr", "Laoo", "Mymr", "Thai", "Tibt"}


@dataclass
class NewLanguage:
    """What add-language writes for one tag, all taken from CLDR."""

    tag: str
    endonym: str
    english: str
    direction: str
    script: str
    fonts: str
    search: str


@dataclass
class AddLanguageReport:
    """What add-language did."""

    language: NewLanguage
    written: list[str] = field(default_factory=list)
    catalogs: int = 0


def script_of(tag: str) -> str:
    """Return the ISO 15924 script a language tag is most likely written in (CLDR likely subtags)."""
    loc = Locale.parse(tag, sep="-")
    if loc.script:
        return str(loc.script)
    likely = get_global("likely_subtags")
    keys = [f"{loc.language}_{loc.territory}"] if loc.territory else []
    for key in [*keys, loc.language]:
        parts = str(likely.get(key, "")).split("_")
        if len(parts) >= 2 and len(parts[1]) == 4:
            return parts[1]
    return "Latn"


def describe(tag: str) -> NewLanguage:
    """Return a new language's settings from CLDR; raise ValueError for a tag CLDR does not know."""
    endonym, english, direction = cldr_names(tag)
    script = script_of(tag)
    return NewLanguage(
        tag=tag,
        endonym=endonym,
        english=english,
        direction=direction,
        script=script,
        fonts=SCRIPT_FONTS.get(script, SYSTEM_FONTS),
        search="icu" if script in UNSPACED_SCRIPTS else "space",
    )


def _scalar(value: str) -> str:
    """Return value as a YAML scalar on one line."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_style=None)
    return dumped.removesuffix("\n...\n").strip()


def languages_entry(text: str, lang: NewLanguage) -> str:
    """Return languages.yml with an entry for lang appended to its `languages` mapping."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    defs = next((v for k, v in node.value if k.value == "languages"), None) if node else None
    if not isinstance(defs, yaml.MappingNode) or defs.flow_style or not defs.value:
        raise ValueError("expected `languages:` as a block mapping with at least one language")
    indent = " " * defs.value[0][0].start_mark.column
    last = defs.value[-1][1]
    while isinstance(last, yaml.MappingNode | yaml.SequenceNode) and last.value:
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    lines = text.split("\n")
    at = last.end_mark.line + (1 if last.end_mark.column else 0)
    entry = [
        f"{indent}{lang.tag}:",
        f"{indent}  endonym: {_scalar(lang.endonym)}",
        f"{indent}  direction: {lang.direction}",
        f"{indent}  fonts: {_scalar(lang.fonts)}",
        f"{indent}  search: {lang.search}",
    ]
    return "\n".join(lines[:at] + entry + lines[at:])


def site_languages(text: str, tag: str) -> str:
    """Return site.yml with tag appended to its `languages` list, keeping the list's style.

    A site.yml without the list publishes every language of languages.yml: it is returned unchanged.
    """
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    seq = next((v for k, v in node.value if k.value == "languages"), None) if node else None
    if seq is None:
        return text
    if not isinstance(seq, yaml.SequenceNode) or not seq.value:
        raise ValueError("expected `languages:` as a list")
    if seq.flow_style:
        close = seq.end_mark.index - 1
        assert text[close] == "]"
        return text[:close].rstrip() + f", {tag}" + text[close:]
    last = seq.value[-1]
    lines = text.split("\n")
    dash = " " * max(0, last.start_mark.column - 2)
    return "\n".join([*lines[: last.end_mark.line + 1], f"{dash}- {tag}", *lines[last.end_mark.line + 1 :]])


def strings_text(templates: Path, lang: NewLanguage) -> str:
    """Return templates/strings/<tag>.yml: the English strings, headed as still to be translated."""
    english = (templates / "strings" / "en.yml").read_text(encoding="utf-8").split("\n")
    body = "\n".join(line for line in english if not line.startswith("#"))
    return (
        f"# Interface strings of the guidebook's own templates, {lang.english} ({lang.tag}).\n"
        f"# NOT TRANSLATED YET: these are the English strings. Translate every value into {lang.english}\n"
        "# and remove these two lines. A missing key falls back to English.\n" + body
    )


def theme_partials() -> Path:
    """Return mkdocs-material's folder of interface strings per language."""
    import material

    return Path(material.__file__).parent / "templates" / "partials" / "languages"


def partial_text(lang: NewLanguage) -> str:
    """Return a mkdocs-material interface partial for lang: the theme's English one, language and direction set."""
    text = (theme_partials() / "en.html").read_text(encoding="utf-8")
    text = re.sub(r'"language": "en"', f'"language": "{lang.tag}"', text, count=1)
    text = re.sub(r'"direction": "ltr"', f'"direction": "{lang.direction}"', text, count=1)
    header = f"{lang.english} UI strings for mkdocs-material: the English ones, to be translated"
    return re.sub(r"This file was automatically generated - do not edit", header, text, count=1)


def plan(project: Project, tag: str) -> tuple[NewLanguage, dict[Path, str]]:
    """Return the new language and every file to write (path, new text); raise InputError if tag cannot be added."""
    problems: list[Problem] = []
    if not re.fullmatch(TAG_PATTERN, tag):
        problems.append(
            Problem(LANGUAGES_FILE, 0, "TAG", f"expected a BCP 47 language tag such as uk, fa or pt-BR, got {tag!r}")
        )
        raise InputError(problems)
    try:
        lang = describe(tag)
    except ValueError as exc:
        raise InputError([Problem(LANGUAGES_FILE, 0, f"languages.{tag}", str(exc))]) from exc
    if any(existing.tag == tag for existing in project.config.languages):
        raise InputError([Problem(SITE_FILE, 0, "languages", f"expected a language not yet published, got {tag!r}")])
    root = project.root
    langs_text = (root / LANGUAGES_FILE).read_text(encoding="utf-8")
    defined = yaml.safe_load(langs_text).get("languages") or {}
    files: dict[Path, str] = {}
    try:
        if tag not in defined:
            files[root / LANGUAGES_FILE] = languages_entry(langs_text, lang)
        site_text = (root / SITE_FILE).read_text(encoding="utf-8")
        new_site_text = site_languages(site_text, tag)
        if new_site_text != site_text:
            files[root / SITE_FILE] = new_site_text
    except ValueError as exc:
        raise InputError([Problem(LANGUAGES_FILE, 0, "languages", str(exc))]) from exc
    strings = project.templates_dir / "strings" / f"{tag}.yml"
    if not strings.exists():
        files[strings] = strings_text(project.templates_dir, lang)
    partial = project.templates_dir / "partials" / "languages" / f"{tag}.html"
    if not partial.exists() and not (theme_partials() / f"{tag}.html").exists():
        files[partial] = partial_text(lang)
    return lang, files


def add_language(root: Path, tag: str) -> AddLanguageReport:
    """Publish one more language in the project at root; write nothing if anything is wrong."""
    project = open_project(root)
    lang, files = plan(project, tag)
    before: dict[Path, str | None] = {p: p.read_text(encoding="utf-8") if p.exists() else None for p in files}
    report = AddLanguageReport(lang)
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            report.written.append(project.rel(path))
        extracted = run_extract(open_project(root))
    except BaseException:
        for path, old in before.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(old, encoding="utf-8")
        raise
    report.catalogs = sum(f"/{tag}/" in path for path in extracted.catalogs_written)
    report.written += extracted.templates_written + extracted.catalogs_written
    return report
