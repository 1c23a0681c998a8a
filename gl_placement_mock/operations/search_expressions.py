"""SearchGameSessions' FilterExpression and SortExpression: tokenizer, parser, and compilation to a
predicate or an ordering over game session records."""

from __future__ import annotations

from typing import Any, Callable, Mapping, NamedTuple, Optional, Sequence

from ..backend.errors import invalid_request

Record = Mapping[str, Any]
"""One game session as the search sees it: the operands' values by operand name, and
``gameSessionProperties`` as a dict of property key to value."""

Predicate = Callable[[Record], bool]
Ordering = Callable[[Sequence[Record]], "list[Record]"]

PROPERTIES = "gameSessionProperties"
_STRING, _NUMBER, _BOOLEAN = "a string in single quotes", "a number", "true or false"
OPERANDS: dict[str, str] = {
    "gameSessionId": _STRING,
    "gameSessionName": _STRING,
    PROPERTIES: _STRING,
    "maximumSessions": _NUMBER,
    "creationTimeMillis": _NUMBER,
    "playerSessionCount": _NUMBER,
    "hasAvailablePlayerSessions": _BOOLEAN,
}
COMPARATORS = ("=", "<>", "<", ">", "<=", ">=")
# Parentheses nested deeper than this are refused: the parser recurses once per level, and
# no real search needs more.
MAX_DEPTH = 32

_OPERAND_LIST = ", ".join(OPERANDS)
_COMPARATOR_LIST = ", ".join(COMPARATORS)
_WORD_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_WORD = _WORD_START | frozenset("0123456789")
_DIGITS = frozenset("0123456789")
_SPACE = frozenset(" \t\r\n")
# A property key runs up to whitespace or a character the expression language uses.
_KEY_END = _SPACE | frozenset("=<>!()'\"")


class _Token(NamedTuple):
    kind: str  # word, property, string, number, comparator, "(", ")", end
    text: str  # the token as written (a string's decoded value for strings)
    position: int  # 1-based character position in the expression

    def shown(self) -> str:
        if self.kind == "end":
            return "the end of the expression"
        if self.kind == "string":
            return "a string"  # values may be sensitive (game property values): never echoed
        if self.kind == "property":
            return f"'{PROPERTIES}.{self.text}'"
        return f"'{self.text}'"


class _Error(Exception):
    def __init__(self, position: int, detail: str) -> None:
        super().__init__(detail)
        self.position = position
        self.detail = detail


def _tokens(text: str) -> list[_Token]:
    found: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        start = i
        if char in _SPACE:
            i += 1
        elif char in "()":
            found.append(_Token(char, char, i + 1))
            i += 1
        elif char in "<>=":
            pair = text[i : i + 2]
            op = pair if pair in ("<>", "<=", ">=") else char
            found.append(_Token("comparator", op, i + 1))
            i += len(op)
        elif char == "!":
            raise _Error(i + 1, "unknown comparator '!'; use '<>' for not equal")
        elif char == '"':
            raise _Error(i + 1, "string values must be enclosed in single quotes")
        elif char == "'":
            value, i = _string(text, i)
            found.append(_Token("string", value, start + 1))
        elif char in _DIGITS or (char == "-" and text[i + 1 : i + 2] in _DIGITS):
            i += 1
            while i < n and text[i] in _DIGITS:
                i += 1
            if text[i : i + 1] == "." and text[i + 1 : i + 2] in _DIGITS:
                i += 1
                while i < n and text[i] in _DIGITS:
                    i += 1
            found.append(_Token("number", text[start:i], start + 1))
        elif char in _WORD_START:
            while i < n and text[i] in _WORD:
                i += 1
            word = text[start:i]
            if word == PROPERTIES and text[i : i + 1] == ".":
                i += 1
                while i < n and text[i] not in _KEY_END:
                    i += 1
                key = text[start + len(PROPERTIES) + 1 : i]
                if not key:
                    raise _Error(i + 1, f"'{PROPERTIES}.' must be followed by a property key")
                found.append(_Token("property", key, start + 1))
            else:
                found.append(_Token("word", word, start + 1))
        else:
            raise _Error(i + 1, f"unexpected character {char!r}")
    found.append(_Token("end", "", n + 1))
    return found


def _string(text: str, quote: int) -> tuple[str, int]:
    """The value of the single-quoted string opening at ``quote``, and where it ends; a
    backslash takes the next character as it is (``\\'`` is a quote, ``\\\\`` a backslash)."""
    chars: list[str] = []
    i, n = quote + 1, len(text)
    while i < n:
        char = text[i]
        if char == "\\":
            if i + 1 >= n:
                break
            chars.append(text[i + 1])
            i += 2
        elif char == "'":
            return "".join(chars), i + 1
        else:
            chars.append(char)
            i += 1
    raise _Error(quote + 1, "the string that starts here has no closing single quote")


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.at = 0

    def peek(self) -> _Token:
        return self.tokens[self.at]

    def take(self) -> _Token:
        token = self.tokens[self.at]
        if token.kind != "end":
            self.at += 1
        return token

    def keyword(self, word: str) -> bool:
        token = self.peek()
        if token.kind == "word" and token.text == word:
            self.at += 1
            return True
        return False

    # expression := and ('OR' and)* ; and := not ('AND' not)* ; not := 'NOT'* primary
    def expression(self, depth: int) -> Predicate:
        parts = [self.conjunction(depth)]
        while self.keyword("OR"):
            parts.append(self.conjunction(depth))
        if len(parts) == 1:
            return parts[0]
        return lambda record: any(part(record) for part in parts)

    def conjunction(self, depth: int) -> Predicate:
        parts = [self.negation(depth)]
        while self.keyword("AND"):
            parts.append(self.negation(depth))
        if len(parts) == 1:
            return parts[0]
        return lambda record: all(part(record) for part in parts)

    def negation(self, depth: int) -> Predicate:
        negated = False
        while self.keyword("NOT"):
            negated = not negated
        inner = self.primary(depth)
        if negated:
            return lambda record: not inner(record)
        return inner

    def primary(self, depth: int) -> Predicate:
        token = self.peek()
        if token.kind == "(":
            if depth >= MAX_DEPTH:
                raise _Error(token.position, f"parentheses nest more than {MAX_DEPTH} deep")
            self.take()
            inner = self.expression(depth + 1)
            closing = self.take()
            if closing.kind != ")":
                raise _Error(
                    closing.position,
                    f"expected AND, OR or ')' to close the '(' at character "
                    f"{token.position}, found {closing.shown()}",
                )
            return inner
        return self.condition()

    def condition(self) -> Predicate:
        name, key, token = self.operand("a condition")
        expected = OPERANDS[name]
        comparator = self.take()
        if comparator.kind != "comparator":
            raise _Error(
                comparator.position,
                f"expected a comparator ({_COMPARATOR_LIST}) after {token.shown()}, "
                f"found {comparator.shown()}",
            )
        op = comparator.text
        value_token = self.take()
        value = _value(value_token, expected, token)
        if expected != _NUMBER and op not in ("=", "<>"):
            raise _Error(
                comparator.position,
                f"{token.shown()} takes {expected}, which can only be compared with = or <>",
            )
        return _compare(_getter(name, key), op, value)

    def operand(self, role: str) -> tuple[str, Optional[str], _Token]:
        token = self.take()
        if token.kind == "property":
            return PROPERTIES, token.text, token
        if token.kind == "word" and token.text in OPERANDS:
            if token.text == PROPERTIES:
                raise _Error(
                    token.position,
                    f"'{PROPERTIES}' needs a property key, as in '{PROPERTIES}.gameMode'",
                )
            return token.text, None, token
        if token.kind == "word":
            hint = ""
            lowered = token.text.lower()
            for known in OPERANDS:
                if known.lower() == lowered:
                    hint = f" (operand names are case-sensitive: '{known}')"
            if token.text.upper() in ("AND", "OR", "NOT"):
                hint = " (AND, OR and NOT are written in upper case)"
            raise _Error(
                token.position,
                f"unknown operand {token.shown()}{hint}; operands are {_OPERAND_LIST}",
            )
        raise _Error(
            token.position,
            f"expected {role} (an operand such as 'gameSessionName'), found {token.shown()}",
        )


def _value(token: _Token, expected: str, operand: _Token) -> Any:
    if expected == _NUMBER and token.kind == "number":
        return float(token.text) if "." in token.text else int(token.text)
    if expected == _STRING and token.kind == "string":
        return token.text
    if expected == _BOOLEAN and token.kind == "word" and token.text in ("true", "false"):
        return token.text == "true"
    found = token.shown()
    if operand.kind == "property" and token.kind in ("word", "number"):
        found = "an unquoted value"  # game property values are sensitive: never echoed
    raise _Error(token.position, f"{operand.shown()} takes {expected}, found {found}")


def _getter(name: str, key: Optional[str]) -> Callable[[Record], Any]:
    if key is None:
        return lambda record: record[name]
    if "." in key:
        # Keys containing periods cannot be searched (API reference, GameProperty).
        return lambda record: None
    return lambda record: record[PROPERTIES].get(key)


def _compare(get: Callable[[Record], Any], op: str, value: Any) -> Predicate:
    """A condition; a session without the value (no name, no such property) matches ``<>``
    and nothing else."""
    if op == "=":
        return lambda record: get(record) == value
    if op == "<>":
        return lambda record: get(record) != value
    if op == "<":
        return lambda record: (found := get(record)) is not None and found < value
    if op == ">":
        return lambda record: (found := get(record)) is not None and found > value
    if op == "<=":
        return lambda record: (found := get(record)) is not None and found <= value
    return lambda record: (found := get(record)) is not None and found >= value


def _refuse(member: str, error: _Error) -> Exception:
    return invalid_request(f"Invalid {member} at character {error.position}: {error.detail}.")


def compile_filter(text: str) -> Predicate:
    """The predicate a FilterExpression stands for; InvalidRequestException if malformed."""
    try:
        parser = _Parser(text)
        if parser.peek().kind == "end":
            raise _Error(1, "the expression is empty")
        predicate = parser.expression(0)
        rest = parser.peek()
        if rest.kind != "end":
            expected = "AND, OR or the end of the expression"
            hint = ""
            if rest.kind == ")":
                expected = "AND, OR or the end of the expression; this ')' closes nothing"
            elif rest.kind == "word" and rest.text.upper() in ("AND", "OR", "NOT"):
                hint = " (AND, OR and NOT are written in upper case)"
            raise _Error(rest.position, f"expected {expected}, found {rest.shown()}{hint}")
    except _Error as error:
        raise _refuse("FilterExpression", error) from None
    return predicate


def compile_sort(text: str) -> Ordering:
    """The ordering a SortExpression (``operand ASC|DESC``) stands for; sessions without the
    value come last either way. InvalidRequestException if malformed."""
    try:
        parser = _Parser(text)
        if parser.peek().kind == "end":
            raise _Error(1, "the expression is empty")
        name, key, token = parser.operand("an operand to sort by")
        order = parser.take()
        if order.kind != "word" or order.text not in ("ASC", "DESC"):
            raise _Error(
                order.position, f"expected ASC or DESC after {token.shown()}, found {order.shown()}"
            )
        rest = parser.peek()
        if rest.kind != "end":
            raise _Error(
                rest.position,
                f"a sort expression is one operand and ASC or DESC; found {rest.shown()} after it",
            )
    except _Error as error:
        raise _refuse("SortExpression", error) from None
    get = _getter(name, key)
    descending = order.text == "DESC"

    def ordering(records: Sequence[Record]) -> list[Record]:
        present = [r for r in records if get(r) is not None]
        missing = [r for r in records if get(r) is None]
        present.sort(key=get, reverse=descending)
        return present + missing

    return ordering
