"""Benchmark the generator and the site it builds; print each figure as measured in this run.

Corpora: the shipped guidebook ("full") and a generated one with about 100 pages per language
("scaled": every topic page of the shipped guidebook copied into extra chapters, catalogs included).
For each: full build time and peak memory of our build and of the stock stack (mkdocs-material +
mkdocs-static-i18n, one configuration for all languages, default search) on the same rendered pages,
per-language search index size (raw and gzip), and search latency in headless Chromium.

Usage: .venv/bin/python scripts/bench.py [--corpus full|scaled|both] [--skip-stock] [--skip-browser]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
TARGET_PAGES = 100


def copy_project(dest: Path) -> Path:
    """Copy the parts of the repository a build reads."""
    for name in ("content", "languages", "templates", "site_config"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def scale(project: Path, target: int = TARGET_PAGES) -> int:
    """Copy topic pages (and their catalogs) into extra chapters until there are about target pages."""
    src = project / "content" / "ja"
    pages = sorted(p for p in src.rglob("*.md") if p.name != "index.md" and p.parent != src)
    count = len(list(src.rglob("*.md")))
    copy_no = 0
    chapters: list[str] = []
    while count < target:
        copy_no += 1
        for page in pages:
            if count >= target:
                break
            chapter = f"{page.parent.name}-{copy_no}"
            if chapter not in chapters:
                chapters.append(chapter)
            dest = src / chapter / page.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(page, dest)
            old_domain = f"{page.parent.name}.{page.stem}"
            new_domain = f"{chapter}.{page.stem}"
            for po in (project / "languages").glob(f"*/LC_MESSAGES/{old_domain}.po"):
                shutil.copy(po, po.with_name(f"{new_domain}.po"))
            count += 1
    order = project / "content" / "chapters.yml"
    order.write_text(order.read_text(encoding="utf-8") + "".join(f"  - {c}\n" for c in chapters), encoding="utf-8")
    return count


MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(json.dumps([time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))\n"
)


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run cmd in a fresh process tree; return (seconds, peak resident memory in MiB of its largest process)."""
    out = subprocess.run([PY, "-c", MEASURE, *cmd], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    seconds, peak_kib = json.loads(out.stdout.strip().splitlines()[-1])
    return float(seconds), float(peak_kib) / 1024


def stock_config(project: Path, languages: list[str]) -> Path:
    """Write a stock mkdocs-material + mkdocs-static-i18n configuration over the rendered pages."""
    docs = project / "stock-docs"
    if docs.exists():
        shutil.rmtree(docs)
    for tag in languages:
        shutil.copytree(project / "build" / "docs" / tag / tag, docs / tag)
    overrides = project / "stock-overrides" / "partials" / "languages"
    overrides.mkdir(parents=True, exist_ok=True)
    for name in ("ne", "km", "fil", "zh-Hans"):
        shutil.copy(REPO / "templates" / "partials" / "languages" / f"{name}.html", overrides / f"{name}.html")
    langs = "\n".join(
        f"        - locale: {'tl' if t == 'fil' else t}\n          name: {t}\n"
        + ("          default: true\n" if t == "ja" else "")
        for t in languages
    )
    if "fil" in languages:
        (docs / "tl").rename(docs / "tl") if (docs / "tl").exists() else (docs / "fil").rename(docs / "tl")
        shutil.copy(overrides / "fil.html", overrides / "tl.html")
    cfg = project / "stock-mkdocs.yml"
    cfg.write_text(
        "site_name: Stock\nsite_url: https://example.org/\ndocs_dir: stock-docs\nsite_dir: stock-site\n"
        "theme:\n  name: material\n  custom_dir: stock-overrides\n"
        "markdown_extensions: [admonition, attr_list, md_in_html, tables, pymdownx.details, pymdownx.superfences]\n"
        "plugins:\n  - search\n  - i18n:\n      docs_structure: folder\n      languages:\n" + langs,
        encoding="utf-8",
    )
    return cfg


# Targets of the shipped guidebook (94 pages): each language's search index, and the median time
# from typing a query to the results shown, in headless Chromium.
INDEX_BUDGET_KIB = 150
LATENCY_BUDGET_MS = 50


def index_sizes(site: Path, languages: list[str]) -> dict[str, tuple[int, int]]:
    """Return each language's search index size: (raw bytes, gzip bytes)."""
    out = {}
    for tag in languages:
        data = (site / tag / "search" / "guidebook_index.json").read_bytes()
        out[tag] = (len(data), len(gzip.compress(data, 9)))
    return out


def browser_latency(site: Path, languages: list[str]) -> dict[str, float]:
    """Return the median time from typing a query to results shown, per language, in ms."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    eval_dir = REPO / "tests" / "search_eval"
    out: dict[str, float] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for tag in languages:
            import yaml

            blind = eval_dir / "blind" / f"{tag}.yml"
            queries = [q["q"] for q in yaml.safe_load((eval_dir / f"{tag}.yml").read_text(encoding="utf-8"))["queries"]]
            if blind.is_file():
                queries += [q["q"] for q in yaml.safe_load(blind.read_text(encoding="utf-8"))["queries"]]
            page = browser.new_page()
            page.goto(f"{base}/{tag}/")
            box = page.locator(".md-search__input")
            box.click()
            times = []
            for q in queries:
                box.fill("")
                page.evaluate("document.querySelector('.md-search-result__list').innerHTML = ''")
                start = time.perf_counter()
                box.fill(q)
                try:
                    page.wait_for_selector("li.md-search-result__item", timeout=5000)
                except Exception:  # noqa: BLE001 - a query without results counts at the timeout
                    pass
                times.append((time.perf_counter() - start) * 1000)
            out[tag] = statistics.median(times)
            page.close()
        browser.close()
    server.shutdown()
    return out


def first_view_weight(site: Path, tag: str, page_path: str) -> int:
    """Return gzip bytes of a page's HTML plus the CSS and JavaScript it loads at once."""
    import re

    html_file = site / tag / page_path / "index.html"
    html = html_file.read_text(encoding="utf-8")
    total = len(gzip.compress(html.encode(), 9))
    for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html):
        asset = (html_file.parent / ref).resolve()
        if asset.is_file():
            total += len(gzip.compress(asset.read_bytes(), 9))
    return total


def _transfer(url: str, headers: dict[str, str]) -> tuple[int, int, dict[str, str]]:
    """GET url over a raw socket; return status, bytes on the wire (status line, headers, body), headers."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    lines = [f"GET {parts.path} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    with socket.create_connection((parts.hostname, parts.port or 80)) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head)}
    return int(data.split(b" ", 2)[1]), len(data), fields


def hosting_figures(site: Path) -> None:
    """Print what a reader's open page transfers polling alerts.json for an hour, and first-view bytes
    with nginx compressing on the fly (gzip_comp_level 1) and with the pre-compressed copies."""
    sys.path.insert(0, str(REPO))
    from tests.nginx import Nginx

    server = Nginx(site)
    try:
        url = f"{server.url}/km/alerts.json"
        status, first, headers = _transfer(url, {"Accept-Encoding": "gzip"})
        etag = headers.get("etag", "")
        status304, again, _ = _transfer(url, {"Accept-Encoding": "gzip", "If-None-Match": etag})
        print(
            f"alerts.json polled every 60 s for an hour, no change (km, through nginx): first poll {first} B "
            f"({status}), then {status304} of {again} B each: {first + 59 * again} B per hour; "
            f"without revalidation (a full download each poll) 60 x {first} B = {60 * first} B"
        )
        page = "en/residence/residence-card/"
        html = (site / page / "index.html").read_text(encoding="utf-8")
        import re

        refs = [page, *[(Path(page) / r).as_posix() for r in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html)]]
        static = sum(
            _transfer(f"{server.url}/{os.path.normpath(r)}" + ("/" if r == page else ""), {"Accept-Encoding": "gzip"})[
                1
            ]
            for r in refs
        )
    finally:
        server.stop()
    level1 = 0
    for r in refs:
        target = site / os.path.normpath(r)
        target = target / "index.html" if target.is_dir() else target
        if target.is_file():
            level1 += len(gzip.compress(target.read_bytes(), 1))
    print(
        f"first view of {page} through nginx with the pre-compressed copies: {static / 1024:.1f} KiB on the wire; "
        f"its files at nginx's default on-the-fly gzip level 1: {level1 / 1024:.1f} KiB (bodies only)"
    )


def bench(corpus: str, skip_stock: bool, skip_browser: bool) -> None:
    """Measure one corpus and print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp))
        pages = scale(project) if corpus == "scaled" else len(list((project / "content" / "ja").rglob("*.md")))
        guidebook = str(Path(PY).parent / "guidebook")
        seconds, peak = timed([guidebook, "build", "--project", str(project)], project)
        site = project / "site"
        languages = [p.name for p in sorted(site.iterdir()) if (p / "search" / "guidebook_index.json").is_file()]
        print(f"\n== corpus {corpus}: {pages} pages per language, {len(languages)} languages, {os.cpu_count()} cores")
        print(f"guidebook build (all languages, parallel): {seconds:.1f} s, peak memory {peak:.0f} MiB")
        if not skip_stock:
            cfg = stock_config(project, languages)
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            stock_s, stock_peak = timed([str(Path(PY).parent / "mkdocs"), "build", "-q", "-f", str(cfg)], project, env)
            merged = project / "stock-site" / "search" / "search_index.json"
            print(f"stock mkdocs-material + static-i18n:       {stock_s:.1f} s, peak memory {stock_peak:.0f} MiB")
            print(f"  ratio guidebook/stock: {seconds / stock_s:.2f}")
            if merged.is_file():
                raw = merged.read_bytes()
                print(
                    f"  stock merged search index (every reader downloads it): {len(raw) / 1024:.0f} KiB raw, "
                    f"{len(gzip.compress(raw, 9)) / 1024:.0f} KiB gzip"
                )
        po = next((project / "languages" / "th" / "LC_MESSAGES").glob("*.po"))
        text = po.read_text(encoding="utf-8")
        at = text.index('msgstr "', text.index("\n\n")) + len('msgstr "')  # the first entry after the header
        po.write_text(text[:at] + "* " + text[at:], encoding="utf-8")
        one_po, _ = timed([guidebook, "build", "--project", str(project)], project)
        page_md = project / "content" / "ja" / "residence" / "residence-card.md"
        page_md.write_text(page_md.read_text(encoding="utf-8") + "\nこの ページを 変えました。\n", encoding="utf-8")
        one_page, _ = timed([guidebook, "build", "--project", str(project)], project)
        print(
            f"incremental: after editing one PO file (th): {one_po:.1f} s; "
            f"after editing one source page: {one_page:.1f} s"
        )
        sizes = index_sizes(site, languages)
        print("search index per language (downloaded on first search only): raw KiB / gzip KiB")
        for tag, (raw, gz) in sizes.items():
            print(f"  {tag:<8} {raw / 1024:7.0f} {gz / 1024:7.0f}")
        largest = max(gz for _, gz in sizes.values()) / 1024
        verdict = "met" if largest <= INDEX_BUDGET_KIB else "OVER"
        print(f"  largest {largest:.0f} KiB gzip; budget {INDEX_BUDGET_KIB} KiB per language: {verdict}")
        weight = first_view_weight(site, "en", "residence/residence-card")
        print(f"first view of en/residence/residence-card/: {weight / 1024:.1f} KiB gzip (HTML, CSS, JS; no fonts)")
        if Path("/usr/sbin/nginx").exists():
            hosting_figures(site)
        if not skip_browser:
            latency = browser_latency(site, languages)
            print(
                "search latency in headless Chromium, median ms from typing to results (first query loads the index):"
            )
            for tag, ms in latency.items():
                print(f"  {tag:<8} {ms:7.0f}")
            slowest = max(latency.values())
            verdict = "met" if slowest <= LATENCY_BUDGET_MS else "OVER"
            print(f"  slowest median {slowest:.0f} ms; budget {LATENCY_BUDGET_MS} ms: {verdict}")


def main() -> None:
    """Parse arguments and run the benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=["full", "scaled", "both"], default="both")
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    for corpus in ["full", "scaled"] if args.corpus == "both" else [args.corpus]:
        bench(corpus, args.skip_stock, args.skip_browser)


if __name__ == "__main__":
    main()
