"""Alerts: validation with file and line, and which alerts readers see."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guidebook.alerts.model import (
    Alert,
    Settings,
    area_matches,
    parse_alert,
    published,
    read_alerts,
    shown,
)
from guidebook.problems import InputError, Problem
from guidebook.project import open_project
from tests.alert_data import alert_text
from tests.helpers import REPO, make_project

LANGS = ["ja", "en", "zh-Hans", "ko", "es", "pt-BR", "vi", "ne", "th", "id", "my", "km", "fil", "mn"]
NOW = dt.datetime(2026, 9, 1, 12, 0, tzinfo=dt.UTC)


def parse(text: str, file: str = "site_config/alerts/a.yml") -> Alert:
    problems: list[Problem] = []
    alert = parse_alert(text, file, LANGS, problems)
    assert problems == [] and alert is not None, [str(p) for p in problems]
    return alert


def problems_of(text: str, file: str = "site_config/alerts/a.yml") -> list[str]:
    problems: list[Problem] = []
    assert parse_alert(text, file, LANGS, problems) is None
    return [str(p) for p in problems]


# ---------------------------------------------------------------------------------------------
# Validation


def test_shipped_example_is_an_exercise_readers_do_not_see() -> None:
    project = open_project(REPO)
    [example] = read_alerts(project)
    assert (example.status, example.msg_type) == ("Exercise", "Alert")
    during = example.effective + dt.timedelta(minutes=1)
    assert shown([example], Settings.of(project.config), during) == []
    assert shown([example], Settings(statuses=("Actual", "Exercise")), during) == [example]


def test_bad_alerts_are_reported_together_with_file_line_and_reason(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        files={
            "site_config/alerts/early.yml": alert_text(
                sent="2026-09-01T09:00:00+09:00", expires="2026-09-01T08:00:00+09:00"
            ),
            "site_config/alerts/huge.yml": alert_text(identifier="huge-1", severity="Huge"),
        },
    )
    with pytest.raises(InputError) as err:
        read_alerts(open_project(root))
    assert [str(p) for p in err.value.problems] == [
        "site_config/alerts/early.yml:16: info.ja.expires: expected a time after sent (2026-09-01T09:00:00+09:00), "
        "got '2026-09-01T08:00:00+09:00'",
        "site_config/alerts/huge.yml:12: info.ja.severity: expected one of Extreme, Severe, Moderate, Minor, "
        "Unknown, got 'Huge'",
    ]


def test_expires_before_effective_names_effective() -> None:
    text = alert_text(info={"ja": {"effective": "2026-09-01T12:00:00+09:00", "expires": "2026-09-01T10:00:00+09:00"}})
    assert problems_of(text) == [
        "site_config/alerts/a.yml:16: info.ja.expires: expected a time after effective (2026-09-01T12:00:00+09:00), "
        "got '2026-09-01T10:00:00+09:00'"
    ]


def test_translation_takes_shared_fields_from_japanese_and_must_agree() -> None:
    text = alert_text(info={"ja": {}, "en": {"event": "Earthquake", "severity": "Minor"}})
    assert problems_of(text) == [
        "site_config/alerts/a.yml:17: info.en.headline: missing; expected a non-empty string",
        "site_config/alerts/a.yml:19: info.en.severity: expected the same as info.ja.severity ('Severe'), got 'Minor'",
    ]


def test_info_blocks_are_for_languages_the_site_publishes() -> None:
    assert problems_of(alert_text(info={"ja": {}, "xx": {"event": "?", "headline": "?"}})) == [
        "site_config/alerts/a.yml:17: info.xx: expected a language the site publishes "
        "(ja, en, zh-Hans, ko, es, pt-BR, vi, ne, th, id, my, km, fil, mn), got 'xx'",
    ]


def test_translation_inherits_severity_and_expiry() -> None:
    alert = parse(alert_text())
    en = alert.infos["en"]
    assert (en.severity, en.urgency, en.certainty, en.categories) == ("Severe", "Immediate", "Observed", ("Geo",))
    assert en.expires == dt.datetime(2099, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert en.effective == alert.sent


def test_an_alert_needs_plain_japanese_and_updates_name_what_they_replace() -> None:
    assert problems_of(alert_text(info={"en": {"event": "E", "headline": "H"}})) == [
        "site_config/alerts/a.yml:6: info.ja: missing; expected the plain-Japanese info block",
    ]
    assert problems_of(alert_text(msgType="Update")) == [
        "site_config/alerts/a.yml:5: references: missing; expected the alerts this Update replaces",
    ]
    assert problems_of(alert_text(references=["quake-0"])) == [
        "site_config/alerts/a.yml:6: references: expected none for a new Alert; an alert that replaces others "
        "is an Update",
    ]


def test_identifiers_are_unique_and_bare_references_must_exist(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        files={
            "site_config/alerts/a.yml": alert_text(),
            "site_config/alerts/b.yml": alert_text(),
            "site_config/alerts/c.yml": alert_text(identifier="quake-2", msgType="Update", references=["quake-9"]),
        },
    )
    with pytest.raises(InputError) as err:
        read_alerts(open_project(root))
    assert [str(p) for p in err.value.problems] == [
        "site_config/alerts/b.yml:1: identifier: expected an identifier no other alert uses, got 'quake-1' "
        "(also in site_config/alerts/a.yml)",
        "site_config/alerts/c.yml:6: references[0]: expected the identifier of an alert in site_config/alerts/, "
        "or sender,identifier,sent; got 'quake-9'",
    ]


def test_a_cancel_needs_no_info_block() -> None:
    alert = parse(alert_text(identifier="c-1", msgType="Cancel", references=["quake-1"], info={}))
    assert alert.infos == {} and alert.references[0].identifier == "quake-1"


# ---------------------------------------------------------------------------------------------
# What readers see


def test_update_replaces_the_alert_and_cancel_removes_it() -> None:
    first = parse(alert_text())
    update = parse(
        alert_text(
            identifier="quake-2",
            sent="2026-09-01T10:00:00+09:00",
            msgType="Update",
            references=["city.example.jp,quake-1,2026-09-01T09:00:00+09:00"],
        )
    )
    cancel = parse(
        alert_text(
            identifier="quake-3", sent="2026-09-01T11:00:00+09:00", msgType="Cancel", references=["quake-2"], info={}
        )
    )
    assert shown([first, update], Settings(), NOW) == [update]
    assert shown([first, update, cancel], Settings(), NOW) == []
    assert published([first, update, cancel], Settings(), NOW) == [cancel]


def test_expired_and_future_alerts() -> None:
    expired = parse(alert_text(identifier="old", expires="2026-09-01T20:00:00+09:00"))
    later = parse(alert_text(identifier="later", info={"ja": {"effective": "2026-09-02T09:00:00+09:00"}}))
    assert shown([expired, later], Settings(), NOW) == []
    assert published([expired, later], Settings(), NOW) == [later]
    assert shown([expired, later], Settings(), NOW - dt.timedelta(hours=2)) == [expired]


def test_most_severe_first_then_most_urgent_then_newest() -> None:
    minor = parse(alert_text(identifier="minor", severity="Minor"))
    extreme = parse(alert_text(identifier="extreme", severity="Extreme"))
    severe_old = parse(alert_text(identifier="severe-old", sent="2026-09-01T08:00:00+09:00"))
    severe_new = parse(alert_text(identifier="severe-new"))
    order = [a.identifier for a in shown([minor, severe_old, extreme, severe_new], Settings(), NOW)]
    assert order == ["extreme", "severe-new", "severe-old", "minor"]


def test_only_actual_alerts_unless_the_site_asks() -> None:
    exercise = parse(alert_text(status="Exercise"))
    draft = parse(alert_text(identifier="d", status="Draft"))
    assert shown([exercise, draft], Settings(), NOW) == []
    assert shown([exercise, draft], Settings(statuses=("Actual", "Exercise")), NOW) == [exercise]


@pytest.mark.parametrize(
    ("code", "wanted", "matches"),
    [
        ("13101", "13101", True),
        ("13", "13101", True),
        ("13000", "13101", True),
        ("131016", "13101", True),
        ("13101", "13", True),
        ("13102", "13101", False),
        ("27", "13101", False),
    ],
)
def test_area_codes_match_their_prefecture(code: str, wanted: str, matches: bool) -> None:
    assert area_matches(code, wanted) is matches


def test_area_filter_keeps_national_alerts_and_the_sites_areas() -> None:
    def at(identifier: str, codes: list[str] | None) -> Alert:
        ja = {"area": {"areaDesc": "どこか", **({"geocode": codes} if codes else {})}}
        return parse(alert_text(identifier=identifier, info={"ja": ja}))

    national, tokyo, chiyoda, osaka = at("n", None), at("t", ["13"]), at("c", ["13101"]), at("o", ["27100"])
    ids = [a.identifier for a in shown([national, tokyo, chiyoda, osaka], Settings(areas=("13101",)), NOW)]
    assert sorted(ids) == ["c", "n", "t"]
