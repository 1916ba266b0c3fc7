"""Offline reading: a service worker per language that keeps the emergency chapter and every page
the reader has opened, with the assets they need, readable without a connection.

The worker, assets/sw.js with its slots filled, is written into each language's folder
(`/<tag>/sw.js`, so its scope is that language). Its cache name carries a hash of what it
precaches; a new build's worker moves what the reader already had into its new cache (pages are
fetched from the network first, so they are refreshed when online) and never throws away a page
the reader could read offline before.

A reader who wants the whole guide offline (before a typhoon, say) presses "save for offline" on
the home page or the emergency chapter: the worker then fetches every file of `offline.json`
(every page, the assets they load, and the search index, so search works offline too), reporting
its progress to the page. The button shows the download size first, for readers on metered data.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

PRECACHE_CHAPTERS = ("disaster",)
OFFLINE_ASSETS = {".css", ".js", ".svg", ".png", ".ico", ".webp", ".jpg", ".jpeg", ".gif", ".webmanifest"}
ASSET_REF = re.compile(r'(?:href|src)="([^"#?]+\.(?:css|js|svg|png|ico|webmanifest))"')

WORKER = Path(__file__).parent / "assets" / "sw.js"
# The worker's slots: a marker comment followed by a stand-in literal, so that sw.js stays valid
# JavaScript; each is replaced whole by a JSON value.
SLOT = re.compile(r'/\*@([A-Z]+)@\*/(?:""|\[\])')


def precache_list(lang_dir: Path) -> list[str]:
    """Return the URLs (relative to the language folder) to keep offline from the first visit."""
    pages = [lang_dir / "index.html"]
    for chapter in PRECACHE_CHAPTERS:
        pages += sorted((lang_dir / chapter).rglob("index.html")) if (lang_dir / chapter).is_dir() else []
    urls: list[str] = []
    for page in pages:
        rel = page.parent.relative_to(lang_dir).as_posix()
        urls.append("./" if rel == "." else f"./{rel}/")
        for ref in ASSET_REF.findall(page.read_text(encoding="utf-8")):
            if "://" in ref or ref.startswith("/"):
                continue
            asset = (page.parent / ref).resolve()
            try:
                rel_asset = asset.relative_to(lang_dir.resolve()).as_posix()
            except ValueError:
                continue
            if asset.is_file():
                urls.append(f"./{rel_asset}")
    return list(dict.fromkeys(urls))


def offline_files(lang_dir: Path) -> list[str]:
    """Return the URLs (relative to the language folder) of everything "save for offline" fetches:
    every page, every file a page can load (a language's build publishes no other assets), and
    the search index with its worker."""
    pages: list[str] = []
    assets: list[str] = []
    for path in sorted(lang_dir.rglob("*")):
        rel = path.relative_to(lang_dir).as_posix()
        if path.name == "index.html":
            pages.append("./" if rel == "index.html" else f"./{rel[: -len('index.html')]}")
        elif path.suffix in OFFLINE_ASSETS and path.name != "sw.js" and path.is_file():
            assets.append(f"./{rel}")
    search = [
        f"./{rel}"
        for rel in ("search/search_index.json", index_address(lang_dir))
        if (lang_dir / rel.split("?")[0]).is_file()
    ]
    return pages + assets + search


def url_file(lang_dir: Path, url: str) -> Path:
    """Return the file a URL of offline_files or precache_list ("./page/", "./asset.css") is served from."""
    rel = url[2:].split("?")[0]  # the search index's address carries its version
    return lang_dir / (rel + "index.html" if rel.endswith("/") or not rel else rel)


def write_offline_manifest(lang_dir: Path) -> dict[str, object]:
    """Write <lang>/offline.json: the files to save and their download size (gzip, as served)."""
    urls = offline_files(lang_dir)
    size = 0
    for url in urls:
        size += len(gzip.compress(url_file(lang_dir, url).read_bytes(), 1))  # fast; a little above what servers send
    manifest: dict[str, object] = {"urls": urls, "bytes": size}
    (lang_dir / "offline.json").write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
    return manifest


def fill_slots(script: str, values: dict[str, str]) -> str:
    """Return script with each slot (`/*@TAG@*/""`) replaced by its value; the slots must be exactly those of values."""
    found = set(SLOT.findall(script))
    if found != set(values):
        raise ValueError(f"{WORKER.name}: expected the slots {sorted(values)}, found {sorted(found)}")
    return SLOT.sub(lambda match: values[match.group(1)], script)


def write_service_worker(lang_dir: Path, tag: str) -> list[str]:
    """Write <lang>/sw.js; return the precache list. (offline.json is written by each language's build.)"""
    urls = precache_list(lang_dir)
    digest = hashlib.sha256()
    for url in urls:
        path = url_file(lang_dir, url)
        if path.is_file():
            digest.update(url.encode())
            digest.update(path.read_bytes())
    script = fill_slots(
        WORKER.read_text(encoding="utf-8"),
        {
            "TAG": json.dumps(tag),
            "VERSION": json.dumps(digest.hexdigest()[:12]),
            "PRECACHE": json.dumps(urls, indent=0),
        },
    )
    (lang_dir / "sw.js").write_text(script, encoding="utf-8")
    return urls


def index_address(lang_dir: Path) -> str:
    """Return the address of the language's search index as its worker fetches it (with the build's version)."""
    stub = lang_dir / "search" / "search_index.json"
    try:
        return str(json.loads(stub.read_text(encoding="utf-8"))["config"]["guidebook"]["index"])
    except (OSError, ValueError, KeyError, TypeError):
        return "search/guidebook_index.json"
