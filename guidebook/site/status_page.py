"""The translation status page every language's site publishes, and the `status` table."""

from __future__ import annotations

from guidebook.catalogs.status import Coverage, LanguageStatus
from guidebook.project.languages import Language
from guidebook.project.loader import Project


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _cov_cells(cov: Coverage) -> list[str]:
    return [str(cov.reviewed), str(cov.draft), str(cov.fuzzy), str(cov.untranslated), f"{cov.percent:.0f}%"]


def status_markdown(
    project: Project, lang: Language, statuses: dict[str, LanguageStatus], strings: dict[str, str]
) -> str:
    """Return status.md for one language's site: this language's coverage page by page.

    Every language's totals are on the site's root status page, so that a change in one language's
    catalogs changes only that language's pages.
    """
    s = strings.get
    head = [
        s("status.translated", "Translated"),
        s("status.draft", "Draft"),
        s("status.fuzzy", "Needs update"),
        s("status.untranslated", "Not translated"),
        s("status.percent", "Done"),
    ]
    lines = [
        "---",
        f'title: "{s("status.title", "Translation status")}"',
        "gb:",
        "  generated: true",
        "---",
        "",
        s("status.intro", ""),
        "",
        f'<a href="../../status.html">{s("status.all", "All languages")}</a>',
    ]
    if not lang.is_source and lang.tag in statuses:
        titles = {p.slug: p for p in project.pages}
        st = statuses[lang.tag]
        lines += ["", _row([s("status.page", "Page"), *head]), _row(["---"] * 6)]
        lines.append(_row([f"**{s('status.total', 'All pages')}**", *_cov_cells(st.total)]))
        for slug, cov in st.pages.items():
            lines.append(_row([f"[{titles[slug].title}]({slug}.md)", *_cov_cells(cov)]))
    return "\n".join(lines) + "\n"


def status_table(project: Project, statuses: dict[str, LanguageStatus], per_page: bool) -> str:
    """Return a plain-text table for the terminal."""
    head = f"{'language':<10} {'page':<42} {'reviewed':>8} {'draft':>6} {'fuzzy':>6} {'untrans':>7}"
    out = [f"{head} {'words':>7} {'done':>6}"]
    for tag, st in statuses.items():
        rows = list(st.pages.items()) if per_page else []
        for slug, cov in rows:
            out.append(_text_row(tag, slug, cov))
        out.append(_text_row(tag, "(all pages)", st.total))
    return "\n".join(out)


def _text_row(tag: str, name: str, cov: Coverage) -> str:
    return (
        f"{tag:<10} {name[:42]:<42} {cov.reviewed:>8} {cov.draft:>6} {cov.fuzzy:>6} {cov.untranslated:>7} "
        f"{cov.words_total:>7} {cov.percent:>5.1f}%"
    )
