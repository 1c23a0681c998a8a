"""A fast path for an operation's input, generated as Python source from the service model: when
every constraint the validator (``validation.py``) checks surely holds, the parameters as the
operation receives them -- normalised as ``compile_normaliser`` would (a Float or Double given
as an int becomes a float) and copied, so that no list or mapping is shared with the caller --
else None, meaning "unsure": the caller runs the validator, which says what is wrong, if
anything (a value this check does not judge itself -- text that is not ASCII, a Decimal, a
Mapping that is not a dict, a timestamp -- also answers None).

The validator is written for clear messages: a function per shape, one call per member, each
collecting messages. Nearly every call is valid, and this path, compiled once per operation
into straight-line code with the model's bounds, patterns and enums as constants, checks and
copies in one pass for a fraction of what validating, normalising and copying cost apart."""

from __future__ import annotations

import math
import re
from typing import Any, Callable, Optional

from . import compiled
from .validation import _ALWAYS_MATCHES, INT32, INT64, _python_pattern, compile_shape

# The parameters, checked, normalised and the call's own; None: unsure.
Precheck = Callable[[Any], "Optional[dict[str, Any]]"]

# Integers a float holds exactly: a Float or Double member given an int in this range compares
# with the model's bounds as the float the validator makes of it.
_EXACT = 2**53


def compile_precheck(shape: Any) -> Precheck:
    """The check for an operation's input ``shape`` (None: the operation takes no input)."""
    if shape is None:
        return lambda params: params.copy() if type(params) is dict else None
    return compiled("precheck", shape, _build)


def _build(shape: Any) -> Precheck:
    source = _Source()
    name = source.function(shape)
    namespace = dict(source.constants)
    exec(compile("\n".join(source.lines), f"<precheck {shape.name}>", "exec"), namespace)
    check: Precheck = namespace[name]
    return check


class _Source:
    """The generated module: one function per container shape, scalars checked inline."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {"_finite": math.isfinite}
        self._functions: dict[tuple[str, str], str] = {}

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def function(self, shape: Any) -> str:
        """The name of the function checking and copying a value of the container ``shape``:
        it returns the copy, or None."""
        key = (shape.name, shape.type_name)
        name = self._functions.get(key)
        if name is not None:
            return name  # (also for a recursive shape: the function is being written)
        name = self._functions[key] = f"_check{len(self._functions)}"
        kind = shape.type_name
        if kind == "structure":
            body = self._structure(shape)
        elif kind == "list":
            body = self._list(shape)
        else:
            body = self._map(shape)
        self.lines += [f"def {name}(v):", *(f"    {line}" for line in body), "    return r", ""]
        return name

    # Each container is copied first (``r``, keys in the caller's order); a member whose value
    # is itself copied or converted is then written into the copy.

    def _structure(self, shape: Any) -> list[str]:
        # The required members first: once each is there, a dict of no more keys has no other
        # member to check (the usual call gives only those).
        lines = ["if type(v) is not dict: return None", "r = v.copy()"]
        required = [name for name in shape.members if name in shape.required_members]
        optional: list[str] = []
        for member_name in required:
            lines.append(f"x = v.get({member_name!r})")
            lines.append("if x is None: return None")
            lines += self.value(shape.members[member_name], "x", f"r[{member_name!r}]")
        for member_name, member in shape.members.items():
            if member_name in required:
                continue
            checks = self.value(member, "x", f"r[{member_name!r}]")
            if checks:
                optional += [f"x = v.get({member_name!r})", "if x is not None:"]
                optional += [f"    {line}" for line in checks]
        if optional and required:
            lines.append(f"if len(v) > {len(required)}:")
            lines += [f"    {line}" for line in optional]
        else:
            lines += optional
        return lines

    def _list(self, shape: Any) -> list[str]:
        lines = ["if type(v) is not list and type(v) is not tuple: return None"]
        lines += _bounds("len(v)", shape.metadata.get("min"), shape.metadata.get("max"))
        lines.append("r = list(v)")
        checks = self.value(shape.member, "x", "r[i]")
        if any("r[i]" in line for line in checks):
            lines.append("for i, x in enumerate(v):")
        else:
            lines.append("for x in v:")
        lines.append("    if x is None: return None")
        lines += [f"    {line}" for line in checks]
        return lines

    def _map(self, shape: Any) -> list[str]:
        lines = ["if type(v) is not dict: return None"]
        lines += _bounds("len(v)", shape.metadata.get("min"), shape.metadata.get("max"))
        lines += ["r = v.copy()", "for k, x in v.items():"]
        lines += [f"    {line}" for line in self.value(shape.key, "k", None)]
        lines += ["    if x is None: return None"]
        lines += [f"    {line}" for line in self.value(shape.value, "x", "r[k]")]
        return lines

    def value(self, shape: Any, var: str, target: Optional[str]) -> list[str]:
        """Lines that return None unless the (not None) value in ``var`` satisfies ``shape``,
        and write its copy (a container) or its float (a Float or Double given as an int) to
        ``target``, where one is given."""
        kind = shape.type_name
        metadata = shape.metadata
        if kind in ("structure", "list", "map"):
            lines = [f"y = {self.function(shape)}({var})", "if y is None: return None"]
            if target is not None:
                lines.append(f"{target} = y")
            return lines
        if kind == "string":
            lines = [f"if type({var}) is not str or not {var}.isascii(): return None"]
            lines += _bounds(f"len({var})", metadata.get("min"), metadata.get("max"))
            pattern = metadata.get("pattern")
            if pattern and pattern not in _ALWAYS_MATCHES:
                match = self.constant(re.compile(_python_pattern(pattern)).fullmatch)
                plain = simple_class_check(pattern, var)
                if plain is None:
                    lines.append(f"if {match}({var}) is None: return None")
                elif plain[1]:  # a class, or else something the expression decides
                    lines.append(f"if not {plain[0]} and {match}({var}) is None: return None")
                else:
                    lines.append(f"if not {plain[0]}: return None")
            if shape.enum:
                allowed = self.constant(frozenset(shape.enum))
                lines.append(f"if {var} not in {allowed}: return None")
            return lines
        if kind in ("integer", "long"):
            low, high = INT32 if kind == "integer" else INT64
            low = max(low, metadata["min"]) if "min" in metadata else low
            high = min(high, metadata["max"]) if "max" in metadata else high
            return [f"if type({var}) is not int: return None", *_bounds(var, low, high)]
        if kind in ("float", "double"):
            lines = [
                f"if type({var}) is float:",
                f"    if not _finite({var}): return None",
                f"elif type({var}) is not int or not -{_EXACT} <= {var} <= {_EXACT}: return None",
                *_bounds(var, metadata.get("min"), metadata.get("max")),
            ]
            if target is not None:
                lines += [f"if type({var}) is int:", f"    {target} = float({var})"]
            return lines
        if kind == "boolean":
            return [f"if type({var}) is not bool: return None"]
        # Timestamps and blobs (rare in this service's input): the validator's own check. Their
        # values are not containers: the copy keeps them as they are.
        full = self.constant(compile_shape(shape))
        return ["e = []", f"{full}({var}, '', e)", "if e: return None"]


# Character classes of letters, digits and a few more characters (ids and names), by how the
# model writes them: the characters beyond letters and digits.
_SIMPLE_CLASSES = {
    "a-zA-Z0-9-": "-",
    "a-zA-Z0-9\\-": "-",
    "A-Za-z0-9\\-": "-",
    "a-zA-Z0-9-\\.": "-.",
}
_SIMPLE = re.compile(r"\^?\[([^\]]+)\]\+\$?")


def simple_class_check(pattern: str, var: str) -> Optional[tuple[str, bool]]:
    """For a pattern that is, or whose first alternative is, one or more characters of a
    class in ``_SIMPLE_CLASSES`` (``^[a-zA-Z0-9-]+$``, ``^([a-zA-Z0-9-]+|arn:...)$``): an
    expression, on an ASCII string ``var``, that is true when ``var`` consists of that class
    alone (string methods: a regular expression costs more), and whether other alternatives
    remain for the expression itself to decide; else None."""
    body = pattern
    for prefix, suffix in (("^(", ")$"), ("(", ")")):
        if body.startswith(prefix) and body.endswith(suffix):
            body = body[len(prefix) : -len(suffix)]
            break
    found = _SIMPLE.match(body)
    if found is None or found.group(1) not in _SIMPLE_CLASSES:
        return None
    rest = body[found.end() :]
    if rest and not rest.startswith("|"):
        return None
    text = var
    for extra in _SIMPLE_CLASSES[found.group(1)]:
        text = f"{text}.replace({extra!r}, '0')"
    return f"{text}.isalnum()", bool(rest)


def _bounds(expression: str, low: Any, high: Any) -> list[str]:
    if low is not None and high is not None:
        return [f"if not {low!r} <= {expression} <= {high!r}: return None"]
    if low is not None:
        return [f"if {expression} < {low!r}: return None"]
    if high is not None:
        return [f"if {expression} > {high!r}: return None"]
    return []
