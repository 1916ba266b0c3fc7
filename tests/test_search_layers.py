"""Search words every page gets besides its text: romanized Japanese, the reader's script, glossary synonyms."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from guidebook.build import build_site
from guidebook.japanese.readings import Reader
from guidebook.project.loader import open_project
from guidebook.search.index import page_terms
from guidebook.search.layers import romanized
from tests.helpers import REPO, make_project, page

GLOSSARY = """\
terms:
  - key: resident-record
    ja: 住民票
    reading: じゅうみんひょう
    en: certificate of residence
    synonyms:
      en: [juminhyo copy, address certificate]
      ko: [주민표]
"""


def terms(root: Path, tag: str, location: str) -> set[str]:
    index = json.loads((root / "site" / tag / "search" / "guidebook_index.json").read_text(encoding="utf-8"))
    return set(page_terms(index, location))


def test_romanized_terms_in_three_spellings() -> None:
    words = romanized(["住民票", "在留カードを なくした とき"], Reader())
    assert {"jūminhyō", "juminhyo", "juuminhyou"} <= set(words)
    assert {"zairyū", "zairyu", "zairyuu", "kādo", "kado", "zairyukado"} <= set(words)
    assert not {"wo", "toki"} & set(words)  # particles and plain hiragana words are not terms


def test_every_language_indexes_the_pages_japanese_terms_and_glossary_synonyms(tmp_path: Path) -> None:
    pages = {
        "index": page("ホーム", "ホームです。"),
        "residence/index": page("在留", "在留の 手続きです。"),
        "residence/card": page("住民票の 写し", "## 住民票を もらう\n\n市役所で 住民票を もらいます。"),
    }
    root = make_project(tmp_path / "proj", pages=pages, languages=("ja", "en", "ko"))
    (root / "site_config" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    shutil.copy(REPO / "site_config" / "furigana.yml", root / "site_config" / "furigana.yml")
    build_site(open_project(root))
    en = terms(root, "en", "residence/card/")
    assert {"juminhyo", "juuminhyou"} <= en  # accents are folded in Latin-script indexes: jūminhyō is juminhyo
    assert {"certificate", "residence", "address"} <= en  # approved term and synonyms
    assert "주민표" not in en
    ko = terms(root, "ko", "residence/card/")
    assert {"juminhyo", "jūminhyō", "주민표"} <= ko
