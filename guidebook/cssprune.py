"""Drop the theme's CSS rules that no page of a language can use, to keep the first view light.

A rule is kept when, for at least one of its selectors, every class it names occurs in the
language's HTML or in a string of one of its scripts (classes the scripts add at run time).
Element, attribute and custom-property rules are always kept. The pruned file gets a new,
content-hashed name, so a cache never serves a stylesheet pruned for other pages.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

CLASS_ATTR = re.compile(r'class="([^"]*)"')
JS_STRING = re.compile(r"[\"'`]([A-Za-z_][\w-]*(?:\s+[A-Za-z_][\w-]*)*)[\"'`]")
JS_PREFIXED = re.compile(r"md-[\w-]+")
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
GROUPING = ("media", "supports", "container", "layer")


def used_classes(site: Path) -> set[str]:
    """Return every class name in the HTML and JavaScript of a built site."""
    used: set[str] = set()
    for page in site.rglob("*.html"):
        for match in CLASS_ATTR.finditer(page.read_text(encoding="utf-8")):
            used.update(match.group(1).split())
    for script in site.rglob("*.js"):
        text = script.read_text(encoding="utf-8", errors="replace")
        used.update(JS_PREFIXED.findall(text))
        for match in JS_STRING.finditer(text):
            used.update(match.group(1).split())
    return used


def split_selectors(prelude: str) -> list[str]:
    """Split a selector list at its top-level commas."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in prelude:
        depth += ch in "(["
        depth -= ch in ")]"
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def prune_rules(rules: Iterable[tinycss2.ast.Node], used: set[str]) -> list[str]:
    """Return the serialized rules that can match, with unusable selectors removed."""
    out: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [
                s for s in split_selectors(tinycss2.serialize(rule.prelude)) if set(SELECTOR_CLASS.findall(s)) <= used
            ]
            if selectors:
                out.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = prune_rules(tinycss2.parse_blocks_contents(rule.content, True, True), used)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            out.append(tinycss2.serialize([rule]))
    return out


def prune_css(css: str, used: set[str]) -> str:
    """Return css without the rules that cannot match."""
    return "".join(prune_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), used))


def prune_site(site: Path) -> tuple[int, int]:
    """Prune the theme stylesheet of a built site in place; return its size before and after."""
    sheets = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    if not sheets:
        return (0, 0)
    sheet = sheets[0]
    css = sheet.read_text(encoding="utf-8")
    pruned = prune_css(css, used_classes(site))
    name = f"main.{hashlib.sha256(pruned.encode()).hexdigest()[:8]}.pruned.css"
    (sheet.parent / name).write_text(pruned, encoding="utf-8")
    sheet.unlink()
    sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)  # maps the unpruned file
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if sheet.name in text:
            page.write_text(text.replace(sheet.name, name), encoding="utf-8")
    return len(css), len(pruned)
