"""Plain-Japanese checks on source pages: each rule, sentences, ignore comments, limits, the command."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from guidebook.catalogs.checks import CheckFailure
from guidebook.cli import main
from guidebook.japanese.plain_japanese import (
    RULES,
    Context,
    Limits,
    Sentence,
    check_readability,
    lemmas,
    load_limits,
    plain_text,
    run_plain_checks,
    split_sentences,
)
from guidebook.problems import InputError
from guidebook.project.loader import open_project
from tests.helpers import REPO, make_project, page

CTX = Context(Limits(allowed_katakana=("テレビ",), names=("厚生労働省",)), ("在留カード", "国民健康保険"), lemmas)


def failure(rule: str, text: str, kind: str = "paragraph", ctx: Context = CTX) -> str | None:
    """Return the message of rule on one sentence, or None if it passes."""
    terminated = text.rstrip().endswith(("。", "？", "！"))
    try:
        RULES[rule](Sentence(text, kind, 1, terminated), ctx)
    except CheckFailure as exc:
        assert exc.severity == "warning"
        return str(exc)
    return None


def test_long_sentence_counts_characters_without_spaces() -> None:
    ok = "あ" * 49 + "。"
    assert failure("long-sentence", ok) is None
    assert failure("long-sentence", "あ " * 50 + "。") == (
        "sentence has 51 characters; at most 50: 「あ あ あ あ あ あ あ あ あ あ あ あ…」"
    )
    assert failure("long-sentence", "あ" * 60, kind="cell") is None


def test_kanji_run_leaves_out_glossary_terms_names_and_explained_words() -> None:
    assert failure("kanji-run", "在留期間更新許可申請を します。") == (
        "10 kanji in a row (在留期間更新許可申請); at most 5: 「在留期間更新許可申請を します。」"
    )
    assert failure("kanji-run", "国民健康保険に 入ります。") is None
    assert failure("kanji-run", "厚生労働省の ページです。") is None
    assert failure("kanji-run", "教育委員会（学校の 役所）に 行きます。") is None
    assert failure("kanji-run", "青切符（交通反則告知書）を もらいます。") is None
    assert failure("kanji-run", "日本語教室が あります。") is None


def test_kanji_count_per_sentence() -> None:
    assert failure("kanji-count", "日本語 教室で 漢字 練習、会話 練習、作文 練習を 毎週 します。") == (
        "sentence has 19 kanji; at most 15: 「日本語 教室で 漢字 練習、会話 練習、作文 …」"
    )
    assert failure("kanji-count", "国民健康保険と 在留カードの 住所を 変更 します。") is None


def test_polite_ending_on_full_sentences_only() -> None:
    assert (
        failure("polite-ending", "ごみは 朝 出す。") == "sentence does not end with です or ます: 「ごみは 朝 出す。」"
    )
    for ok in (
        "朝 出します。",
        "朝 出して ください。",
        "いいですか？",
        "14日 以内に 届けます（手続き）。",
        "「見せて ください」。",
    ):
        assert failure("polite-ending", ok) is None, ok
    assert failure("polite-ending", "ごみの 出し方", kind="heading") is None
    assert failure("polite-ending", "燃える ごみ", kind="item") is None
    assert failure("polite-ending", "燃える ごみ。", kind="cell") is None


def test_double_negative() -> None:
    assert failure("double-negative", "行けない わけでは ありません。") == (
        "double negative (〜ないわけではない); say it in the positive: 「行けない わけでは ありません。」"
    )
    assert failure("double-negative", "使えなくは ないです。") == (
        "double negative (〜なくはない); say it in the positive: 「使えなくは ないです。」"
    )
    assert failure("double-negative", "払わなくて よいです。") is None


def test_honorific_and_humble_forms_by_dictionary_form() -> None:
    assert (
        failure("honorific", "書類を 拝見します。")
        == "honorific or humble form 拝見; use 見る: 「書類を 拝見します。」"
    )
    assert failure("honorific", "窓口に いらっしゃいます。") == (
        "honorific or humble form いらっしゃる; use いる / 来る / 行く: 「窓口に いらっしゃいます。」"
    )
    assert (
        failure("honorific", "説明を いたします。")
        == "honorific or humble form いたす; use する: 「説明を いたします。」"
    )
    assert failure("honorific", "会社で 働いて おります。") == (
        "humble form 〜て おります; use 〜て います: 「会社で 働いて おります。」"
    )
    assert failure("honorific", "バスを 降ります。") is None
    assert failure("honorific", "バスを おります。") is None
    assert failure("honorific", "保育所に 申し込みます。") is None
    assert failure("honorific", "会議に 参加します。") is None


def test_katakana_loanwords_outside_glossary_allowed_words_and_names() -> None:
    assert failure("katakana-loanword", "テレビの スケジュールと アカウントと スケジュール。") == (
        "katakana loanword outside the glossary: スケジュール, アカウント: 「テレビの スケジュールと アカウントと スケジ…」"
    )
    assert failure("katakana-loanword", "在留カードと テレビ。") is None
    assert failure("katakana-loanword", "ボランティア（手伝う 人）が います。") is None


def test_readability_scores_a_page_and_names_the_level() -> None:
    hard = "所得税は 源泉徴収票に 基づき 年末調整で 精算されます。" * 3
    with pytest.raises(CheckFailure) as info:
        check_readability(hard, Context(Limits(readability_min=2.5)))
    assert str(info.value) == "readability 0.96 (upper advanced); at least 2.5 (upper intermediate)"
    assert check_readability("ごみは 朝 出します。", Context(Limits())) == pytest.approx(7.15, abs=0.01)


def test_plain_text_drops_markup() -> None:
    assert plain_text("[在留カード](card.md)を **いつも** `持つ` <br>こと &amp; ![図](a.png)") == (
        "在留カードを いつも 持つ こと &"
    )


def test_sentences_split_outside_brackets() -> None:
    assert split_sentences("「見せて。」と 言われます。すぐ 出ます！ 最後") == [
        ("「見せて。」と 言われます。", True),
        ("すぐ 出ます！", True),
        ("最後", False),
    ]


def checked(tmp_path: Path, body: str, files: dict[str, str] | None = None) -> list[str]:
    root = make_project(tmp_path, pages={"index": page("案内", body)}, chapters=("residence",), files=files)
    return [str(p) for p in run_plain_checks(open_project(root))]


def test_problems_are_reported_per_sentence_with_file_and_line(tmp_path: Path) -> None:
    assert checked(tmp_path, "## 見出し\n\nごみは 朝 出す。日本の きまりです。\n\n- 書類を 拝見します。") == [
        "content/ja/index.md:11: ja:polite-ending: sentence does not end with です or ます: 「ごみは 朝 出す。」 [warning]",
        "content/ja/index.md:13: ja:honorific: honorific or humble form 拝見; use 見る: 「書類を 拝見します。」 [warning]",
    ]


def test_ignore_comment_silences_one_rule_on_its_line(tmp_path: Path) -> None:
    body = "ごみは 朝 出す。 <!-- check: ignore polite-ending: a quoted rule -->\n\nごみは 夜 出す。"
    assert checked(tmp_path, body) == [
        "content/ja/index.md:11: ja:polite-ending: sentence does not end with です or ます: 「ごみは 夜 出す。」 [warning]",
    ]


def test_ignore_comments_need_a_known_rule_a_reason_and_a_finding(tmp_path: Path) -> None:
    body = (
        "ごみは 朝 出す。 <!-- check: ignore polite-ending -->\n\n"
        "朝 出します。 <!-- check: ignore long-sentence, no-such-rule: why -->"
    )
    assert checked(tmp_path, body) == [
        "content/ja/index.md:11: ja:ignore: unknown rule 'no-such-rule'; expected one of long-sentence, kanji-run, "
        "kanji-count, polite-ending, double-negative, honorific, katakana-loanword, readability",
        "content/ja/index.md:9: ja:ignore: give the reason: <!-- check: ignore rule-name: reason --> [warning]",
        "content/ja/index.md:11: ja:ignore: long-sentence is not reported on this line [warning]",
    ]


def test_front_matter_lines_take_a_yaml_ignore_comment(tmp_path: Path) -> None:
    text = page("案内", "朝 出します。").replace(
        "title: 案内", "title: 案内\ndescription: ごみの 出し方。  # check: ignore polite-ending: a summary"
    )
    root = make_project(tmp_path, pages={"index": text}, chapters=("residence",))
    assert run_plain_checks(open_project(root)) == []


def test_limits_file_changes_limits_and_disables_rules(tmp_path: Path) -> None:
    files = {"site_config/plain_japanese.yml": "sentence_max_chars: 10\ndisable: [polite-ending]\n"}
    assert checked(tmp_path, "ごみは 朝 早く 出す ことに なって いる。", files) == [
        "content/ja/index.md:9: ja:long-sentence: sentence has 17 characters; at most 10: "
        "「ごみは 朝 早く 出す ことに なって いる。」 [warning]",
    ]


def test_limits_file_problems_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "site_config").mkdir()
    (tmp_path / "site_config" / "plain_japanese.yml").write_text(
        textwrap.dedent(
            """\
            sentence_max_chars: many
            readability_min: true
            allowed_katakana: [テレビ, tv]
            disable: [kanji]
            colour: blue
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_limits(tmp_path)
    assert str(info.value).splitlines() == [
        "site_config/plain_japanese.yml:1: sentence_max_chars: expected an integer from 10 to 500, got 'many'",
        "site_config/plain_japanese.yml:2: readability_min: expected a number from -10 to 20, got 'true'",
        "site_config/plain_japanese.yml:3: allowed_katakana[1]: expected a word in katakana, got 'tv'",
        "site_config/plain_japanese.yml:4: disable[0]: expected one of long-sentence, kanji-run, kanji-count, "
        "polite-ending, double-negative, honorific, katakana-loanword, readability, got 'kanji'",
        "site_config/plain_japanese.yml:5: colour: unknown key; expected one of sentence_max_chars, kanji_run_max, "
        "kanji_count_max, readability_min, readability_min_sentences, allowed_katakana, names, disable",
    ]


def test_check_command_fails_on_plain_japanese_warnings_only_with_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, pages={"index": page("案内", "ごみは 朝 出す。")}, languages=("ja",))
    assert main(["check", "--project", str(root)]) == 0
    assert main(["check", "--project", str(root), "--strict"]) == 1
    assert main(["check", "--project", str(root), "--strict", "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "content/ja/index.md:9: ja:polite-ending: sentence does not end with です or ます: 「ごみは 朝 出す。」 [warning]"
    )
    assert out[-1] == "check: 0 errors, 0 warnings"


def test_shipped_guidebook_is_plain_japanese() -> None:
    assert [str(p) for p in run_plain_checks(open_project(REPO))] == []
