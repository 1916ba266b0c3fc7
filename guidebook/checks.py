"""Quality checks on catalogs: each check is a small function raising CheckFailure; one runner gathers them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from guidebook.extract import read_catalogs
from guidebook.problems import InputError, Problem
from guidebook.project import Project
from guidebook.safety import markup, unsafe_reason
from guidebook.segments import extract


class CheckFailure(Exception):
    """A translation fails one check; severity is "error" or "warning"."""

    def __init__(self, message: str, severity: str = "error") -> None:
        super().__init__(message)
        self.severity = severity


@dataclass(frozen=True)
class Pair:
    """A source segment and its translation in one language."""

    msgid: str
    msgstr: str
    lang: str


NUMBER = re.compile(r"#?\d[\d\-]*")


def check_markup(pair: Pair) -> None:
    """The translation brings no HTML or link target its source lacks."""
    reason = unsafe_reason(pair.msgid, pair.msgstr)
    if reason:
        raise CheckFailure(reason)


def check_links_kept(pair: Pair) -> None:
    """Every link of the source is still there."""
    missing = markup(pair.msgid).urls - markup(pair.msgstr).urls
    if missing:
        raise CheckFailure(f"link target dropped: {sorted(missing)[0]}")


def check_numbers(pair: Pair) -> None:
    """Numbers, phone numbers and emergency numbers are the same as in the source."""
    src = sorted(NUMBER.findall(pair.msgid))
    dst = sorted(NUMBER.findall(pair.msgstr))
    missing = [n for n in src if n not in dst]
    if missing:
        raise CheckFailure(
            f"number {missing[0]!r} of the source is missing",
            "error" if "-" in missing[0] or missing[0].startswith("#") or len(missing[0]) >= 3 else "warning",
        )


KANA = re.compile(r"[\u3040-\u30ff]")
HAN = re.compile(r"[\u3400-\u9fff]")


def check_not_copied(pair: Pair) -> None:
    """A translation is not the Japanese source passed off as translated.

    Chinese shares Han characters with Japanese, so there a copy counts only if the source has kana.
    """
    if pair.lang == "ja" or pair.msgstr.strip() != pair.msgid.strip():
        return
    suspicious = (
        KANA.search(pair.msgid) if pair.lang.startswith("zh") else KANA.search(pair.msgid) or HAN.search(pair.msgid)
    )
    if suspicious:
        raise CheckFailure("translation is a copy of the Japanese source")


CHECKS: list[Callable[[Pair], None]] = [check_markup, check_links_kept, check_numbers, check_not_copied]


def run_checks(project: Project, langs: list[str] | None = None) -> list[Problem]:
    """Run every check on every published translation; return the problems, errors first."""
    try:
        cats = read_catalogs(project)
    except InputError as exc:
        return exc.problems
    problems: list[Problem] = []
    for lang in project.translations:
        if langs and lang.tag not in langs:
            continue
        for page in project.pages:
            cat = cats.get((lang.tag, page.slug))
            if cat is None:
                continue
            path = project.rel(project.catalog_path(page, lang.tag))
            wanted = {(s.msgid, s.context) for s in extract(page)}
            for msg in cat:
                if not msg.id or not isinstance(msg.string, str) or not msg.string or msg.fuzzy:
                    continue
                if (msg.id, msg.context) not in wanted:
                    continue
                pair = Pair(str(msg.id), msg.string, lang.tag)
                for check in CHECKS:
                    try:
                        check(pair)
                    except CheckFailure as failure:
                        problems.append(
                            Problem(
                                path,
                                msg.lineno or 0,
                                f"{lang.tag}:{check.__name__[6:]}",
                                str(failure),
                                failure.severity,
                            )
                        )
    return sorted(problems, key=lambda p: (p.severity != "error", p.file, p.line))
