"""The fork promise: a municipality's fork takes the national project's updates with zero merge conflicts.

A git repository is made from a copy of the project (pages, catalogs, templates, configuration and
the generator itself) and committed on the branch "upstream". The branch "fork" runs
new-municipality, adds a local page and an alert and commits. Upstream then edits a national page,
the page template and the generator's code, adds a national chapter, and commits. Merging upstream
into the fork must succeed without a conflict, and the merged project, built by its own merged
code, must have the local pages in every language and every upstream change.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guidebook.cli import main
from tests.helpers import REPO, page

TEMPLATE_MARK = '<meta name="guidebook-edition" content="upstream-2">'
NEW_SENTENCE = "ここは 国の 新しい 文です。"
LIBRARY = page(
    "図書館", "みなと市の 図書館では、外国語の 本を 借りられます。\n\n## 借りる とき\n\n在留カードを 見せて ください。"
)
ALERT = """\
identifier: minato-city-2026-12-water
sender: guidebook.city.minato.example
sent: 2026-12-01T09:00:00+09:00
status: Exercise
msgType: Alert
scope: Public
info:
  ja:
    category: [Infra]
    event: 断水（訓練）
    urgency: Expected
    severity: Minor
    certainty: Likely
    headline: 12月 1日は 北町で 水が 止まります。
    area:
      areaDesc: みなと市 北町
      geocode: ["13103"]
"""


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run git in repo with a fixed identity and no user or system configuration."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Guidebook test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Guidebook test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False)


def commit_all(repo: Path, message: str) -> None:
    """Commit every change in repo."""
    assert git(repo, "add", "-A").returncode == 0
    done = git(repo, "commit", "-q", "-m", message)
    assert done.returncode == 0, done.stderr


def copy_project(dest: Path) -> None:
    """Copy what a fork starts from: pages, catalogs, templates, configuration and the generator."""
    for name in ("content", "languages", "templates", "site_config", "guidebook"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "pyproject.toml", ".gitignore"):
        shutil.copy(REPO / name, dest / name)


def first_paragraph(path: Path) -> str:
    """Return the first paragraph of a page's body that is plain text (no markup, not a list or heading)."""
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return next(line for line in body.splitlines() if re.fullmatch(r"[^\s#|!>0-9*+-][^\[\]`<>&*_|]*。", line))


def upstream_changes(repo: Path) -> tuple[str, str]:
    """Edit a national page, the template and the code, and add a national chapter; return the page and paragraph."""
    national = sorted(p for p in (repo / "content/ja/daily-life").glob("*.md") if p.name != "index.md")[0]
    paragraph = first_paragraph(national)
    text = national.read_text(encoding="utf-8")
    national.write_text(text.replace(paragraph, f"{paragraph}{NEW_SENTENCE}", 1), encoding="utf-8")
    template = repo / "templates/main.html"
    html = template.read_text(encoding="utf-8")
    assert "{% block extrahead %}\n" in html
    template.write_text(html.replace("{% block extrahead %}\n", "{% block extrahead %}\n  " + TEMPLATE_MARK + "\n", 1))
    init = repo / "guidebook/__init__.py"
    init.write_text(re.sub(r'__version__ = "[^"]+"', '__version__ = "99.0.0"', init.read_text(encoding="utf-8")))
    (repo / "content/ja/community").mkdir()
    (repo / "content/ja/community/index.md").write_text(
        page("地域の 活動", "町内会や お祭りに 参加できます。"), encoding="utf-8"
    )
    order = repo / "content/chapters.yml"
    order.write_text(order.read_text(encoding="utf-8") + "  - community\n", encoding="utf-8")
    assert main(["extract", "--project", str(repo)]) == 0
    return national.relative_to(repo / "content/ja").with_suffix("").as_posix(), paragraph


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str], str, str]:
    """Return the fork after merging upstream, the merge's result, and the edited national page and paragraph."""
    repo = tmp_path_factory.mktemp("fork")
    copy_project(repo)
    assert git(repo, "init", "-q", "-b", "upstream").returncode == 0
    commit_all(repo, "National guidebook")

    assert git(repo, "checkout", "-q", "-b", "fork").returncode == 0
    args = ["new-municipality", "みなと市", "--area-code", "13103", "--name-en", "Minato City"]
    assert main([*args, "--project", str(repo)]) == 0
    (repo / "local/content/ja/local/library.md").write_text(LIBRARY, encoding="utf-8")
    (repo / "site_config/alerts").mkdir(parents=True, exist_ok=True)
    (repo / "site_config/alerts/minato-city-2026-12-water.yml").write_text(ALERT, encoding="utf-8")
    assert main(["extract", "--project", str(repo)]) == 0
    commit_all(repo, "みなと市: local pages and an alert")

    assert git(repo, "checkout", "-q", "upstream").returncode == 0
    slug, paragraph = upstream_changes(repo)
    commit_all(repo, "National update: page, template, code and a new chapter")

    assert git(repo, "checkout", "-q", "fork").returncode == 0
    result = git(repo, "merge", "--no-edit", "upstream")
    return repo, result, slug, paragraph


@pytest.fixture(scope="module")
def site(merged: tuple[Path, subprocess.CompletedProcess[str], str, str]) -> Path:
    """Build the merged project with the merged project's own generator code."""
    repo = merged[0]
    script = (
        "import guidebook, sys; from pathlib import Path; from guidebook.build import build_site; "
        "from guidebook.project.loader import open_project; print(guidebook.__version__, Path(guidebook.__file__).parent); "
        "build_site(open_project(Path('.').resolve()))"
    )
    env = {**os.environ, "PYTHONPATH": str(repo)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["99.0.0", str(repo / "guidebook")]
    return repo / "site"


def test_merging_upstream_into_the_fork_has_no_conflicts(
    merged: tuple[Path, subprocess.CompletedProcess[str], str, str],
) -> None:
    repo, result, _, _ = merged
    assert result.returncode == 0, result.stdout + result.stderr
    assert "CONFLICT" not in result.stdout
    assert git(repo, "diff", "--name-only", "--diff-filter=U").stdout == ""
    assert git(repo, "status", "--porcelain").stdout == ""
    assert len(git(repo, "rev-list", "--parents", "-n", "1", "HEAD").stdout.split()) == 3  # a merge commit
    markers = git(repo, "grep", "-n", "-E", "^(<<<<<<<|>>>>>>>) ")
    assert markers.returncode == 1 and markers.stdout == ""


def test_fork_and_upstream_touched_disjoint_files(
    merged: tuple[Path, subprocess.CompletedProcess[str], str, str],
) -> None:
    repo = merged[0]
    base = git(repo, "merge-base", "HEAD^1", "HEAD^2").stdout.strip()
    ours = set(git(repo, "diff", "--name-only", base, "HEAD^1").stdout.split())
    theirs = set(git(repo, "diff", "--name-only", base, "HEAD^2").stdout.split())
    assert ours and theirs and not ours & theirs
    assert all(
        name.startswith(("site_config/", "local/")) or name == ".github/workflows/guidebook-site.yml" for name in ours
    )
    assert {"site_config/site.yml", "site_config/alerts/minato-city-2026-12-water.yml"} <= ours
    assert {"templates/main.html", "guidebook/__init__.py", "content/chapters.yml"} <= theirs


def test_merged_site_has_the_local_pages_in_every_language(site: Path) -> None:
    tags = sorted(p.name for p in site.iterdir() if p.is_dir() and p.name not in ("assets", "_hosting"))  # assets: the root page's
    assert len(tags) == 14
    for tag in tags:
        for name in ("local/", "local/library/", "local/garbage-calendar/", "local/shelters/"):
            assert (site / tag / name / "index.html").is_file(), f"{tag}/{name}"
    html = (site / "en/local/library/index.html").read_text(encoding="utf-8")
    assert "<title>図書館 - Guidebook on Living and Working in Japan — Minato City</title>" in html
    assert '<span lang="ja" class="gb-ja">在留カードを 見せて ください。</span>' in html


def test_merged_site_has_every_upstream_change(
    merged: tuple[Path, subprocess.CompletedProcess[str], str, str], site: Path
) -> None:
    _, _, slug, paragraph = merged
    ja = (site / "ja" / slug / "index.html").read_text(encoding="utf-8")
    ja = re.sub(r"<rt>.*?</rt>|<rp>.*?</rp>|</?ruby>", "", ja)  # the plain-Japanese site has furigana
    assert f"{paragraph}{NEW_SENTENCE}" in ja
    en = (site / "en" / slug / "index.html").read_text(encoding="utf-8")
    assert f'<span lang="ja" class="gb-ja">{paragraph}{NEW_SENTENCE}</span>' in en  # its translation is now fuzzy
    assert TEMPLATE_MARK in (site / "th/local/library/index.html").read_text(encoding="utf-8")
    for tag in ("ja", "en", "my", "mn"):
        assert (site / tag / "community/index.html").is_file()
    nav = (site / "ja/index.html").read_text(encoding="utf-8")
    assert nav.index('href="local/"') < nav.index('href="residence/"') < nav.index('href="community/"')
