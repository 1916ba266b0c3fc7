"""Plain-Japanese checks on the source pages, for `guidebook check`.

The rules follow the national plain-Japanese guideline (在留支援のためのやさしい日本語ガイドライン,
2020): short sentences, です/ます endings, no double negatives, no honorific or humble forms, few
kanji and no long runs of them, few katakana loanwords. Each rule is a small function that raises
CheckFailure for one sentence; one runner splits every page into sentences, runs the rules and
reports `file:line: ja:rule: message`. A readability score per page (jreadability) is the one
page-wide rule. Limits are in site_config/plain_japanese.yml.

A line silences a rule with a trailing comment that says why, in the page body
`<!-- check: ignore rule-name: reason -->` and in front matter `# check: ignore rule-name: reason`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from guidebook.catalogs.checks import CheckFailure
from guidebook.japanese.readings import KANJI_CLASS, tokenizer
from guidebook.problems import InputError, Problem
from guidebook.project import schema
from guidebook.project.loader import Project
from guidebook.project.pages import SourcePage
from guidebook.project.segments import Segment, extract

FILE = "site_config/plain_japanese.yml"
GLOSSARY = "site_config/glossary.yml"
SOURCE = "ja"

HEADING_KINDS = {"heading", "meta:title", "admonition-title", "tab-title"}
FRAGMENT_KINDS = {"cell", "alt"}
KEYWORDS_KIND = "meta:keywords"
SENTENCE_END = "。！？!?"
OPENING, CLOSING = "「『（(【［〔", "」』）)】］〕"
KANJI_RUN = re.compile(f"[{KANJI_CLASS}]+")
KANJI_CHAR = re.compile(f"[{KANJI_CLASS}]")
MASK = "〓"  # stands in for a word a rule leaves out: neither kanji, kana nor space
# A word followed by its explanation in brackets, as the writing guide asks for a difficult word:
# 教育委員会（学校の ことを 担当する 役所）, ボランティア（お金を もらわずに 手伝う 人）.
EXPLAINED = re.compile(f"(?:[{KANJI_CLASS}]+|[\\u30a1-\\u30fa\\u30fc]+)\\s*[（(]")
# The other way round: a plain word with the official name in brackets after it, one word without
# spaces: 青切符（交通反則告知書）.
OFFICIAL_NAME = re.compile(r"(?<=\S)[（(][^\s（）()]+[）)]")
KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc\u30fd\u30fe]+(?:・[\u30a1-\u30fa\u30fc]+)*")
POLITE_ENDING = re.compile(r"(です|でした|でしょう|ます|ました|ません|ましょう|ください|下さい)(か|ね|よ|よね)?$")
TRAILING_ASIDE = re.compile(r"\s*[（(][^（）()]*[）)]$")
DOUBLE_NEGATIVES = (
    (re.compile(r"ない(わけ|訳)(では|じゃ)(ない|ありません)"), "〜ないわけではない"),
    (re.compile(r"なく(は|も)(ない|ありません)"), "〜なくはない"),
    (re.compile(r"ない(こと|事)(は|も)(ない|ありません)"), "〜ないことはない"),
    (re.compile(r"ないとは(限ら|かぎら)"), "〜ないとは限らない"),
    (re.compile(r"ない(わけ|訳)には(いか|行か)"), "〜ないわけにはいかない"),
    (re.compile(r"ざるを(得|え)"), "〜ざるを得ない"),
    (re.compile(r"ないでも(ない|ありません)"), "〜ないでもない"),
)
# Honorific (尊敬語) and humble (謙譲語) verbs and nouns, by the analyser's dictionary form, and the
# plain word to use instead.
KEIGO = {
    "いらっしゃる": "いる / 来る / 行く",
    "おっしゃる": "言う",
    "召し上がる": "食べる / 飲む",
    "なさる": "する",
    "申す": "言う",
    "申し上げる": "言う",
    "参る": "行く / 来る",
    "致す": "する",
    "いたす": "する",
    "拝見": "見る",
    "拝借": "借りる",
    "伺う": "聞く / 行く",
    "存じる": "知る / 思う",
    "存ずる": "知る / 思う",
    "差し上げる": "あげる",
    "頂く": "もらう",
    "いただく": "もらう",
    "承る": "受ける",
    "賜る": "もらう",
    "ござる": "ある",
    "ご覧": "見る",
    "御覧": "見る",
}
# おります after て is the humble 〜て いる; alone it is often 降ります written in kana.
HUMBLE_ORU = re.compile(r"[てで]おり(ます|まし|ません)")
READABILITY_LEVELS = (
    (5.5, "lower elementary"),
    (4.5, "upper elementary"),
    (3.5, "lower intermediate"),
    (2.5, "upper intermediate"),
    (1.5, "lower advanced"),
    (float("-inf"), "upper advanced"),
)
IGNORE = re.compile(
    r"(?:<!--|#)\s*check:\s*ignore\s+(?P<rules>[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*(?::\s*(?P<reason>.*?))?\s*(?:-->|$)"
)


@dataclass(frozen=True)
class Limits:
    """The limits of site_config/plain_japanese.yml (defaults: the national guideline's advice).

    sentence_max_chars: characters in a sentence, spaces not counted.
    kanji_run_max: kanji in a row.
    kanji_count_max: kanji in a sentence (50 characters at about 30% kanji is 15).
    readability_min: the lowest jreadability score of a page (2.5: upper intermediate).
    readability_min_sentences: pages with fewer full sentences are not scored.
    allowed_katakana: everyday loanwords that are plainer than any other word for the thing.
    names: official names of offices, services and documents, written as readers will meet them;
      like glossary terms they are left out of the kanji and katakana rules.
    disable: rules that are not run.
    """

    sentence_max_chars: int = 50
    kanji_run_max: int = 5
    kanji_count_max: int = 15
    readability_min: float = 2.5
    readability_min_sentences: int = 8
    allowed_katakana: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """One sentence of a source page, as a reader reads it (markup removed).

    text: the sentence with its spaces (分かち書き).
    kind: the kind of segment it is in (heading, paragraph, item, cell, meta:description, ...).
    line: the line of the page file it starts on.
    terminated: True if it ends with 。, ！ or ？ (a full sentence, not a heading or fragment).
    """

    text: str
    kind: str
    line: int
    terminated: bool

    @property
    def chars(self) -> str:
        """Return the sentence without spaces, as its length is counted."""
        return re.sub(r"\s+", "", self.text)

    @property
    def is_full_sentence(self) -> bool:
        """Return True for a terminated sentence outside headings, table cells and alt texts."""
        return self.terminated and self.kind not in HEADING_KINDS | FRAGMENT_KINDS


@dataclass
class Context:
    """What the rules need besides the sentence: limits, approved terms and the analyser."""

    limits: Limits
    glossary: tuple[str, ...] = ()
    analyser: Callable[[str], list[str]] | None = None

    def without_terms(self, text: str) -> str:
        """Return text with every glossary term, name and allowed loanword blanked out."""
        for term in sorted({*self.glossary, *self.limits.names, *self.limits.allowed_katakana}, key=len, reverse=True):
            text = text.replace(term, MASK)
        return text

    def explained_out(self, text: str) -> str:
        """Return text without glossary terms, names, allowed loanwords and words explained in brackets.

        Also without an official name in brackets after the plain word it stands for.
        """
        return EXPLAINED.sub(lambda m: m.group(0)[-1], OFFICIAL_NAME.sub("（）", self.without_terms(text)))


def quote(sentence: Sentence, width: int = 24) -> str:
    """Return the sentence shortened for a message: 「最初の 部分…」."""
    text = sentence.text if len(sentence.text) <= width else sentence.text[: width - 1] + "…"
    return f"「{text}」"


# --- Rules -------------------------------------------------------------------------------------


def check_long_sentence(sentence: Sentence, ctx: Context) -> None:
    """A sentence is short: at most sentence_max_chars characters, spaces not counted."""
    if sentence.kind in FRAGMENT_KINDS:
        return
    n = len(sentence.chars)
    if n > ctx.limits.sentence_max_chars:
        raise CheckFailure(
            f"sentence has {n} characters; at most {ctx.limits.sentence_max_chars}: {quote(sentence)}", "warning"
        )


def check_kanji_run(sentence: Sentence, ctx: Context) -> None:
    """No run of more than kanji_run_max kanji; glossary terms, names and words explained in brackets aside."""
    runs = [run for run in KANJI_RUN.findall(ctx.explained_out(sentence.text)) if len(run) > ctx.limits.kanji_run_max]
    if runs:
        longest = max(runs, key=len)
        raise CheckFailure(
            f"{len(longest)} kanji in a row ({longest}); at most {ctx.limits.kanji_run_max}: {quote(sentence)}",
            "warning",
        )


def check_kanji_count(sentence: Sentence, ctx: Context) -> None:
    """A sentence has at most kanji_count_max kanji; words left out of kanji-run are not counted."""
    n = len(KANJI_CHAR.findall(ctx.explained_out(sentence.text)))
    if n > ctx.limits.kanji_count_max:
        raise CheckFailure(
            f"sentence has {n} kanji; at most {ctx.limits.kanji_count_max}: {quote(sentence)}", "warning"
        )


def check_polite_ending(sentence: Sentence, ctx: Context) -> None:
    """A full sentence ends with です or ます (also ました, ません, ください ...)."""
    if not sentence.is_full_sentence:
        return
    text, before = sentence.text, ""
    while text != before:
        before = text
        text = TRAILING_ASIDE.sub("", text.rstrip(SENTENCE_END + "」』】］〕 \u3000"))
    if not POLITE_ENDING.search(text):
        raise CheckFailure(f"sentence does not end with です or ます: {quote(sentence)}", "warning")


def check_double_negative(sentence: Sentence, ctx: Context) -> None:
    """No double negatives such as 〜ないわけではない or 〜なくはない."""
    chars = sentence.chars
    for pattern, name in DOUBLE_NEGATIVES:
        if pattern.search(chars):
            raise CheckFailure(f"double negative ({name}); say it in the positive: {quote(sentence)}", "warning")


def check_honorific(sentence: Sentence, ctx: Context) -> None:
    """No honorific or humble forms (いらっしゃる, 申す, いたす, 拝見 ...): plain polite forms only."""
    lemmas = ctx.analyser(sentence.text) if ctx.analyser else []
    found = [lemma for lemma in lemmas if lemma in KEIGO]
    if found:
        raise CheckFailure(
            f"honorific or humble form {found[0]}; use {KEIGO[found[0]]}: {quote(sentence)}",
            "warning",
        )
    if HUMBLE_ORU.search(sentence.chars):
        raise CheckFailure(f"humble form 〜て おります; use 〜て います: {quote(sentence)}", "warning")


def check_katakana_loanword(sentence: Sentence, ctx: Context) -> None:
    """Katakana loanwords are glossary terms, names, allowed everyday words or explained in brackets."""
    words = []
    for word in KATAKANA_WORD.findall(ctx.explained_out(sentence.text)):
        if len(word) > 1 and word not in words:
            words.append(word)
    if words:
        raise CheckFailure(f"katakana loanword outside the glossary: {', '.join(words)}: {quote(sentence)}", "warning")


SentenceRule = Callable[[Sentence, Context], None]
RULES: dict[str, SentenceRule] = {
    "long-sentence": check_long_sentence,
    "kanji-run": check_kanji_run,
    "kanji-count": check_kanji_count,
    "polite-ending": check_polite_ending,
    "double-negative": check_double_negative,
    "honorific": check_honorific,
    "katakana-loanword": check_katakana_loanword,
}
PAGE_RULES = ("readability",)
ALL_RULES = (*RULES, *PAGE_RULES)


def readability_level(score: float) -> str:
    """Return the level of a jreadability score (lower elementary is easiest)."""
    return next(name for low, name in READABILITY_LEVELS if score >= low)


def check_readability(text: str, ctx: Context, tagger: Any = None) -> float:
    """A page's full sentences score at least readability_min on jreadability; return the score."""
    from jreadability import compute_readability

    score = float(compute_readability(text, tagger))
    if score < ctx.limits.readability_min:
        raise CheckFailure(
            f"readability {score:.2f} ({readability_level(score)}); at least {ctx.limits.readability_min:g} "
            f"({readability_level(ctx.limits.readability_min)})",
            "warning",
        )
    return score


# --- Sentences -----------------------------------------------------------------------------------

LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
TAG = re.compile(r"<[^>]+>")
EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|`+)")


def plain_text(msgid: str) -> str:
    """Return a segment's inline Markdown as the text a reader reads."""
    text = LINK.sub(lambda m: "" if m.group(0).startswith("!") else m.group(1), msgid)
    text = EMPHASIS.sub("", TAG.sub("", text))
    text = re.sub(r"\\(.)", r"\1", text)
    return html.unescape(text).strip()


def split_sentences(text: str) -> list[tuple[str, bool]]:
    """Split text at 。！？ outside brackets; return (sentence, terminated) pairs."""
    out: list[tuple[str, bool]] = []
    depth, start, i = 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(0, depth - 1)
        elif ch in SENTENCE_END and depth == 0:
            end = i + 1
            while end < len(text) and text[end] in SENTENCE_END + CLOSING:
                end += 1
            out.append((text[start:end].strip(), True))
            start = i = end
            continue
        i += 1
    rest = text[start:].strip()
    if rest:
        out.append((rest, False))
    return [(s, t) for s, t in out if s]


def sentences(page: SourcePage, segments: list[Segment] | None = None) -> list[tuple[Sentence, Segment]]:
    """Return every sentence of a page with the segment it is in, in page order."""
    out = []
    for seg in segments if segments is not None else extract(page):
        if seg.kind == KEYWORDS_KIND:  # search words, not prose
            continue
        for text, terminated in split_sentences(plain_text(seg.msgid)):
            out.append((Sentence(text, seg.kind, seg.line, terminated), seg))
    return out


# --- Ignore comments -------------------------------------------------------------------------------


@dataclass
class Ignore:
    """One `check: ignore` comment: the rules it silences on its line, and why."""

    line: int
    rules: tuple[str, ...]
    reason: str
    used: set[str] = field(default_factory=set)


def ignores(page: SourcePage) -> dict[int, Ignore]:
    """Return the ignore comments of a page file by line number."""
    text = page.path.read_text(encoding="utf-8").replace("\r\n", "\n")
    out = {}
    for number, line in enumerate(text.split("\n"), start=1):
        match = IGNORE.search(line)
        if match:
            rules = tuple(r.strip() for r in match.group("rules").split(","))
            out[number] = Ignore(number, rules, (match.group("reason") or "").strip())
    return out


def lines_of(seg: Segment) -> range:
    """Return the file lines a segment covers."""
    if seg.start[0] < 0:
        return range(seg.line, seg.line + 1)
    return range(seg.line, seg.line + seg.end[0] - seg.start[0] + 1)


# --- Configuration ---------------------------------------------------------------------------------

LIMITS_SCHEMA = schema.Record(
    sentence_max_chars=schema.Field(schema.Int(10, 500), required=False, default=Limits.sentence_max_chars),
    kanji_run_max=schema.Field(schema.Int(1, 50), required=False, default=Limits.kanji_run_max),
    kanji_count_max=schema.Field(schema.Int(1, 500), required=False, default=Limits.kanji_count_max),
    readability_min=schema.Field(schema.Number(-10, 20), required=False, default=Limits.readability_min),
    readability_min_sentences=schema.Field(
        schema.Int(1, 1000), required=False, default=Limits.readability_min_sentences
    ),
    allowed_katakana=schema.Field(
        schema.ListOf(schema.Str(r"[\u30a1-\u30fa\u30fc・]+", "a word in katakana")), required=False, default=[]
    ),
    names=schema.Field(schema.ListOf(schema.Str()), required=False, default=[]),
    disable=schema.Field(schema.ListOf(schema.Choice(*ALL_RULES)), required=False, default=[]),
)


def load_limits(root: Path) -> Limits:
    """Read and validate site_config/plain_japanese.yml (no file: defaults); raise InputError on problems."""
    path = root / FILE
    if not path.is_file():
        return Limits()
    problems: list[Problem] = []
    data = schema.load(path, LIMITS_SCHEMA, FILE, problems)
    if problems or data is None:
        raise InputError(problems)
    return Limits(
        sentence_max_chars=data["sentence_max_chars"],
        kanji_run_max=data["kanji_run_max"],
        kanji_count_max=data["kanji_count_max"],
        readability_min=float(data["readability_min"]),
        readability_min_sentences=data["readability_min_sentences"],
        allowed_katakana=tuple(data["allowed_katakana"]),
        names=tuple(data["names"]),
        disable=tuple(data["disable"]),
    )


def glossary_terms(root: Path) -> tuple[str, ...]:
    """Return the plain-Japanese terms (`ja`) of site_config/glossary.yml; none if there is no glossary."""
    path = root / GLOSSARY
    if not path.is_file():
        return ()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError([Problem(GLOSSARY, 0, "", f"invalid YAML: {exc}")]) from exc
    terms = data.get("terms") if isinstance(data, dict) else None
    return tuple(str(t[SOURCE]) for t in terms or [] if isinstance(t, dict) and t.get(SOURCE))


def lemmas(text: str) -> list[str]:
    """Return the dictionary and normalized forms of the words of text (SudachiPy)."""
    return [form for m in tokenizer().tokenize(text) for form in (str(m.dictionary_form()), str(m.normalized_form()))]


# --- Runner --------------------------------------------------------------------------------------


def check_page(page: SourcePage, ctx: Context, tagger: Any = None) -> list[Problem]:
    """Run every enabled rule on one page; return its problems, silenced ones left out."""
    problems: list[Problem] = []
    silenced = ignores(page)
    found = sentences(page)

    def report(line_range: range, line: int, rule: str, failure: CheckFailure) -> None:
        for number in line_range:
            ignore = silenced.get(number)
            if ignore and rule in ignore.rules:
                ignore.used.add(rule)
                return
        problems.append(Problem(page.file, line, f"{SOURCE}:{rule}", str(failure), failure.severity))

    for sentence, seg in found:
        for name, rule in RULES.items():
            if name in ctx.limits.disable:
                continue
            try:
                rule(sentence, ctx)
            except CheckFailure as failure:
                report(lines_of(seg), sentence.line, name, failure)
    running = [s.text for s, _ in found if s.is_full_sentence]
    if len(running) >= ctx.limits.readability_min_sentences and "readability" not in ctx.limits.disable:
        first = next((seg for _, seg in found if seg.start[0] >= 0), None)
        where = lines_of(first) if first else range(page.body_line, page.body_line + 1)
        try:
            check_readability("".join(running), ctx, tagger)
        except CheckFailure as failure:
            report(where, where.start, "readability", failure)
    for ignore in silenced.values():
        problems.extend(ignore_problems(page, ignore))
    return problems


def ignore_problems(page: SourcePage, ignore: Ignore) -> list[Problem]:
    """Return what is wrong with one ignore comment: unknown rules (error), no reason, nothing silenced."""
    out = []
    for rule in ignore.rules:
        if rule not in ALL_RULES:
            out.append(
                Problem(
                    page.file,
                    ignore.line,
                    f"{SOURCE}:ignore",
                    f"unknown rule {rule!r}; expected one of {', '.join(ALL_RULES)}",
                )
            )
        elif rule not in ignore.used:
            out.append(
                Problem(page.file, ignore.line, f"{SOURCE}:ignore", f"{rule} is not reported on this line", "warning")
            )
    if not ignore.reason:
        out.append(
            Problem(
                page.file,
                ignore.line,
                f"{SOURCE}:ignore",
                "give the reason: <!-- check: ignore rule-name: reason -->",
                "warning",
            )
        )
    return out


def run_plain_checks(project: Project) -> list[Problem]:
    """Check every source page against the plain-Japanese rules; return the problems, errors first."""
    ctx = Context(load_limits(project.root), glossary_terms(project.root), lemmas)
    tagger = _tagger()
    problems: list[Problem] = []
    for page in project.pages:
        problems.extend(check_page(page, ctx, tagger))
    return sorted(problems, key=lambda p: (p.severity != "error", p.file, p.line))


def _tagger() -> Any:
    from fugashi import Tagger

    return Tagger()
