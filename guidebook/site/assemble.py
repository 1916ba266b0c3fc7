"""Files at the root of the site: the language chooser, the sitemap with hreflang, robots.txt."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from guidebook.catalogs.status import LanguageStatus
from guidebook.fsutil import write_if_changed
from guidebook.project.loader import Project
from guidebook.site.offline import write_service_worker
from guidebook.strings import load_strings

CHOOSER = """<!doctype html>
<html lang="{lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
{alternates}
{alerts_head}
<style>
body{{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans JP","Noto Sans CJK JP",
"Noto Sans Devanagari","Noto Sans Thai","Noto Sans Myanmar","Noto Sans Khmer",sans-serif;color:#1a1a1a;background:#fff}}
main{{max-width:40rem;margin:0 auto;padding:1.5rem 1rem}}
h1{{font-size:1.4rem;line-height:1.4;margin:0 0 .25rem}}
p{{margin:.25rem 0 1.25rem;color:#333}}
ul{{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem}}
a{{display:block;padding:.8rem 1rem;border:1px solid #3f51b5;border-radius:.4rem;color:#283593;text-decoration:none;font-size:1.1rem}}
a:hover,a:focus{{background:#e8eaf6;outline:3px solid #283593;outline-offset:1px}}
</style>
</head>
<body>
{alerts}
<main>
<h1>{heading}</h1>
<p>{choose}</p>
<ul>
{items}
</ul>
</main>
{script}
</body>
</html>
"""


REMEMBERED_LANGUAGE = """<script>
try{var l=localStorage.getItem("gb-lang");if(l&&/^[a-zA-Z-]+$/.test(l)&&document.querySelector('a[hreflang="'+l+'"]'))location.replace(l+"/");}catch(e){}
</script>"""


def chooser_html(project: Project, alerts_head: str = "", alerts: str = "", not_found: bool = False) -> str:
    """Return the root page: every language by its own name, usable without JavaScript, and the alert banner.

    With not_found, return the site's 404 page instead: hosts serve it at any missing address, however
    deep, so its links start from the site's root path, it says the page was not found and it does
    not jump to the reader's remembered language.
    """
    prefix = urlsplit(project.config.base_url).path if not_found else ""
    items = []
    for lang in project.config.languages:
        name = html.escape(lang.endonym)
        items.append(
            f'<li><a href="{html.escape(prefix)}{lang.tag}/" hreflang="{lang.tag}" lang="{lang.tag}" '
            f'dir="{lang.direction}">{name}</a></li>'
        )
    alternates = "\n".join(
        f'<link rel="alternate" hreflang="{lang.tag}" href="{html.escape(project.config.base_url)}{lang.tag}/">'
        for lang in project.config.languages
    )
    ja = load_strings(project.templates_dir, "ja")
    en = load_strings(project.templates_dir, "en")
    heading = (
        f'<span lang="ja">{html.escape(project.config.site_name("ja"))}</span> · '
        f"{html.escape(project.config.site_name('en'))}"
    )
    if not_found:
        heading = (
            f'<span lang="ja">{html.escape(ja.get("notfound.title", ""))}</span> · '
            f"{html.escape(en.get('notfound.title', ''))}"
        )
    choose = (
        f'<span lang="ja">{html.escape(ja.get("home.choose", ""))}</span> · {html.escape(en.get("home.choose", ""))}'
    )
    return CHOOSER.format(
        lang="en",
        title=html.escape(
            f"{en.get('notfound.title', '')} — {project.config.site_name('en')}"
            if not_found
            else project.config.site_name("en")
        ),
        alternates=alternates,
        heading=heading,
        choose=choose,
        items="\n".join(items),
        alerts_head=alerts_head,
        alerts=alerts,
        script="" if not_found else REMEMBERED_LANGUAGE,
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


STATUS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<style>
body{{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans JP",sans-serif;color:#1a1a1a}}
main{{max-width:48rem;margin:0 auto;padding:1.5rem 1rem}}
table{{border-collapse:collapse;width:100%}}
th,td{{padding:.4rem .5rem;border-bottom:1px solid #ccc;text-align:right}}
th:first-child,td:first-child{{text-align:left}}
a{{color:#283593}}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<p>{intro}</p>
<table>
<thead><tr><th scope="col">{language}</th><th scope="col">{reviewed}</th><th scope="col">{draft}</th><th scope="col">{fuzzy}</th><th scope="col">{untranslated}</th><th scope="col">{done}</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>
"""


def status_html(project: Project, statuses: dict[str, LanguageStatus]) -> str:
    """Return the root status page: every language's translation coverage."""
    en = load_strings(project.templates_dir, "en")
    rows = []
    for lang in project.translations:
        st = statuses.get(lang.tag)
        if st is None:
            continue
        cov = st.total
        rows.append(
            f'<tr><td><a href="{lang.tag}/status/" lang="{lang.tag}" hreflang="{lang.tag}">{html.escape(lang.endonym)}</a>'
            f"</td><td>{cov.reviewed}</td><td>{cov.draft}</td><td>{cov.fuzzy}</td><td>{cov.untranslated}</td>"
            f"<td>{cov.percent:.0f}%</td></tr>"
        )
    return STATUS_PAGE.format(
        title=html.escape(en["status.title"]),
        heading=html.escape(en["status.title"]),
        intro=html.escape(en["status.intro"]),
        language=html.escape(en["switcher.label"]),
        reviewed=html.escape(en["status.translated"]),
        draft=html.escape(en["status.draft"]),
        fuzzy=html.escape(en["status.fuzzy"]),
        untranslated=html.escape(en["status.untranslated"]),
        done=html.escape(en["status.percent"]),
        rows="\n".join(rows),
    )


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
