"""The matcher: deterministic FlexMatch-style matching over a pool of waiting tickets.

For each anchor (the oldest waiting ticket first) the matcher looks at a bounded window of
candidates around it in age order (reordered by the rule set's sort rules and
``sortByAttributes``), puts each candidate ticket whole onto the team with the fewest players
that still has room for it (ties: rule-set order), fills the teams up to maxPlayers (less
AdditionalPlayerCount), and judges the rules on the potential match as a whole. When the full
match fails a rule it leaves out the ticket that makes it fail (the youngest whose removal
makes every rule pass, else the youngest) and fills on; once the window is used up it settles
for fewer players, dropping the youngest tickets, as long as every team keeps minPlayers. A
match forms only when every team has at least minPlayers and every rule passes.

Expansions apply by the potential match's age: ``now`` minus the start time of its newest
ticket, or of its oldest with ``expansionAgeSelection: oldest``.

Cost: each anchor looks at no more than a fixed window of candidates, so one call costs time
proportional to the pool, never to its square. A matcher also remembers between calls what
cannot change the result: each ticket prepared for the rules once; no search at all while the
pool holds fewer players than the smallest match; and, while no ticket reaches an expansion
step, each failed search with the candidates it saw, so a later call skips an anchor whose
candidates are the same and, for an anchor that gained younger candidates, goes on from where
its search ran out of candidates. Results are exactly those of a new matcher.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .expressions import AttributeValue, PlayerView, TeamView
from .pool import Player, Ticket
from .rules import CompiledRules, MatchView, TicketLatency
from .ruleset import SORT_RULE_TYPES, RuleSet

#: younger candidates looked at per anchor: max(this, 4 x players per match)
MIN_WINDOW = 48
#: older candidates (tickets that could not match as anchors, or were left out) looked at per
#: anchor, oldest first: max(this, players per match)
MIN_OLDER = 8


@dataclass(frozen=True)
class MatchTeam:
    name: str
    tickets: tuple[Ticket, ...]

    @property
    def players(self) -> tuple[Player, ...]:
        return tuple(player for ticket in self.tickets for player in ticket.players)


@dataclass(frozen=True)
class Match:
    """A potential match: every team instance of the rule set (maybe empty), in rule-set
    order, with its tickets."""

    teams: tuple[MatchTeam, ...]

    @property
    def tickets(self) -> tuple[Ticket, ...]:
        return tuple(ticket for team in self.teams for ticket in team.tickets)

    def team_of(self, ticket_id: str) -> str:
        for team in self.teams:
            if any(ticket.ticket_id == ticket_id for ticket in team.tickets):
                return team.name
        raise KeyError(ticket_id)


@dataclass(frozen=True)
class MatchResult:
    matches: tuple[Match, ...]
    #: tickets still waiting (in age order), unmatchable ones included
    remaining: tuple[Ticket, ...]
    #: the earliest time after ``now`` at which an expansion step could let a new match form,
    #: or None when no expansion step is still ahead
    next_change: float | None


@dataclass
class _Entry:
    """A matchable ticket prepared for the rules: defaults filled in, its players' views built
    once."""

    ticket: Ticket
    size: int
    # The players' attributes and latencies are sensitive (as in Player): never in repr.
    attributes: tuple[Mapping[str, AttributeValue], ...] = field(repr=False)
    latencies: TicketLatency = field(repr=False)
    views: tuple[PlayerView, ...] = field(default=(), repr=False)


@dataclass
class _Memo:
    """What a failed search of one anchor saw: its candidates (in the order tried) and, when
    it tried them all, its state at that moment (members as (candidate position or -1 for the
    anchor, team slot), team sizes, the cached failing rules), from which the same search
    with more candidates appended goes on."""

    anchor: Ticket
    candidates: tuple[Ticket, ...]
    resume: tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[frozenset[str], ...]] | None


@dataclass(frozen=True)
class _Level:
    rules: CompiledRules
    teams: tuple[tuple[str, int, int], ...]  # (instance name, min, max)
    capacity: int


class Matcher:
    """Matching for one rule set (and one configuration's AdditionalPlayerCount)."""

    def __init__(self, rule_set: RuleSet, *, additional_player_count: int = 0) -> None:
        self.rule_set = rule_set
        self.additional_player_count = additional_player_count
        self._thresholds = rule_set.expansion_times()
        self._levels: dict[int, _Level] = {}
        self._oldest = rule_set.algorithm.expansion_age_selection == "oldest"
        self._needs_latency = any(rule.type == "latency" for rule in rule_set.rules)
        biggest = 0
        for level in range(len(self._thresholds) + 1):
            for _name, _minimum, maximum in self._level(level).teams:
                biggest = max(biggest, maximum)
        self._biggest_team = biggest
        self._window = max(MIN_WINDOW, 4 * rule_set.max_players)
        self._older = max(MIN_OLDER, rule_set.max_players)
        self._sorts = [rule for rule in rule_set.rules if rule.type in SORT_RULE_TYPES]
        self._has_rules = any(rule.type not in SORT_RULE_TYPES for rule in rule_set.rules)
        self._ordering = bool(self._sorts) or (
            rule_set.algorithm.batching_preference == "sorted"
            and bool(rule_set.algorithm.sort_by_attributes)
        )
        # Fewest players any match can have, per level: with fewer matchable players waiting
        # no search can succeed.
        self._floors = [
            sum(minimum for _name, minimum, _maximum in self._level(level).teams)
            for level in range(len(self._thresholds) + 1)
        ]
        # Per ticket id: the ticket and its prepared entry (None: unmatchable), built once.
        self._entries: dict[str, tuple[Ticket, _Entry | None]] = {}
        self._serial = 0
        # Failed searches of the last call, by anchor ticket id, and the span of mock time in
        # which no ticket of that call changes level: a later call in that span whose anchor
        # sees the same candidates (or more appended) reuses the search instead of redoing it.
        self._memos: dict[str, _Memo] = {}
        self._memo_span = (math.inf, -math.inf)

    # -- public ------------------------------------------------------------------------
    def unmatchable_reason(self, ticket: Ticket) -> str | None:
        """Why a ticket can never match under this rule set, or None."""
        if not ticket.players:
            return "the ticket has no players"
        if len(ticket.players) > self._biggest_team:
            return f"the ticket has {len(ticket.players)} players, more than any team can hold"
        for player in ticket.players:
            for attribute in self.rule_set.player_attributes:
                value = player.attributes.get(attribute.name)
                if value is None:
                    if attribute.default is None:
                        return f"player {player.player_id} has no attribute '{attribute.name}'"
                    continue
                if not _has_type(value, attribute.type):
                    return (
                        f"player {player.player_id}: attribute '{attribute.name}' is not of"
                        f" type {attribute.type}"
                    )
            if self._needs_latency and not player.latency_ms:
                return f"player {player.player_id} reports no latency"
        return None

    @property
    def fewest_players(self) -> int | None:
        """The fewest players any match takes, when the rule set never expands (else None)."""
        return None if self._thresholds else self._floors[0]

    def too_few(self, players: int, now: float) -> bool:
        """Whether a pool of this many players, matchable or not, is smaller than the smallest
        match and the rule set never expands: then no match can form now or later without
        more tickets, as ``find_matches`` would find after preparing every ticket. A caller
        that learns this may skip ``find_matches`` (no match, no next change)."""
        if self._thresholds or players >= self._floors[0]:
            return False
        if self._memos:  # (with none kept, their span does not matter)
            self._memos = {}
            self._memo_span = (now, math.inf)
        return True

    def find_matches(self, pool: Iterable[Ticket], now: float) -> MatchResult:
        """Form every match the pool allows at ``now``; tickets not matched remain."""
        tickets = sorted(pool, key=lambda ticket: (ticket.start_time, ticket.sequence))
        if self.too_few(sum(len(t.players) for t in tickets), now):
            return MatchResult((), tuple(tickets), None)
        entries: list[_Entry] = []
        cache = self._entries
        for ticket in tickets:
            cached = cache.get(ticket.ticket_id)
            if cached is None or cached[0] is not ticket:
                prepared = self._entry(ticket) if self.unmatchable_reason(ticket) is None else None
                cached = cache[ticket.ticket_id] = (ticket, prepared)
            if cached[1] is not None:
                entries.append(cached[1])
        if len(cache) > 2 * len(tickets) + 64:
            self._entries = {ticket.ticket_id: cache[ticket.ticket_id] for ticket in tickets}
        count = len(entries)
        starts_all = [entry.ticket.start_time for entry in entries]
        span_start, span_end = self._memo_span
        memos = self._memos if span_start <= now < span_end else {}
        self._memos = new_memos = {}
        self._memo_span = (now, self._change_after(starts_all, now))
        if not count or sum(entry.size for entry in entries) < self._floor(now - starts_all[0]):
            # Too few players for any match: no search can succeed.
            return MatchResult((), tuple(tickets), self._next_change(starts_all, now))
        following = list(range(1, count + 1))  # linked list over live entries
        preceding = list(range(-1, count - 1))
        live = [True] * count

        def unlink(index: int) -> None:
            live[index] = False
            after, before = following[index], preceding[index]
            if before >= 0:
                following[before] = after
            if after < count:
                preceding[after] = before

        matches: list[Match] = []
        for anchor in range(count):
            if not live[anchor]:
                continue
            candidates: list[int] = []
            cursor = preceding[anchor]
            while cursor >= 0 and len(candidates) < self._older:
                candidates.append(cursor)
                cursor = preceding[cursor]
            candidates.reverse()
            cursor = following[anchor]
            limit = len(candidates) + self._window
            while cursor < count and len(candidates) < limit:
                candidates.append(cursor)
                cursor = following[cursor]
            anchor_ticket = entries[anchor].ticket
            seen = tuple(entries[index].ticket for index in candidates)
            memo = memos.get(anchor_ticket.ticket_id)
            resume = None
            if memo is not None and memo.anchor is anchor_ticket:
                known = len(memo.candidates)
                if seen == memo.candidates:
                    new_memos[anchor_ticket.ticket_id] = memo
                    continue
                if memo.resume is None and not self._ordering and seen[:known] == memo.candidates:
                    # The search stopped before it ran out of candidates: more cannot help.
                    new_memos[anchor_ticket.ticket_id] = _Memo(anchor_ticket, seen, None)
                    continue
                if (
                    memo.resume is not None
                    and not self._ordering
                    and seen[:known] == memo.candidates
                ):
                    resume = (known, memo.resume)
            record: list[_Memo] = []
            members = self._search(entries, anchor, candidates, now, resume, record)
            if members is None:
                if record:
                    new_memos[anchor_ticket.ticket_id] = record[0]
                continue
            for index, _team in members:
                unlink(index)
            matches.append(self._match(entries, members, now))
        taken = {ticket.ticket_id for match in matches for ticket in match.tickets}
        remaining = tuple(ticket for ticket in tickets if ticket.ticket_id not in taken)
        starts = [entry.ticket.start_time for index, entry in enumerate(entries) if live[index]]
        return MatchResult(tuple(matches), remaining, self._next_change(starts, now))

    def _floor(self, oldest_age: float) -> int:
        """The fewest players a match can have among tickets whose oldest is this old."""
        return min(self._floors[: self._level_at(max(0.0, oldest_age)) + 1])

    def _change_after(self, starts: Sequence[float], now: float) -> float:
        found = self._next_change(starts, now)
        return math.inf if found is None else found

    # -- levels (expansions) ------------------------------------------------------------
    def _level(self, level: int) -> _Level:
        found = self._levels.get(level)
        if found is not None:
            return found
        wait = self._thresholds[level - 1] if level else 0.0
        expanded = self.rule_set.expanded(wait)
        teams = tuple(
            (name, team.min_players, team.max_players)
            for team in expanded.teams
            for name in team.instance_names
        )
        total = sum(maximum for _name, _minimum, maximum in teams)
        capacity = max(1, total - self.additional_player_count)
        found = _Level(CompiledRules(expanded), teams, capacity)
        self._levels[level] = found
        return found

    def _level_at(self, age: float) -> int:
        return bisect.bisect_right(self._thresholds, age)

    def _age(
        self, entries: Sequence[_Entry], members: Sequence[tuple[int, int]], now: float
    ) -> float:
        starts = [entries[index].ticket.start_time for index, _team in members]
        if not starts:
            return 0.0
        start = min(starts) if self._oldest else max(starts)
        return max(0.0, now - start)

    def _next_change(self, starts: Sequence[float], now: float) -> float | None:
        best = math.inf
        for threshold in self._thresholds:
            position = bisect.bisect_right(starts, now - threshold)
            if position < len(starts):
                best = min(best, starts[position] + threshold)
        return None if best == math.inf else best

    # -- one anchor ---------------------------------------------------------------------
    def _entry(self, ticket: Ticket) -> _Entry:
        attributes = []
        for player in ticket.players:
            values = dict(player.attributes)
            for attribute in self.rule_set.player_attributes:
                if attribute.name not in values and attribute.default is not None:
                    values[attribute.name] = attribute.default
                elif attribute.type == "number" and attribute.name in values:
                    values[attribute.name] = float(values[attribute.name])  # type: ignore[arg-type]
                elif attribute.type == "string_list" and attribute.name in values:
                    items = values[attribute.name]
                    values[attribute.name] = tuple(dict.fromkeys(items))  # type: ignore[arg-type]
            attributes.append(values)
        self._serial += 1
        position = self._serial  # tells the rules which players share a ticket
        return _Entry(
            ticket,
            len(ticket.players),
            tuple(attributes),
            TicketLatency(tuple(player.latency_ms for player in ticket.players)),
            tuple(
                PlayerView(player.player_id, values, position)
                for player, values in zip(ticket.players, attributes)
            ),
        )

    def _ordered(self, entries: Sequence[_Entry], anchor: int, candidates: list[int]) -> list[int]:
        algorithm = self.rule_set.algorithm
        keys: list[tuple[str, str, str | None, str | None]] = []
        if algorithm.batching_preference == "sorted":
            for attribute in algorithm.sort_by_attributes:
                keys.append(("distance", attribute, "ascending", None))
        for rule in self._sorts:
            kind = "distance" if rule.type == "distanceSort" else "absolute"
            keys.append((kind, rule.sort_attribute or "", rule.sort_direction, rule.map_key))
        if not keys:
            return candidates
        anchor_entry = entries[anchor]

        def sort_key(index: int) -> tuple[float, ...]:
            entry = entries[index]
            key: list[float] = []
            for kind, attribute, direction, map_key in keys:
                value = _party_number(entry, attribute, map_key, anchor_entry)
                if value is None:
                    key.append(math.inf)
                    continue
                if kind == "distance":
                    own = _party_number(anchor_entry, attribute, map_key, anchor_entry)
                    value = abs(value - own) if own is not None else math.inf
                key.append(-value if direction == "descending" else value)
            return tuple(key)

        return sorted(candidates, key=sort_key)

    def _search(
        self,
        entries: Sequence[_Entry],
        anchor: int,
        candidates: list[int],
        now: float,
        resume: tuple[int, Any] | None = None,
        record: list[_Memo] | None = None,
    ) -> list[tuple[int, int]] | None:
        """The match anchored at ``anchor``, or None. ``resume``: (n, state) where the same
        search over the first n candidates ran out of candidates in ``state``; it goes on from
        there. A failed search leaves its :class:`_Memo` in ``record``."""
        fill = self._level(self._level_at(max(0.0, now - entries[anchor].ticket.start_time)))
        slots = [0] * len(fill.teams)
        members: list[tuple[int, int]] = []  # (entry index, team slot)

        baseline: list[set[str]] = []  # rules the current members fail (cached)
        snapshot: list[Any] = []

        def place(index: int) -> bool:
            size = entries[index].size
            if sum(slots) + size > fill.capacity:
                return False
            open_slots = sorted(
                (slot for slot, team in enumerate(fill.teams) if slots[slot] + size <= team[2]),
                key=lambda slot: slots[slot],
            )
            if not open_slots:
                return False
            chosen = open_slots[0]
            if len(open_slots) > 1 and self._has_rules:
                # Team choice only: prefer a team where the ticket adds no failing rule; the
                # ticket is never left out for what a partial match fails.
                if not baseline:
                    baseline.append(set(self._judge(entries, members, now)[0]))
                for slot in open_slots:
                    failing = set(self._judge(entries, [*members, (index, slot)], now)[0])
                    if failing <= baseline[0]:
                        chosen = slot
                        baseline[0] = failing
                        break
                else:
                    baseline.clear()
            else:
                baseline.clear()
            slots[chosen] += size
            members.append((index, chosen))
            return True

        def remove(position: int) -> None:
            baseline.clear()
            index, slot = members.pop(position)
            slots[slot] -= entries[index].size

        def youngest() -> int:
            return max(
                range(1, len(members)),
                key=lambda position: (
                    entries[members[position][0]].ticket.start_time,
                    members[position][0],
                ),
            )

        if resume is None:
            if not place(anchor):
                return None
            order = self._ordered(entries, anchor, candidates)
            ordered = iter(order)
        else:
            known, (kept, sizes, failing_before) = resume
            members.extend(
                (anchor if position < 0 else candidates[position], slot) for position, slot in kept
            )
            slots[:] = sizes
            baseline.extend(set(rules) for rules in failing_before)
            order = candidates
            ordered = iter(candidates[known:])
        exhausted = False
        while True:
            while sum(slots) < fill.capacity:
                index = next(ordered, None)
                if index is None:
                    exhausted = True
                    if record is not None and not snapshot:
                        snapshot.append(
                            (
                                tuple(members),
                                tuple(slots),
                                tuple(frozenset(rules) for rules in baseline),
                            )
                        )
                    break
                place(index)
            failing, sizes_ok = self._judge(entries, members, now)
            if sizes_ok and not failing:
                return members
            if exhausted or len(members) == 1:
                break
            remove(self._culprit(entries, members, now))
        # Settle for fewer players: drop the youngest while every team can keep its minimum
        # (at the most relaxed level these members can reach).
        oldest = min(entries[index].ticket.start_time for index, _slot in members)
        loosest = self._level(self._level_at(max(0.0, now - oldest)))
        floor = sum(minimum for _name, minimum, _maximum in loosest.teams)
        while len(members) > 1:
            remove(youngest())
            if sum(slots) < floor:
                break
            failing, sizes_ok = self._judge(entries, members, now)
            if sizes_ok and not failing:
                return members
        if record is not None:
            state = None
            if snapshot:
                # Positions in the order tried (the anchor is -1).
                where = {index: position for position, index in enumerate(order)}
                where[anchor] = -1
                kept, sizes, failing_before = snapshot[0]
                state = (tuple((where[index], slot) for index, slot in kept), sizes, failing_before)
            seen = tuple(entries[index].ticket for index in candidates)
            record.append(_Memo(entries[anchor].ticket, seen, state))
        return None

    def _culprit(
        self, entries: Sequence[_Entry], members: list[tuple[int, int]], now: float
    ) -> int:
        """The position of the ticket to leave out of a full match that fails: the youngest
        whose removal makes every rule pass, else the youngest (never the anchor)."""
        order = sorted(
            range(1, len(members)),
            key=lambda position: (
                entries[members[position][0]].ticket.start_time,
                members[position][0],
            ),
            reverse=True,
        )
        for position in order:
            trial = members[:position] + members[position + 1 :]
            failing, _sizes_ok = self._judge(entries, trial, now)
            if not failing:
                return position
        return order[0]

    def _judge(
        self, entries: Sequence[_Entry], members: Sequence[tuple[int, int]], now: float
    ) -> tuple[list[str], bool]:
        level = self._level(self._level_at(self._age(entries, members, now)))
        teams: list[list[PlayerView]] = [[] for _ in level.teams]
        latencies: list[TicketLatency] = []
        parties = False
        for index, slot in members:
            entry = entries[index]
            if entry.size > 1:
                parties = True
            teams[slot].extend(entry.views)
            latencies.append(entry.latencies)
        sizes_ok = sum(len(players) for players in teams) <= level.capacity and all(
            minimum <= len(players) <= maximum
            for players, (_name, minimum, maximum) in zip(teams, level.teams)
        )
        views = [
            TeamView(name, name, players) for players, (name, _min, _max) in zip(teams, level.teams)
        ]
        failing = level.rules.failing(MatchView(views, latencies, parties))
        return failing, sizes_ok

    def _match(
        self, entries: Sequence[_Entry], members: Sequence[tuple[int, int]], now: float
    ) -> Match:
        level = self._level(self._level_at(self._age(entries, members, now)))
        teams: list[list[Ticket]] = [[] for _ in level.teams]
        for index, slot in sorted(members, key=lambda member: member[0]):
            teams[slot].append(entries[index].ticket)
        return Match(
            tuple(
                MatchTeam(name, tuple(tickets))
                for tickets, (name, _min, _max) in zip(teams, level.teams)
            )
        )


def _has_type(value: AttributeValue, kind: str) -> bool:
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "string":
        return isinstance(value, str)
    if kind == "string_list":
        return isinstance(value, (tuple, list)) and all(isinstance(item, str) for item in value)
    return isinstance(value, Mapping) and all(
        isinstance(item, (int, float)) and not isinstance(item, bool) for item in value.values()
    )


def _party_number(
    entry: _Entry, attribute: str, map_key: str | None, anchor: _Entry
) -> float | None:
    """The party's average of a number attribute (or of a map entry picked by mapKey from the
    anchor's map) for ordering candidates."""
    key: str | None = None
    if map_key is not None:
        first = anchor.attributes[0].get(attribute)
        if isinstance(first, Mapping) and first:
            pick = min if map_key == "minValue" else max
            key = pick(sorted(first), key=lambda name: first[name])
    numbers: list[float] = []
    for attributes in entry.attributes:
        value = attributes.get(attribute)
        if isinstance(value, Mapping):
            if key is not None and key in value:
                numbers.append(float(value[key]))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            numbers.append(float(value))
    if not numbers:
        return None
    return math.fsum(numbers) / len(numbers)
