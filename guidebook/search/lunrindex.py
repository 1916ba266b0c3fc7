"""Build a serialized lunr.js index directly, the same bytes lunr.py's Builder would produce.

lunr.py builds the index through Token, FieldRef and Vector objects and re-splits text that the
guidebook has already split into ICU words; for a 100-page language that was the largest part of
the search work in a build. This builds the same structure (BM25 field vectors, inverted index,
lunr-schema serialization) from plain dicts and lists. The field and term order, rounding and
document-frequency rule follow lunr.py 0.8 (lunr.js 2.3.9), and tests/test_lunrindex.py compares
the output with lunr.py's on real pages, so lunr.js in the browser loads it unchanged.
"""

from __future__ import annotations

import math
import re
from typing import Any

LUNR_JS_VERSION = "2.3.9"
SEPARATORS = re.compile(r"[ \t\n\r\f\v\xa0-]+")
K1 = 1.2
B = 0.75


def lunr_terms(text: str) -> list[str]:
    """Return the terms lunr's default tokenizer finds in text (lower-cased, split on spaces and hyphens)."""
    return [t for t in SEPARATORS.split(text.lower()) if t]


def build_lunr_index(docs: list[tuple[str, dict[str, str]]], boosts: dict[str, float]) -> dict[str, Any]:
    """Return the lunr-schema index of docs, each (ref, {field: text}), fields in the order of boosts.

    The pipeline is empty (terms are indexed as given) and no term metadata is kept.
    """
    fields = list(boosts)
    inverted: dict[str, dict[str, Any]] = {}
    frequencies: list[tuple[str, str, int, dict[str, int]]] = []
    lengths: dict[str, int] = {field: 0 for field in fields}
    for ref, values in docs:
        for field in fields:
            terms = lunr_terms(values.get(field) or "")
            counts: dict[str, int] = {}
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
                posting = inverted.get(term)
                if posting is None:
                    posting = {name: {} for name in fields}
                    posting["_index"] = len(inverted)
                    inverted[term] = posting
                posting[field].setdefault(ref, {})
            frequencies.append((ref, field, len(terms), counts))
            lengths[field] += len(terms)
    count = len(docs)
    average = {field: (lengths[field] / count if count else 0.0) for field in fields}
    idf: dict[str, float] = {}
    vectors = []
    for ref, field, length, counts in frequencies:
        elements: list[tuple[int, float]] = []
        for term, tf in counts.items():
            weight = idf.get(term)
            if weight is None:
                posting = inverted[term]
                with_term = sum(len(posting[name]) for name in fields)
                weight = idf[term] = math.log(1 + abs((count - with_term + 0.5) / (with_term + 0.5)))
            score = weight * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[field])) + tf)
            elements.append((inverted[term]["_index"], round(score * boosts[field], 3)))
        elements.sort()
        vectors.append([f"{field}/{ref}", [round(x, 3) for pair in elements for x in pair]])
    return {
        "version": LUNR_JS_VERSION,
        "fields": fields,
        "fieldVectors": vectors,
        "invertedIndex": [[term, inverted[term]] for term in sorted(inverted)],
        "pipeline": [],
    }
