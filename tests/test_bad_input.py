"""The bad-input catalogue: each mistake gets its message naming file, line and key, and nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidebook.build import build_site
from guidebook.catalogs.po import Entry
from guidebook.cli import main
from guidebook.project.languages import make_language
from guidebook.project.loader import open_project
from guidebook.project.segments import extract_body
from guidebook.site.render import render
from guidebook.site.sanitize import sanitize
from tests.helpers import make_project, page, tree
from tests.test_properties import active_content

CASES = {
    "malformed front matter": (
        {
            "content/ja/residence/x.md": "---\ntitle: x\nsources: [{name: a, url: ftp://a}]\nreviewed: 2026-01-01\n---\n本文。\n"
        },
        "content/ja/residence/x.md:3: sources[0].url: expected an http(s) URL, got 'ftp://a'",
    ),
    "broken PO syntax": (
        {"languages/en/LC_MESSAGES/residence.card.po": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b\n'},
        "languages/en/LC_MESSAGES/residence.card.po:5: PO syntax:",
    ),
    "unknown language code": (
        {"site_config/site.yml": "name: {ja: テスト}\nbase_url: https://x.org/\nlanguages: [ja, en, tlh]\n"},
        "site_config/site.yml:3: languages[2]: expected a language defined in site_config/languages.yml, got 'tlh'",
    ),
    "page with a broken internal link": (
        {"content/ja/residence/x.md": page("x", "[在留](residence-cards.md) を 見て ください。")},
        "content/ja/residence/x.md:9: link: expected a page of content/ja (….md), got 'residence-cards.md'",
    ),
    "fork config missing a key": (
        {"site_config/site.yml": "name: {ja: テスト}\nlanguages: [ja, en]\n"},
        "site_config/site.yml:1: base_url: missing; expected an http(s) URL ending with /",
    ),
    "a 5 MB page": (
        {"content/ja/residence/big.md": page("大きい", "あ" * 1_700_000)},
        "content/ja/residence/big.md:1: page is 5,100,",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_reported_and_nothing_is_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    root = make_project(tmp_path)
    assert main(["build", "--project", str(root)]) == 0
    capsys.readouterr()
    site_before = tree(root / "site")
    files, expected = CASES[case]
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    languages_before = tree(root / "languages")
    assert main(["build", "--project", str(root)]) == 2
    assert main(["extract", "--project", str(root)]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "nothing was written" in err
    assert tree(root / "site") == site_before
    assert tree(root / "languages") == languages_before


def test_interrupted_build_leaves_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path)
    build_site(open_project(root))
    before = tree(root / "site")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("guidebook.build.assemble_site", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build_site(open_project(root))
    assert tree(root / "site") == before


EN = make_language("en", None, "sans-serif", "space", None)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(body=st.text(max_size=300), evil=st.text(max_size=60))
def test_fuzz_segmenter_and_renderer_never_crash_or_emit_script(tmp_path: Path, body: str, evil: str) -> None:
    import markdown

    from guidebook.project.pages import read_page

    path = tmp_path / "p.md"
    path.write_text(page("題", body), encoding="utf-8")
    src = read_page(path, "p", "p.md", [])
    if src is None:
        return
    segs = extract_body(src.body, src.body_line)
    payload = evil + "<script>alert(1)</script><a href='javascript:x'>y</a>"
    out = render(src, {(s.msgid, s.context): Entry(payload, False, False) for s in segs}, EN)
    html = sanitize(
        markdown.markdown(out.markdown.split("---\n", 2)[2], extensions=["admonition", "attr_list", "tables"])
    )
    assert active_content(html) == []
