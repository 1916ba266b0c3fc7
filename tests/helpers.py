"""Helpers: a temporary project tree from keyword arguments, like mkdocs' tests/base.py."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PAGE = """\
---
title: {title}
sources:
  - name: 出入国在留管理庁
    url: https://www.moj.go.jp/isa/
reviewed: 2026-11-01
---

{body}
"""


def page(title: str, body: str) -> str:
    """Return a source page with valid front matter."""
    return PAGE.format(title=title, body=textwrap.dedent(body).strip())


def make_project(
    root: Path,
    pages: dict[str, str] | None = None,
    languages: tuple[str, ...] = ("ja", "en", "th"),
    chapters: tuple[str, ...] = ("residence",),
    files: dict[str, str] | None = None,
) -> Path:
    """Write a small project: the repo's languages.yml, mkdocs.yml and templates, the chapter order and the given pages."""
    (root / "site_config").mkdir(parents=True)
    shutil.copy(REPO / "site_config" / "languages.yml", root / "site_config" / "languages.yml")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "site_config" / "site.yml").write_text(
        f"name:\n  ja: テスト\n  en: Test guide\nbase_url: https://example.org/\nlanguages: [{', '.join(languages)}]\n",
        encoding="utf-8",
    )
    (root / "content").mkdir()
    (root / "content" / "chapters.yml").write_text(f"chapters: [{', '.join(chapters)}]\n", encoding="utf-8")
    pages = (
        pages
        if pages is not None
        else {
            "index": page("ホーム", "## ようこそ\n\nこの ページは ホームです。\n\n- [カード](residence/card.md)"),
            "residence/index": page("在留", "在留の 手続きです。"),
            "residence/card": page(
                "在留カード",
                """
            ## 在留カードを 持つ

            在留カードは いつも 持って いて ください。

            - 住所が 変わったら 14日 以内に 届けます。
            - なくしたら [入管](https://www.moj.go.jp/isa/) に 行きます。

            | 番号 | 使う とき |
            | --- | --- |
            | 110 | 警察 |

            !!! warning "気をつけて ください"

                カードを 人に 貸しては いけません。
            """,
            ),
        }
    )
    for slug, text in pages.items():
        path = root / "content" / "ja" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, text in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def copy_shipped(root: Path) -> Path:
    """Copy the shipped guidebook's content, catalogs, templates and configuration into root."""
    for name in ("content", "languages", "templates", "site_config"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def tree(root: Path) -> dict[str, bytes]:
    """Return every file below root with its bytes, for before/after comparisons."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
