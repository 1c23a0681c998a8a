"""The backend's kernel, which knows no resource: the lock, the clock, the timers that move
resources over time, the outbox of events waiting for delivery, the record of every event and
transition, and the settle loop that applies what fell due.

A resource family (placements; game sessions, which activate) uses it in two ways:

- ``kernel.timers.schedule(due, target)``: at ``due``, the settle loop calls ``target.fire(due)``
  with the lock held (``due`` is the time it fell due, which may lie in the past). A target that
  has become moot since simply does nothing.
- ``kernel.emit(Event(...))`` and ``kernel.record(Transition(...))``: an event for ``events`` and
  the outbox (delivered once the lock is released), and a line of the timeline."""

from __future__ import annotations

import collections
import heapq
import itertools
import threading
import time as _time  # (the module: freezegun and time-machine replace its time())
from typing import Any, Callable, NamedTuple, Optional, Protocol

from . import clock


class Target(Protocol):
    """Anything a timer can fire."""

    def fire(self, due: float) -> None: ...


class Timers:
    """Targets by (due, sequence): they fire in the order they fell due, and in the order they
    were scheduled when due at the same moment.

    Most are kept in a heap. A target already due when it is scheduled (due by ``horizon``, the
    clock's reading at the start of the settle step under way, if any: a placement's first
    attempt, a settle point) goes to a short queue beside it instead, while that queue stays
    in order, so it never pays for sifting through a heap of far-off deadlines; firing takes
    the earlier of the two heads each time, so the order is the same."""

    __slots__ = ("_heap", "_lane", "_seq", "horizon")

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Target]] = []
        self._lane: collections.deque[tuple[float, int, Target]] = collections.deque()
        self._seq = itertools.count()
        self.horizon: Optional[float] = None

    def schedule(self, due: float, target: Target) -> None:
        entry = (due, next(self._seq), target)
        horizon = self.horizon
        if horizon is not None and due <= horizon:
            lane = self._lane
            if not lane or lane[-1][0] <= due:  # (the queue stays in order)
                lane.append(entry)
                return
        heapq.heappush(self._heap, entry)

    def due(self, now: float) -> bool:
        """Whether a target is due by ``now`` (a peek, safe without the lock)."""
        found = self.next_due()
        return found is not None and found <= now

    def next_due(self) -> Optional[float]:
        """When the earliest target falls due (it may have become moot since), or None; safe
        without the lock."""
        try:
            first: Optional[float] = self._heap[0][0]
        except IndexError:  # (also when another thread emptied it meanwhile)
            first = None
        try:
            queued = self._lane[0][0]
        except IndexError:
            return first
        return queued if first is None or queued < first else first

    def fire_due(self, now: float) -> None:
        """Fire every target due by ``now``, earliest first (also those that firing schedules)."""
        heap = self._heap
        lane = self._lane
        while True:
            if lane and (not heap or lane[0] < heap[0]):  # (sequences differ: never a target)
                if lane[0][0] > now:
                    return
                due, _seq, target = lane.popleft()
            elif heap and heap[0][0] <= now:
                due, _seq, target = heapq.heappop(heap)
            else:
                return
            target.fire(due)

    def __len__(self) -> int:
        return len(self._heap) + len(self._lane)


class Event:
    """One event a resource produced: its envelope (EventBridge format) and where it goes.

    The envelope is given, or built on first read by ``build`` (``Event.later``): most events
    are never read nor delivered, and ``build`` uses only values captured when the event
    happened, so a late build gives the same envelope."""

    __slots__ = (
        "_args",
        "_build",
        "_describe",
        "_envelope",
        "about",
        "kind",
        "region",
        "sns_target",
        "subject",
    )

    def __init__(
        self,
        kind: str,  # the detail type's ``type``, e.g. "PlacementFulfilled"
        envelope: Optional[dict[str, Any]],  # None: ``build(*args)`` makes it when first read
        sns_target: Optional[str],  # an SNS topic ARN to publish it to, or None
        region: str,  # the Region whose default EventBridge bus gets it
        # For log messages (never a sensitive value): the resource that changed ("placement
        # p-1") and what the event is ("placement event of queue <ARN>"). Empty: made by
        # ``describe(*args)`` if given, else from the envelope.
        subject: str = "",
        about: str = "",
        build: Optional[Callable[..., dict[str, Any]]] = None,
        args: tuple[Any, ...] = (),
        describe: Optional[Callable[..., tuple[str, str]]] = None,
    ) -> None:
        self.kind = kind
        self._envelope = envelope
        self._build = build
        self._args = args
        self._describe = describe
        self.sns_target = sns_target
        self.region = region
        self.subject = subject
        self.about = about

    @classmethod
    def later(
        cls,
        kind: str,
        build: Callable[..., dict[str, Any]],
        sns_target: Optional[str],
        region: str,
        subject: str = "",
        about: str = "",
        args: tuple[Any, ...] = (),
        describe: Optional[Callable[..., tuple[str, str]]] = None,
    ) -> Event:
        """An event whose envelope ``build(*args)`` makes when first read; ``describe(*args)``,
        if given, makes its ``subject`` and ``about`` when first needed."""
        return cls(kind, None, sns_target, region, subject, about, build, args, describe)

    @property
    def envelope(self) -> dict[str, Any]:
        envelope = self._envelope
        if envelope is None:
            # Two threads may both build it: the same values, so either envelope will do.
            build = self._build
            assert build is not None
            envelope = self._envelope = build(*self._args)
        return envelope

    def __repr__(self) -> str:
        # Never the envelope: it may hold sensitive values (player ids, custom event data).
        return f"<Event {self.kind} of {self.describe_subject()} ({self.region})>"

    def _described(self) -> None:
        if self._describe is not None:
            self.subject, self.about = self._describe(*self._args)
            self._describe = None

    def describe_subject(self) -> str:
        self._described()
        return self.subject or f"event {self.envelope.get('id')}"

    def describe(self) -> str:
        self._described()
        if self.about:
            return self.about
        resources = ", ".join(str(r) for r in self.envelope.get("resources") or ())
        return f"{self.kind} event of {resources or self.envelope.get('source', '?')}"


class Transition(NamedTuple):
    """One line of the timeline: a resource created or changing status.

    ``labels`` name what the resource belongs to (a placement: its queue), as (name, value)."""

    time: float
    kind: str  # the resource kind, e.g. "placement"
    resource_id: str
    status: str
    region: str
    reason: str
    labels: tuple[tuple[str, str], ...] = ()
    location: Optional[str] = None

    @property
    def placement_id(self) -> Optional[str]:
        return self.resource_id if self.kind == "placement" else None

    @property
    def queue(self) -> Optional[str]:
        return dict(self.labels).get("queue")

    def record(self) -> dict[str, Any]:
        """The transition as a JSON-ready record: ``time``, ``<kind>_id``, each label,
        ``region``, ``status``, ``location`` and ``reason``."""
        return {
            "time": self.time,
            f"{self.kind}_id": self.resource_id,
            **dict(self.labels),
            "region": self.region,
            "status": self.status,
            "location": self.location,
            "reason": self.reason,
        }

    def line(self) -> str:
        """The transition as one line of ``timeline()``; shows no sensitive value."""
        labels = "".join(f"{name}={value} " for name, value in self.labels)
        where = f" in {self.location}" if self.location else ""
        return (
            f"{clock.iso_millis(self.time)}  {self.resource_id}  {self.status:<9}  "
            f"{labels}({self.region}){where}: {self.reason}"
        )


class Kernel:
    """Lock, clock, timers, outbox and records for one activation of the mock. Everything but
    ``due`` and ``next_due`` must be used with ``lock`` held (``run`` takes it)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.now = clock.now  # (what the settle step reads, inlined there)
        self.timers = Timers()
        # Every event's envelope, oldest first; an event whose envelope is not built yet stands
        # in its place (its position in ``_unbuilt``) until ``events`` is read.
        self._events: list[Any] = []
        self._unbuilt: list[int] = []
        # The timeline, oldest first; a transition recorded by its fields (``record_fields``)
        # stays a plain tuple until ``transitions`` is read; the first ``_made`` are made.
        self._transitions: list[Any] = []
        self._made = 0
        # Record the transition of ``fields`` (``Transition``'s, in order), made when read: the
        # list's own append (the hot path makes no call of ours for it; the list is never
        # replaced).
        self.record_fields: Callable[[tuple[Any, ...]], None] = self._transitions.append
        self.outbox: list[Event] = []  # events not yet delivered
        # Whether a time-driven change is due by a given time, and when the next one is: peeks
        # at the timers, safe without the lock (the hot path's settle check is one such peek).
        self.due: Callable[[float], bool] = self.timers.due
        self.next_due: Callable[[], Optional[float]] = self.timers.next_due

    # -- the settle loop -----------------------------------------------------------------------

    def run(self, action: Callable[..., Any], *args: Any) -> Any:
        """Run ``action(*args)`` under the lock after bringing time up to date, then apply what
        fell due while it ran (its answer is already fixed). The events produced wait in the
        outbox, also when ``action`` raises: the caller hands them on after the lock is
        released."""
        timers = self.timers
        heap = timers._heap  # peeked first: most calls find nothing due
        lane = timers._lane  # (what is in it was due when scheduled)
        lock = self.lock
        lock.acquire()  # (not ``with``: its __enter__ and __exit__ calls cost as much again)
        try:
            # (clock.now, inlined: the settle step reads the clock twice on every call.)
            now = timers.horizon = int(_time.time() * 1000) / 1000
            if lane or (heap and heap[0][0] <= now):
                timers.fire_due(now)
            result = action(*args)
            now = int(_time.time() * 1000) / 1000
            if lane or (heap and heap[0][0] <= now):
                timers.fire_due(now)
        finally:
            timers.horizon = None  # (outside a settle step, nothing is known due)
            lock.release()
        return result

    def moment(self) -> float:
        """The moment of the call under way, with which it stamps what it changes: the clock's
        reading when its settle step began; outside a settle step, the clock now."""
        horizon = self.timers.horizon
        return clock.now() if horizon is None else horizon

    def advance(self, now: float) -> None:
        """Apply every time-driven change due by ``now``, each stamped with the time it was due."""
        self.timers.fire_due(now)

    # -- what resources produce ------------------------------------------------------------------

    @property
    def events(self) -> list[dict[str, Any]]:
        """Every event's envelope, oldest first."""
        unbuilt = self._unbuilt
        if unbuilt:
            events = self._events
            for index in unbuilt:
                events[index] = events[index].envelope
            unbuilt.clear()
        return self._events

    def emit(self, event: Event) -> None:
        """Record ``event`` in ``events`` and queue it for delivery."""
        events = self._events
        envelope = event._envelope
        if envelope is None:
            self._unbuilt.append(len(events))
            events.append(event)
        else:
            events.append(envelope)
        self.outbox.append(event)

    @property
    def transitions(self) -> list[Transition]:
        transitions = self._transitions
        made = self._made
        if made < len(transitions):
            make = Transition._make
            for index in range(made, len(transitions)):
                fields = transitions[index]
                if type(fields) is tuple:  # (a Transition is a tuple of another type)
                    transitions[index] = make(fields)
            self._made = len(transitions)
        return transitions

    def record(self, transition: Transition) -> None:
        self._transitions.append(transition)

    def take_outbox(self) -> list[Event]:
        """The events produced since the last take, oldest first."""
        outbox, self.outbox = self.outbox, []
        return outbox
