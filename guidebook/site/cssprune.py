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

from guidebook.fsutil import write_if_changed

CLASS_ATTR = re.compile(r'class="([^"]*)"')
JS_STRING = re.compile(r"[\"'`]([A-Za-z_][\w-]*(?:\s+[A-Za-z_][\w-]*)*)[\"'`]")
JS_PREFIXED = re.compile(r"md-[\w-]+")
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
GROUPING = ("media", "supports", "container", "layer")


def block(name: str) -> str:
    """Return the BEM block of a class name (md-search-result__link → md-search-result)."""
    return name.split("__", 1)[0].split("--", 1)[0]


def used_classes(site: Path) -> set[str]:
    """Return the class names a built site can use.

    Every class in its HTML, and the classes its scripts name (added at run time) when they belong
    to a component (a BEM block) that the HTML has: the theme's script names classes of many
    components (tabs, annotations, code copy buttons ...) that these pages never contain.
    """
    in_html: set[str] = set()
    for page in site.rglob("*.html"):
        for match in CLASS_ATTR.finditer(page.read_text(encoding="utf-8")):
            in_html.update(match.group(1).split())
    blocks = {block(name) for name in in_html}
    in_scripts: set[str] = set()
    for script in site.rglob("*.js"):
        text = script.read_text(encoding="utf-8", errors="replace")
        in_scripts.update(JS_PREFIXED.findall(text))
        for match in JS_STRING.finditer(text):
            in_scripts.update(match.group(1).split())
    return in_html | {name for name in in_scripts if not name.startswith("md-") or block(name) in blocks}


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


VAR_REF = re.compile(r"var\(\s*(--[\w-]+)")


def prune_css(css: str, used: set[str], referenced_elsewhere: str = "") -> str:
    """Return css without the rules that cannot match and the custom properties nothing reads.

    The theme defines an icon for every kind of admonition as a custom property; most are never used.
    """
    pruned = "".join(prune_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), used))
    while True:
        reads = set(VAR_REF.findall(pruned)) | set(VAR_REF.findall(referenced_elsewhere))
        smaller = _drop_unread_properties(pruned, reads)
        if smaller == pruned:
            return pruned
        pruned = smaller


def _drop_unread_properties(css: str, reads: set[str]) -> str:
    out: list[str] = []
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type == "qualified-rule":
            kept = [
                tinycss2.serialize([d]).strip()
                for d in tinycss2.parse_declaration_list(rule.content, skip_whitespace=True, skip_comments=True)
                if d.type == "declaration" and (not d.name.startswith("--") or d.name in reads)
            ]
            if kept:
                out.append(tinycss2.serialize(rule.prelude) + "{" + ";".join(kept) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = _drop_unread_properties(tinycss2.serialize(rule.content), reads)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        else:
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


def prune_site(site: Path, cache: Path | None = None) -> tuple[int, int]:
    """Prune the theme stylesheet of a built site in place; return its size before and after.

    With a cache folder, a result is reused by every language whose pages use the same classes
    and custom properties (most do), since pruning parses the whole stylesheet several times.
    """
    sheets = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    if not sheets:
        return (0, 0)
    sheet = sheets[0]
    css = sheet.read_text(encoding="utf-8")
    own = "".join(p.read_text(encoding="utf-8") for p in sorted((site / "assets").glob("*.css")))
    pages = "".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html")))
    used = used_classes(site)
    reads = sorted(set(VAR_REF.findall(own + pages)))
    key = hashlib.sha256("\0".join([css, *sorted(used), *reads]).encode()).hexdigest()
    cached = cache / f"{key}.css" if cache else None
    if cached is not None and cached.is_file():
        pruned = cached.read_text(encoding="utf-8")
    else:
        pruned = prune_css(css, used, " ".join(f"var({r})" for r in reads))
        if cached is not None:
            write_if_changed(cached, pruned.encode("utf-8"))
    name = f"main.{hashlib.sha256(pruned.encode()).hexdigest()[:8]}.pruned.css"
    (sheet.parent / name).write_text(pruned, encoding="utf-8")
    sheet.unlink()
    sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)  # maps the unpruned file
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if sheet.name in text:
            page.write_text(text.replace(sheet.name, name), encoding="utf-8")
    return len(css), len(pruned)


def minify_assets(site: Path) -> None:
    """Minify the guidebook's own stylesheets and scripts in a built site (the sources stay readable)."""
    import rcssmin
    import rjsmin

    assets = site / "assets"
    for path in sorted(assets.glob("*.css")) + sorted((assets / "guidebook").glob("*.css")):
        path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")
    for path in sorted(assets.glob("*.js")) + sorted((assets / "guidebook").glob("*.js")):
        if path.name != "lunr.js":
            path.write_text(rjsmin.jsmin(path.read_text(encoding="utf-8")), encoding="utf-8")
