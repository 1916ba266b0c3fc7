"""Search words (front matter `keywords`): extracted for translators, indexed, never shown."""

from __future__ import annotations

import json
from pathlib import Path

from guidebook.build import build_site
from guidebook.catalogs.extract import run_extract
from guidebook.japanese.plain_japanese import run_plain_checks
from guidebook.project.loader import open_project
from guidebook.search.index import page_terms
from tests.helpers import PAGE, make_project

CARD = PAGE.replace("title: {title}\n", "title: {title}\nkeywords: ビザ、在留資格\n").format(
    title="在留カード", body="## 在留カードを 持つ\n\n在留カードは いつも 持って いて ください。"
)


def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path, pages={"index": CARD.replace("在留カード", "ホーム", 1), "residence/card": CARD})
    run_extract(open_project(root))
    return root


def test_keywords_reach_translators_with_a_note(tmp_path: Path) -> None:
    root = project(tmp_path)
    po = (root / "languages/en/LC_MESSAGES/residence.card.po").read_text(encoding="utf-8")
    assert (
        "#. meta:keywords\n"
        "#. Search words, never shown: what a reader of your language might type to find this page,\n"
        "#. separated by commas. Translate them and add the everyday words people really use.\n"
        "#: content/ja/residence/card.md:3\n"
        'msgid "ビザ、在留資格"\nmsgstr ""'
    ) in po


def test_translated_keywords_are_searched_but_not_shown_and_untranslated_ones_left_out(tmp_path: Path) -> None:
    root = project(tmp_path)
    po = root / "languages/en/LC_MESSAGES/residence.card.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "ビザ、在留資格"\nmsgstr ""', 'msgid "ビザ、在留資格"\nmsgstr "visa, status of residence, zairyu"'
        ),
        encoding="utf-8",
    )
    build_site(open_project(root))
    en = json.loads((root / "site/en/search/guidebook_index.json").read_text(encoding="utf-8"))
    words = page_terms(en, "residence/card/")
    # The translated words, and the page's Japanese terms in romaji (guidebook/search/layers.py).
    assert {"visa", "status", "zairyu", "zairyushikaku", "biza"} <= set(words)
    assert "visa" not in (root / "site/en/residence/card/index.html").read_text(encoding="utf-8")
    th = json.loads((root / "site/th/search/guidebook_index.json").read_text(encoding="utf-8"))
    # Not translated: no Japanese search words in the Thai index, only the romanized and Thai-script
    # layer (the page's own untranslated text falls back to Japanese and is indexed as text).
    th_words = page_terms(th, "residence/card/")
    assert "zairyushikaku" in th_words and "ビザ" not in th_words
    ja = json.loads((root / "site/ja/search/guidebook_index.json").read_text(encoding="utf-8"))
    ja_words = page_terms(ja, "residence/card/")
    assert {"ビザ", "在留", "資格"} <= set(ja_words)
    # Readings in hiragana: of each kanji word, and of the search words' content words run together.
    assert {"ざいりゅう", "しかく", "ざいりゅうしかく"} <= set(ja_words)


def test_plain_japanese_rules_do_not_apply_to_search_words(tmp_path: Path) -> None:
    root = project(tmp_path)
    problems = run_plain_checks(open_project(root))
    assert not [p for p in problems if p.line == 3], problems


def test_plain_japanese_search_words_reach_only_the_plain_japanese_index(tmp_path: Path) -> None:
    page = CARD.replace(
        "keywords: ビザ、在留資格\n", "keywords: ビザ、在留資格\nja_keywords: カードを なくした、再発行\n"
    )
    root = make_project(tmp_path, pages={"index": CARD.replace("在留カード", "ホーム", 1), "residence/card": page})
    run_extract(open_project(root))
    po = (root / "languages/en/LC_MESSAGES/residence.card.po").read_text(encoding="utf-8")
    assert "なくした" not in po and "再発行" not in po  # never sent to translators
    build_site(open_project(root))
    ja = page_terms(
        json.loads((root / "site/ja/search/guidebook_index.json").read_text(encoding="utf-8")), "residence/card/"
    )
    assert {"なくした", "再発行", "はっこう"} <= set(ja)  # with the readings of its kanji words
    assert "再発行" not in (root / "site/ja/residence/card/index.html").read_text(encoding="utf-8")
    en = page_terms(
        json.loads((root / "site/en/search/guidebook_index.json").read_text(encoding="utf-8")), "residence/card/"
    )
    assert not {"なくした", "再発行", "saihakko"} & set(en)
