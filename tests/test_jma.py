"""Alert templates and the agency's telegrams: every language at once, one event one alert, replayable."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from guidebook.alerts.jma import TelegramError, areas, parse, prefectures
from guidebook.alerts.model import read_alerts
from guidebook.catalogs.checks import CheckFailure, Pair, check_slots, stale_pages
from guidebook.cli import main
from guidebook.japanese.romaji import hepburn
from guidebook.project.loader import open_project
from tests.helpers import REPO, make_project, tree

SAMPLES = REPO / "tests" / "data" / "jma-xml"  # the agency's published samples (出典：気象庁; see its README)
ADVISORY = SAMPLES / "38-39_02_01_191025_VTSE41.xml"  # tsunami advisory, 鹿児島県 (Actual)
LIFTED = SAMPLES / "38-39_02_04_191025_VTSE41.xml"  # its lifting
DRILL = SAMPLES / "32-39_13_02_191025_VTSE41.xml"  # a tsunami advisory drill (訓練)
DISTANT = SAMPLES / "32-39_05_01_100831_VXSE53.xml"  # a distant earthquake: no intensity in Japan
WEAK = SAMPLES / "32-35_04_01_100831_VXSE51.xml"  # intensity 4
STRONG = SAMPLES / "32-35_06_03_100915_VXSE53.xml"  # intensity 6+
STRONG_CANCELLED = SAMPLES / "32-35_06_06_100915_VXSE53.xml"  # 取消 of the same event
AS_OF = "2015-11-14T06:10:00+09:00"

EN_TRANSLATIONS = {
    "津波注意報": "Tsunami Advisory",
    "津波注意報です。海から 離れて ください。": "Tsunami Advisory. Get away from the sea.",
    "{area}に {height}の 津波が 来る と 予想されます。": "A tsunami of {height} is expected in {area}.",
    "海の 中に いる 人は、すぐに 海から 上がって、海から 離れて ください。注意報が 解除されるまで 海に 入らないで ください。": (
        "If you are in the sea, get out at once and move away from the sea. Do not go in until the advisory is lifted."
    ),
}


def project_with_templates(root: Path, languages: tuple[str, ...] = ("ja", "en", "vi"), **kwargs: object) -> Path:
    """A small built project with the shipped alert templates and an English translation of the advisory."""
    make_project(root, languages=languages, **kwargs)  # type: ignore[arg-type]
    shutil.copy(REPO / "content" / "alert-templates.yml", root / "content" / "alert-templates.yml")
    assert main(["extract", "--project", str(root)]) == 0
    po = root / "languages" / "en" / "LC_MESSAGES" / "alert-templates.po"
    text = po.read_text(encoding="utf-8")
    for msgid, msgstr in EN_TRANSLATIONS.items():
        text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "{msgstr}"')
    height = 'msgctxt "height"\nmsgid "1m"\nmsgstr ""'
    assert height in text
    po.write_text(text.replace(height, 'msgctxt "height"\nmsgid "1m"\nmsgstr "1 m"'), encoding="utf-8")
    assert main(["build", "--project", str(root)]) == 0
    return root


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project_with_templates(tmp_path_factory.mktemp("jma") / "proj")


@pytest.fixture
def built(built_once: Path, tmp_path: Path) -> Path:
    shutil.copytree(built_once, tmp_path / "proj")
    return tmp_path / "proj"


def alerts_json(root: Path, tag: str) -> list[dict[str, object]]:
    doc = json.loads((root / "site" / tag / "alerts.json").read_text(encoding="utf-8"))
    alerts: list[dict[str, object]] = doc["alerts"]
    return alerts


def test_every_sample_telegram_reads_or_says_why_not() -> None:
    samples = sorted(SAMPLES.glob("*.xml"))
    assert len(samples) > 50
    for path in samples:
        telegram = parse(path.read_bytes())
        assert telegram.event_id and telegram.reported.tzinfo is not None, path.name
        assert telegram.template or telegram.reason or telegram.info_type == "取消", path.name


def test_bad_telegrams_say_what_is_wrong() -> None:
    with pytest.raises(TelegramError, match="not well-formed"):
        parse(b"<Report xmlns='http://xml.kishou.go.jp/jmaxml1/'><Control>")
    text = ADVISORY.read_text(encoding="utf-8").replace("<Status>通常</Status>", "<Status>本番</Status>")
    with pytest.raises(TelegramError, match="Control/Status"):
        parse(text.encode("utf-8"))


def test_a_tsunami_forecast_areas_code_is_not_a_prefecture() -> None:
    assert prefectures("tsunami_forecast_areas", ["320"]) == ["13"]  # 伊豆諸島 is in Tokyo, not "32" (島根県)
    assert prefectures("tsunami_forecast_areas", ["210"]) == ["03"]  # 岩手県
    codes = {code for path in SAMPLES.glob("*VTSE41.xml") for code in _area_codes(path)}
    assert codes and codes <= set(areas()["tsunami_forecast_areas"])


def _area_codes(path: Path) -> list[str]:
    import re

    body = path.read_text(encoding="utf-8").split("<Body", 1)[1]
    return re.findall(r"<Area>\s*<Name>[^<]*</Name>\s*<Code>([0-9]{3})</Code>", body)


def test_telegram_maps_to_template_slots_and_cap_fields() -> None:
    advisory = parse(ADVISORY.read_bytes())
    assert (advisory.template, advisory.status, advisory.slots["height"]) == ("tsunami-advisory", "Actual", "1m")
    assert advisory.geocodes == ["46"]
    assert parse(DRILL.read_bytes()).status == "Exercise"
    assert parse(DISTANT.read_bytes()).template is None
    assert parse(STRONG.read_bytes()).slots["intensity"] == "6+"
    assert parse(LIFTED.read_bytes()).lifts


def test_import_writes_one_alert_per_event_and_its_lifting(built: Path) -> None:
    project = ["--project", str(built), "--as-of", AS_OF]
    assert main(["alert", "import", *project, str(ADVISORY)]) == 0
    shown = alerts_json(built, "en")
    assert [a["msgType"] for a in shown] == ["Alert"]
    en = next(b for b in shown[0]["blocks"] if b["lang"] == "en")  # type: ignore[attr-defined,index]
    assert en["event"] == "Tsunami Advisory"
    assert "A tsunami of 1 m is expected in" in en["description"]
    assert "種子島・屋久島地方 (Tanegashima" in en["description"]  # the Japanese name kept, romanized
    assert main(["alert", "import", "--project", str(built), "--as-of", "2015-11-14T07:30:00+09:00", str(LIFTED)]) == 0
    files = sorted(p.name for p in (built / "site_config" / "alerts").glob("*.yml"))
    assert len(files) == 2
    alerts = read_alerts(open_project(built))
    lifted = next(a for a in alerts if a.msg_type == "Update")
    assert lifted.template and lifted.template["kind"] == "tsunami-lifted"
    assert [r.identifier for r in lifted.references] == [next(a for a in alerts if a.msg_type == "Alert").identifier]


def test_import_is_idempotent_and_deterministic(built_once: Path, tmp_path: Path) -> None:
    roots = []
    for name in ("a", "b"):
        root = tmp_path / name
        shutil.copytree(built_once, root)
        assert main(["alert", "import", "--project", str(root), "--as-of", AS_OF, str(LIFTED), str(ADVISORY)]) == 0
        roots.append(root)
    before = tree(roots[0] / "site_config") | {f"site/{k}": v for k, v in tree(roots[0] / "site").items()}
    assert main(["alert", "import", "--project", str(roots[0]), "--as-of", AS_OF, str(ADVISORY), str(LIFTED)]) == 0
    after = tree(roots[0] / "site_config") | {f"site/{k}": v for k, v in tree(roots[0] / "site").items()}
    assert before == after  # the same telegrams again: nothing changes
    other = tree(roots[1] / "site_config") | {f"site/{k}": v for k, v in tree(roots[1] / "site").items()}
    assert after == other  # two publishers, in either order: the same bytes


def test_drills_and_tests_never_look_real(built: Path) -> None:
    assert main(["alert", "import", "--project", str(built), "--as-of", "2018-12-04T18:10:00+09:00", str(DRILL)]) == 0
    assert alerts_json(built, "en") == []
    (alert,) = read_alerts(open_project(built))
    assert alert.status == "Exercise"


def test_weak_and_distant_earthquakes_make_no_banner(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["alert", "import", "--project", str(built), str(WEAK), str(DISTANT)]) == 0
    out = capsys.readouterr().out
    assert "intensity 4 is below the site's threshold 5-" in out and "distant earthquake" in out
    assert not list((built / "site_config" / "alerts").glob("*.yml"))
    site_yml = built / "site_config" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "alert_min_intensity: '4'\n", encoding="utf-8")
    assert main(["alert", "import", "--project", str(built), "--no-publish", str(WEAK)]) == 0
    assert len(list((built / "site_config" / "alerts").glob("*.yml"))) == 1


def test_cancellation_withdraws_the_event(built: Path) -> None:
    project = ["--project", str(built), "--as-of", "2008-06-14T09:00:00+09:00"]
    assert main(["alert", "import", *project, str(STRONG)]) == 0
    assert len(alerts_json(built, "ja")) == 1
    assert main(["alert", "import", *project, str(STRONG_CANCELLED)]) == 0
    assert alerts_json(built, "ja") == []
    kinds = sorted(a.msg_type for a in read_alerts(open_project(built)))
    assert kinds == ["Alert", "Cancel"]


def test_a_municipality_sees_only_telegrams_for_its_area(built: Path) -> None:
    site_yml = built / "site_config" / "site.yml"
    original = site_yml.read_text(encoding="utf-8")
    site_yml.write_text(original + 'alert_areas: ["13103"]\n', encoding="utf-8")
    assert main(["alert", "import", "--project", str(built), "--as-of", AS_OF, str(ADVISORY)]) == 0
    assert alerts_json(built, "ja") == []  # Kagoshima's coast is not Minato's
    site_yml.write_text(original + 'alert_areas: ["46201"]\n', encoding="utf-8")
    assert main(["alert", "import", "--project", str(built), "--as-of", AS_OF, str(ADVISORY)]) == 0
    assert len(alerts_json(built, "ja")) == 1


def test_template_alert_reads_in_every_translated_language(built: Path) -> None:
    args = ["alert", "new", "--project", str(built), "--template", "tsunami-advisory", "--area", "伊豆諸島"]
    assert main([*args, "--height", "1m", "--identifier", "izu"]) == 0
    (alert,) = alerts_json(built, "en")
    langs = [b["lang"] for b in alert["blocks"]]  # type: ignore[index,union-attr]
    assert langs == ["en"]  # English is translated; no Japanese fallback block
    en = alert["blocks"][0]  # type: ignore[index]
    assert en["description"] == "A tsunami of 1 m is expected in 伊豆諸島 (Izu-shotō)."  # type: ignore[index]
    (vi,) = alerts_json(built, "vi")
    assert [b["lang"] for b in vi["blocks"]] == ["ja", "en"]  # type: ignore[index,union-attr]  # not translated: as today


def test_template_needs_its_slots(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["alert", "new", "--project", str(built), "--template", "tsunami-advisory", "--area", "伊豆諸島"]) == 2
    assert "template 'tsunami-advisory' needs --height" in capsys.readouterr().err
    assert main(["alert", "new", "--project", str(built), "--template", "heavy-rain", "--area", "港区"]) == 2
    assert "needs --level, one of 2, 3, 4, 5" in capsys.readouterr().err


def test_a_translation_that_loses_a_slot_is_an_error() -> None:
    check_slots(Pair("{area}に {height}の 津波", "A {height} tsunami in {area}", "en", ()))
    with pytest.raises(CheckFailure, match=r"slot \{area\} of the source is missing"):
        check_slots(Pair("{area}に {height}の 津波", "A {height} tsunami", "en", ()))


def test_hepburn_spellings() -> None:
    assert [hepburn("じゅうみんひょう", s) for s in ("macron", "plain", "wapuro")] == [
        "jūminhyō",
        "juminhyo",
        "juuminhyou",
    ]
    assert hepburn("がっこう") == "gakkō" and hepburn("まっちゃ") == "matcha" and hepburn("きんえん") == "kin'en"


def test_check_warns_about_pages_not_reviewed_for_a_year(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    project = open_project(root)
    assert stale_pages(project, dt.date(2027, 10, 1)) == []
    (problem, *_) = stale_pages(project, dt.date(2027, 11, 2))
    assert problem.key == "reviewed" and problem.severity == "warning" and "2026-11-01" in problem.message


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return None

    def do_GET(self) -> None:  # noqa: N802
        if self.path.startswith("/slow"):
            time.sleep(2)
        try:
            super().do_GET()
        except BrokenPipeError:  # the watcher gave up waiting, as it should
            pass


@pytest.fixture
def feed_server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    folder = tmp_path / "www"
    folder.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _feed(entries: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f"<entry><id>{i}</id><title>{t}</title><updated>2015-11-14T06:00:00+09:00</updated>"
        f'<link type="application/xml" href="{href}"/></entry>'
        for i, t, href in entries
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>f</id>{items}</feed>'


def test_watch_imports_new_telegrams_survives_bad_ones_and_restarts(
    built: Path, feed_server: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, url = feed_server
    shutil.copy(ADVISORY, folder / "advisory.xml")
    (folder / "broken.xml").write_text("<Report xmlns='http://xml.kishou.go.jp/jmaxml1/'><Control>", encoding="utf-8")
    shutil.copy(LIFTED, folder / "lifted.xml")
    title = "津波警報・注意報・予報a"
    entries = [
        ("3", title, "broken.xml"),
        ("2", "火山の状況に関する解説情報", "volcano.xml"),
        ("1", title, "advisory.xml"),
    ]
    (folder / "feed.xml").write_text(_feed(entries), encoding="utf-8")
    args = ["alert", "watch", "--project", str(built), f"{url}/feed.xml", "--cycles", "1", "--interval", "0"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "broken.xml" in err and "not well-formed" in err
    assert len(list((built / "site_config" / "alerts").glob("*.yml"))) == 1
    state = json.loads((built / "build" / "jma-watch.json").read_text(encoding="utf-8"))["done"]
    assert state["2"] == "skipped" and state["3"].startswith("bad") and state["1"].startswith("wrote")
    # A restart with one more entry: only the new telegram is fetched and imported.
    (folder / "feed.xml").write_text(_feed([("4", title, "lifted.xml"), *entries]), encoding="utf-8")
    (folder / "advisory.xml").unlink()  # already processed: never fetched again
    assert main(args) == 0
    assert len(list((built / "site_config" / "alerts").glob("*.yml"))) == 2
    # A feed that stops answering: reported, and the watcher goes on.
    (folder / "slow").mkdir()
    shutil.copy(folder / "feed.xml", folder / "slow" / "feed.xml")
    slow = ["alert", "watch", "--project", str(built), f"{url}/slow/feed.xml", "--cycles", "2", "--interval", "0"]
    assert main([*slow, "--timeout", "0.5"]) == 0
    assert "timed out" in capsys.readouterr().err
