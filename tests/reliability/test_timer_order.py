"""The kernel's timers fire in (due, order scheduled) order, whatever mix of far deadlines and
targets due at once, targets that schedule more while firing, and clocks moved back: the same
order as one plain heap of (due, sequence) would give. (Targets already due go to a short
queue beside the heap; this holds that the two together are one order.)"""

from __future__ import annotations

import heapq
import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gl_placement_mock.backend.kernel import Timers

CHECKS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

# One step: ("schedule", due offset from the horizon, how many to schedule when it fires),
# ("settle", new horizon: a settle step begins, the clock read), ("fire", up to what time).
_times = st.sampled_from([-5.0, -1.0, 0.0, 0.0, 0.5, 1.0, 3.0, 100.0])
_step = st.one_of(
    st.tuples(st.just("schedule"), _times, st.integers(0, 2)),
    st.tuples(st.just("settle"), st.sampled_from([-2.0, 0.0, 1.0, 2.0, 50.0]), st.just(0)),
    st.tuples(st.just("fire"), st.sampled_from([-1.0, 0.0, 1.0, 5.0, 200.0]), st.just(0)),
)


class _Reference:
    """The order to match: one heap of (due, sequence)."""

    def __init__(self) -> None:
        self.heap: list[tuple[float, int, Any]] = []
        self.seq = itertools.count()

    def schedule(self, due: float, target: Any) -> None:
        heapq.heappush(self.heap, (due, next(self.seq), target))

    def fire_due(self, now: float) -> None:
        while self.heap and self.heap[0][0] <= now:
            due, _seq, target = heapq.heappop(self.heap)
            target.fire(due)


class _Target:
    """Records its firing; when it fires, schedules ``children`` more (due at once and later)."""

    def __init__(self, name: str, fired: list[tuple[str, float]], timers: Any, children: int):
        self.name = name
        self.fired = fired
        self.timers = timers
        self.children = children

    def fire(self, due: float) -> None:
        self.fired.append((self.name, due))
        for index in range(self.children):
            child = _Target(f"{self.name}.{index}", self.fired, self.timers, 0)
            self.timers.schedule(due + index * 0.5, child)


@CHECKS
@given(steps=st.lists(_step, max_size=40))
def test_timers_fire_in_the_order_of_one_heap(steps: list[tuple[str, float, int]]) -> None:
    timers = Timers()
    reference = _Reference()
    fired: list[tuple[str, float]] = []
    expected: list[tuple[str, float]] = []
    horizon = 0.0
    for number, (kind, value, children) in enumerate(steps):
        if kind == "schedule":
            due = horizon + value
            timers.schedule(due, _Target(str(number), fired, timers, children))
            reference.schedule(due, _Target(str(number), expected, reference, children))
        elif kind == "settle":
            horizon = value  # (may go back, as a test's clock may)
            timers.horizon = horizon
        else:
            timers.fire_due(value)
            reference.fire_due(value)
        assert fired == expected
        assert len(timers) == len(reference.heap)
        assert timers.next_due() == (reference.heap[0][0] if reference.heap else None)
    timers.fire_due(float("inf"))
    reference.fire_due(float("inf"))
    assert fired == expected
    assert len(timers) == 0


def test_a_target_due_at_once_fires_before_a_later_deadline_and_after_an_earlier_one() -> None:
    timers = Timers()
    fired: list[tuple[str, float]] = []
    timers.schedule(10.0, _Target("deadline", fired, timers, 0))
    timers.schedule(1.0, _Target("overdue", fired, timers, 0))
    timers.horizon = 2.0
    timers.schedule(2.0, _Target("due now", fired, timers, 0))
    timers.schedule(2.0, _Target("due now, second", fired, timers, 0))
    assert timers.due(2.0)
    assert timers.next_due() == 1.0
    timers.fire_due(2.0)
    assert fired == [("overdue", 1.0), ("due now", 2.0), ("due now, second", 2.0)]
    assert not timers.due(9.9)
    timers.fire_due(10.0)
    assert fired[-1] == ("deadline", 10.0)
