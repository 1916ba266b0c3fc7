"""Sanitize rendered page HTML with nh3 (ammonia): an allowlist, not regular expressions."""

from __future__ import annotations

import nh3

TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "rp",
    "rt",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
GENERIC = {"class", "id", "lang", "dir", "title"}
ATTRIBUTES = {
    "*": GENERIC,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "name", "checked"},
    "label": {"for"},
    "div": {"data-tabs"},
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "details": {"open"},
    "time": {"datetime"},
    "ol": {"start"},
    # `## Heading {data-search-exclude}` in a source page keeps that section out of the search index.
    **{heading: {"data-search-exclude"} for heading in ("h2", "h3", "h4", "h5", "h6")},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize(fragment: str) -> str:
    """Return page HTML with every element, attribute and URL scheme outside the allowlist removed."""
    return nh3.clean(
        fragment,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        filter_style_properties={"text-align"},
        link_rel=None,
        strip_comments=True,
    )
