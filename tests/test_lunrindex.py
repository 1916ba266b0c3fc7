"""The guidebook's own lunr index builder gives the same index as lunr.py's Builder."""

from __future__ import annotations

import json
from typing import Any

import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st
from lunr.builder import Builder
from lunr.index import Index

from guidebook.search.index import TITLE_BOOST, tokens
from guidebook.search.lunrindex import build_lunr_index
from tests.helpers import REPO

BOOSTS = {"title": float(TITLE_BOOST), "text": 1.0}


def reference(docs: list[tuple[str, dict[str, str]]], boosts: dict[str, float]) -> dict[str, Any]:
    """Return lunr.py's index of docs with an empty pipeline and no metadata."""
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("ref")
    for name, boost in boosts.items():
        builder.field(name, boost=boost)
    builder.metadata_whitelist = []
    for ref, values in docs:
        builder.add({"ref": ref, **values})
    index: dict[str, Any] = builder.build().serialize()
    return index


def catalog_docs(tag: str) -> list[tuple[str, dict[str, str]]]:
    """Return one document per shipped catalog of tag: its first translation as title, the rest as text."""
    docs = []
    for number, po in enumerate(sorted((REPO / "languages" / tag / "LC_MESSAGES").glob("*.po"))):
        with po.open("rb") as handle:
            texts = [str(m.string) for m in read_po(handle) if m.id and m.string]
        if not texts:  # a page nobody has translated yet
            continue
        title, text = " ".join(tokens(texts[0], tag)), " ".join(tokens(" ".join(texts[1:]), tag))
        docs.append((str(number), {"title": title, "text": text}))
    return docs


def same(ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True)
    assert json.dumps(ours) == json.dumps(theirs)  # same order too: the files are byte for byte the same


@pytest.mark.parametrize("tag", ["en", "th", "my", "vi"])
def test_same_index_as_lunr_py_on_the_shipped_guidebook(tag: str) -> None:
    docs = catalog_docs(tag)
    assert len(docs) >= 50
    same(build_lunr_index(docs, BOOSTS), reference(docs, BOOSTS))


words = st.text(alphabet="abcABCé -\t\xa0ก่", min_size=0, max_size=12)


@settings(max_examples=150, deadline=None)
@given(docs=st.lists(st.tuples(words, st.lists(words, max_size=20)), min_size=1, max_size=8))
def test_same_index_as_lunr_py_on_any_text(docs: list[tuple[str, list[str]]]) -> None:
    entries = [(str(i), {"title": title, "text": " ".join(text)}) for i, (title, text) in enumerate(docs)]
    same(build_lunr_index(entries, BOOSTS), reference(entries, BOOSTS))


def test_lunr_loads_and_ranks_with_the_index() -> None:
    docs = [
        ("0", {"title": "residence card", "text": "carry your residence card at all times"}),
        ("1", {"title": "health insurance", "text": "join national health insurance at the city office"}),
        ("2", {"title": "garbage", "text": "sort garbage by the city rules"}),
    ]
    index = Index.load(build_lunr_index(docs, BOOSTS))
    assert [r["ref"] for r in index.search("insurance")] == ["1"]
    assert {r["ref"] for r in index.search("city")} == {"1", "2"}
    assert [r["ref"] for r in index.search("card")] == ["0"]
