"""A fast yes-or-unsure check of an operation's input, generated as Python source from the service
model: True only when every constraint the validator (``validation.py``) checks holds, so that
the validator would find nothing. False means "unsure": the caller runs the validator, which
says what is wrong, if anything (a value this check does not judge itself -- text that is not
ASCII, a Decimal, a Mapping that is not a dict, a timestamp -- also answers False).

The validator is written for clear messages: a function per shape, one call per member, each
collecting messages. Nearly every call is valid, and this check, compiled once per operation
into straight-line code with the model's bounds, patterns and enums as constants, costs a
fraction of it."""

from __future__ import annotations

import math
import re
from typing import Any, Callable

from . import compiled
from .validation import _ALWAYS_MATCHES, INT32, INT64, _python_pattern, compile_shape

Precheck = Callable[[Any], bool]

# Integers a float holds exactly: a Float or Double member given an int in this range compares
# with the model's bounds as the float the validator makes of it.
_EXACT = 2**53


def compile_precheck(shape: Any) -> Precheck:
    """The check for an operation's input ``shape`` (None: the operation takes no input)."""
    if shape is None:
        return lambda params: True
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
        """The name of the function checking a value of the container ``shape``."""
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
        self.lines += [f"def {name}(v):", *(f"    {line}" for line in body), "    return True", ""]
        return name

    def _structure(self, shape: Any) -> list[str]:
        lines = ["if type(v) is not dict: return False"]
        required = set(shape.required_members)
        for member_name, member in shape.members.items():
            lines.append(f"x = v.get({member_name!r})")
            checks = self.value(member, "x")
            if member_name in required:
                lines.append("if x is None: return False")
                lines += checks
            elif checks:
                lines.append("if x is not None:")
                lines += [f"    {line}" for line in checks]
        return lines

    def _list(self, shape: Any) -> list[str]:
        lines = ["if type(v) is not list and type(v) is not tuple: return False"]
        lines += _bounds("len(v)", shape.metadata.get("min"), shape.metadata.get("max"))
        lines += ["for x in v:", "    if x is None: return False"]
        lines += [f"    {line}" for line in self.value(shape.member, "x")]
        return lines

    def _map(self, shape: Any) -> list[str]:
        lines = ["if type(v) is not dict: return False"]
        lines += _bounds("len(v)", shape.metadata.get("min"), shape.metadata.get("max"))
        lines += ["for k, x in v.items():"]
        lines += [f"    {line}" for line in self.value(shape.key, "k")]
        lines += ["    if x is None: return False"]
        lines += [f"    {line}" for line in self.value(shape.value, "x")]
        return lines

    def value(self, shape: Any, var: str) -> list[str]:
        """Lines that return False unless the (not None) value in ``var`` satisfies ``shape``."""
        kind = shape.type_name
        metadata = shape.metadata
        if kind in ("structure", "list", "map"):
            return [f"if not {self.function(shape)}({var}): return False"]
        if kind == "string":
            lines = [f"if type({var}) is not str or not {var}.isascii(): return False"]
            lines += _bounds(f"len({var})", metadata.get("min"), metadata.get("max"))
            pattern = metadata.get("pattern")
            if pattern and pattern not in _ALWAYS_MATCHES:
                match = self.constant(re.compile(_python_pattern(pattern)).fullmatch)
                lines.append(f"if {match}({var}) is None: return False")
            if shape.enum:
                allowed = self.constant(frozenset(shape.enum))
                lines.append(f"if {var} not in {allowed}: return False")
            return lines
        if kind in ("integer", "long"):
            low, high = INT32 if kind == "integer" else INT64
            low = max(low, metadata["min"]) if "min" in metadata else low
            high = min(high, metadata["max"]) if "max" in metadata else high
            return [f"if type({var}) is not int: return False", *_bounds(var, low, high)]
        if kind in ("float", "double"):
            return [
                f"if type({var}) is float:",
                f"    if not _finite({var}): return False",
                f"elif type({var}) is not int or not -{_EXACT} <= {var} <= {_EXACT}: return False",
                *_bounds(var, metadata.get("min"), metadata.get("max")),
            ]
        if kind == "boolean":
            return [f"if type({var}) is not bool: return False"]
        # Timestamps and blobs (rare in this service's input): the validator's own check.
        full = self.constant(compile_shape(shape))
        return ["e = []", f"{full}({var}, '', e)", "if e: return False"]


def _bounds(expression: str, low: Any, high: Any) -> list[str]:
    if low is not None and high is not None:
        return [f"if not {low!r} <= {expression} <= {high!r}: return False"]
    if low is not None:
        return [f"if {expression} < {low!r}: return False"]
    if high is not None:
        return [f"if {expression} > {high!r}: return False"]
    return []
