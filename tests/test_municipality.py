"""A municipality's identity in site.yml: validation, header colour contrast, logo, site name, contact."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from guidebook.build import build_site
from guidebook.cli import main
from guidebook.problems import InputError
from guidebook.project.languages import make_language
from guidebook.project.loader import open_project
from guidebook.project.municipality import WHITE, Municipality, check_digit, contrast, rgb, with_identity
from tests.helpers import make_project, page

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#fff"/></svg>\n'
NEW_LOGO = LOGO.replace("#fff", "#eee")


def logo_name(svg: str) -> str:
    """Return the published name of a logo: its content hash keeps caches and incremental builds right."""
    return f"logo.{hashlib.sha256(svg.encode()).hexdigest()[:12]}.svg"


IDENTITY = """\
municipality:
  name:
    ja: みなと市
    en: Minato City
    ko: 미나토시
  area_code: "13103"
  logo: site_config/logo.svg
  primary_color: "#0b6e4f"
  contact:
    phone: 03-0000-1234
    url: https://www.city.minato.example/
"""


def with_site(root: Path, extra: str) -> Path:
    """Append extra to the project's site.yml."""
    site = root / "site_config/site.yml"
    site.write_text(site.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return root


def problems_of(root: Path) -> list[str]:
    """Return the problems open_project reports, as the user reads them."""
    with pytest.raises(InputError) as err:
        open_project(root)
    return [str(p) for p in err.value.problems]


def test_contrast_follows_wcag_relative_luminance() -> None:
    assert contrast(rgb("#000"), WHITE) == pytest.approx(21.0)
    assert round(contrast(rgb("#767676"), WHITE), 2) == 4.54  # the lightest grey that passes AA on white
    assert round(contrast(rgb("#777777"), WHITE), 2) == 4.48


def test_check_digit_of_local_government_codes() -> None:
    assert check_digit("13103") == "2"  # 港区 131032
    assert check_digit("01100") == "2"  # 札幌市 011002
    assert check_digit("27100") == "4"  # 大阪市 271004


def test_identity_errors_are_reported_together_with_line_and_key(tmp_path: Path) -> None:
    root = with_site(
        make_project(tmp_path),
        "municipality:\n"
        "  name: {ja: みなと市}\n"
        "  area_code: 1310\n"
        "  logo: logo.gif\n"
        "  primary_color: #0b6e4f\n"
        "  contact: {phone: call us, url: www.city.example}\n",
    )
    assert problems_of(root) == [
        "site_config/site.yml:8: municipality.area_code: expected a local government code of 5 digits "
        "(JIS X 0402) in quotes, such as \"13103\", got '1310'",
        "site_config/site.yml:9: municipality.logo: expected an image under site_config/ (.svg, .png, .webp, .jpg), "
        "got 'logo.gif'",
        'site_config/site.yml:10: municipality.primary_color: expected a colour "#rrggbb" in quotes '
        "(# starts a YAML comment), got nothing",
        "site_config/site.yml:11: municipality.contact.phone: expected a telephone number such as 03-1234-5678, "
        "got 'call us'",
        "site_config/site.yml:11: municipality.contact.url: expected an http(s) URL, got 'www.city.example'",
    ]


def test_header_colour_below_wcag_aa_is_refused_with_a_darker_shade_that_passes(tmp_path: Path) -> None:
    root = with_site(make_project(tmp_path), 'municipality:\n  name: {ja: みなと市}\n  area_code: "13103"\n')
    with_site(root, '  primary_color: "#7fbf7f"\n')
    assert problems_of(root) == [
        "site_config/site.yml:9: municipality.primary_color: expected a colour with at least 4.5:1 contrast against "
        "the header's white text (WCAG 2.1 AA), got '#7fbf7f' (2.17:1); a darker shade such as '#558055' passes"
    ]
    (root / "site_config/site.yml").write_text(
        (root / "site_config/site.yml").read_text(encoding="utf-8").replace("#7fbf7f", "#558055"), encoding="utf-8"
    )
    config = open_project(root).config
    assert config.municipality is not None and config.municipality.primary_color == "#558055"


def test_area_code_prefecture_and_check_digit_are_checked(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    for code, expected in (
        ("131032", None),
        ("01100", None),
        (
            "131035",
            "site_config/site.yml:8: municipality.area_code: expected a 6-digit code ending with its check digit "
            "(131032), got '131035'",
        ),
        (
            "48001",
            "site_config/site.yml:8: municipality.area_code: expected a local government code of 5 digits "
            "(JIS X 0402) in quotes, such as \"13103\", got '48001'",
        ),
    ):
        (root / "site_config/site.yml").write_text(
            "name: {ja: テスト}\nbase_url: https://example.org/\nlanguages: [ja, en]\n"
            f'municipality:\n  name:\n    ja: みなと市\n    en: Minato City\n  area_code: "{code}"\n',
            encoding="utf-8",
        )
        if expected is None:
            municipality = open_project(root).config.municipality
            assert municipality is not None and municipality.area_code == code
        else:
            assert problems_of(root) == [expected]


def test_name_without_plain_japanese_and_missing_logo_are_reported(tmp_path: Path) -> None:
    root = with_site(make_project(tmp_path), 'municipality:\n  name: {en: Minato City}\n  area_code: "13103"\n')
    assert problems_of(root) == ["site_config/site.yml:7: municipality.name: expected a name in 'ja'"]
    root = with_site(
        make_project(tmp_path / "b"),
        'municipality:\n  name: {ja: みなと市}\n  area_code: "13103"\n  logo: site_config/emblem.png\n',
    )
    assert problems_of(root) == [
        "site_config/site.yml:9: municipality.logo: expected an image file of the project, "
        "got 'site_config/emblem.png' (no such file)"
    ]


def test_site_name_adds_the_municipality_in_each_language(tmp_path: Path) -> None:
    root = make_project(tmp_path, files={"site_config/logo.svg": LOGO})
    config = open_project(with_site(root, IDENTITY)).config
    assert config.site_name("ja") == "テスト — みなと市"
    assert config.site_name("en") == "Test guide — Minato City"
    assert config.site_name("ko") == "Test guide — 미나토시"
    assert config.site_name("th") == "Test guide — みなと市 (Minato City)"


def test_identity_adds_the_name_to_a_site_name_that_lacks_it(tmp_path: Path) -> None:
    city = Municipality({"ja": "みなと市", "en": "Minato City"}, "13103")
    lang = make_language("en", None, "system-ui", "space", None)
    base = {"site_name": "Guide", "theme": {"name": "material"}, "extra": {"gb": {"tag": "en"}}}
    assert with_identity(tmp_path, city, lang, tmp_path, base)["site_name"] == "Guide — Minato City"
    named = {**base, "site_name": "Guide — Minato City"}
    assert with_identity(tmp_path, city, lang, tmp_path, named)["site_name"] == "Guide — Minato City"
    assert with_identity(tmp_path, None, lang, tmp_path, base) is base


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("city"), files={"site_config/logo.svg": LOGO})
    build_site(open_project(with_site(root, IDENTITY)))
    return root


def test_header_uses_the_municipality_colour(built: Path) -> None:
    html = (built / "site/en/residence/card/index.html").read_text(encoding="utf-8")
    assert (
        "<style>:root>*{--md-primary-fg-color:#0b6e4f;--md-primary-fg-color--light:#3c8b72;"
        "--md-primary-fg-color--dark:#09583f}</style>" in html
    )


def test_logo_is_copied_into_every_language_and_used_as_logo_and_favicon(built: Path) -> None:
    logos = sorted(p.relative_to(built / "site").as_posix() for p in (built / "site").glob("*/assets/municipality/*"))
    assert logos == [f"{tag}/assets/municipality/{logo_name(LOGO)}" for tag in ("en", "ja", "th")]
    assert (built / "site" / logos[0]).read_text(encoding="utf-8") == LOGO
    html = (built / "site/th/residence/card/index.html").read_text(encoding="utf-8")
    assert f'<img src="../../assets/municipality/{logo_name(LOGO)}" alt="logo">' in html
    assert f'<link rel="icon" href="../../assets/municipality/{logo_name(LOGO)}">' in html


def test_site_name_and_contact_are_shown_in_the_reader_language(built: Path) -> None:
    en = (built / "site/en/residence/card/index.html").read_text(encoding="utf-8")
    assert "<title>在留カード - Test guide — Minato City</title>" in en
    footer = re.search(r'<p class="md-copyright__highlight gb-contact">(.*?)</p>', en, re.S)
    assert footer is not None
    assert " ".join(footer.group(1).split()) == (
        '<span lang="en">Minato City</span> · Phone: <a href="tel:0300001234">03-0000-1234</a> · '
        '<a href="https://www.city.minato.example/" rel="noopener">Official website</a>'
    )
    th = (built / "site/th/residence/card/index.html").read_text(encoding="utf-8")
    assert '<span lang="ja">みなと市</span> (<span lang="en">Minato City</span>) · โทรศัพท์:' in th
    chooser = (built / "site/index.html").read_text(encoding="utf-8")
    assert '<h1><span lang="ja">テスト — みなと市</span> · Test guide — Minato City</h1>' in chooser


def test_national_site_has_no_municipality_header_or_contact(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    build_site(open_project(root))
    html = (root / "site/en/residence/card/index.html").read_text(encoding="utf-8")
    assert "--md-primary-fg-color:" not in html and "gb-contact" not in html
    assert "<title>在留カード - Test guide</title>" in html


def test_a_new_logo_rebuilds_every_language(tmp_path: Path) -> None:
    root = with_site(make_project(tmp_path, files={"site_config/logo.svg": LOGO}), IDENTITY)
    build_site(open_project(root))
    (root / "site_config/logo.svg").write_text(NEW_LOGO, encoding="utf-8")
    report = build_site(open_project(root))
    assert sorted(report.built) == ["en", "ja", "th"]
    assert [p.name for p in (root / "site/ja/assets/municipality").iterdir()] == [logo_name(NEW_LOGO)]


def test_extract_in_a_municipality_site_writes_only_local_catalogs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = with_site(make_project(tmp_path, files={"site_config/logo.svg": LOGO}), IDENTITY)
    (root / "local/content/ja/city-life").mkdir(parents=True)
    (root / "local/content/ja/city-life/index.md").write_text(page("市の 生活", "市の 情報です。"), encoding="utf-8")
    assert main(["extract", "--project", str(root)]) == 0
    out = capsys.readouterr().out
    assert "a municipality's site: local/ catalogs only; the national ones come from upstream (--all)" in out
    assert not (root / "languages").exists()
    assert sorted(p.relative_to(root).as_posix() for p in (root / "local/languages").rglob("*.po")) == [
        "local/languages/en/LC_MESSAGES/city-life.index.po",
        "local/languages/th/LC_MESSAGES/city-life.index.po",
    ]
    assert main(["extract", "--all", "--project", str(root)]) == 0
    assert (root / "languages/th/LC_MESSAGES/residence.card.po").is_file()
