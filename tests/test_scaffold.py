"""`guidebook new-municipality`: everything a municipality changes, and nothing the national project owns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from guidebook.build import build_site
from guidebook.cli import main
from guidebook.project.loader import open_project
from guidebook.project.pages import FRONT_MATTER
from guidebook.scaffold.municipality import WORKFLOW, office_name
from tests.helpers import REPO, make_project, page, tree

PAGES = {
    "index": page("ホーム", "ようこそ。"),
    "city-office/index": page("市役所・区役所の 手続き", "役所の 手続きです。"),
    "daily-life/index": page("生活", "生活の ことです。"),
    "daily-life/garbage": page("ごみの 出し方", "ごみの ことです。"),
}
LOCAL_PAGES = ["index", "consultation", "city-office", "garbage-calendar", "shelters"]


def national(root: Path) -> Path:
    """Return a small national project with the chapters the scaffold links to (and one it does not find)."""
    return make_project(root, pages=PAGES, chapters=("city-office", "daily-life"))


def scaffold(root: Path, *args: str) -> int:
    """Run new-municipality for みなと市 in root."""
    return main(["new-municipality", "みなと市", "--area-code", "13103", *args, "--project", str(root)])


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """Return a project after new-municipality, with its files before and after."""
    root = national(tmp_path_factory.mktemp("city"))
    before = tree(root)
    assert scaffold(root, "--name-en", "Minato City") == 0
    return root, before, tree(root)


def test_new_municipality_writes_only_what_a_municipality_owns(
    city: tuple[Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    _, before, after = city
    changed = sorted(name for name in after if before.get(name) != after[name])
    tags = ("en", "th")
    assert changed == sorted(
        [WORKFLOW, "site_config/logo.svg", "site_config/site.yml", "local/furigana.yml"]
        + [f"local/content/ja/local/{p}.md" for p in LOCAL_PAGES]
        + [f"local/languages/local.{p}.pot" for p in LOCAL_PAGES]
        + [f"local/languages/{tag}/LC_MESSAGES/local.{p}.po" for p in LOCAL_PAGES for tag in tags]
    )
    assert all(name in after for name in before)


def test_site_yml_keeps_the_national_settings_and_adds_the_municipality(
    city: tuple[Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    root, _, _ = city
    config = open_project(root).config
    assert config.name == {"ja": "テスト", "en": "Test guide"}
    assert [lang.tag for lang in config.languages] == ["ja", "en", "th"]
    assert config.base_url == "https://guidebook.municipality.example/"
    assert config.municipality is not None
    assert config.municipality.name == {"ja": "みなと市", "en": "Minato City"}
    assert (config.municipality.area_code, config.municipality.primary_color) == ("13103", "#0b6e4f")
    assert config.chapters == ["local", "city-office", "daily-life"]


def test_local_pages_follow_the_writing_guide(city: tuple[Path, dict[str, bytes], dict[str, bytes]]) -> None:
    root, _, _ = city
    project = open_project(root)
    pages = {p.slug: p for p in project.local_pages}
    assert sorted(pages) == sorted(f"local/{p}" for p in LOCAL_PAGES)
    assert pages["local/city-office"].title == "みなと市役所の 窓口"
    for p in pages.values():
        assert set(p.meta) >= {"title", "description", "sources", "reviewed", "order"}
        assert p.sources[0].url == "https://www.municipality.example/"
        for line in p.body.splitlines():
            text = line.strip()
            if not text or text[0] in "#|-!" or text.startswith("["):
                continue
            assert " " in text, f"{p.file}: no spaces between phrases: {text}"
            sentences = [s for s in text.split("。") if s]
            assert all(re.search(r"(です|ます|ください|ません)$", s) for s in sentences), f"{p.file}: {text}"


def test_links_to_national_pages_only_where_the_pages_exist(
    city: tuple[Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    root, _, _ = city
    office = (root / "local/content/ja/local/city-office.md").read_text(encoding="utf-8")
    assert "[市役所・区役所の 手続き](../city-office/index.md)" in office
    shelters = (root / "local/content/ja/local/shelters.md").read_text(encoding="utf-8")
    assert "../disaster/" not in shelters  # this national project has no disaster chapter


def test_example_values_are_marked_and_check_lists_them(
    city: tuple[Path, dict[str, bytes], dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, _, _ = city
    assert main(["check", "--project", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("check: 0 errors, ")
    assert sum(": placeholder: " in line for line in out) == 34
    assert "site_config/site.yml:9: placeholder: replace the example value: an address on .example [warning]" in out
    assert (
        "local/content/ja/local/consultation.md:21: placeholder: replace the example value: 【例】, "
        "the telephone number 000-000-0000 [warning]" in out
    )
    assert main(["check", "--strict", "--project", str(root)]) == 1


def test_catalogs_of_local_pages_start_empty_and_the_site_builds(
    city: tuple[Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    root, _, _ = city
    po = (root / "local/languages/th/LC_MESSAGES/local.shelters.po").read_text(encoding="utf-8")
    assert 'msgid "避難所"\nmsgstr ""' in po
    build_site(open_project(root))
    for tag in ("ja", "en", "th"):
        for name in LOCAL_PAGES:
            path = "local/" if name == "index" else f"local/{name}/"
            assert (root / "site" / tag / path / "index.html").is_file()
    html = (root / "site/en/local/garbage-calendar/index.html").read_text(encoding="utf-8")
    assert "<title>ごみの 日 - Test guide — Minato City</title>" in html


def test_refuses_to_replace_an_existing_local_folder_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = national(tmp_path)
    assert scaffold(root) == 0
    capsys.readouterr()
    page_file = root / "local/content/ja/local/index.md"
    page_file.write_text(page_file.read_text(encoding="utf-8") + "\n市の ことです。\n", encoding="utf-8")
    before = tree(root)
    assert scaffold(root) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{WORKFLOW}: already exists; nothing was replaced (--force writes the new files over it)",
        "local: already exists; nothing was replaced (--force writes the new files over it)",
        "site_config/site.yml: municipality: already set; nothing was replaced (--force rewrites it)",
        "guidebook new-municipality: 3 problem(s); nothing was written",
    ]
    assert tree(root) == before
    assert scaffold(root, "--force") == 0
    assert "市の ことです。" not in page_file.read_text(encoding="utf-8")


def test_bad_arguments_are_reported_together_before_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = national(tmp_path)
    before = tree(root)
    args = ["new-municipality", "みなと市", "--area-code", "1310", "--color", "#9e9e9e", "--chapter", "daily-life"]
    assert main([*args, "--project", str(root)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "new-municipality: --area-code: expected a local government code of 5 digits (JIS X 0402) in quotes, "
        "such as \"13103\", got '1310'",
        "new-municipality: --chapter: expected a name no national chapter has, got 'daily-life'",
        "new-municipality: --color: expected a colour with at least 4.5:1 contrast against the header's white text "
        "(WCAG 2.1 AA), got '#9e9e9e' (2.68:1); a darker shade such as '#767676' passes",
        "guidebook new-municipality: 3 problem(s); nothing was written",
    ]
    assert tree(root) == before


def test_workflow_checks_builds_and_publishes_and_upstream_ships_no_such_file(
    city: tuple[Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    root, _, _ = city
    assert not (REPO / WORKFLOW).exists()
    workflow = yaml.safe_load((root / WORKFLOW).read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    assert [s.get("run") for s in steps if "run" in s] == [
        "python -m pip install -e .",
        "guidebook check --strict",
        "guidebook build",
    ]
    assert {"uses": "actions/upload-pages-artifact@v3", "with": {"path": "site"}} in steps
    assert workflow["jobs"]["deploy"]["steps"] == [{"id": "deployment", "uses": "actions/deploy-pages@v4"}]


def test_front_matter_of_every_local_page_is_valid_yaml(
    city: tuple[Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    root, _, _ = city
    for name in LOCAL_PAGES:
        text = (root / f"local/content/ja/local/{name}.md").read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text)
        assert match is not None
        meta = yaml.safe_load(match.group(1))
        assert meta["sources"] == [{"name": "みなと市 ホームページ", "url": "https://www.municipality.example/"}]


def test_office_name_follows_the_kind_of_municipality() -> None:
    names = ["みなと市", "新宿区", "山川町", "青葉村", "北海道", "東京都", "大阪府", "青葉県", "みなと"]
    assert [office_name(n) for n in names] == [
        "みなと市役所",
        "新宿区役所",
        "山川町役場",
        "青葉村役場",
        "北海道庁",
        "東京都庁",
        "大阪府庁",
        "青葉県庁",
        "みなとの 役所",
    ]


def test_municipality_publishes_every_national_language_when_the_national_site_lists_none(tmp_path: Path) -> None:
    root = national(tmp_path)
    site = root / "site_config/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("languages: [ja, en, th]\n", ""), encoding="utf-8")
    assert scaffold(root) == 0
    text = site.read_text(encoding="utf-8")
    assert "\nlanguages:" not in text and "# languages: [ja, en, zh-Hans," in text
    assert len(open_project(root).config.languages) == 14
