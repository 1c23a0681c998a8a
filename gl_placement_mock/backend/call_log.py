"""The answered calls a backend keeps: appended and read at either end in constant time,
bounded to the most recent ``max_calls`` when given. What a record holds is up to the caller."""

from __future__ import annotations

import collections
from typing import Any, Callable, Optional


class CallLog:
    """Records numbered from 0 in the order appended; only the most recent ``max_calls`` are
    kept (all when None). ``dropped`` counts the ones no longer kept."""

    __slots__ = ("_records", "append", "dropped", "max_calls")

    def __init__(self, max_calls: Optional[int] = None) -> None:
        self.max_calls = max_calls
        self._records: collections.deque[Any] = collections.deque(maxlen=max_calls)
        self.dropped = 0
        # Unbounded, appending is the deque's own (nothing is ever dropped).
        self.append: Callable[[Any], None] = (
            self._records.append if max_calls is None else self._append_bounded
        )

    def _append_bounded(self, record: Any) -> None:
        records = self._records
        if len(records) == records.maxlen:
            self.dropped += 1
        records.append(record)

    @property
    def total(self) -> int:
        """How many records were ever appended: the number the next one gets."""
        return self.dropped + len(self._records)

    def at(self, number: int) -> Any:
        """The record numbered ``number``; IndexError if it is no longer (or not yet) kept."""
        position = number - self.dropped
        if position < 0:
            raise IndexError(number)
        return self._records[position]

    def snapshot(self) -> CallLog:
        """A copy that no later append changes."""
        copy = CallLog(self.max_calls)
        copy._records.extend(self._records)
        copy.dropped = self.dropped
        return copy
