"""Alerts in a built site: the banner on every page, alerts.json, CAP files and the root page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from guidebook.cli import main
from tests.alert_data import alert_text
from tests.helpers import make_project
from tests.test_alerts import validate_cap

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("proj"), files={"site_config/alerts/quake.yml": alert_text()})
    assert main(["build", "--project", str(root)]) == 0
    return root


@pytest.fixture
def built(built_once: Path, tmp_path: Path) -> Path:
    """A copy of a built project with one alert, for a test to change."""
    shutil.copytree(built_once, tmp_path / "proj")
    return tmp_path / "proj"


def alerts_json(root: Path, tag: str) -> list[dict[str, object]]:
    doc = json.loads((root / "site" / tag / "alerts.json").read_text(encoding="utf-8"))
    return list(doc["alerts"])


def test_build_puts_the_banner_on_every_page_of_every_language(built: Path) -> None:
    site = built / "site"
    for tag in ("ja", "en", "th"):
        for page in (site / tag).rglob("index.html"):
            html = page.read_text(encoding="utf-8")
            assert 'class="gb-alert gb-alert--severe" data-key="quake-1|2026-09-01T09:00:00+09:00"' in html, page
    th = (site / "th/residence/card/index.html").read_text(encoding="utf-8")
    assert '<div class="gb-alert__block" lang="ja"><p class="gb-alert__event">地震</p>' in th
    assert '<div class="gb-alert__block" lang="en"><p class="gb-alert__event">Earthquake</p>' in th
    assert '<script src="../../assets/alerts.js" data-src="../../alerts.json" data-interval="60"></script>' in th
    assert [a["identifier"] for a in alerts_json(built, "th")] == ["quake-1"]
    root = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-key="quake-1|2026-09-01T09:00:00+09:00"' in root
    assert '<script src="assets/alerts.js" data-src="alerts.json" data-interval="60" defer></script>' in root
    validate_cap((site / "alerts/quake-1.xml").read_bytes())


def test_build_leaves_out_expired_alerts(tmp_path: Path) -> None:
    old = alert_text(sent="2025-12-31T09:00:00+09:00", expires="2026-01-01T09:00:00+09:00")
    root = make_project(tmp_path, files={"site_config/alerts/old.yml": old})
    assert main(["build", "--project", str(root)]) == 0
    assert "gb-alert" not in (root / "site/en/index.html").read_text(encoding="utf-8")
    assert alerts_json(root, "en") == []
    assert not list((root / "site").glob("alerts/*.xml"))


def test_site_shows_exercises_and_its_areas_only_when_asked(tmp_path: Path) -> None:
    def placed(identifier: str, codes: list[str] | None, **top: str) -> str:
        area = {"areaDesc": "どこか", **({"geocode": codes} if codes else {})}
        return alert_text(identifier=identifier, info={"ja": {"area": area}}, **top)

    root = make_project(
        tmp_path,
        files={
            "site_config/site.yml": "name:\n  ja: テスト\nbase_url: https://example.org/\nlanguages: [ja, en]\n"
            "chapters: [residence]\nalert_areas: ['13101']\nalert_statuses: [Actual, Exercise]\n",
            "site_config/alerts/a.yml": placed("national", None),
            "site_config/alerts/b.yml": placed("tokyo", ["13"], status="Exercise"),
            "site_config/alerts/c.yml": placed("osaka", ["27100"]),
            "site_config/alerts/d.yml": placed("test", None, status="Test"),
        },
    )
    assert main(["build", "--project", str(root)]) == 0
    assert sorted(str(a["identifier"]) for a in alerts_json(root, "en")) == ["national", "tokyo"]
    html = (root / "site/en/index.html").read_text(encoding="utf-8")
    assert '<p class="gb-alert__exercise">Exercise: this is not a real emergency.</p>' in html
