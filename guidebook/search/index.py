"""Per-language search: ICU word breaks at build time, the same rules as Intl.Segmenter at query time.

mkdocs-material's search plugin splits pages into sections (search/search_index.json). This module
turns them into one compact index per language, with a page (not a section) as the unit found:

* terms are the words of the text, found with ICU word-break rules for the page's language (so Thai,
  Khmer, Burmese, Japanese and Chinese, written without spaces, are split into words), case-folded
  and, for Latin-script languages, without accents (a Vietnamese query typed without tones still
  matches); on the plain-Japanese site each kanji word's reading is a term too (びょういん finds 病院);
* each page is read in four fields, title, search words (front matter `keywords` with the layers of
  guidebook/search/layers.py), headings and text, and each (term, page) pair gets one weight: the
  term's rarity (BM25 idf over pages) times the sum over fields of the field's boost and its
  saturated, length-normalized term frequency, rounded to a tenth;
* the file holds the sorted terms, each term's (page, weight) list, and per page what the result
  list shows: title, description, and its sections' headings with their anchors.

The browser side is templates/assets/guidebook/search-worker.js: it speaks mkdocs-material's worker
protocol (so the theme's search box and result list stay as they are), segments the query with
Intl.Segmenter and the same normalization, expands each word with lunr's TokenSet (prefixes, typos)
and ranks pages by the weights of the words they match and how many of the query's words they have.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

from guidebook.search.kanji import kanji_map, simplified
from guidebook.search.latin import by_consonants, is_chinese, latin_spellings, sounds, spells_in_latin
from guidebook.words import letter_runs, words

INDEX_FILE = "search/guidebook_index.json"
FORMAT = 2
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
# Scripts written without spaces between words.
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
FOLD_ACCENTS = re.compile(r"[\u0300-\u036f]")
# Generated pages that are not guidebook content: the translation status table (it lists every
# page title and language name, so it matched almost any query).
UNSEARCHED = ("status/",)
# Field boosts and length normalization (BM25's b). The search words are written for finding the
# page (the words readers type, the problems they describe) and the title names it; a heading names
# what a part of it is about; the text mentions much that the page is not about.
FIELDS = ("title", "keywords", "headings", "text")
BOOSTS = {"title": 5.0, "keywords": 6.0, "headings": 2.0, "text": 1.0}
LENGTH_NORM = {"title": 0.75, "keywords": 0.5, "headings": 0.5, "text": 0.75}
K1 = 1.2
SNIPPET = 200


def plain_text(fragment: str) -> str:
    """Return the text of an HTML fragment, whitespace collapsed."""
    text = re.sub(r"<rt>.*?</rt>|<rp>.*?</rp>", "", fragment, flags=re.S)
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", text))).strip()


def fold(token: str, latin: bool) -> str:
    """Normalize a token the way the query side does: NFKC, case-folded, accents dropped in Latin script.

    Khmer ឲ, Unicode's variant of ឱ kept for a few words, is read as ឱ: ឲ្យ and ឱ្យ are the same word.
    """
    token = unicodedata.normalize("NFKC", token).lower().replace("\u17b2", "\u17b1")
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


def reading_terms(text: str, reader: Any) -> list[str]:
    """Return the readings, in hiragana, of the kanji words of text."""
    from guidebook.japanese.readings import to_hiragana

    return [to_hiragana(p.reading).replace(" ", "") for p in reader.pieces(text) if p.reading]


KEYWORD_SEPARATORS = re.compile(r"[\s,、，;；]+")


def whole_words(text: str, tag: str) -> list[str]:
    """Return the search words of a script without spaces that ICU splits, each as one term too.

    Search words are written as readers type them (ค่าไฟ, ざいりゅうかーど); a query that is such a
    word is then found whole, however the word-break rules split it.
    """
    latin = is_latin(tag)
    out = []
    for chunk in KEYWORD_SEPARATORS.split(text):
        runs = letter_runs(chunk, underscore=False)
        if len(runs) == 1 and runs[0] == chunk and UNSPACED.search(chunk) and len(words(chunk, tag)) > 1:
            out.append(fold(chunk, latin))
    return out


def title_reading(text: str, reader: Any) -> str:
    """Return text with its kanji words replaced by their readings, in hiragana, without spaces."""
    from guidebook.japanese.readings import to_hiragana

    return to_hiragana("".join(p.reading or p.text for p in reader.pieces(text))).replace(" ", "").lower()


def snippet(text: str, limit: int = SNIPPET) -> str:
    """Return the start of text, cut at a space near limit where the script has spaces."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut > 0 else limit] + " …"


def collect_pages(
    docs: list[dict[str, Any]], keywords: dict[str, str], descriptions: dict[str, str]
) -> list[dict[str, Any]]:
    """Group the theme's search sections by page: title, description, headings, text, search words."""
    pages: dict[str, dict[str, Any]] = {}
    for doc in docs:
        location = doc["location"]
        if location.startswith(UNSEARCHED):
            continue
        url, _, anchor = location.partition("#")
        page = pages.setdefault(url, {"url": url, "title": "", "sections": [], "texts": []})
        title, text = plain_text(doc.get("title", "")), plain_text(doc.get("text", ""))
        if anchor:
            page["sections"].append((anchor, title))
        else:
            page["title"] = title
        if text:
            page["texts"].append(text)
    for url, page in pages.items():
        page["text"] = " ".join(page.pop("texts"))
        page["keywords"] = SPACE.sub(" ", keywords.get(url, "")).strip()
        page["description"] = plain_text(descriptions.get(url, "")) or snippet(page["text"])
    return list(pages.values())


# Fields whose words are also indexed in Latin letters where readers type their language so (the
# text would double the index for little): guidebook/search/latin.py.
LATIN_FIELDS = ("title", "keywords", "headings")
# Vietnamese writes each syllable apart, so a word of two syllables (tiền điện, electricity bill) is
# two terms, each common alone (tiền: money, điện: electric, as in điện thoại). These sites' index
# also holds each pair of adjacent words of titles, headings and search words, written together
# (tiendien), and the browser looks up each pair of a query's adjacent words.
PAIRED = ("vi",)


def is_paired(tag: str) -> bool:
    """Return True where the index also holds pairs of adjacent words (see PAIRED)."""
    return tag.split("-")[0] in PAIRED


def pairs(text: str, tag: str) -> list[str]:
    """Return each two adjacent words of each phrase of text, written together."""
    out = []
    for chunk in re.split(r"[,、，;；.:!?()\n]+", text):
        parts = tokens(chunk, tag)
        out += [a + b for a, b in zip(parts, parts[1:], strict=False)]
    return out


def field_terms(page: dict[str, Any], tag: str, reader: Any) -> dict[str, list[str]]:
    """Return the terms of each field of a page, with their readings on the plain-Japanese site and
    their Latin spellings where readers type their language in Latin letters (pinyin, Nepali, Mongolian)."""
    texts = {
        "title": page["title"],
        "keywords": page["keywords"],
        "headings": " ".join(title for _, title in page["sections"]),
        "text": page["text"],
    }
    out = {}
    for field, text in texts.items():
        terms = tokens(text, tag)
        if field == "keywords":
            terms += whole_words(text, tag)
        if reader is not None:
            terms += reading_terms(text, reader)
        if field in LATIN_FIELDS and is_paired(tag):
            terms += pairs(text, tag)
        if is_chinese(tag):  # Japanese forms written in the Chinese pages, as the browser reads them
            terms = [simplified(term) for term in terms]
        if field in LATIN_FIELDS:
            terms += [spelt for term in terms for spelt in latin_spellings(term, tag)]
        out[field] = terms
    return out


def weights(pages_terms: list[dict[str, list[str]]]) -> dict[str, dict[int, float]]:
    """Return term → {page number: weight}: idf over pages times the sum of boosted, saturated field tfs."""
    count = len(pages_terms)
    average = {f: sum(len(p[f]) for p in pages_terms) / count if count else 0.0 for f in FIELDS}
    scores: dict[str, dict[int, float]] = {}
    for number, fields in enumerate(pages_terms):
        for field in FIELDS:
            terms = fields[field]
            if not terms:
                continue
            norm = 1 - LENGTH_NORM[field] + LENGTH_NORM[field] * len(terms) / (average[field] or 1)
            counts: dict[str, int] = {}
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
            for term, tf in counts.items():
                part = BOOSTS[field] * tf * (K1 + 1) / (K1 * norm + tf)
                posting = scores.setdefault(term, {})
                posting[number] = posting.get(number, 0.0) + part
    for posting in scores.values():
        idf = math.log(1 + (count - len(posting) + 0.5) / (len(posting) + 0.5))
        for number in posting:
            posting[number] *= idf
    return scores


def spelt_counts(pages_terms: list[dict[str, list[str]]], tag: str) -> dict[str, int]:
    """Return, for the Latin spellings in the index, the number of pages that have the word they spell
    (in any field), where that is more than have the spelling.

    Only titles, headings and search words are spelt in Latin letters, so a common word (कसरी, how:
    kasari) would look rare, and outweigh the word a reader is looking for: the browser takes a
    spelling's rarity from this count instead. Only words on a tenth of the pages or more are listed.
    """
    pages_of: dict[str, int] = {}  # every term of the index, spellings too: on how many pages
    for fields in pages_terms:
        for term in set().union(*fields.values()):
            pages_of[term] = pages_of.get(term, 0) + 1
    out: dict[str, int] = {}
    least = max(2, len(pages_terms) // 10)
    for word, count in pages_of.items():
        if count < least:
            continue
        for spelt in latin_spellings(word, tag):
            if spelt in pages_of and count > max(pages_of[spelt], out.get(spelt, 0)):
                out[spelt] = count
    return dict(sorted(out.items()))


def build_index(pages: list[dict[str, Any]], tag: str, reader: Any = None, unspaced: bool = False) -> dict[str, Any]:
    """Return the compact index of one language's pages (see the module's docstring)."""
    pages_terms = [field_terms(page, tag, reader) for page in pages]
    scores = weights(pages_terms)
    terms = sorted(scores, key=lambda t: t.encode("utf-16-be"))  # the order of JavaScript's < (code units)
    postings = []
    for term in terms:
        flat: list[float] = []
        for number, weight in sorted(scores[term].items()):
            flat += [number, max(0.1, round(weight, 1))]
        postings.append(flat)
    shown = [
        {"url": p["url"], "title": p["title"], "text": p["description"], "sections": [list(s) for s in p["sections"]]}
        for p in pages
    ]
    if reader is not None:  # the title's reading: a query typed in kana that is the title counts as one
        for page, entry in zip(pages, shown, strict=True):
            entry["reading"] = title_reading(page["title"], reader)
    index = {
        "format": FORMAT,
        "lang": tag,
        "latin": is_latin(tag),
        "unspaced": unspaced,
        "skeletons": by_consonants(tag),
        "pages": shown,
        "terms": terms,
        "postings": postings,
    }
    if is_chinese(tag):
        index["sounds"] = sounds(terms)
        index["kanji"] = kanji_map(terms)
    if spells_in_latin(tag):
        index["spelt"] = spelt_counts(pages_terms, tag)
    return index


def page_terms(index: dict[str, Any], url: str) -> dict[str, float]:
    """Return term → weight of one page of a written index (for tests and tools)."""
    number = next(n for n, p in enumerate(index["pages"]) if p["url"] == url)
    out = {}
    for term, flat in zip(index["terms"], index["postings"], strict=True):
        for i in range(0, len(flat), 2):
            if flat[i] == number:
                out[term] = flat[i + 1]
    return out


def write_search_index(
    site_dir: Path,
    tag: str,
    mode: str,
    reader: Any = None,
    keywords: dict[str, str] | None = None,
    descriptions: dict[str, str] | None = None,
) -> None:
    """Replace mkdocs-material's search_index.json with a stub and write the guidebook's index beside it.

    keywords maps a page's location to its search words (front matter `keywords` and the search
    layers), descriptions to its front matter description (shown in the result list). With a
    furigana reader (the plain-Japanese site), kanji words are indexed with their readings too.
    """
    path = site_dir / "search" / "search_index.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    pages = collect_pages(data.get("docs", []), keywords or {}, descriptions or {})
    index = build_index(pages, tag, reader, unspaced=mode == "icu")
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (site_dir / INDEX_FILE).write_text(text, encoding="utf-8")
    config = dict(data.get("config", {}))
    # The index's address carries a hash of its content: caches and CDNs never mix builds.
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    config["guidebook"] = {"index": f"{INDEX_FILE}?v={version}", "lang": tag}
    path.write_text(json.dumps({"config": config, "docs": []}, separators=(",", ":")), encoding="utf-8")
