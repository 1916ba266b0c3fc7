"""Quality checks on catalogs: each check is a small function raising CheckFailure; one runner gathers them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from guidebook.catalogs.extract import read_catalogs
from guidebook.catalogs.safety import markup, unsafe_reason
from guidebook.problems import InputError, Problem
from guidebook.project import schema
from guidebook.project.alert_templates import source_segments
from guidebook.project.loader import Project
from guidebook.project.municipality import placeholder_problems


class CheckFailure(Exception):
    """A translation fails one check; severity is "error" or "warning"."""

    def __init__(self, message: str, severity: str = "error") -> None:
        super().__init__(message)
        self.severity = severity


@dataclass(frozen=True)
class Pair:
    """A source segment and its translation in one language, with the approved terms for that language."""

    msgid: str
    msgstr: str
    lang: str
    terms: tuple[tuple[str, str], ...] = ()


NUMBER = re.compile(r"#?\d+(?:-\d+)*")
# A number before one of these counters is often written another way in translation:
# 3月 → March, 3割 → 30%, 20万円 → 200,000 yen, 22時 → 10 p.m., 1年 → a year, 1回 → once.
CONVERTIBLE = re.compile(r"\d+(?=[月割万時])|(?<!\d)1(?=[年日回か人つ週])")


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
    convertible = {m.group(0) for m in CONVERTIBLE.finditer(pair.msgid)}
    src = [n for n in NUMBER.findall(pair.msgid) if n not in convertible]
    dst = NUMBER.findall(pair.msgstr)
    for number in src:
        if number in dst:
            dst.remove(number)
            continue
        critical = "-" in number or number.startswith("#") or len(number) >= 3
        raise CheckFailure(f"number {number!r} of the source is missing", "error" if critical else "warning")


SLOT = re.compile(r"\{([a-z_]+)\}")


def check_slots(pair: Pair) -> None:
    """An alert template's slots ({area}, {height} ...) are all kept, none invented."""
    source, target = sorted(SLOT.findall(pair.msgid)), sorted(SLOT.findall(pair.msgstr))
    if source != target:
        missing = sorted(set(source) - set(target))
        what = f"slot {{{missing[0]}}} of the source is missing" if missing else f"slots {target} differ from {source}"
        raise CheckFailure(what + " (readers of this language would get plain Japanese)")


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


CODE = re.compile(r"`[^`]+`")


def check_markdown_kept(pair: Pair) -> None:
    """Inline code stays verbatim and emphasis markers are balanced as in the source."""
    for code in CODE.findall(pair.msgid):
        if code not in pair.msgstr:
            raise CheckFailure(f"inline code {code} of the source is missing")
    for marker in ("**", "__"):
        if pair.msgid.count(marker) != pair.msgstr.count(marker):
            raise CheckFailure(
                f"{marker} appears {pair.msgstr.count(marker)} times; the source has {pair.msgid.count(marker)}"
            )


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


def check_glossary(pair: Pair) -> None:
    """A term of the glossary in the source is rendered with its approved translation.

    A term found only inside a longer term (運転免許証 in 国際運転免許証) is left to the longer one.
    """
    source = _squeeze(pair.msgid)
    target = _squeeze(pair.msgstr.casefold()) if pair.lang in UNSPACED_LANGS else pair.msgstr.casefold()
    found = [(ja, approved) for ja, approved in pair.terms if _squeeze(ja) in source]
    for ja, approved in found:
        inside_longer = any(_squeeze(ja) in _squeeze(other) and other != ja for other, _ in found)
        if inside_longer and source.count(_squeeze(ja)) == sum(
            source.count(_squeeze(other)) for other, _ in found if _squeeze(ja) in _squeeze(other) and other != ja
        ):
            continue
        wanted = _squeeze(approved.casefold()) if pair.lang in UNSPACED_LANGS else approved.casefold()
        if not _stem_in(wanted, target, pair.lang):
            raise CheckFailure(f"{ja} should be rendered {approved!r}", "warning")


UNSPACED_LANGS = ("zh-Hans", "th", "my", "km", "ja")


# Affixes that turn a verb into a noun; a term may appear without them in a sentence.
NOMINALIZERS = {"km": ("ការ", ""), "my": ("", "ခြင်း")}


def _stem_in(term: str, text: str, lang: str = "") -> bool:
    """Return True if term is in text, allowing changed word endings (plurals, case suffixes) and nominalizers."""
    if term in text:
        return True
    prefix, suffix = NOMINALIZERS.get(lang, ("", ""))
    bare = term.removeprefix(prefix) if prefix else term
    bare = bare.removesuffix(suffix) if suffix else bare
    if bare != term and bare and bare in text:
        return True
    words = term.split()
    if len(words) == 1 and len(term) < 5:
        return False
    stems = [w[: len(w) - 2] if len(w) >= 5 else w for w in words]
    pos = 0
    for stem in stems:
        found = text.find(stem, pos)
        if found < 0:
            return False
        pos = found + len(stem)
    return True


def check_burmese_unicode(pair: Pair) -> None:
    """Burmese is written in Unicode, not the Zawgyi font encoding."""
    if pair.lang == "my" and zawgyi_probability(pair.msgstr) > 0.95:
        raise CheckFailure("Burmese text looks like Zawgyi; convert it to Unicode")


def zawgyi_probability(text: str) -> float:
    """Return the probability that Burmese text is Zawgyi-encoded (Google's myanmartools model)."""
    from myanmartools import ZawgyiDetector

    global _DETECTOR
    if _DETECTOR is None:
        _DETECTOR = ZawgyiDetector()
    return float(_DETECTOR.get_zawgyi_probability(text))


_DETECTOR: Any = None

CHECKS: list[Callable[[Pair], None]] = [
    check_markup,
    check_links_kept,
    check_numbers,
    check_slots,
    check_not_copied,
    check_markdown_kept,
    check_glossary,
    check_burmese_unicode,
]


def run_checks(project: Project, langs: list[str] | None = None) -> list[Problem]:
    """Run every check on every published translation; return the problems, errors first."""
    try:
        cats = read_catalogs(project)
    except InputError as exc:
        return exc.problems
    problems: list[Problem] = []
    glossary = load_glossary(project, problems)
    for lang in project.translations:
        if langs and lang.tag not in langs:
            continue
        terms = tuple((t["ja"], t[lang.tag]) for t in glossary if t.get(lang.tag))
        for page in project.translation_sources:
            cat = cats.get((lang.tag, page.slug))
            if cat is None:
                continue
            path = project.rel(project.catalog_path(page, lang.tag))
            wanted = {(s.msgid, s.context) for s in source_segments(page)}
            for msg in cat:
                if not msg.id or not isinstance(msg.string, str) or not msg.string or msg.fuzzy:
                    continue
                if (msg.id, msg.context) not in wanted:
                    continue
                pair = Pair(str(msg.id), msg.string, lang.tag, terms)
                for check in CHECKS:
                    if f"ignore-{check.__name__[6:].replace('_', '-')}" in msg.flags:
                        continue  # a translator's explicit, reviewable exception
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
    problems.extend(placeholder_problems(project))
    problems.extend(stale_pages(project, dt.date.today()))
    return sorted(problems, key=lambda p: (p.severity != "error", p.file, p.line))


STALE_AFTER = dt.timedelta(days=365)


def stale_pages(project: Project, today: dt.date) -> list[Problem]:
    """Warn about every page whose facts were last checked (`reviewed`) more than 12 months ago."""
    out = []
    for page in project.pages:
        if today - page.reviewed > STALE_AFTER:
            line = page.meta_lines.get("reviewed", 1)
            age = (today - page.reviewed).days // 30
            message = (
                f"facts last checked on {page.reviewed.isoformat()}, {age} months ago; check them against the sources"
            )
            out.append(Problem(page.file, line, "reviewed", message, "warning"))
    return out


def load_glossary(project: Project, problems: list[Problem]) -> list[dict[str, Any]]:
    """Read site_config/glossary.yml: a list of terms, each with `key`, `ja`, `reading` and languages."""
    path = project.root / "site_config" / "glossary.yml"
    if not path.is_file():
        return []
    tags = [lang.tag for lang in project.config.languages]
    term = schema.Record(
        key=schema.Str(r"[a-z0-9]+(-[a-z0-9]+)*", "a kebab-case identifier"),
        reading=schema.Str(),
        # Everyday words readers use for the term, per language: search finds the term's pages by them.
        synonyms=schema.Field(
            schema.MapOf(
                schema.ListOf(schema.Str(), min_items=1),
                key_check=lambda key: key in tags,
                key_expected="a language the site publishes (" + ", ".join(tags) + ")",
            ),
            required=False,
            default={},
        ),
        **{tag: schema.Field(schema.Str(), required=tag == "ja") for tag in tags},
    )
    data = schema.load(path, schema.Record(terms=schema.ListOf(term, min_items=1)), project.rel(path), problems)
    return list(data["terms"]) if data else []
