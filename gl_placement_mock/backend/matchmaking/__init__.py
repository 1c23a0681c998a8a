"""FlexMatch matchmaking, pure: the rule-set language and the matcher (no botocore, no state).

The API the ticket and operations layers call:

``parse_rule_set(body: str) -> RuleSet``
    Parse and check a RuleSetBody (the whole documented schema; ``//`` comments tolerated). The
    RuleSet is immutable and keeps ``body`` byte for byte. An invalid body raises
    :class:`RuleSetError` and nothing else; ``str(error)`` says what and where, e.g.
    ``rules[2] (name 'skill'): 'maxDistance' must be a number``. CreateMatchmakingRuleSet and
    ValidateMatchmakingRuleSet answer it as ``InvalidRequestException`` with the message
    ``Invalid rule set body: <str(error)>`` (AWS documents no wording).

``Matcher(rule_set, additional_player_count=0)``
    One per configuration (rebuild it when the configuration changes its rule set or
    AdditionalPlayerCount).

``Matcher.find_matches(pool: Iterable[Ticket], now: float) -> MatchResult``
    ``pool`` holds the configuration's waiting tickets (a :class:`Ticket` is an id, a
    ``start_time`` in seconds on the mock clock, a request-order ``sequence`` and its players;
    a :class:`Player` has ``player_id``, plain ``attributes`` (``attribute_from_aws`` converts
    the API's AttributeValue) and ``latency_ms`` by Region). Deterministic. The result has
    ``matches`` (each a :class:`Match`: ``teams`` → :class:`MatchTeam` ``name`` and
    ``tickets``; ``team_of(ticket_id)``), ``remaining`` tickets, and ``next_change``: the
    earliest time after ``now`` at which an expansion step falls due for some waiting ticket
    (None when none is ahead). Nothing can change before then unless the pool changes, so the
    ticket layer registers a kernel timer at ``next_change`` and otherwise runs the matcher
    only when tickets arrive or come back.

``Matcher.unmatchable_reason(ticket) -> str | None``
    Why a ticket can never match (a required attribute missing or of the wrong type, no
    latency under a latency rule, a party bigger than every team), e.g. to log it; such
    tickets simply wait until they time out.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import RuleSetError

if TYPE_CHECKING:
    from .matcher import Match, Matcher, MatchResult, MatchTeam
    from .pool import Player, Ticket, attribute_from_aws
    from .ruleset import RuleSet, parse_rule_set

# The rule language and the matcher load on first use (the first rule set, the first ticket to
# match): importing the package, which the backend does, stays cheap.
_LAZY = {
    "Match": "matcher",
    "MatchResult": "matcher",
    "MatchTeam": "matcher",
    "Matcher": "matcher",
    "Player": "pool",
    "Ticket": "pool",
    "attribute_from_aws": "pool",
    "RuleSet": "ruleset",
    "parse_rule_set": "ruleset",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Match",
    "MatchResult",
    "MatchTeam",
    "Matcher",
    "Player",
    "RuleSet",
    "RuleSetError",
    "Ticket",
    "attribute_from_aws",
    "parse_rule_set",
]
