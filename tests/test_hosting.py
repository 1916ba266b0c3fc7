"""What operators serve: readable files, hosting rules, pre-compressed copies, builds and alerts side by side."""

from __future__ import annotations

import gzip
import json
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guidebook.cli import main
from guidebook.site.hosting import hosting_files, site_path
from tests.alert_data import alert_text
from tests.helpers import REPO, make_project


def unreadable(site: Path) -> list[str]:
    """Return what in site a web server's unprivileged workers could not read or pass through."""
    bad = []
    for path in [site, *site.rglob("*")]:
        mode = path.stat().st_mode
        need = stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0)
        if mode & need != need:
            bad.append(f"{path.relative_to(site)} {stat.filemode(mode)}")
    return bad


def test_every_file_of_a_build_and_an_alert_publish_is_readable_by_others(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    assert main(["build", "--project", str(root)]) == 0
    assert unreadable(root / "site") == []
    assert (root / "site" / "index.html").is_file() and (root / "site" / "en" / "alerts.json").is_file()
    args = [
        "alert",
        "new",
        "--project",
        str(root),
        "--event",
        "地震",
        "--headline",
        "強い 揺れに 気を つけて ください。",
    ]
    assert main([*args, "--severity", "Severe", "--expires", "6h"]) == 0
    assert unreadable(root / "site") == []
    assert any((root / "site" / "alerts").glob("*.xml"))


def test_hosting_rules_follow_the_sites_path() -> None:
    assert site_path("https://example.org") == "/"
    assert site_path("https://org.github.io/minato") == "/minato/"
    files = hosting_files("https://org.github.io/minato/")
    nginx, headers = files["_hosting/nginx.conf"], files["_headers"]
    assert "error_page 404 /minato/404.html;" in nginx
    assert "location ~ ^/minato/(.+/)?alerts\\.json$" in nginx
    assert "/minato/*/alerts.json\n  Cache-Control: public, max-age=30, must-revalidate" in headers
    assert "/minato/*/assets/javascripts/*\n  Cache-Control: public, max-age=31536000, immutable" in headers


def test_text_files_have_deterministic_compressed_copies(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    assert main(["build", "--project", str(root)]) == 0
    page = root / "site" / "en" / "residence" / "card" / "index.html"
    packed = page.with_name("index.html.gz")
    assert gzip.decompress(packed.read_bytes()) == page.read_bytes()
    assert len(packed.read_bytes()) < len(page.read_bytes()) / 2
    before = packed.read_bytes()
    assert main(["build", "--project", str(root)]) == 0
    assert packed.read_bytes() == before  # no timestamp inside: two publishers write the same bytes
    args = [
        "alert",
        "new",
        "--project",
        str(root),
        "--event",
        "地震",
        "--headline",
        "強い 揺れに 気を つけて ください。",
    ]
    assert main([*args, "--severity", "Severe", "--expires", "6h", "--description", "x" * 400]) == 0
    alerts = root / "site" / "en" / "alerts.json"
    copy = alerts.with_name("alerts.json.gz")
    assert copy.is_file() and gzip.decompress(copy.read_bytes()) == alerts.read_bytes()  # kept in step


def _guidebook(root: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "guidebook.cli", *args, "--project", str(root)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _shown(root: Path) -> set[str]:
    doc = json.loads((root / "site" / "en" / "alerts.json").read_text(encoding="utf-8"))
    return {alert["identifier"] for alert in doc["alerts"]}


def test_an_alert_published_during_a_build_stays_published(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", languages=("ja", "en", "th", "vi", "ko"))
    assert main(["build", "--project", str(root)]) == 0
    (root / "content" / "ja" / "residence" / "card.md").write_text(
        (root / "content" / "ja" / "residence" / "card.md").read_text(encoding="utf-8") + "\n追加の 文です。\n",
        encoding="utf-8",
    )
    build = _guidebook(root, "build")
    time.sleep(1.0)  # the build has read the alerts (none) and is rendering
    alert = _guidebook(
        root,
        "alert",
        "new",
        "--event",
        "津波",
        "--headline",
        "すぐに 逃げて ください。",
        "--severity",
        "Extreme",
        "--expires",
        "6h",
        "--identifier",
        "tsunami-during-build",
    )
    assert alert.wait(120) == 0, alert.communicate()
    assert build.wait(300) == 0, build.communicate()
    assert "tsunami-during-build" in _shown(root)


def test_two_alert_commands_at_once_both_publish(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", files={"site_config/alerts/quake.yml": alert_text()})
    assert main(["build", "--project", str(root)]) == 0
    common = ["--severity", "Severe", "--expires", "6h", "--headline", "気を つけて ください。"]
    first = _guidebook(root, "alert", "new", "--event", "大雨", "--identifier", "rain-a", *common)
    second = _guidebook(root, "alert", "new", "--event", "停電", "--identifier", "power-b", *common)
    assert first.wait(120) == 0, first.communicate()
    assert second.wait(120) == 0, second.communicate()
    assert {"rain-a", "power-b"} <= _shown(root)


@pytest.mark.parametrize("rel", ["_headers", "_hosting/nginx.conf"])
def test_build_writes_the_hosting_rules(tmp_path: Path, rel: str) -> None:
    root = make_project(tmp_path / "proj")
    assert main(["build", "--project", str(root)]) == 0
    assert (root / "site" / rel).read_text(encoding="utf-8") == hosting_files("https://example.org/")[rel]
