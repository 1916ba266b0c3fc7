"""`--upstream DIR`: run a command on a site kept as its own files only, over a national project folder.

A municipality's own files are site_config/ and local/. `guidebook build --project CITY --upstream
NATIONAL` composes CITY/build/combined/: links to NATIONAL's content/, languages/, templates/ and
mkdocs.yml, to each file of NATIONAL's site_config/ that CITY does not have (languages.yml,
glossary.yml, …), to CITY's own site_config/ files and to CITY's local/. The command then runs on
that folder as on any project, so the site is in CITY/build/combined/site/, and `extract` writes
local catalogs through the link into CITY/local/languages/. Links are symbolic (Linux, macOS;
Windows with developer mode).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from guidebook.problems import InputError, Problem

NATIONAL_ENTRIES = ("content", "languages", "templates", "mkdocs.yml")
OWN_ENTRIES = ("site_config", "local")
COMBINED = Path("build") / "combined"


def overlay_problems(fork: Path, upstream: Path) -> list[Problem]:
    """Report a fork or national folder that cannot be combined."""
    problems = []
    for name in (*NATIONAL_ENTRIES, "site_config/languages.yml"):
        if not (upstream / name).exists():
            problems.append(Problem(str(upstream / name), 0, "--upstream", "missing; expected the national project"))
    if not (fork / "site_config" / "site.yml").is_file():
        problems.append(Problem(str(fork / "site_config/site.yml"), 0, "--project", "missing; expected the site's own"))
    for name in NATIONAL_ENTRIES:
        if (fork / name).exists():
            problems.append(
                Problem(
                    str(fork / name),
                    0,
                    "--upstream",
                    "the project has its own copy; expected only site_config/ and local/ (or leave out --upstream)",
                )
            )
    return problems


def link(path: Path, target: Path) -> None:
    """Make path a symbolic link to target, replacing an older link."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    path.symlink_to(target.resolve(), target_is_directory=target.is_dir())


def compose(fork: Path, upstream: Path) -> Path:
    """Link the national project and a site's own files into fork/build/combined/ and return that folder."""
    problems = overlay_problems(fork, upstream)
    if problems:
        raise InputError(problems)
    combined = fork / COMBINED
    combined.mkdir(parents=True, exist_ok=True)
    for name in NATIONAL_ENTRIES:
        link(combined / name, upstream / name)
    config = combined / "site_config"
    if config.exists():
        shutil.rmtree(config)  # links only: rebuilt each time, so a removed file does not linger
    config.mkdir()
    own = {child.name: child for child in (fork / "site_config").iterdir()}
    for child in sorted((upstream / "site_config").iterdir()):
        link(config / child.name, own.get(child.name, child))
    for name, child in sorted(own.items()):
        if not (config / name).is_symlink():
            link(config / name, child)
    local = combined / "local"
    if (fork / "local").is_dir():
        link(local, fork / "local")
    elif local.is_symlink():
        local.unlink()
    return combined
