"""A municipality's identity in site_config/site.yml: name, area code, logo, header colour and contact.

```yaml
municipality:
  name: {ja: みなと市, en: Minato City}
  area_code: "13103"          # JIS X 0402 local government code (5 digits, or 6 with the check digit)
  logo: site_config/logo.svg
  primary_color: "#0b6e4f"    # header background behind white text: at least 4.5:1 (WCAG AA)
  contact: {phone: 03-0000-0000, url: https://www.city.example/}
```

The name is added to the site name in every language ("<national name> — <municipality name>"; a
language the name is not given in shows "みなと市 (Minato City)"),
the colour becomes the theme's primary colour, the logo is copied into every language's site and
used as the theme's logo and favicon, and the contact is shown at the foot of every page.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from guidebook.fsutil import write_if_changed
from guidebook.problems import Problem

if TYPE_CHECKING:
    from guidebook.project.loader import Project
from guidebook.project import schema
from guidebook.project.languages import SOURCE_TAG, TAG_PATTERN, Language

WCAG_AA = 4.5
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
LOGO_SUFFIXES = (".svg", ".png", ".webp", ".jpg", ".jpeg")
PHONE = r"\+?[0-9][0-9-]{4,}[0-9]"
# JIS X 0401 prefecture codes run from 01 (Hokkaido) to 47 (Okinawa).
PREFECTURES = range(1, 48)


@dataclass(frozen=True)
class Municipality:
    """The identity of a municipality's site.

    name: the municipality's name per language tag; `ja` is required.
    area_code: the JIS X 0402 local government code, as written in site.yml.
    logo: the logo file relative to the project (under site_config/), or None.
    primary_color: the header colour as #rrggbb, or None for the theme's.
    phone, url: the municipality's contact for residents, shown at the foot of every page.
    logo_line: the line of `logo` in site.yml, for messages.
    """

    name: dict[str, str]
    area_code: str
    logo: str | None = None
    primary_color: str | None = None
    phone: str | None = None
    url: str | None = None
    logo_line: int = 0

    def name_parts(self, tag: str) -> list[tuple[str, str]]:
        """Return the name in a language as (text, language tag) parts.

        Without a name in that language: the plain-Japanese name with the English one after it.
        """
        if self.name.get(tag):
            return [(self.name[tag], tag)]
        parts = [(self.name[SOURCE_TAG], SOURCE_TAG)]
        return parts + [(self.name["en"], "en")] if self.name.get("en") else parts

    def local_name(self, tag: str) -> str:
        """Return the name in a language, or "<plain-Japanese name> (<English name>)"."""
        parts = [text for text, _ in self.name_parts(tag)]
        return parts[0] + "".join(f" ({text})" for text in parts[1:])


def rgb(colour: str) -> tuple[int, int, int]:
    """Return the red, green and blue of #rrggbb or #rgb."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_colour(value: tuple[int, int, int]) -> str:
    """Return #rrggbb."""
    return "#" + "".join(f"{round(c):02x}" for c in value)


def luminance(value: tuple[int, int, int]) -> float:
    """Return the relative luminance of an sRGB colour (WCAG 2.1)."""
    linear = []
    for channel in value:
        c = channel / 255
        linear.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """Return the WCAG contrast ratio of two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: tuple[int, int, int], b: tuple[int, int, int], share_of_b: float) -> tuple[int, int, int]:
    """Return a mixed with share_of_b of b."""
    r, g, bl = (round(x + (y - x) * share_of_b) for x, y in zip(a, b, strict=True))
    return r, g, bl


def darker_passing(value: tuple[int, int, int]) -> str:
    """Return the lightest shade of a colour, mixed with black, that has WCAG AA contrast with white."""
    for step in range(1, 101):
        shade = mix(value, BLACK, step / 100)
        if contrast(shade, WHITE) >= WCAG_AA:
            return hex_colour(shade)
    return hex_colour(BLACK)


class HeaderColour(schema.Type):
    """A #rrggbb colour behind white header text, with at least 4.5:1 contrast (WCAG 2.1 AA)."""

    expected = 'a colour "#rrggbb" in quotes (# starts a YAML comment)'

    def check(self, node: yaml.Node, key: str, ctx: schema.Context) -> Any:
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(raw, str) or not HEX.fullmatch(raw):
            return ctx.fail(node, key, self.expected)
        value = rgb(raw)
        ratio = contrast(value, WHITE)
        if ratio < WCAG_AA:
            return ctx.say(
                node,
                key,
                f"expected a colour with at least {WCAG_AA}:1 contrast against the header's white text "
                f"(WCAG 2.1 AA), got {raw!r} ({ratio:.2f}:1); a darker shade such as "
                f"{darker_passing(value)!r} passes",
            )
        return hex_colour(value)


class AreaCode(schema.Type):
    """A JIS X 0402 local government code: 5 digits, or 6 whose last digit is the check digit."""

    expected = 'a local government code of 5 digits (JIS X 0402) in quotes, such as "13103"'

    def check(self, node: yaml.Node, key: str, ctx: schema.Context) -> Any:
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(raw, str) or not re.fullmatch(r"[0-9]{5,6}", raw) or int(raw[:2]) not in PREFECTURES:
            return ctx.fail(node, key, self.expected)
        if len(raw) == 6 and raw[5] != check_digit(raw[:5]):
            return ctx.fail(node, key, f"a 6-digit code ending with its check digit ({raw[:5]}{check_digit(raw[:5])})")
        return raw


def check_digit(code: str) -> str:
    """Return the check digit of a 5-digit local government code."""
    total = sum(int(d) * w for d, w in zip(code, (6, 5, 4, 3, 2), strict=True))
    return str((11 - total % 11) % 10)


class MunicipalityType(schema.Type):
    """The `municipality` block of site.yml."""

    expected = "a mapping with name and area_code"
    record = schema.Record(
        name=schema.MapOf(
            schema.Str(), key_check=lambda key: bool(re.fullmatch(TAG_PATTERN, key)), key_expected="a language tag"
        ),
        area_code=AreaCode(),
        logo=schema.Field(
            schema.Str(
                r"site_config/[^\s]+\.(svg|png|webp|jpe?g)", "an image under site_config/ (.svg, .png, .webp, .jpg)"
            ),
            required=False,
        ),
        primary_color=schema.Field(HeaderColour(), required=False),
        contact=schema.Field(
            schema.Record(
                phone=schema.Field(schema.Str(PHONE, "a telephone number such as 03-1234-5678"), required=False),
                url=schema.Field(schema.Url(), required=False),
            ),
            required=False,
            default={},
        ),
    )

    def check(self, node: yaml.Node, key: str, ctx: schema.Context) -> Any:
        before = len(ctx.problems)
        value = self.record.check(node, key, ctx)
        if value is None or len(ctx.problems) > before:
            return None
        if SOURCE_TAG not in value["name"]:
            return ctx.say(node, f"{key}.name", f"expected a name in {SOURCE_TAG!r}")
        lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
        contact = value["contact"] or {}
        return Municipality(
            name=value["name"],
            area_code=value["area_code"],
            logo=value["logo"],
            primary_color=value["primary_color"],
            phone=contact.get("phone"),
            url=contact.get("url"),
            logo_line=lines.get("logo", 0),
        )


def file_problems(root: Path, municipality: Municipality | None, site_file: str) -> list[Problem]:
    """Report a logo that site.yml names but the project does not have."""
    if municipality is None or municipality.logo is None or (root / municipality.logo).is_file():
        return []
    return [
        Problem(
            site_file,
            municipality.logo_line,
            "municipality.logo",
            f"expected an image file of the project, got {municipality.logo!r} (no such file)",
        )
    ]


def site_name(national: str, municipality: Municipality | None, tag: str) -> str:
    """Return the site name: the national name, and the municipality's name after a dash."""
    return f"{national} — {municipality.local_name(tag)}" if municipality else national


def with_identity(
    root: Path, municipality: Municipality | None, lang: Language, docs: Path, overrides: dict[str, Any]
) -> dict[str, Any]:
    """Return a language's mkdocs overrides with the municipality's name, colour, logo and contact; copy the logo.

    The site name gets the municipality's name after it unless it already ends with it.
    """
    if municipality is None:
        return overrides
    identity: dict[str, Any] = {
        "name": [{"text": text, "lang": tag} for text, tag in municipality.name_parts(lang.tag)],
        "area_code": municipality.area_code,
    }
    theme = dict(overrides["theme"])
    if municipality.primary_color:  # set after the theme's palette by templates/main.html
        value = rgb(municipality.primary_color)
        identity["colors"] = {
            "base": municipality.primary_color,
            "light": hex_colour(mix(value, WHITE, 0.2)),
            "dark": hex_colour(mix(value, BLACK, 0.2)),
        }
    if municipality.logo:
        data = (root / municipality.logo).read_bytes()
        suffix = Path(municipality.logo).suffix.lower()
        logo = f"assets/municipality/logo.{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
        write_if_changed(docs / logo, data)
        theme["logo"] = theme["favicon"] = logo
    if municipality.phone:
        identity["phone"] = municipality.phone
        identity["tel"] = "tel:" + municipality.phone.replace("-", "")
    if municipality.url:
        identity["url"] = municipality.url
    extra = dict(overrides["extra"])
    extra["gb"] = {**extra["gb"], "municipality": identity}
    suffix = site_name("", municipality, lang.tag)
    name = str(overrides["site_name"])
    return {**overrides, "site_name": name if name.endswith(suffix) else name + suffix, "theme": theme, "extra": extra}


# Example values new-municipality writes, which `guidebook check` reports until they are replaced.
EXAMPLE_MARK = "【例】"
PLACEHOLDER_PHONE = "000-000-0000"
PLACEHOLDER_URL = re.compile(r"https?://[^\s/)\"']*\.example(?=[/:)\"'\s]|$)")


def placeholder_problems(project: Project) -> list[Problem]:
    """Warn about example values a municipality's site still shows: 【例】, *.example addresses, 000-000-0000."""
    out: list[Problem] = []
    files = [(project.root / "site_config" / "site.yml", "site_config/site.yml")]
    for path, name in files + [(p.path, p.file) for p in project.local_pages]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith("#"):
                continue
            found = [
                what
                for what, hit in (
                    (EXAMPLE_MARK, EXAMPLE_MARK in line),
                    ("an address on .example", PLACEHOLDER_URL.search(line)),
                    (f"the telephone number {PLACEHOLDER_PHONE}", PLACEHOLDER_PHONE in line),
                )
                if hit
            ]
            if found:
                out.append(
                    Problem(
                        name,
                        number,
                        "placeholder",
                        "replace the example value: " + ", ".join(found),
                        "warning",
                    )
                )
    return out
