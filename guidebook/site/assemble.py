"""Files at the root of the site: the language chooser, the 404 and status pages (templates/ next to
this module), the sitemap with hreflang, robots.txt."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from guidebook.catalogs.status import LanguageStatus
from guidebook.fsutil import write_if_changed
from guidebook.project.loader import Project
from guidebook.site.offline import write_service_worker
from guidebook.strings import load_strings

TEMPLATES = Path(__file__).parent / "templates"


def html_escaped(value: object) -> Markup:
    """Return value escaped as html.escape does it (&quot;, &#x27;), unless it is HTML already (Markup)."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


# Every value a template shows is escaped by html.escape (finalize runs before autoescape, which then
# leaves the Markup alone); HTML built elsewhere (the alert banner) comes in as Markup.
ROOT_PAGES = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    finalize=html_escaped,
    undefined=StrictUndefined,
    trim_blocks=True,
    keep_trailing_newline=True,
)


def chooser_html(project: Project, alerts_head: str = "", alerts: str = "", not_found: bool = False) -> str:
    """Return the root page: every language by its own name, usable without JavaScript, and the alert banner.

    With not_found, return the site's 404 page instead: hosts serve it at any missing address, however
    deep, so its links start from the site's root path, it says the page was not found and it does
    not jump to the reader's remembered language.
    """
    ja = load_strings(project.templates_dir, "ja")
    en = load_strings(project.templates_dir, "en")
    site_name = {tag: project.config.site_name(tag) for tag in ("ja", "en")}
    heading = site_name
    title = site_name["en"]
    if not_found:
        heading = {tag: strings.get("notfound.title", "") for tag, strings in (("ja", ja), ("en", en))}
        title = f"{heading['en']} — {site_name['en']}"
    return ROOT_PAGES.get_template("chooser.html").render(
        title=title,
        heading=heading,
        choose={tag: strings.get("home.choose", "") for tag, strings in (("ja", ja), ("en", en))},
        languages=project.config.languages,
        base_url=project.config.base_url,
        prefix=urlsplit(project.config.base_url).path if not_found else "",
        alerts_head=Markup(alerts_head),
        alerts=Markup(alerts),
        remember_language=not not_found,
    )


def sitemap_xml(project: Project) -> str:
    """Return one sitemap for every language, each URL listing its alternates (hreflang)."""
    base = project.config.base_url
    urls = [p.url for p in project.pages] + ["whats-new/", "status/"]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    reviewed = {p.url: p.reviewed.isoformat() for p in project.pages}
    for url in urls:
        alts = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang.tag}" href="{escape(base + lang.tag + "/" + url)}"/>'
            for lang in project.config.languages
        )
        for lang in project.config.languages:
            lastmod = f"<lastmod>{reviewed[url]}</lastmod>" if url in reviewed else ""
            out.append(f"<url><loc>{escape(base + lang.tag + '/' + url)}</loc>{lastmod}{alts}</url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def status_html(project: Project, statuses: dict[str, LanguageStatus]) -> str:
    """Return the root status page: every language's translation coverage."""
    rows = [(lang, st.total) for lang in project.translations if (st := statuses.get(lang.tag)) is not None]
    return ROOT_PAGES.get_template("status.html").render(en=load_strings(project.templates_dir, "en"), rows=rows)


def assemble(project: Project, stage: Path, statuses: dict[str, LanguageStatus] | None = None) -> None:
    """Write the root files into the staged site and drop the per-language sitemaps."""
    for lang in project.config.languages:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (stage / lang.tag / name).unlink(missing_ok=True)
        if (stage / lang.tag).is_dir():
            write_service_worker(stage / lang.tag, lang.tag)
    write_if_changed(stage / "index.html", chooser_html(project).encode("utf-8"))
    write_if_changed(stage / "404.html", chooser_html(project, not_found=True).encode("utf-8"))
    write_if_changed(stage / "sitemap.xml", sitemap_xml(project).encode("utf-8"))
    if statuses is not None:
        write_if_changed(stage / "status.html", status_html(project, statuses).encode("utf-8"))
    write_if_changed(
        stage / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {project.config.base_url}sitemap.xml\n".encode()
    )
