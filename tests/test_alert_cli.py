"""Alerts in a built site: the banner on every page, and `guidebook alert ...` updating site/ in place."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

from guidebook.alerts import site as alert_site
from guidebook.cli import main
from tests.alert_data import alert_text
from tests.helpers import make_project, tree
from tests.test_alerts import CAP_FROM_ELSEWHERE, validate_cap

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


def at(monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    """Make `alert` commands see this time as now."""
    monkeypatch.setattr(alert_site, "utc_now", lambda: dt.datetime.fromisoformat(when))


def pages(site: Path) -> dict[str, bytes]:
    """Return every language's HTML pages (what `alert` commands never rewrite)."""
    return {k: v for k, v in tree(site).items() if k.endswith(".html") and "/" in k}


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
            "alert_areas: ['13101']\nalert_statuses: [Actual, Exercise]\n",
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


def test_alert_new_publishes_in_place_without_rebuilding_pages(
    built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = pages(built / "site")
    at(monkeypatch, "2026-11-22T09:30:00+09:00")
    args = ["--event", "大雨", "--headline", "大雨に 気を つけて ください。", "--severity", "Moderate"]
    args += ["--expires", "6h", "--area", "千代田区", "--geocode", "13101", "--category", "Met"]
    assert main(["alert", "new", "--project", str(built), *args]) == 0
    written = built / "site_config/alerts/alert-20261122T093000.yml"
    assert written.read_text(encoding="utf-8") == (
        "# Written by `guidebook alert new` at 2026-11-22T09:30:00+09:00.\n"
        "identifier: alert-20261122T093000\n"
        "sender: example.org\n"
        "sent: 2026-11-22T09:30:00+09:00\n"
        "status: Actual\n"
        "msgType: Alert\n"
        "scope: Public\n"
        "info:\n"
        "  ja:\n"
        "    category:\n"
        "    - Met\n"
        "    event: 大雨\n"
        "    urgency: Unknown\n"
        "    severity: Moderate\n"
        "    certainty: Unknown\n"
        "    expires: 2026-11-22T15:30:00+09:00\n"
        "    headline: 大雨に 気を つけて ください。\n"
        "    area:\n"
        "      areaDesc: 千代田区\n"
        "      geocode:\n"
        "      - '13101'\n"
    )
    assert [a["identifier"] for a in alerts_json(built, "en")] == ["quake-1", "alert-20261122T093000"]
    assert pages(built / "site") == before
    validate_cap((built / "site/alerts/alert-20261122T093000.xml").read_bytes())
    out = capsys.readouterr().out
    assert "alert: wrote site_config/alerts/alert-20261122T093000.yml" in out
    assert "alert publish: 2 shown, 2 published;" in out


def test_update_then_cancel_replace_what_readers_see(
    built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    at(monkeypatch, "2026-11-22T09:30:00+09:00")
    project = ["--project", str(built)]
    assert main(["alert", "new", *project, "--update", "quake-1", "--severity", "Extreme"]) == 0
    [update] = alerts_json(built, "en")
    assert (update["identifier"], update["msgType"], update["severity"]) == (
        "update-20261122T093000",
        "Update",
        "Extreme",
    )
    assert update["blocks"] == [
        {
            "lang": "en",
            "event": "Earthquake",
            "headline": "A strong earthquake has struck.",
            "instruction": "Protect your head.",
        }
    ]
    assert sorted(p.name.removesuffix(".gz") for p in (built / "site/alerts").iterdir() if p.suffix != ".gz" or not p.with_suffix("").exists()) == ["update-20261122T093000.xml"]

    at(monkeypatch, "2026-11-22T09:40:00+09:00")
    assert main(["alert", "cancel", *project, "quake-1", "--note", "揺れは 収まりました。"]) == 0
    cancel = (built / "site_config/alerts/cancel-20261122T094000.yml").read_text(encoding="utf-8")
    assert "references:\n- example.org,update-20261122T093000,2026-11-22T09:30:00+09:00\n" in cancel
    assert alerts_json(built, "en") == []
    assert "gb-alert" not in (built / "site/index.html").read_text(encoding="utf-8")
    validate_cap((built / "site/alerts/cancel-20261122T094000.xml").read_bytes())
    feed = etree.parse(str(built / "site/en/alerts.atom"))
    assert [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")] == [
        "Cancelled: A strong earthquake has struck."
    ]
    capsys.readouterr()
    assert main(["alert", "list", *project]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "cancel-20261122T094000                   Cancel  Actual    -         cancels update-20261122T093000",
        "update-20261122T093000                   Update  Actual    Extreme   replaced by cancel-20261122T094000",
        "quake-1                                  Alert   Actual    Severe    replaced by update-20261122T093000",
    ]


def test_alert_import_reads_cap_and_publishes(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    at(monkeypatch, "2026-09-01T10:00:00+09:00")
    cap = tmp_path / "rain.xml"
    cap.write_text(CAP_FROM_ELSEWHERE, encoding="utf-8")
    assert main(["alert", "import", "--project", str(built), str(cap)]) == 0
    [imported] = (built / "site_config/alerts").glob("urn_oid_*.yml")
    assert imported.read_text(encoding="utf-8").startswith(
        "# Imported from rain.xml by `guidebook alert import` at 2026-09-01T10:00:00+09:00.\n"
        "identifier: urn:oid:2.49.0.1.392.0.2026.1\n"
    )
    assert [a["identifier"] for a in alerts_json(built, "en")] == ["quake-1", "urn:oid:2.49.0.1.392.0.2026.1"]
    err = capsys.readouterr().err
    assert "alert: left out of rain.xml: area polygon\n" in err
    assert "alert: left out of rain.xml: info in fr-FR (not a language of this site)\n" in err


def test_import_of_a_bad_cap_file_names_the_file_and_writes_nothing(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cap = tmp_path / "bad.xml"
    cap.write_text(CAP_FROM_ELSEWHERE.replace("<severity>Moderate</severity>", "<severity>Huge</severity>", 1))
    before = tree(built)
    assert main(["alert", "import", "--project", str(built), str(cap)]) == 2
    err = capsys.readouterr().err
    assert f"{cap}: info.ja.severity: expected one of Extreme, Severe, Moderate, Minor, Unknown, got 'Huge'\n" in err
    assert tree(built) == before


def test_bad_alert_stops_publish_before_anything_is_written(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(built / "site")
    (built / "site_config/alerts/bad.yml").write_text(alert_text(identifier="bad", severity="Huge"), encoding="utf-8")
    assert main(["alert", "publish", "--project", str(built)]) == 2
    err = capsys.readouterr().err
    assert "site_config/alerts/bad.yml:12: info.ja.severity: expected one of Extreme, Severe, Moderate, Minor" in err
    assert "guidebook alert: 1 problem(s); nothing was written" in err
    assert tree(built / "site") == before


def test_publish_needs_a_built_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, files={"site_config/alerts/quake.yml": alert_text()})
    assert main(["alert", "publish", "--project", str(root)]) == 1
    assert capsys.readouterr().err == "alert: no site/ yet; run `guidebook build` to publish\n"
