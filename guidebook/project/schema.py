"""Declared schemas for YAML inputs, validated on the node tree so every error names its line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from guidebook.problems import Problem


def describe(node: yaml.Node) -> str:
    """Describe a YAML node's value for an `expected X, got Y` message."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = node.value
    if node.tag.endswith(":null") or value in ("", "~", "null"):
        return "nothing"
    return repr(value)


class Type:
    """Base of all schema types: turn a node into a Python value or report a problem."""

    expected = "a value"

    def check(self, node: yaml.Node, key: str, ctx: Context) -> Any:
        """Return the validated value, or None after recording a problem."""
        raise NotImplementedError


@dataclass
class Context:
    """Where problems go while validating one file."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def fail(self, node: yaml.Node, key: str, expected: str) -> None:
        """Record `expected X, got Y` at node's line."""
        self.problems.append(
            Problem(self.file, node.start_mark.line + 1, key, f"expected {expected}, got {describe(node)}")
        )

    def say(self, node: yaml.Node, key: str, message: str) -> None:
        """Record a free-form problem at node's line."""
        self.problems.append(Problem(self.file, node.start_mark.line + 1, key, message))


def _scalar(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        return node.value if isinstance(node, yaml.ScalarNode) else None
    finally:
        loader.dispose()


class Str(Type):
    """A non-empty string, optionally matching a pattern."""

    def __init__(self, pattern: str | None = None, expected: str = "a non-empty string") -> None:
        self.pattern = re.compile(pattern) if pattern else None
        self.expected = expected

    def check(self, node: yaml.Node, key: str, ctx: Context) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return ctx.fail(node, key, self.expected)
        value = _scalar(node)
        if not isinstance(value, str) or not value.strip():
            return ctx.fail(node, key, self.expected)
        if self.pattern and not self.pattern.fullmatch(value):
            return ctx.fail(node, key, self.expected)
        return value


class Url(Str):
    """An absolute http(s) URL."""

    def __init__(self) -> None:
        super().__init__(r"https?://[^\s<>\"]+", "an http(s) URL")


class Int(Type):
    """An integer within bounds."""

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low, self.high = low, high
        self.expected = (
            "an integer" + (f" from {low}" if low is not None else "") + (f" to {high}" if high is not None else "")
        )

    def check(self, node: yaml.Node, key: str, ctx: Context) -> Any:
        value = _scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(value, int) or isinstance(value, bool):
            return ctx.fail(node, key, self.expected)
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            return ctx.fail(node, key, self.expected)
        return value


class Number(Type):
    """A number (integer or decimal) within bounds."""

    def __init__(self, low: float | None = None, high: float | None = None) -> None:
        self.low, self.high = low, high
        self.expected = (
            "a number" + (f" from {low:g}" if low is not None else "") + (f" to {high:g}" if high is not None else "")
        )

    def check(self, node: yaml.Node, key: str, ctx: Context) -> Any:
        value = _scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(value, int | float) or isinstance(value, bool) or value != value:
            return ctx.fail(node, key, self.expected)
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            return ctx.fail(node, key, self.expected)
        return float(value)


class Bool(Type):
    """true or false."""

    expected = "true or false"

    def check(self, node: yaml.Node, key: str, ctx: Context) -> Any:
        value = _scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(value, bool):
            return ctx.fail(node, key, self.expected)
        return value


class Date(Type):
    """A calendar date written YYYY-MM-DD."""

    expected = "a date YYYY-MM-DD"

    def check(self, node: yaml.Node, key: str, ctx: Context) -> Any:
        value = _scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, dt.datetime):
            return ctx.fail(node, key, self.expected)
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        return ctx.fail(node, key, self.expected)


class DateTime(Type):
    """A timestamp with a time zone, ISO 8601."""

    expected = "a date-time with time zone, e.g. 2026-09-01T09:00:00+09:00"

    def check(self, node: yaml.Node, key: str, ctx: Context) -> Any:
        value = _scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value)
            except ValueError:
                return ctx.fail(node, key, self.expected)
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            return ctx.fail(node, key, self.expected)
        return value


class Choice(Type):
    """One of a fixed set of strings."""

    def __init__(self, *choices: str) -> None:
        self.choices = choices
        self.expected = "one of " + ", ".join(choices)

    def check(self, node: yaml.Node, key: str, ctx: Context) -> Any:
        value = _scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if value not in self.choices:
            return ctx.fail(node, key, self.expected)
        return value


class ListOf(Type):
    """A list whose items all have one type."""

    def __init__(self, item: Type, min_items: int = 0) -> None:
        self.item, self.min_items = item, min_items
        self.expected = "a list" if not min_items else f"a list of at least {min_items}"

    def check(self, node: yaml.Node, key: str, ctx: Context) -> Any:
        if not isinstance(node, yaml.SequenceNode) or len(node.value) < self.min_items:
            return ctx.fail(node, key, self.expected)
        return [self.item.check(child, f"{key}[{i}]", ctx) for i, child in enumerate(node.value)]


class MapOf(Type):
    """A mapping from string keys (checked by key_check) to values of one type."""

    def __init__(self, value: Type, key_check: Callable[[str], bool] | None = None, key_expected: str = "") -> None:
        self.value, self.key_check, self.key_expected = value, key_check, key_expected
        self.expected = "a mapping"

    def check(self, node: yaml.Node, key: str, ctx: Context) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return ctx.fail(node, key, self.expected)
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            name = str(knode.value)
            path = f"{key}.{name}" if key else name
            if self.key_check and not self.key_check(name):
                ctx.fail(knode, path, self.key_expected)
                continue
            out[name] = self.value.check(vnode, path, ctx)
        return out


@dataclass
class Field:
    """One key of a Record."""

    type: Type
    required: bool = True
    default: Any = None


class Record(Type):
    """A mapping with declared keys; unknown keys are reported."""

    expected = "a mapping"

    def __init__(self, **fields: Field | Type) -> None:
        self.fields = {k: f if isinstance(f, Field) else Field(f) for k, f in fields.items()}

    def check(self, node: yaml.Node, key: str, ctx: Context) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return ctx.fail(node, key or "(top)", self.expected)
        seen: dict[str, yaml.Node] = {}
        for knode, vnode in node.value:
            name = str(knode.value)
            path = f"{key}.{name}" if key else name
            if name in seen:
                ctx.say(knode, path, "duplicate key")
            elif name not in self.fields:
                ctx.say(knode, path, "unknown key; expected one of " + ", ".join(self.fields))
            seen[name] = vnode
        out: dict[str, Any] = {}
        for name, fld in self.fields.items():
            path = f"{key}.{name}" if key else name
            if name in seen:
                out[name] = fld.type.check(seen[name], path, ctx)
            elif fld.required:
                ctx.problems.append(
                    Problem(ctx.file, node.start_mark.line + 1, path, f"missing; expected {fld.type.expected}")
                )
            else:
                out[name] = fld.default
        return out


def compose(text: str, file: str, problems: list[Problem], line_offset: int = 0) -> yaml.Node | None:
    """Parse YAML text into a node tree, recording a syntax error as a problem."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 1 if mark else 1) + line_offset
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(file, line, "", f"invalid YAML: {reason}"))
        return None


def shift_lines(node: yaml.Node, offset: int) -> None:
    """Move every mark in a node tree down by offset lines (for front matter inside a page)."""
    stack = [node]
    while stack:
        n = stack.pop()
        n.start_mark.line += offset
        n.end_mark.line += offset
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.extend((k, v))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def load(path: Path, schema: Type, file: str, problems: list[Problem]) -> Any:
    """Read and validate one YAML file; return its value, or None if it has problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(file, 1, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return None
    except OSError as exc:
        problems.append(Problem(file, 0, "", f"cannot read: {exc.strerror}"))
        return None
    node = compose(text, file, problems)
    if node is None:
        if not text.strip():
            problems.append(Problem(file, 1, "", "file is empty; expected a mapping"))
        return None
    ctx = Context(file)
    value = schema.check(node, "", ctx)
    problems.extend(ctx.problems)
    return None if ctx.problems else value
