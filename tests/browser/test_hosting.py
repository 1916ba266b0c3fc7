"""The shipped site as Debian's nginx serves it: nothing forbidden, the cache rules, a sub-path."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from guidebook.build import build_site
from guidebook.project.loader import open_project
from tests.helpers import copy_shipped
from tests.nginx import WORKER_USER, Nginx

pytestmark = pytest.mark.browser

TAGS = ["ja", "en", "zh-Hans", "ko", "es", "pt-BR", "vi", "ne", "th", "id", "my", "km", "fil", "mn"]


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[Nginx]:
    nginx = Nginx(site)
    yield nginx
    nginx.stop()


def test_workers_run_unprivileged(server: Nginx) -> None:
    if os.geteuid() != 0:
        pytest.skip("nginx drops privileges only when started as root")
    assert server.worker_users() == {WORKER_USER}


@pytest.mark.parametrize(
    "rel",
    [
        "",
        "alerts.json",
        "404.html",
        *[f"{t}/" for t in TAGS],
        *[f"{t}/alerts.json" for t in TAGS],
        *[f"{t}/alerts.atom" for t in TAGS],
    ],
)
def test_nothing_the_generator_writes_is_forbidden(server: Nginx, rel: str) -> None:
    status, _, _ = server.get(rel)
    assert status == 200, f"/{rel}: {status}\n{server.error_log()}"


def test_cache_rules(server: Nginx) -> None:
    def cache(rel: str) -> str:
        status, headers, _ = server.get(rel)
        assert status == 200, rel
        return headers.get("cache-control", "")

    assert cache("en/alerts.json") == "public, max-age=30, must-revalidate"
    assert cache("alerts.json") == "public, max-age=30, must-revalidate"
    assert cache("en/sw.js") == "no-cache"
    assert cache("en/offline.json") == "no-cache"
    assert cache("en/search/search_index.json") == "no-cache"
    assert cache("en/") == "public, max-age=300"
    hashed = next((server.site / "en" / "assets" / "javascripts").glob("bundle.*.min.js")).name
    assert cache(f"en/assets/javascripts/{hashed}") == "public, max-age=31536000, immutable"
    assert server.get("_headers")[0] == 404 and server.get("_hosting/nginx.conf")[0] == 404


def test_polling_an_unchanged_alerts_file_costs_a_304(server: Nginx) -> None:
    status, headers, body = server.get("km/alerts.json")
    assert status == 200 and body and headers.get("etag") and headers.get("last-modified")
    again = server.get("km/alerts.json", {"If-None-Match": headers["etag"]})
    assert again[0] == 304 and again[2] == b""


def test_pages_are_sent_precompressed(server: Nginx) -> None:
    status, headers, body = server.get("th/disaster/emergency-numbers/", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    page = server.site / "th" / "disaster" / "emergency-numbers" / "index.html"
    assert body == page.with_name("index.html.gz").read_bytes()  # the file itself, at level 9
    assert gzip.decompress(body) == page.read_bytes()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name in ("href", "src") or (tag == "script" and name == "data-src")):
                self.links.append(value)


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped guidebook built for a project site on GitHub Pages: https://<org>.github.io/minato/."""
    root = tmp_path_factory.mktemp("subpath")
    copy_shipped(root)
    site_yml = root / "site_config" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    base = next(line for line in text.splitlines() if line.startswith("base_url:"))
    site_yml.write_text(text.replace(base, "base_url: https://guidebook-org.github.io/minato/"), encoding="utf-8")
    build_site(open_project(root))
    return root / "site"


def test_whole_site_under_a_sub_path(subpath_site: Path) -> None:
    nginx = Nginx(subpath_site, "/minato/")
    try:
        origin = f"http://127.0.0.1:{nginx.port}"
        pages = [p for p in subpath_site.rglob("*.html")]
        checked: dict[str, int] = {}
        failures = []
        for path in pages:
            rel = path.relative_to(subpath_site).as_posix()
            page_url = f"{nginx.url}/{rel[: -len('index.html')] if rel.endswith('index.html') else rel}"
            parser = _Links()
            parser.feed(path.read_text(encoding="utf-8"))
            for link in parser.links:
                url = urldefrag(urljoin(page_url, link)).url
                if urlsplit(url).netloc != f"127.0.0.1:{nginx.port}":
                    continue
                if url not in checked:
                    checked[url] = nginx.get(url[len(nginx.url) :])[0]
                if checked[url] != 200:
                    failures.append(f"{rel}: {link} -> {url} {checked[url]}")
        assert not failures, "\n".join(failures[:20])
        assert len(checked) > 1000
        # A missing address under the sub-path gets the 404 page, whose links all answer.
        status, _, body = nginx.get("no/such/page/")
        assert status == 404 and b"<html" in body
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            url = urldefrag(urljoin(f"{nginx.url}/no/such/page/", link)).url
            if urlsplit(url).netloc == f"127.0.0.1:{nginx.port}":
                assert urlsplit(url).path.startswith("/minato/"), link
                assert nginx.get(url[len(nginx.url) :])[0] == 200, link
        assert origin
    finally:
        nginx.stop()
