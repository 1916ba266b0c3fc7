"""Hosting rules for the published site: cache lifetimes for nginx and for `_headers` hosts, and
pre-compressed copies of the text files (gzip at level 9, served as they are by nginx's gzip_static).

Written into every build's site: `_headers` (Netlify, Cloudflare Pages) and `_hosting/nginx.conf`
(an nginx snippet); both are filled in with the site's path from `base_url`, so a site published
under a sub-path (GitHub Pages' `/<repo>/`) gets rules for that path.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from guidebook.fsutil import write_if_changed

HERE = Path(__file__).parent
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".atom", ".svg", ".txt"}
MIN_SIZE = 256  # below this a compressed copy saves less than its headers cost
HEADERS_FILE = "_headers"
NGINX_FILE = "_hosting/nginx.conf"


@dataclass(frozen=True)
class CacheRules:
    """The Cache-Control value of each kind of file."""

    alerts_seconds: int = 30
    html: str = "public, max-age=300"
    no_cache: str = "no-cache"
    immutable: str = "public, max-age=31536000, immutable"

    @property
    def alerts(self) -> str:
        return f"public, max-age={self.alerts_seconds}, must-revalidate"


RULES = CacheRules()
FILES = Environment(loader=FileSystemLoader(HERE), undefined=StrictUndefined, keep_trailing_newline=True)


def site_path(base_url: str) -> str:
    """Return the path the site is published under, with its slashes: `/`, `/minato/`."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def hosting_files(base_url: str, rules: CacheRules = RULES) -> dict[str, str]:
    """Return the hosting rules files of a site published at base_url, by path relative to the site."""
    path = site_path(base_url)
    values = {"path": path, "path_re": re.escape(path), "rules": rules}
    return {
        HEADERS_FILE: FILES.get_template("_headers").render(values),
        NGINX_FILE: FILES.get_template("nginx.conf").render(values),
    }


def write_hosting(base_url: str, site: Path) -> None:
    """Write the hosting rules files into site."""
    for rel, text in hosting_files(base_url).items():
        write_if_changed(site / rel, text.encode("utf-8"))


def compress(path: Path) -> bool:
    """Write path.gz beside a text file (deterministic bytes), or remove a stale one; return True if written."""
    target = path.with_name(path.name + ".gz")
    if path.suffix not in COMPRESSED or not path.is_file():
        return False
    data = path.read_bytes()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    if len(data) < MIN_SIZE or len(packed) >= len(data):
        target.unlink(missing_ok=True)
        return False
    return write_if_changed(target, packed)


def compress_site(site: Path) -> int:
    """Pre-compress every text file of site whose copy is missing or older; return how many were written."""
    written = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in COMPRESSED or not path.is_file():
            continue
        packed = path.with_name(path.name + ".gz")
        if packed.is_file() and packed.stat().st_mtime_ns >= path.stat().st_mtime_ns:
            continue  # compressed with the language's build, and hard-linked into the site with it
        written += compress(path)
    return written
