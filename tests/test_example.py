"""The shipped example municipality (examples/minato-city) and `--upstream`, which builds it over the national project."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from guidebook.cli import main
from tests.helpers import REPO, tree

EXAMPLE = REPO / "examples" / "minato-city"
PAGES = ("", "consultation/", "city-office/", "garbage-calendar/", "shelters/")


def copy_example(dest: Path) -> Path:
    """Copy the example so that its build does not write into the repository."""
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("build", "site"))
    return dest


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the example over the national project in this repository."""
    city = copy_example(tmp_path_factory.mktemp("example") / "minato-city")
    assert main(["build", "--project", str(city), "--upstream", str(REPO)]) == 0
    return city / "build/combined/site"


def test_example_holds_only_what_a_municipality_owns() -> None:
    made = ("build", "site")  # what building it writes (ignored by git)
    files = [
        p.relative_to(EXAMPLE).as_posix()
        for p in EXAMPLE.rglob("*")
        if p.is_file() and p.relative_to(EXAMPLE).parts[0] not in made
    ]
    assert files and all(name.startswith(("site_config/", "local/")) for name in files), files
    assert sorted(f for f in files if f.startswith("site_config/")) == ["site_config/logo.svg", "site_config/site.yml"]


def test_example_has_its_pages_in_every_language(example_site: Path) -> None:
    tags = sorted(p.name for p in example_site.iterdir() if p.is_dir() and p.name not in ("assets", "_hosting"))  # the root page's
    assert len(tags) == 14
    for tag in tags:
        for path in PAGES:
            assert (example_site / tag / "minato" / path / "index.html").is_file(), f"{tag}/minato/{path}"
    en = (example_site / "en/minato/consultation/index.html").read_text(encoding="utf-8")
    assert "<h1>Consultation desk for foreign residents</h1>" in en
    assert "<td>Minato City Hall, 1st floor, International Consultation Corner</td>" in en


def test_example_chapter_follows_the_national_city_office_chapter(example_site: Path) -> None:
    html = (example_site / "ja/index.html").read_text(encoding="utf-8")
    order = re.findall(r'href="([a-z-]+)/"', html.split('class="md-nav md-nav--primary"', 1)[1])
    chapters = list(dict.fromkeys(order))
    assert chapters[chapters.index("city-office") + 1] == "minato"


def test_example_identity_in_the_reader_language(example_site: Path) -> None:
    ko = (example_site / "ko/minato/shelters/index.html").read_text(encoding="utf-8")
    assert "— 미나토시(예시)</title>" in ko
    assert '<span lang="ko">미나토시(예시)</span> · 전화: <a href="tel:0300000000">03-0000-0000</a>' in ko
    assert "--md-primary-fg-color:#005a8c;" in ko
    assert re.search(r'<img src="../../assets/municipality/logo\.[0-9a-f]{12}\.svg" alt="logo">', ko)


def test_example_catalogs_are_in_step_with_its_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    city = copy_example(tmp_path / "minato-city")
    before = tree(city / "local")
    assert main(["extract", "--project", str(city), "--upstream", str(REPO)]) == 0
    assert "extract: 5 pages, 121 segments; wrote 0 templates and 0 catalogs" in capsys.readouterr().out
    assert tree(city / "local") == before


def test_example_passes_check_but_for_its_fictional_addresses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    city = copy_example(tmp_path / "minato-city")
    assert main(["check", "--project", str(city), "--upstream", str(REPO)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "check: 0 errors, 8 warnings"
    assert all(line.endswith("replace the example value: an address on .example [warning]") for line in lines[:-1])


def test_upstream_refuses_a_project_with_its_own_national_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    city = copy_example(tmp_path / "minato-city")
    (city / "templates").mkdir()
    assert main(["build", "--project", str(city), "--upstream", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{city}/templates: --upstream: the project has its own copy; expected only site_config/ and local/ "
        "(or leave out --upstream)",
        *(
            f"{tmp_path}/nowhere/{name}: --upstream: missing; expected the national project"
            for name in ("content", "languages", "mkdocs.yml", "site_config/languages.yml", "templates")
        ),
        "guidebook build: 6 problem(s); nothing was written",
    ]
    assert not (city / "build").exists()


def test_combined_project_follows_the_site_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    city = copy_example(tmp_path / "minato-city")
    assert main(["status", "--lang", "en", "--project", str(city), "--upstream", str(REPO)]) == 0
    combined = city / "build/combined"
    assert sorted(p.name for p in (combined / "site_config").iterdir()) == sorted(
        [*(p.name for p in (REPO / "site_config").iterdir() if p.name != "site.yml"), "logo.svg", "site.yml"]
    )
    assert (combined / "site_config/site.yml").resolve() == (city / "site_config/site.yml").resolve()
    assert (combined / "local").resolve() == (city / "local").resolve()
    (city / "site_config/logo.svg").unlink()
    site = city / "site_config/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("  logo: site_config/logo.svg\n", ""), encoding="utf-8")
    assert main(["status", "--lang", "en", "--project", str(city), "--upstream", str(REPO)]) == 0
    assert not (combined / "site_config/logo.svg").exists()
    assert "upstream:" in capsys.readouterr().err
