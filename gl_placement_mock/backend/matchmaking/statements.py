"""Compound-rule statements: ``and(...)``, ``or(...)``, ``not(...)``, ``xor(...)`` over rule
names, nested at will, e.g. ``or(and(A, B), not(C))``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Union

from .errors import RuleSetError

OPERATORS = ("and", "or", "not", "xor")
#: operators nested deeper than this are refused
MAX_DEPTH = 16


@dataclass(frozen=True)
class Operation:
    operator: str
    operands: tuple[Statement, ...]


Statement = Union[str, Operation]

_TOKEN = re.compile(r"\s*(?:(?P<paren>[(),])|(?P<name>[^\s(),]+))")


def parse_statement(text: str, where: str) -> Statement:
    tokens: list[str] = []
    position = 0
    stripped = text.strip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        # The pattern matches any non-blank rest (the text is stripped).
        if match is None or match.end() == position:  # pragma: no cover
            break
        tokens.append(match.group("paren") or match.group("name"))
        position = match.end()
    if not tokens:
        raise RuleSetError(f"{where}: 'statement' must not be empty")
    index = 0

    def fail(reason: str) -> RuleSetError:
        return RuleSetError(f"{where}: 'statement' '{text}' is not valid: {reason}")

    def parse(depth: int = 0) -> Statement:
        nonlocal index
        if depth > MAX_DEPTH:
            raise fail(f"operators nest more than {MAX_DEPTH} deep")
        if index >= len(tokens):
            raise fail("it ends too early")
        token = tokens[index]
        index += 1
        if token in "(),":
            raise fail(f"unexpected '{token}'")
        if index < len(tokens) and tokens[index] == "(":
            if token not in OPERATORS:
                raise fail(f"unknown operator '{token}' (operators: and, or, not, xor)")
            index += 1
            operands: list[Statement] = []
            while True:
                operands.append(parse(depth + 1))
                if index >= len(tokens):
                    raise fail("a ')' is missing")
                if tokens[index] == ",":
                    index += 1
                    continue
                if tokens[index] == ")":
                    index += 1
                    break
                raise fail(f"unexpected '{tokens[index]}'")
            if token == "not" and len(operands) != 1:
                raise fail("not() takes exactly one operand")
            if token != "not" and len(operands) < 2:
                raise fail(f"{token}() takes at least two operands")
            return Operation(token, tuple(operands))
        if token in OPERATORS:
            raise fail(f"'{token}' must be followed by '('")
        return token

    statement = parse()
    if index != len(tokens):
        raise fail(f"unexpected '{tokens[index]}' after the end")
    if isinstance(statement, str):
        raise fail("it must combine rules with and, or, not or xor")
    return statement


def statement_names(statement: Statement) -> set[str]:
    if isinstance(statement, str):
        return {statement}
    names: set[str] = set()
    for operand in statement.operands:
        names |= statement_names(operand)
    return names


def evaluate_statement(statement: Statement, results: Mapping[str, bool]) -> bool:
    """``xor`` is true when exactly one operand is true."""
    if isinstance(statement, str):
        return results[statement]
    values = [evaluate_statement(operand, results) for operand in statement.operands]
    if statement.operator == "and":
        return all(values)
    if statement.operator == "or":
        return any(values)
    if statement.operator == "not":
        return not values[0]
    return sum(values) == 1
