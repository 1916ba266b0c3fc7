"""Run axe-core (shipped by axe-playwright-python) on a page for WCAG 2.1 A and AA."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"
WCAG_21_AA = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}"


def violations(page: Page) -> list[tuple[str, list[object]]]:
    """Return (rule, first three targets) for every WCAG 2.1 A/AA violation axe finds on the page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(f"axe.run(document, {WCAG_21_AA})")
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
