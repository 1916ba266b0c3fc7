"""Per-language search: ICU word breaks at build time, the same rules as Intl.Segmenter at query time.

mkdocs-material's search plugin splits pages into sections (search/search_index.json). This module
turns those sections into a prebuilt lunr index whose terms are:

* the words of the text, found with ICU word-break rules for the page's language (so Thai, Khmer,
  Burmese, Japanese and Chinese, written without spaces, are split into words), case-folded and,
  for Latin-script languages, without accents (a Vietnamese query typed without tones still matches);
* for scripts written without spaces, the worker also matches the query's character bigrams
  against the text itself, so a query is found even where ICU splits a compound differently in
  the page than in the query.

The browser side is templates/assets/guidebook/search-worker.js: it speaks mkdocs-material's worker
protocol (so the theme's search box and result list stay as they are), segments the query with
Intl.Segmenter and the same normalization, and loads the index only when the reader first searches.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from guidebook.search.lunrindex import build_lunr_index
from guidebook.words import letter_runs, words

INDEX_FILE = "search/guidebook_index.json"
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
# Scripts written without spaces between words: index character bigrams as well as words.
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
FOLD_ACCENTS = re.compile(r"[\u0300-\u036f]")
# Generated pages that are not guidebook content: the translation status table (it lists every
# page title and language name, so it matched almost any query).
UNSEARCHED = ("status/",)
TITLE_BOOST = 8
KEYWORDS_BOOST = 4


def plain_text(fragment: str) -> str:
    """Return the text of an HTML fragment, whitespace collapsed."""
    text = re.sub(r"<rt>.*?</rt>|<rp>.*?</rp>", "", fragment, flags=re.S)
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", text))).strip()


def fold(token: str, latin: bool) -> str:
    """Normalize a token the way the query side does: NFKC, case-folded, accents dropped in Latin script."""
    token = unicodedata.normalize("NFKC", token).lower()
    if latin:
        token = FOLD_ACCENTS.sub("", unicodedata.normalize("NFD", token)).replace("đ", "d")
        token = unicodedata.normalize("NFC", token)
    return token


def is_latin(tag: str) -> bool:
    """Return True for languages written in Latin script."""
    return tag in ("en", "es", "pt-BR", "vi", "id", "fil") or tag.split("-")[0] in ("en", "es", "pt", "fr", "de", "it")


def tokens(text: str, tag: str) -> list[str]:
    """Return the index terms for text: folded ICU words."""
    latin = is_latin(tag)
    return [fold(w, latin) for w in words(text, tag)]


def bigrams(text: str) -> list[str]:
    """Return the character bigrams, marks left out, of every run of an unspaced script in text."""
    out: list[str] = []
    for run in letter_runs(unicodedata.normalize("NFKC", text).lower()):
        if not UNSPACED.search(run):
            continue
        chars = [c for c in run if not unicodedata.category(c).startswith("M")]
        out.extend(chars[i] + chars[i + 1] for i in range(len(chars) - 1))
    return out


def build_index(docs: list[dict[str, Any]], tag: str) -> dict[str, Any]:
    """Return the serialized lunr index of the search documents of one language.

    Documents are referred to by their position in docs, which keeps the index small.
    """
    # A page's own entry is indexed with the text of all its sections, so a query whose words are
    # spread over several sections still finds the page. Each text is split into words once.
    titles = [tokens(doc["title"], tag) for doc in docs]
    texts = [tokens(doc["text"], tag) for doc in docs]
    whole: dict[str, list[str]] = {}
    for number, doc in enumerate(docs):
        whole.setdefault(doc["location"].split("#", 1)[0], []).extend(titles[number] + texts[number])
    entries = []
    for number, doc in enumerate(docs):
        text = whole[doc["location"]] if "#" not in doc["location"] else texts[number]
        fields = {"title": " ".join(titles[number]), "text": " ".join(text)}
        fields["keywords"] = " ".join(tokens(doc.get("keywords", ""), tag))
        entries.append((str(number), fields))
    return build_lunr_index(entries, {"title": TITLE_BOOST, "text": 1, "keywords": KEYWORDS_BOOST})


def reading_of(text: str, reader: Any) -> str:
    """Return text with every kanji word replaced by its reading, in hiragana, without spaces."""
    from guidebook.japanese.readings import to_hiragana

    return to_hiragana("".join(piece.reading or piece.text for piece in reader.pieces(text))).replace(" ", "")


def write_search_index(
    site_dir: Path, tag: str, mode: str, reader: Any = None, keywords: dict[str, str] | None = None
) -> None:
    """Replace mkdocs-material's search_index.json with a stub and write the prebuilt index beside it.

    keywords maps a page's location to its search words (front matter `keywords`), indexed with the
    page's own entry. With a furigana reader (the plain-Japanese site), each section also carries its
    reading, so a query typed in hiragana (びょういん) finds the page written in kanji (病院).
    """
    path = site_dir / "search" / "search_index.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = [
        {"location": d["location"], "title": plain_text(d.get("title", "")), "text": plain_text(d.get("text", ""))}
        for d in data.get("docs", [])
        if not d["location"].startswith(UNSEARCHED)
    ]
    for doc in docs:
        words_of_page = (keywords or {}).get(doc["location"])
        if words_of_page:
            doc["keywords"] = SPACE.sub(" ", words_of_page).strip()
    unspaced = mode == "icu"
    index = build_index(docs, tag)
    if reader is not None:
        for doc in docs:
            doc["readingTitle"] = reading_of(doc["title"], reader)
            doc["reading"] = reading_of(doc["text"], reader)
            if doc.get("keywords"):
                doc["readingKeywords"] = reading_of(doc["keywords"], reader)
    payload = {"lang": tag, "latin": is_latin(tag), "unspaced": unspaced, "docs": docs, "index": index}
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    (site_dir / INDEX_FILE).write_text(text, encoding="utf-8")
    config = dict(data.get("config", {}))
    # The index's address carries a hash of its content: caches and CDNs never mix builds.
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    config["guidebook"] = {"index": f"{INDEX_FILE}?v={version}", "lang": tag}
    path.write_text(json.dumps({"config": config, "docs": []}, separators=(",", ":")), encoding="utf-8")
