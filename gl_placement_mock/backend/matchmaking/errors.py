"""The one error a rule-set body can raise: what is wrong, and where."""

from __future__ import annotations


class RuleSetError(Exception):
    """An invalid RuleSetBody. ``str(error)`` says where and what, for example
    ``rules[2] (name 'skill'): 'maxDistance' must be a number``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
