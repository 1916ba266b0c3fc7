"""`guidebook new-municipality`: start a municipality's site in a fork of the national project.

Everything it writes belongs to the municipality: site_config/site.yml (rewritten with the
municipality's identity), site_config/logo.svg, local/ (a chapter of local pages in plain
Japanese and their catalogs in every language) and .github/workflows/guidebook-site.yml, a file the
national project never ships. Example values the municipality must replace are marked 【例】, and
addresses on the reserved `.example` domain; `guidebook check` lists those still left.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

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


SITE_YML = """\
# The settings of {name_ja}'s guidebook site. This file, the rest of site_config/ (its alerts in
# site_config/alerts/, its logo) and local/ belong to the municipality; everything else comes from
# the national project and is updated with `git pull upstream main` (README, "Municipality forks").
# site_config/languages.yml and glossary.yml are national definitions: do not edit them here.
name:
{national_name}
# The address where this site is published (replace the placeholder).
base_url: {base_url}
{languages}municipality:
  name:
{municipality_name}
  # JIS X 0402 local government code (5 digits).
  area_code: "{area_code}"
  # The municipality's emblem; replace the placeholder file.
  logo: site_config/logo.svg
  # Header colour behind white text: at least 4.5:1 contrast (WCAG 2.1 AA). Keep the quotes.
  primary_color: "{color}"
  # Shown at the foot of every page (replace the placeholders).
  contact:
    phone: {phone}
    url: {site}
# Local chapters (folders of local/content/ja/) among the national ones of content/chapters.yml:
# `at: first`, `at: last` or `after: <chapter>`.
local_chapters:
  - chapter: {chapter}
    at: first
"""

LOGO_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" role="img" aria-label="logo">
  <!-- Placeholder: replace with the municipality's emblem. -->
  <rect x="2" y="2" width="44" height="44" rx="10" fill="#ffffff"/>
  <path d="M10 38V21L24 10l14 11v17H29V28h-10v10z" fill="{color}"/>
</svg>
"""

FRONT = """\
---
title: {title}
description: {description}
sources:
  - name: {source}
    url: {site}
reviewed: {today}
order: {order}
---

"""

INDEX = """\
この 章は、{name}に 住む 外国人の ための 情報です。{name}が 書いて います。

## この 章の ページ

- [外国人 相談窓口](consultation.md)
- [{office}の 窓口](city-office.md)
- [ごみの 日](garbage-calendar.md)
- [避難所](shelters.md)

日本の どこでも 同じ 手続きは、ほかの 章に 書いて あります。
"""

CONSULTATION = """\
{name}には、外国人の ための 相談窓口が あります。

生活の こと、手続きの こと、困って いる ことを 相談できます。相談は 無料です。

## 場所と 時間

| こと | くわしく |
| --- | --- |
| 場所 | {mark} {office} 1階 |
| 日と 時間 | {mark} 月曜日から 金曜日、9時から 17時（祝日は 休み） |
| 電話 | {mark} {phone} |

## 相談できる ことば

| ことば | 日 |
| --- | --- |
| {mark} やさしい 日本語 | 月曜日から 金曜日 |
| {mark} 英語 | 月曜日、水曜日 |
| {mark} 中国語 | 火曜日 |
| {mark} ベトナム語 | 木曜日 |

ほかの ことばは、電話の 通訳を 使います。前に 電話して ください。

## 相談の 例

- 役所から 来た 手紙が 分からない
- 住む ところ、仕事、子どもの 学校の こと
- 病院に 行きたいが、ことばが 心配

相談した ことの 秘密は 守ります。
{national_work}"""

CITY_OFFICE = """\
{office}では、住民登録、国民健康保険、税金などの 手続きを します。

## 場所と 時間

- 場所：{mark} {name}○○町 1-2-3
- 時間：{mark} 月曜日から 金曜日、8時30分から 17時15分（祝日は 休み）
- 電話：{mark} {phone}

## 手続きと 窓口

| 手続き | 窓口 | 電話 |
| --- | --- | --- |
| 住民登録、引っ越し | {mark} 1階 市民課 | {mark} {phone} |
| 国民健康保険、年金 | {mark} 2階 保険年金課 | {mark} {phone} |
| 税金 | {mark} 3階 税務課 | {mark} {phone} |
| 子育て、学校 | {mark} 2階 子ども課 | {mark} {phone} |

!!! tip "行く 前に"

    在留カードを 持って 行って ください。

    ことばが 心配な ときは、先に [外国人 相談窓口](consultation.md)で 相談できます。
{national_office}"""

GARBAGE = """\
{name}では、住んで いる 地区ごとに、ごみを 出す 日が 決まって います。
{national_garbage}
## 出す 日

{mark} 北地区は ○○町と ○○町です。南地区は ○○町と ○○町です。

| ごみ | {mark} 北地区 | {mark} 南地区 |
| --- | --- | --- |
| 燃える ごみ | {mark} 月曜日・木曜日 | {mark} 火曜日・金曜日 |
| 燃えない ごみ | {mark} 第2 水曜日 | {mark} 第4 水曜日 |
| 資源ごみ | {mark} 金曜日 | {mark} 月曜日 |

- {mark} 朝 8時 までに 出します。
- 決まった 場所（ごみ置き場）に 出します。

## 粗大ごみ

家具などの 大きな ごみは、前に 申し込みが 必要です。申し込みは {mark} 粗大ごみ 受付センター（電話：{phone}）です。

## 分からない とき

分からない ときは、{mark} {office} ごみの 係（電話：{phone}）に 聞いて ください。
"""

SHELTERS = """\
大きな 地震や 台風の とき、家に いると 危ない ときは、避難場所や 避難所に 逃げます。

外国人も 使えます。お金は かかりません。
{national_evacuation}
## {name}の 避難場所と 避難所

| 名前 | 住所 | 種類 |
| --- | --- | --- |
| {mark} ○○公園 | {mark} {name}○○町 1-1 | 避難場所 |
| {mark} ○○小学校 | {mark} {name}○○町 2-1 | 避難所 |
| {mark} ○○中学校 | {mark} {name}○○町 3-1 | 避難所 |

家から 近い 避難場所と 避難所を、前に 確かめて ください。家族とも 話して おいて ください。

## ハザードマップ

[{mark} {name}の ハザードマップ]({site}hazard-map/)で、災害の とき 危ない 所が 分かります。
"""

NATIONAL_LINKS = {
    "national_work": ("work/labour-consultation", "\n仕事の ことは、[{title}](../{slug}.md)も 見て ください。\n"),
    "national_office": ("city-office/index", "\n手続きの やり方は、[{title}](../{slug}.md)を 見て ください。\n"),
    "national_garbage": ("daily-life/garbage", "\nごみの 分け方は、[{title}](../{slug}.md)を 見て ください。\n"),
    "national_evacuation": ("disaster/evacuation", "\n逃げ方は、[{title}](../{slug}.md)を 見て ください。\n"),
}

WORKFLOW_YML = """\
# Check, build and publish {name}'s guidebook site. Written by `guidebook new-municipality`: this
# file belongs to the municipality, and the national project never ships a file of this name.
name: guidebook site

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: guidebook-site-${{{{ github.ref }}}}
  cancel-in-progress: true

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
          cache: pip
          cache-dependency-path: pyproject.toml
      - name: Install the generator
        run: python -m pip install -e .
      # Fails while example values (【例】, *.example addresses) are left, and on any
      # translation problem. The whole test suite is `scripts/test` (it also needs chromium).
      - name: Check pages and translations
        run: guidebook check --strict
      - name: Build every language
        run: guidebook build
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  # GitHub Pages: Settings → Pages → Source: GitHub Actions. Set base_url in site_config/site.yml
  # to the published address.
  deploy:
    if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4

  # Any other static host serves site/ as it is. Replace the deploy job's steps with a download of
  # the artifact and one of:
  #   rsync -az --delete site/ deploy@www.example.lg.jp:/var/www/guidebook/
  #   aws s3 sync site/ s3://guidebook-bucket/ --delete
  # (keep a short cache lifetime for HTML and alerts.json; the files below assets/ may be cached long).
"""


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


def yaml_text(value: str) -> str:
    """Return value as a double-quoted YAML scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


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


def languages_setting(project: Project) -> str:
    """Return the `languages` lines of a municipality's site.yml: the national site's own choice.

    Without a list, the site publishes every national language, including those added later.
    """
    tags = ", ".join(lang.tag for lang in project.config.languages)
    site = yaml.safe_load((project.root / "site_config" / "site.yml").read_text(encoding="utf-8")) or {}
    if site.get("languages"):
        return f"# Published languages, in the order the language switcher lists them.\nlanguages: [{tags}]\n"
    return (
        "# Every language of the national site_config/languages.yml is published, in that file's order,\n"
        f"# including languages the national project adds later. To publish fewer, list them:\n# languages: [{tags}]\n"
    )


LOCAL_READINGS = """\
# Readings of this municipality's place names (towns, wards, stations, rivers) that the
# plain-Japanese pages show wrong, in the format of the national site_config/furigana.yml; they
# win where both files have the same word. Check the furigana of the local pages after a build.
# Example:
#   - text: 港区
#     reading: みなとく
words: []
"""


def planned_files(
    project: Project, name: str, area_code: str, name_en: str | None, chapter: str, color: str, today: dt.date
) -> list[tuple[str, str]]:
    """Return (path, text) of every file the scaffold writes."""
    config = project.config
    names = {"ja": name, **({"en": name_en} if name_en else {})}
    site_yml = SITE_YML.format(
        name_ja=name,
        national_name="\n".join(f"  {tag}: {yaml_text(text)}" for tag, text in config.name.items()),
        base_url=PLACEHOLDER_BASE_URL,
        languages=languages_setting(project),
        municipality_name="\n".join(f"    {tag}: {yaml_text(text)}" for tag, text in names.items()),
        area_code=area_code,
        color=color.lower(),
        phone=PLACEHOLDER_PHONE,
        site=PLACEHOLDER_SITE,
        chapter=chapter,
    )
    office = office_name(name)
    titles = {p.slug: p.title for p in project.pages}
    links = {
        key: (template.format(title=titles[slug], slug=slug) if slug in titles else "")
        for key, (slug, template) in NATIONAL_LINKS.items()
    }
    values = {
        "name": name,
        "office": office,
        "mark": EXAMPLE_MARK,
        "phone": PLACEHOLDER_PHONE,
        "site": PLACEHOLDER_SITE,
    }
    pages = [
        ("index", f"{name}の 情報", f"{name}に 住む 人の ための 情報です。", 0, INDEX),
        ("consultation", "外国人 相談窓口", "生活の ことを 相談できる 窓口と、使える ことばです。", 1, CONSULTATION),
        ("city-office", f"{office}の 窓口", f"{office}の 場所、時間、手続きの 窓口です。", 2, CITY_OFFICE),
        ("garbage-calendar", "ごみの 日", f"{name}で ごみを 出す 日です。", 3, GARBAGE),
        ("shelters", "避難所", f"{name}の 避難場所と 避難所です。", 4, SHELTERS),
    ]
    files = [("site_config/site.yml", site_yml), ("site_config/logo.svg", LOGO_SVG.format(color=color.lower()))]
    for slug, title, description, order, body in pages:
        front = FRONT.format(
            title=yaml_text(title),
            description=yaml_text(description),
            source=yaml_text(f"{name} ホームページ"),
            site=PLACEHOLDER_SITE,
            today=today.isoformat(),
            order=order,
        )
        files.append((f"{LOCAL_CONTENT}/{chapter}/{slug}.md", front + body.format(**values, **links)))
    files.append((LOCAL_FILE, LOCAL_READINGS))
    files.append((WORKFLOW, WORKFLOW_YML.format(name=name)))
    return files
