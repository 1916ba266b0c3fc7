"""`guidebook add-language`: a new language from CLDR, with no code change, built like the others."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from guidebook.build import build_site
from guidebook.cli import main
from guidebook.problems import InputError
from guidebook.project.loader import open_project
from guidebook.scaffold.add_language import add_language
from tests.helpers import make_project, tree

UK_WORD = "Посвідка"


def translate(po: Path, msgid: str, msgstr: str) -> None:
    """Fill the translation of one entry of a catalog."""
    text = po.read_text(encoding="utf-8")
    old = f'msgid "{msgid}"\nmsgstr ""'
    assert old in text
    po.write_text(text.replace(old, f'msgid "{msgid}"\nmsgstr "{msgstr}"'), encoding="utf-8")


def test_ukrainian_is_scaffolded_from_cldr(tmp_path: Path) -> None:
    root = make_project(tmp_path, languages=("ja", "en"))
    report = add_language(root, "uk")
    lang = report.language
    assert (lang.endonym, lang.english, lang.direction, lang.script, lang.search) == (
        "Українська",
        "Ukrainian",
        "ltr",
        "Cyrl",
        "space",
    )
    languages = (root / "site_config/languages.yml").read_text(encoding="utf-8")
    assert languages.endswith(
        "    search: space\n"
        "  uk:\n"
        "    endonym: Українська\n"
        "    direction: ltr\n"
        """    fonts: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif\n"""
        "    search: space\n"
    )
    assert "languages: [ja, en, uk]\n" in (root / "site_config/site.yml").read_text(encoding="utf-8")
    strings = (root / "templates/strings/uk.yml").read_text(encoding="utf-8")
    assert strings.startswith(
        "# Interface strings of the guidebook's own templates, Ukrainian (uk).\n"
        "# NOT TRANSLATED YET: these are the English strings. Translate every value into Ukrainian\n"
    )
    assert "fallback.notice: Some parts of this page are not translated yet." in strings
    assert not (root / "templates/partials/languages/uk.html").exists()  # the theme has Ukrainian
    catalogs = sorted(p.name for p in (root / "languages/uk/LC_MESSAGES").iterdir())
    assert catalogs == ["index.po", "residence.card.po", "residence.index.po"]
    po = (root / "languages/uk/LC_MESSAGES/residence.card.po").read_text(encoding="utf-8")
    assert '"Language: uk\\n"' in po and "nplurals=3" in po
    assert 'msgid "在留カードを 持つ"\nmsgstr ""\n' in po
    assert report.catalogs == 3
    assert open_project(root).config.language("uk").endonym == "Українська"


def test_language_without_theme_strings_gets_a_partial_with_its_direction(tmp_path: Path) -> None:
    root = make_project(tmp_path, languages=("ja", "en"))
    report = add_language(root, "ps")
    assert (report.language.endonym, report.language.direction, report.language.script) == ("پښتو", "rtl", "Arab")
    partial = (root / "templates/partials/languages/ps.html").read_text(encoding="utf-8")
    assert '"language": "ps",\n  "direction": "rtl",' in partial
    assert "Pashto UI strings for mkdocs-material: the English ones, to be translated" in partial
    assert '"action.skip": "Skip to content"' in partial
    assert '"Noto Naskh Arabic"' in (root / "site_config/languages.yml").read_text(encoding="utf-8")


def test_scripts_without_spaces_search_with_icu(tmp_path: Path) -> None:
    root = make_project(tmp_path, languages=("ja", "en"))
    lang = add_language(root, "lo").language
    assert (lang.script, lang.search) == ("Laoo", "icu")
    assert lang.fonts.startswith('"Noto Sans Lao"')


def test_block_list_of_languages_in_site_yml_gets_one_more_item(tmp_path: Path) -> None:
    root = make_project(tmp_path, languages=("ja", "en"))
    site = root / "site_config/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("languages: [ja, en]", "languages:\n  - ja\n  - en"))
    add_language(root, "uk")
    assert "languages:\n  - ja\n  - en\n  - uk\n" in site.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("UK", "site_config/languages.yml: TAG: expected a BCP 47 language tag such as uk, fa or pt-BR, got 'UK'"),
        ("xx", "site_config/languages.yml: languages.xx: unknown to CLDR: xx"),
        ("en", "site_config/site.yml: languages: expected a language not yet published, got 'en'"),
    ],
)
def test_bad_tag_is_refused_and_nothing_is_written(tmp_path: Path, tag: str, message: str) -> None:
    root = make_project(tmp_path, languages=("ja", "en"))
    before = tree(root)
    with pytest.raises(InputError) as err:
        add_language(root, tag)
    assert [str(p) for p in err.value.problems] == [message]
    assert tree(root) == before


def test_command_line_reports_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, languages=("ja", "en"))
    assert main(["add-language", "fa", "--project", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "add-language: fa (Persian: فارسی), direction rtl, script Arab, search space; 3 catalogs"
    assert "  wrote site_config/languages.yml" in out and "  wrote languages/fa/LC_MESSAGES/index.po" in out
    assert main(["add-language", "fa", "--project", str(root)]) == 2
    assert "expected a language not yet published, got 'fa'" in capsys.readouterr().err


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with Ukrainian and Persian added, one segment translated in each, built."""
    root = make_project(tmp_path_factory.mktemp("newlangs"), languages=("ja", "en"))
    add_language(root, "uk")
    add_language(root, "fa")
    translate(root / "languages/uk/LC_MESSAGES/residence.card.po", "在留カードを 持つ", f"{UK_WORD} при собі")
    translate(
        root / "languages/fa/LC_MESSAGES/residence.card.po", "在留カードを 持つ", "کارت اقامت را همراه داشته باشید"
    )
    build_site(open_project(root))
    return root


def test_new_languages_have_lang_and_direction_on_html(built: Path) -> None:
    uk = (built / "site/uk/residence/card/index.html").read_text(encoding="utf-8")
    fa = (built / "site/fa/residence/card/index.html").read_text(encoding="utf-8")
    assert '<html lang="uk" dir="ltr" class="no-js">' in uk
    assert '<html lang="fa" dir="rtl" class="no-js">' in fa
    assert '<body dir="rtl"' in fa


def test_switcher_lists_new_languages_by_their_endonyms(built: Path) -> None:
    html = (built / "site/en/residence/card/index.html").read_text(encoding="utf-8")
    links = re.findall(r'hreflang="([^"]+)" lang="[^"]+"\s+class="md-select__link gb-lang"[^>]*>([^<]+)</a>', html)
    assert links == [("ja", "やさしい日本語"), ("en", "English"), ("uk", "Українська"), ("fa", "فارسی")]
    root = (built / "site/index.html").read_text(encoding="utf-8")
    assert '<a href="fa/" hreflang="fa" lang="fa" dir="rtl">فارسی</a>' in root


def test_untranslated_segments_fall_back_to_plain_japanese(built: Path) -> None:
    html = (built / "site/uk/residence/card/index.html").read_text(encoding="utf-8")
    assert f"{UK_WORD} при собі</h2>" in html
    assert '<span lang="ja" class="gb-ja">在留カードは いつも 持って いて ください。</span>' in html
    assert '<p class="gb-notice" role="note">' in html


def test_search_index_of_new_language_has_its_translated_words(built: Path) -> None:
    index = json.loads((built / "site/uk/search/guidebook_index.json").read_text(encoding="utf-8"))
    assert index["lang"] == "uk" and index["unspaced"] is False
    assert UK_WORD.lower() in index["terms"]
    assert any(UK_WORD in p["title"] or any(UK_WORD in s[1] for s in p["sections"]) for p in index["pages"])


def test_site_without_a_language_list_publishes_the_new_language_without_editing_site_yml(tmp_path: Path) -> None:
    root = make_project(tmp_path, languages=("ja", "en"))
    site = root / "site_config/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("languages: [ja, en]\n", ""), encoding="utf-8")
    languages = root / "site_config/languages.yml"
    defined = yaml.safe_load(languages.read_text(encoding="utf-8"))["languages"]
    assert [lang.tag for lang in open_project(root).config.languages] == list(defined)  # every one, in file order
    before = site.read_bytes()
    report = add_language(root, "uk")
    assert site.read_bytes() == before  # a fork's own file: never touched by a national language
    assert "site_config/site.yml" not in report.written
    assert [lang.tag for lang in open_project(root).config.languages] == [*defined, "uk"]
