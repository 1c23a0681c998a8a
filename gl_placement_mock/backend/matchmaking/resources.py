"""Matchmaking configurations and rule sets: what FlexMatch matches by, kept per account and
Region, with the guards AWS documents (one queue, rule sets immutable and kept while in use)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, Protocol, TypeVar

from .. import arns, clock, tags
from ..errors import invalid_request, not_found
from .errors import RuleSetError

if TYPE_CHECKING:
    from .ruleset import RuleSet

WITH_QUEUE = "WITH_QUEUE"
STANDALONE = "STANDALONE"
MANUAL = "MANUAL"
AUTOMATIC = "AUTOMATIC"

_CONFIGURATION = "matchmakingconfiguration"
_RULE_SET = "matchmakingruleset"

QueueLookup = Callable[[str, str, str], Optional[object]]
"""(account, Region, queue name or ARN) -> the queue, or None when there is none."""


class MatchmakingRuleSet:
    """One rule set: its body exactly as given, and what it says, parsed once."""

    __slots__ = (
        "account",
        "arn",
        "body",
        "created",
        "name",
        "order",
        "parsed",
        "region",
        "tags",
    )

    def __init__(
        self, name: str, arn: str, region: str, account: str, body: str, parsed: RuleSet
    ) -> None:
        self.name = name
        self.arn = arn
        self.region = region
        self.account = account
        self.body = body
        self.parsed = parsed
        self.created = clock.now()
        self.order = 0  # creation order in the store, set when stored
        self.tags: list[dict[str, Any]] = []

    def __repr__(self) -> str:
        return f"<MatchmakingRuleSet {self.arn}>"


class MatchmakingConfiguration:
    """One matchmaking configuration, holding its settings as AWS echoes them.

    ``rule_set`` is the rule set object itself (rule sets cannot change, and one in use cannot
    be deleted); ``queue_arn`` is the one game session queue of a WITH_QUEUE configuration."""

    __slots__ = (
        "acceptance_required",
        "acceptance_timeout_seconds",
        "account",
        "additional_player_count",
        "arn",
        "backfill_mode",
        "created",
        "custom_event_data",
        "description",
        "flex_match_mode",
        "game_properties",
        "game_session_data",
        "name",
        "notification_target",
        "order",
        "queue_arn",
        "region",
        "request_timeout_seconds",
        "rule_set",
        "tags",
        "timeline_labels",
    )

    def __init__(
        self, name: str, arn: str, region: str, account: str, rule_set: MatchmakingRuleSet
    ) -> None:
        self.name = name
        self.timeline_labels = (("configuration", name),)  # its tickets' timeline lines
        self.arn = arn
        self.region = region
        self.account = account
        self.rule_set = rule_set
        self.description: Optional[str] = None
        self.queue_arn: Optional[str] = None
        self.request_timeout_seconds = 0
        self.acceptance_required = False
        self.acceptance_timeout_seconds: Optional[int] = None
        self.notification_target: Optional[str] = None
        self.additional_player_count = 0
        self.custom_event_data: Optional[str] = None
        self.game_properties: list[dict[str, str]] = []
        self.game_session_data: Optional[str] = None
        self.backfill_mode = MANUAL
        self.flex_match_mode = WITH_QUEUE
        self.created = clock.now()
        self.order = 0  # creation order in the store, set when stored
        self.tags: list[dict[str, Any]] = []

    def __repr__(self) -> str:
        return f"<MatchmakingConfiguration {self.arn} {self.flex_match_mode}>"

    @property
    def parsed_rule_set(self) -> RuleSet:
        return self.rule_set.parsed

    def _copy(self) -> MatchmakingConfiguration:
        twin = MatchmakingConfiguration.__new__(MatchmakingConfiguration)
        for slot in self.__slots__:
            setattr(twin, slot, getattr(self, slot))
        return twin

    def _take(self, other: MatchmakingConfiguration) -> None:
        for slot in self.__slots__:
            setattr(self, slot, getattr(other, slot))


class _RegionResources:
    __slots__ = ("configurations", "rule_sets")

    def __init__(self) -> None:
        self.configurations: dict[str, MatchmakingConfiguration] = {}
        self.rule_sets: dict[str, MatchmakingRuleSet] = {}


_EMPTY = _RegionResources()


def _never_active(configuration_arn: str) -> bool:
    return False


class MatchmakingResources:
    """Creating, finding, changing and deleting matchmaking configurations and rule sets.

    Given what it needs from elsewhere: ``partition`` (Region -> ARN partition) and
    ``queue_by_ref`` (finds a game session queue). Whoever keeps matchmaking tickets sets
    ``has_active_tickets`` (configuration ARN -> whether a ticket that is not COMPLETED, FAILED,
    CANCELLED or TIMED_OUT uses it), which guards DeleteMatchmakingConfiguration."""

    def __init__(self, partition: Callable[[str], str], queue_by_ref: QueueLookup) -> None:
        self._partition = partition
        self._queue_by_ref = queue_by_ref
        self._regions: dict[tuple[str, str], _RegionResources] = {}
        self._created = itertools.count(1)
        self.has_active_tickets: Callable[[str], bool] = _never_active

    def _peek(self, account_id: str, region: str) -> _RegionResources:
        """What ``region`` holds, for reading: an empty stand-in when it holds nothing yet
        (a read creates no state)."""
        return self._regions.get((account_id, region), _EMPTY)

    def _state(self, account_id: str, region: str) -> _RegionResources:
        state = self._regions.get((account_id, region))
        if state is None:
            state = self._regions[(account_id, region)] = _RegionResources()
        return state

    # -- finding ---------------------------------------------------------------------------

    def configuration(
        self, account_id: str, region: str, name_or_arn: str
    ) -> Optional[MatchmakingConfiguration]:
        """The configuration named ``name_or_arn`` (its name or its ARN) in ``region``, or None."""
        return _by_name_or_arn(
            self._peek(account_id, region).configurations, _CONFIGURATION, name_or_arn
        )

    def require_configuration(
        self, account_id: str, region: str, name_or_arn: str
    ) -> MatchmakingConfiguration:
        """The configuration named ``name_or_arn``; NotFoundException when there is none."""
        found = self.configuration(account_id, region, name_or_arn)
        if found is None:
            raise not_found(f"Matchmaking configuration '{name_or_arn}' does not exist.")
        return found

    def rule_set(
        self, account_id: str, region: str, name_or_arn: str
    ) -> Optional[MatchmakingRuleSet]:
        """The rule set named ``name_or_arn`` (its name or its ARN) in ``region``, or None."""
        return _by_name_or_arn(self._peek(account_id, region).rule_sets, _RULE_SET, name_or_arn)

    def require_rule_set(
        self, account_id: str, region: str, name_or_arn: str
    ) -> MatchmakingRuleSet:
        found = self.rule_set(account_id, region, name_or_arn)
        if found is None:
            raise not_found(f"Matchmaking rule set '{name_or_arn}' does not exist.")
        return found

    def configurations(self, account_id: str, region: str) -> list[MatchmakingConfiguration]:
        """Every configuration in ``region``, oldest first."""
        return list(self._peek(account_id, region).configurations.values())

    def rule_sets(self, account_id: str, region: str) -> list[MatchmakingRuleSet]:
        """Every rule set in ``region``, oldest first."""
        return list(self._peek(account_id, region).rule_sets.values())

    def configuration_anywhere(self, account_id: str, name_or_arn: str) -> bool:
        """Whether a configuration of the account is named ``name_or_arn`` in any Region."""
        return any(
            self.configuration(account_id, region, name_or_arn) is not None
            for account, region in list(self._regions)
            if account == account_id
        )

    def tagged_resource(self, account_id: str, region: str, arn: str) -> Optional[Any]:
        """The configuration or rule set whose ARN is ``arn`` in ``region``, or None."""
        if f":{_CONFIGURATION}/" in arn:
            return self.configuration(account_id, region, arn)
        if f":{_RULE_SET}/" in arn:
            return self.rule_set(account_id, region, arn)
        return None

    # -- rule sets -------------------------------------------------------------------------

    @staticmethod
    def validate_rule_set(body: str) -> RuleSet:
        """What ``body`` says; InvalidRequestException saying what is wrong and where."""
        # The rule language is loaded when first needed: importing the package stays cheap.
        from .ruleset import parse_rule_set

        try:
            return parse_rule_set(body)
        except RuleSetError as error:
            raise invalid_request(f"Invalid rule set body: {error}") from None

    def create_rule_set(
        self, account_id: str, region: str, params: dict[str, Any]
    ) -> MatchmakingRuleSet:
        name = params["Name"]
        if name in self._peek(account_id, region).rule_sets:
            raise invalid_request(f"Matchmaking rule set '{name}' already exists.")
        body = params["RuleSetBody"]
        parsed = self.validate_rule_set(body)
        given_tags: list[dict[str, Any]] = []
        tags.add_tags(given_tags, params.get("Tags") or [])
        arn = arns.matchmaking_rule_set_arn(region, account_id, name, self._partition(region))
        rule_set = MatchmakingRuleSet(name, arn, region, account_id, body, parsed)
        rule_set.tags = given_tags
        rule_set.order = next(self._created)
        self._state(account_id, region).rule_sets[name] = rule_set
        return rule_set

    def delete_rule_set(self, account_id: str, region: str, name_or_arn: str) -> None:
        rule_set = self.require_rule_set(account_id, region, name_or_arn)
        state = self._state(account_id, region)
        for configuration in state.configurations.values():
            if configuration.rule_set is rule_set:
                raise invalid_request(
                    f"Matchmaking rule set '{rule_set.name}' is used by matchmaking "
                    f"configuration '{configuration.name}' and cannot be deleted."
                )
        del state.rule_sets[rule_set.name]

    # -- configurations --------------------------------------------------------------------

    def create_configuration(
        self, account_id: str, region: str, params: dict[str, Any]
    ) -> MatchmakingConfiguration:
        name = params["Name"]
        if name in self._peek(account_id, region).configurations:
            raise invalid_request(f"Matchmaking configuration '{name}' already exists.")
        rule_set = self.require_rule_set(account_id, region, params["RuleSetName"])
        arn = arns.matchmaking_configuration_arn(region, account_id, name, self._partition(region))
        configuration = MatchmakingConfiguration(name, arn, region, account_id, rule_set)
        self._configure(configuration, params)
        given_tags: list[dict[str, Any]] = []
        tags.add_tags(given_tags, params.get("Tags") or [])
        configuration.tags = given_tags
        configuration.order = next(self._created)
        self._state(account_id, region).configurations[name] = configuration
        return configuration

    def update_configuration(
        self, account_id: str, region: str, params: dict[str, Any]
    ) -> MatchmakingConfiguration:
        configuration = self.require_configuration(account_id, region, params["Name"])
        updated = configuration._copy()
        if params.get("RuleSetName") is not None:
            updated.rule_set = self.require_rule_set(account_id, region, params["RuleSetName"])
        self._configure(updated, params)
        configuration._take(updated)
        return configuration

    def delete_configuration(self, account_id: str, region: str, name_or_arn: str) -> None:
        configuration = self.require_configuration(account_id, region, name_or_arn)
        if self.has_active_tickets(configuration.arn):
            raise invalid_request(
                f"Matchmaking configuration '{configuration.name}' is used by active "
                "matchmaking tickets and cannot be deleted."
            )
        del self._state(account_id, region).configurations[configuration.name]

    def _configure(self, configuration: MatchmakingConfiguration, params: dict[str, Any]) -> None:
        """Apply every setting present in ``params``, then check the whole; the caller keeps
        the result only when no error is raised."""
        if params.get("Description") is not None:
            configuration.description = params["Description"]
        if params.get("RequestTimeoutSeconds") is not None:
            configuration.request_timeout_seconds = params["RequestTimeoutSeconds"]
        if params.get("AcceptanceRequired") is not None:
            configuration.acceptance_required = params["AcceptanceRequired"]
        if params.get("AcceptanceTimeoutSeconds") is not None:
            configuration.acceptance_timeout_seconds = params["AcceptanceTimeoutSeconds"]
        if params.get("NotificationTarget") is not None:
            configuration.notification_target = params["NotificationTarget"] or None
        if params.get("AdditionalPlayerCount") is not None:
            configuration.additional_player_count = params["AdditionalPlayerCount"]
        if params.get("CustomEventData") is not None:
            configuration.custom_event_data = params["CustomEventData"] or None
        if params.get("GameProperties") is not None:
            configuration.game_properties = [
                {"Key": p["Key"], "Value": p["Value"]} for p in params["GameProperties"]
            ]
        if params.get("GameSessionData") is not None:
            configuration.game_session_data = params["GameSessionData"]
        if params.get("BackfillMode") is not None:
            configuration.backfill_mode = params["BackfillMode"]
        queue_arns = params.get("GameSessionQueueArns")
        mode = params.get("FlexMatchMode")
        if mode is not None:
            configuration.flex_match_mode = mode
            if mode == STANDALONE and queue_arns is None:
                # A STANDALONE configuration has no queue: switching to it drops the queue.
                configuration.queue_arn = None
        if queue_arns is not None:
            configuration.queue_arn = self._queue_arn(configuration, queue_arns)
        if configuration.flex_match_mode == STANDALONE:
            if configuration.queue_arn is not None:
                raise invalid_request(
                    "GameSessionQueueArns cannot be set when FlexMatchMode is STANDALONE."
                )
            if configuration.backfill_mode == AUTOMATIC:
                raise invalid_request(
                    "BackfillMode AUTOMATIC is not available when FlexMatchMode is STANDALONE."
                )
        elif configuration.queue_arn is None:
            raise invalid_request(
                "GameSessionQueueArns must name a game session queue when FlexMatchMode is "
                "WITH_QUEUE."
            )

    def _queue_arn(
        self, configuration: MatchmakingConfiguration, queue_arns: list[str]
    ) -> Optional[str]:
        if len(queue_arns) > 1:
            raise invalid_request(
                "A matchmaking configuration supports only one queue; GameSessionQueueArns "
                f"lists {len(queue_arns)}."
            )
        if not queue_arns:
            return None
        queue_arn = queue_arns[0]
        queue_region, _name = arns.queue_name(queue_arn)
        if not queue_region:
            raise invalid_request(f"'{queue_arn}' is not a game session queue ARN.")
        if self._queue_by_ref(configuration.account, queue_region, queue_arn) is None:
            raise not_found(f"Game session queue '{queue_arn}' does not exist.")
        return queue_arn


class _Named(Protocol):
    @property
    def arn(self) -> str: ...


_Found = TypeVar("_Found", bound=_Named)


def _by_name_or_arn(table: Mapping[str, _Found], kind: str, name_or_arn: str) -> Optional[_Found]:
    """The resource of ``kind`` in ``table`` (by name) that ``name_or_arn`` names: an ARN must be
    that resource's own, so another account's or Region's ARN finds nothing."""
    found = table.get(name_or_arn)
    if found is not None:
        return found  # by name, the usual case (no name holds an ARN's colons)
    arn_region, name = arns.resource_name(name_or_arn, kind)
    found = table.get(name)
    if found is not None and arn_region is not None and found.arn != name_or_arn:
        return None
    return found
