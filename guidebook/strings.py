"""Interface strings of the guidebook's templates: templates/strings/<tag>.yml, dotted keys."""

from __future__ import annotations

from pathlib import Path

import yaml

FALLBACK = "en"


def load_strings(templates: Path, tag: str) -> dict[str, str]:
    """Return every string for tag, falling back to English, then to the key itself."""
    out: dict[str, str] = {}
    for name in (FALLBACK, tag):
        path = templates / "strings" / f"{name}.yml"
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            out.update({str(k): str(v) for k, v in data.items() if v})
    return out
