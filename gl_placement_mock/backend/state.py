"""The backend: all simulated GameLift state for one activation of the mock. Plain Python;
knows nothing of botocore.

``Backend`` composes the kernel (lock, clock, timers, outbox, records: ``kernel``) and one store
per resource family, each given the others it needs: queues (``queues``), fleets and aliases
(``fleets``), game and player sessions (``sessions``), and placements (``placements``), which
watch the other three for changes that may let a waiting placement through; matchmaking
configurations and rule sets (``matchmaking``) are a store of their own, and matchmaking
tickets (``tickets``) another, which places matches through ``placements``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional

from .accounts import Accounts, AccountState, RegionState
from .call_log import CallLog
from .faults import FaultPlan
from .fleets import FleetStore
from .kernel import Event, Kernel, Transition
from .placement_store import PlacementStore
from .queues import QueueStore
from .sessions import SessionStore

if TYPE_CHECKING:
    from .matchmaking.resources import MatchmakingResources
    from .matchmaking.tickets import TicketStore

__all__ = ["AccountState", "Backend", "Event", "RegionState", "Transition"]


class Backend:
    """All simulated GameLift state for one activation of the mock. Every store's methods must
    be called with ``lock`` held (``run`` does that); events wait in the kernel's outbox."""

    def __init__(self, *, max_calls: Optional[int] = None) -> None:
        self.kernel = kernel = Kernel()
        self.lock = kernel.lock
        self.registry = accounts = Accounts()
        self.accounts = accounts.accounts  # account id -> AccountState
        self.queues = QueueStore(accounts)
        self.fleets = FleetStore(accounts)
        self.sessions = SessionStore(accounts, kernel)
        self.placements = PlacementStore(kernel, accounts, self.queues, self.fleets, self.sessions)
        # Matchmaking's stores (and modules) are made on first use: see ``matchmaking``.
        self._matchmaking: Optional[MatchmakingResources] = None
        self._tickets: Optional[TicketStore] = None
        self.faults = FaultPlan()
        # Every call answered (the most recent ``max_calls``, when given), oldest first, as
        # noted by the answer path (``gl_placement_mock.operations.answer``): kept here so nested
        # activations share them; the backend itself never reads them.
        self.calls = CallLog(max_calls)
        # The settle loop, straight from the kernel (the hot path calls ``due``).
        self.run = kernel.run
        self.due = kernel.due
        self.next_due = kernel.next_due
        self.advance = kernel.advance
        self.take_outbox = kernel.take_outbox

    @property
    def matchmaking(self) -> MatchmakingResources:
        """Matchmaking configurations and rule sets (made, with the ticket store, on first
        use: importing the package and mocking placement alone never load matchmaking)."""
        found = self._matchmaking
        if found is None:
            found = self._start_matchmaking()
        return found

    @property
    def tickets(self) -> TicketStore:
        """Matchmaking tickets (made with ``matchmaking`` on first use)."""
        found = self._tickets
        if found is None:
            self._start_matchmaking()
            assert self._tickets is not None
            found = self._tickets
        return found

    def _start_matchmaking(self) -> MatchmakingResources:
        from .matchmaking.resources import MatchmakingResources
        from .matchmaking.tickets import TicketStore

        resources = MatchmakingResources(self.registry.partition, self.queues.queue_by_ref)
        self._tickets = TicketStore(self.kernel, resources, self.placements)
        self._matchmaking = resources
        return resources

    @property
    def partitions(self) -> Mapping[str, str]:
        return self.registry.partitions

    @partitions.setter
    def partitions(self, value: Mapping[str, str]) -> None:
        self.registry.partitions = value

    def account(self, account_id: str) -> AccountState:
        return self.registry.account(account_id)

    @property
    def events(self) -> list[dict[str, Any]]:
        """Every event so far, oldest first (envelopes as delivered)."""
        return self.kernel.events

    @property
    def transitions(self) -> list[Transition]:
        return self.kernel.transitions
