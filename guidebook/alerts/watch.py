"""`guidebook alert watch FEED`: follow the agency's Atom feed and publish its telegrams as they come.

Each cycle reads the feed (a URL or a local file), fetches the telegrams of entries it has not
processed (only the kinds the site shows: the others are recorded and skipped), imports them and
publishes when an alert was written. What was processed is kept on disk (build/jma-watch.json,
replaced atomically after every telegram), so a restart goes on where it stopped. A telegram that is
not well-formed or not readable is recorded with its reason and never retried; a feed or telegram
that does not answer in time is retried on the next cycle.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from lxml import etree

from guidebook.fsutil import write_if_changed

ATOM = "{http://www.w3.org/2005/Atom}"
# The titles (Control/Title) of the telegrams the site turns into alerts.
WANTED = ("緊急地震速報（警報）", "震度速報", "震源・震度に関する情報", "津波警報・注意報・予報")
STATE_FILE = "jma-watch.json"
MAX_REMEMBERED = 5000


@dataclass
class Entry:
    """One feed entry: its id, title and the telegram's address."""

    id: str
    title: str
    link: str


@dataclass
class State:
    """What the watcher has processed, by entry id: "imported", "skipped" or "bad: <reason>"."""

    done: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> State:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(dict(data.get("done", {})))
        except (OSError, ValueError, AttributeError):
            return cls()

    def save(self, path: Path) -> None:
        items = list(self.done.items())[-MAX_REMEMBERED:]
        text = json.dumps({"done": dict(items)}, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        write_if_changed(path, text.encode("utf-8"))


def fetch(address: str, timeout: float) -> bytes:
    """Return the bytes at a URL or local path; raise OSError (timeouts included) when unreachable."""
    if "://" not in address or address.startswith("file://"):
        return Path(address.removeprefix("file://")).read_bytes()
    request = urllib.request.Request(address, headers={"User-Agent": "guidebook-alert-watch"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        data: bytes = response.read()
        return data


def entries(feed: bytes, base: str) -> list[Entry]:
    """Return a feed's entries, oldest first; raise ValueError if it is not an Atom feed."""
    try:
        root = etree.fromstring(feed, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"feed is not well-formed XML: {exc}") from None
    if root.tag != f"{ATOM}feed":
        raise ValueError("not an Atom feed")
    out = []
    for node in root.iter(f"{ATOM}entry"):
        link = node.find(f"{ATOM}link")
        href = link.get("href") if link is not None else None
        if not href:
            continue
        out.append(Entry(node.findtext(f"{ATOM}id") or href, (node.findtext(f"{ATOM}title") or "").strip(), href))
    out.reverse()  # the agency lists newest first
    return out


def resolve(link: str, feed: str) -> str:
    """Return a telegram's address: absolute, relative to the feed's URL, or beside a local feed file."""
    if "://" in link:
        return link
    if "://" in feed:
        return urljoin(feed, link)
    return str(Path(feed).parent / link)


def cycle(
    feed: str,
    state: State,
    state_path: Path,
    import_files: Callable[[list[Path]], dict[Path, str]],
    workdir: Path,
    timeout: float,
) -> tuple[int, list[str]]:
    """Run one cycle; return the number of alerts written and what went wrong (the watcher goes on)."""
    problems: list[str] = []
    try:
        listed = entries(fetch(feed, timeout), feed)
    except (OSError, urllib.error.URLError, TimeoutError, ValueError) as exc:
        return 0, [f"{feed}: {exc}"]
    fetched: list[tuple[Entry, Path]] = []
    for entry in listed:
        if entry.id in state.done:
            continue
        if not entry.title.startswith(WANTED):
            state.done[entry.id] = "skipped"
            continue
        address = resolve(entry.link, feed)
        try:
            data = fetch(address, timeout)
        except (OSError, urllib.error.URLError, TimeoutError) as exc:
            problems.append(f"{address}: {exc} (retried next cycle)")
            continue
        path = workdir / f"telegram-{len(fetched):04d}.xml"
        path.write_bytes(data)
        fetched.append((entry, path))
    written = 0
    if fetched:
        results = import_files([path for _, path in fetched])
        for entry, path in fetched:
            result = results.get(path, "imported")
            state.done[entry.id] = result
            written += result.startswith("wrote")
            if result.startswith("bad"):
                problems.append(f"{entry.link}: {result}")
    state.save(state_path)
    return written, problems


def run(
    feed: str,
    state_path: Path,
    import_files: Callable[[list[Path]], dict[Path, str]],
    workdir: Path,
    interval: float,
    timeout: float,
    cycles: int | None,
) -> int:
    """Watch the feed for cycles (None: until interrupted); return 0."""
    state = State.load(state_path)
    done = 0
    while cycles is None or done < cycles:
        written, problems = cycle(feed, state, state_path, import_files, workdir, timeout)
        for problem in problems:
            print(f"alert watch: {problem}", file=sys.stderr)
        if written:
            print(f"alert watch: {written} alerts written")
        done += 1
        if cycles is None or done < cycles:
            time.sleep(interval)
    return 0
