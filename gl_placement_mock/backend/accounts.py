"""Where state lives: each account's Regions, and what one account holds in one Region."""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from .fleets import Alias, Fleet
    from .placements import Placement
    from .queues import Queue
    from .sessions import GameSession, PlayerSession


class RegionState:
    """What one account holds in one Region."""

    __slots__ = ("game_sessions", "pending", "placements", "player_sessions", "queues")

    def __init__(self) -> None:
        self.queues: dict[str, Queue] = {}
        self.placements: dict[str, Placement] = {}
        # The placements started here, oldest first, that may still be PENDING: those that
        # are not are dropped whenever the list is read (PlacementStore._waiting), not when
        # they finish.
        self.pending: list[Placement] = []
        self.game_sessions: dict[str, GameSession] = {}
        self.player_sessions: dict[str, PlayerSession] = {}


class AccountState:
    """What one account holds: Regions, fleets and aliases."""

    __slots__ = ("account_id", "aliases", "fleets", "regions")

    def __init__(self, account_id: str) -> None:
        self.account_id = account_id
        self.regions: dict[str, RegionState] = {}
        self.fleets: dict[str, Fleet] = {}
        self.aliases: dict[str, Alias] = {}

    def region(self, name: str) -> RegionState:
        state = self.regions.get(name)
        if state is None:
            state = self.regions[name] = RegionState()
        return state


class Accounts:
    """Every account's state, created when first used; shared by the resource stores, each of
    which reads and writes only its own part of it."""

    def __init__(self) -> None:
        self.accounts: dict[str, AccountState] = {}
        # Region -> partition, given by the layer that knows botocore; unlisted Regions: "aws".
        self.partitions: Mapping[str, str] = {}

    def partition(self, region: str) -> str:
        return self.partitions.get(region, "aws")

    def account(self, account_id: str) -> AccountState:
        state = self.accounts.get(account_id)
        if state is None:
            state = self.accounts[account_id] = AccountState(account_id)
        return state
