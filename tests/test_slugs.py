"""Heading ids keep the words of every script."""

from __future__ import annotations

import pytest

from guidebook.project.slugs import slugify


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("在留カードを 持つ", "在留カードを-持つ"),
        ("ขั้นตอนการพำนัก", "ขั้นตอนการพำนัก"),  # Thai vowel signs and tone marks kept
        ("ကျန်းမာရေး အာမခံ", "ကျန်းမာရေး-အာမခံ"),  # Burmese medials and asat kept
        ("Thẻ cư trú", "thẻ-cư-trú"),
        ("Residence card (zairyū)", "residence-card-zairyū"),
        ("110番 / 119番", "110番-119番"),
        ("Ce\u0301dula", "c\u00e9dula"),  # decomposed input comes out composed (NFC)
    ],
)
def test_slug_keeps_letters_marks_and_digits(heading: str, slug: str) -> None:
    assert slugify(heading, "-") == slug
