"""Render each navigation chapter once per build instead of once per page.

mkdocs-material renders the whole navigation into every page. A chapter that does not hold the
current page comes out the same on every page whose relative links to it are the same, so its
HTML is kept, keyed by the chapter's place in the navigation and those links, and reused.
templates/partials/nav.html calls this for inactive chapters; the active one is always rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.utils.templates import url_filter


def _leaf_urls(item: Any) -> Iterator[str]:
    for child in getattr(item, "children", None) or []:
        if getattr(child, "children", None):
            yield from _leaf_urls(child)
        else:
            yield str(getattr(child, "url", ""))


class NavSections:
    """A per-build memo of rendered navigation chapters, exposed to templates as gb_nav_section."""

    def __init__(self) -> None:
        self.memo: dict[tuple[str, ...], Markup] = {}
        self.hits = 0

    @property
    def function(self) -> Callable[..., Markup]:
        """Return the template function: gb_nav_section(nav_item, path) with the chapter as caller."""

        @pass_context
        def gb_nav_section(context: Any, nav_item: Any, path: str, caller: Callable[[], str]) -> Markup:
            key = (path, str(nav_item.title), *(url_filter(context, url) for url in _leaf_urls(nav_item)))
            html = self.memo.get(key)
            if html is None:
                html = self.memo[key] = Markup(caller())
            else:
                self.hits += 1
            return html

        return gb_nav_section
