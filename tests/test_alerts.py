"""Alerts: validation with file and line, which alerts readers see, the banner, alerts.json, CAP and Atom."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from babel import Locale
from lxml import etree

from guidebook.alerts.atom import atom_feed
from guidebook.alerts.cap import NS, cap_xml, dump_alert, read_cap, site_tag
from guidebook.alerts.model import (
    Alert,
    Settings,
    area_matches,
    cap_time,
    parse_alert,
    published,
    read_alerts,
    shown,
)
from guidebook.alerts.view import BOTH, alerts_document, banner_html, format_japan_time, view
from guidebook.problems import InputError, Problem
from guidebook.project.loader import open_project
from tests.alert_data import alert_text
from tests.helpers import REPO, make_project

LANGS = ["ja", "en", "zh-Hans", "ko", "es", "pt-BR", "vi", "ne", "th", "id", "my", "km", "fil", "mn"]
XSD = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "data" / "CAP-v1.2.xsd")))
NOW = dt.datetime(2026, 9, 1, 12, 0, tzinfo=dt.UTC)
STRINGS_EN = {
    "alert.region": "Emergency alerts",
    "alert.level.severe": "Danger",
    "alert.instruction": "What to do",
    "alert.details": "More details",
    "alert.area": "Area",
    "alert.web": "More information",
    "alert.issued": "Issued: {time}",
    "alert.until": "Until: {time}",
    "alert.japan_time": "{time} (Japan time)",
    "alert.dismiss": "Hide this alert",
    "alert.show_hidden": "Show hidden alerts ({count})",
    "alert.untranslated": "This alert is not yet available in English.",
    "alert.cancelled": "Cancelled: {headline}",
    "alert.feed": "Alerts",
}


def parse(text: str, file: str = "site_config/alerts/a.yml") -> Alert:
    problems: list[Problem] = []
    alert = parse_alert(text, file, LANGS, problems)
    assert problems == [] and alert is not None, [str(p) for p in problems]
    return alert


def problems_of(text: str, file: str = "site_config/alerts/a.yml") -> list[str]:
    problems: list[Problem] = []
    assert parse_alert(text, file, LANGS, problems) is None
    return [str(p) for p in problems]


def validate_cap(data: bytes) -> None:
    doc = etree.fromstring(data)
    assert XSD.validate(doc), str(XSD.error_log)


# ---------------------------------------------------------------------------------------------
# Validation


def test_shipped_example_is_an_exercise_readers_do_not_see() -> None:
    project = open_project(REPO)
    assert read_alerts(project) == []  # the national project ships no alert in the fork-owned folder
    problems: list[Problem] = []
    text = (REPO / "docs/alerts/example-exercise.yml").read_text(encoding="utf-8")
    example = parse_alert(
        text, "docs/alerts/example-exercise.yml", [lang.tag for lang in project.config.languages], problems
    )
    assert problems == [] and example is not None
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


def test_a_language_without_its_block_gets_plain_japanese_and_english() -> None:
    alert = parse(
        alert_text(
            info={
                "ja": {"description": "大きな 地震です。", "area": {"areaDesc": "東京都"}},
                "en": {"event": "Earthquake", "headline": "A strong earthquake.", "instruction": "Protect your head."},
                "vi": {"event": "Động đất", "headline": "Động đất mạnh."},
            }
        )
    )
    th = view(alert, "th")
    assert (th.translated, [b.lang for b in th.blocks]) == (False, ["ja", "en"])
    vi = view(alert, "vi")
    assert vi.translated and [b.lang for b in vi.blocks] == ["vi"]
    assert vi.blocks[0].instruction == "頭を 守って ください。"
    assert vi.blocks[0].from_ja == ("description", "instruction", "area")
    assert [b.lang for b in view(alert, BOTH).blocks] == ["ja", "en"]


# ---------------------------------------------------------------------------------------------
# Banner and alerts.json


def test_japan_time_in_the_readers_locale() -> None:
    moment = dt.datetime(2026, 9, 1, 0, 15, tzinfo=dt.UTC)
    assert format_japan_time(moment, Locale.parse("en")) == "Sep 1, 2026, 9:15\u202fAM"
    assert format_japan_time(moment, Locale.parse("ja")) == "2026/09/01 9:15"
    assert format_japan_time(moment, Locale.parse("de")) == "01.09.2026, 09:15"


def test_banner_for_a_reader_without_their_language() -> None:
    alert = parse(
        alert_text(
            expires=None,
            info={
                "ja": {"instruction": None, "web": "https://www.jma.go.jp/"},
                "en": {"event": "Earthquake", "headline": "A strong earthquake."},
            },
        )
    )
    html = banner_html([view(alert, "en")], "en", STRINGS_EN, Locale.parse("en"))
    assert html.startswith(
        '<div class="gb-alerts" role="region" aria-label="Emergency alerts" aria-live="polite">'
        '<div class="gb-alert gb-alert--severe" data-key="quake-1|2026-09-01T09:00:00+09:00" '
        'data-effective="2026-09-01T09:00:00+09:00"><div class="gb-alert__head">'
        '<span class="gb-alert__icon" aria-hidden="true"></span><strong class="gb-alert__level">Danger</strong>'
        '<button type="button" class="gb-alert__dismiss" aria-label="Hide this alert" hidden>'
        '<span aria-hidden="true">×</span></button></div>'
        '<div class="gb-alert__block"><p class="gb-alert__event">Earthquake</p>'
        '<p class="gb-alert__headline">A strong earthquake.</p>'
        '<details class="gb-alert__details"><summary>More details</summary>'
        '<p><a class="gb-alert__web" href="https://www.jma.go.jp/" rel="noopener">More information</a></p>'
        "</details></div>"
        '<p class="gb-alert__time"><span>Issued: <time datetime="2026-09-01T09:00:00+09:00">'
        "Sep 1, 2026, 9:00\u202fAM</time> (Japan time)</span></p></div>"
        '<button type="button" class="gb-alerts__show" data-label="Show hidden alerts ({count})" hidden></button>'
        "<script>"
    )
    assert banner_html([], "en", STRINGS_EN, Locale.parse("en")) == ""


def test_banner_text_is_escaped() -> None:
    alert = parse(alert_text(info={"ja": {"headline": "<script>alert(1)</script> & 避難"}}))
    html = banner_html([view(alert, "ja")], "ja", {}, Locale.parse("ja"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 避難" in html
    assert "<script>alert(1)" not in html


def test_alerts_json_carries_strings_and_alerts() -> None:
    alert = parse(alert_text())
    strings = {"alert.region": "R", "page.sources": "S"}
    doc = json.loads(alerts_document([view(alert, "th")], "th", strings, Locale.parse("th")))
    assert doc == {
        "version": 1,
        "lang": "th",
        "strings": {"alert.region": "R"},
        "alerts": [
            {
                "key": "quake-1|2026-09-01T09:00:00+09:00",
                "identifier": "quake-1",
                "sent": "2026-09-01T09:00:00+09:00",
                "status": "Actual",
                "msgType": "Alert",
                "severity": "Severe",
                "urgency": "Immediate",
                "certainty": "Observed",
                "effective": "2026-09-01T09:00:00+09:00",
                "expires": "2099-01-01T00:00:00+09:00",
                "translated": False,
                "blocks": [
                    {
                        "lang": "ja",
                        "event": "地震",
                        "headline": "強い 地震が ありました。",
                        "instruction": "頭を 守って ください。",
                    },
                    {
                        "lang": "en",
                        "event": "Earthquake",
                        "headline": "A strong earthquake has struck.",
                        "instruction": "Protect your head.",
                    },
                ],
                # Written in the page's language by CLDR: browsers lack date formats for some languages.
                "text": {"sent": "1 ก.ย. 2026 09:00", "expires": "1 ม.ค. 2099 00:00"},
            }
        ],
    }


# ---------------------------------------------------------------------------------------------
# CAP 1.2 and Atom


def test_cap_export_validates_against_the_cap_schema() -> None:
    first = parse(
        alert_text(
            info={
                "ja": {
                    "description": "説明",
                    "web": "https://www.jma.go.jp/",
                    "area": {"areaDesc": "千代田区", "geocode": ["13101", "13"]},
                },
                "en": {"event": "Earthquake", "headline": "Strong shaking.", "area": {"areaDesc": "Chiyoda"}},
                "zh-Hans": {"event": "地震", "headline": "强烈摇晃。"},
            },
            source="気象庁",
            note="note",
        )
    )
    update = parse(alert_text(identifier="quake-2", msgType="Update", references=["quake-1"]))
    cancel = parse(alert_text(identifier="quake-3", msgType="Cancel", references=["quake-2"], info={}))
    known = {a.identifier: a for a in (first, update, cancel)}
    for alert in (first, update, cancel):
        validate_cap(cap_xml(alert, known))
    doc = etree.fromstring(cap_xml(update, known))
    assert doc.findtext(f"{{{NS}}}references") == "city.example.jp,quake-1,2026-09-01T09:00:00+09:00"
    languages = [el.text for el in etree.fromstring(cap_xml(first, known)).iter(f"{{{NS}}}language")]
    assert languages == ["ja", "en", "zh-Hans"]


def test_cap_times_use_minus_zero_for_utc() -> None:
    assert cap_time(dt.datetime(2026, 9, 1, 0, 15, 30, 999, tzinfo=dt.UTC)) == "2026-09-01T00:15:30-00:00"
    alert = parse(alert_text(sent="2026-09-01T00:00:00+00:00"))
    assert b"<sent>2026-09-01T00:00:00-00:00</sent>" in cap_xml(alert, {})


def test_cap_export_then_import_gives_the_same_alert() -> None:
    original = parse(
        alert_text(
            info={
                "ja": {"description": "一行目\n二行目", "area": {"areaDesc": "千代田区", "geocode": ["13101"]}},
                "en": {"event": "Earthquake", "headline": "Strong shaking.", "description": "Line one\nLine two"},
            }
        )
    )
    imported = read_cap(cap_xml(original, {}), LANGS)
    assert imported.left_out == []
    again = parse(dump_alert(imported.data, "imported"))
    assert dataclasses.replace(again, lines={}) == dataclasses.replace(original, lines={})


CAP_FROM_ELSEWHERE = """<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>urn:oid:2.49.0.1.392.0.2026.1</identifier>
  <sender>jma@example.jp</sender>
  <sent>2026-09-01T09:00:00+09:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>ja-JP</language>
    <category>Met</category>
    <event>大雨警報</event>
    <responseType>Monitor</responseType>
    <urgency>Expected</urgency>
    <severity>Moderate</severity>
    <certainty>Likely</certainty>
    <expires>2026-09-02T09:00:00+09:00</expires>
    <headline>大雨に 気を つけて ください。</headline>
    <area><areaDesc>千代田区</areaDesc><polygon>35.6,139.7 35.7,139.7 35.7,139.8 35.6,139.7</polygon>
      <geocode><valueName>JIS X 0402</valueName><value>13101</value></geocode></area>
    <area><areaDesc>中央区</areaDesc><geocode><valueName>JIS X 0402</valueName><value>13102</value></geocode></area>
  </info>
  <info>
    <language>en-US</language>
    <category>Met</category>
    <event>Heavy rain warning</event>
    <urgency>Expected</urgency>
    <severity>Moderate</severity>
    <certainty>Likely</certainty>
    <expires>2026-09-02T09:00:00+09:00</expires>
    <headline>Watch out for heavy rain.</headline>
  </info>
  <info>
    <language>fr-FR</language>
    <category>Met</category>
    <event>Pluie</event>
    <urgency>Expected</urgency>
    <severity>Moderate</severity>
    <certainty>Likely</certainty>
  </info>
</alert>
"""


def test_cap_import_maps_languages_and_says_what_it_left_out() -> None:
    imported = read_cap(CAP_FROM_ELSEWHERE.encode(), LANGS)
    assert imported.left_out == ["area polygon", "responseType", "info in fr-FR (not a language of this site)"]
    assert imported.data["info"]["en"] == {"event": "Heavy rain warning", "headline": "Watch out for heavy rain."}
    assert imported.data["info"]["ja"]["area"] == {"areaDesc": "千代田区; 中央区", "geocode": ["13101", "13102"]}
    alert = parse(dump_alert(imported.data))
    assert alert.geocodes == ("13101", "13102") and alert.infos["en"].severity == "Moderate"


@pytest.mark.parametrize(
    ("cap", "tag"),
    [("ja-JP", "ja"), ("en-US", "en"), ("zh-CN", "zh-Hans"), ("zh-TW", None), ("pt", "pt-BR"), ("tl", None)],
)
def test_cap_languages_map_to_site_languages(cap: str, tag: str | None) -> None:
    assert site_tag(cap, LANGS) == tag


def test_atom_feed_per_language_links_each_cap_file() -> None:
    first = parse(alert_text())
    rain = {"ja": {"event": "大雨", "headline": "大雨です。"}, "en": {"event": "Rain", "headline": "Heavy rain."}}
    other = parse(alert_text(identifier="rain", severity="Moderate", info=rain))
    cancel = parse(alert_text(identifier="cancel-1", msgType="Cancel", references=["rain"], info={}))
    known = {a.identifier: a for a in (first, other, cancel)}
    urls = {k: f"https://example.org/alerts/{k}.xml" for k in known}
    data = atom_feed([first, cancel], known, "en", STRINGS_EN, "Guide", "https://example.org/", urls, NOW)
    feed = etree.fromstring(data)
    atom = "{http://www.w3.org/2005/Atom}"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entries = feed.findall(f"{atom}entry")
    assert [e.findtext(f"{atom}title") for e in entries] == [
        "Earthquake: A strong earthquake has struck.",
        "Cancelled: Heavy rain.",
    ]
    assert [e.get(lang) for e in entries] == ["en", "en"]
    assert entries[0].find(f"{atom}link").attrib == {
        "rel": "alternate",
        "type": "application/cap+xml",
        "href": "https://example.org/alerts/quake-1.xml",
    }
    assert feed.findtext(f"{atom}title") == "Guide – Alerts"
    th = etree.fromstring(atom_feed([first], known, "th", {}, "Guide", "https://example.org/", urls, NOW))
    assert th.find(f"{atom}entry").get(lang) == "ja"
