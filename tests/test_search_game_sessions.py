"""SearchGameSessions: the ACTIVE game sessions of one fleet (or alias), optionally in one
location, filtered by the documented FilterExpression, ordered by the SortExpression, at most 20
per page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

import boto3
import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gl_placement_mock import PlacementMock, SimulatedFleet

from .reliability.helpers import backend_of

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
T0_MS = int(T0.timestamp() * 1000)
ALL = ["alpha", "bravo", "charlie", "delta"]


def _place(
    gamelift: Any,
    placement_id: str,
    max_players: int,
    players: int,
    properties: dict[str, str],
    name: Optional[str] = None,
    location: Optional[str] = None,
) -> str:
    request: dict[str, Any] = {
        "PlacementId": placement_id,
        "GameSessionQueueName": "q",
        "MaximumPlayerSessionCount": max_players,
        "GameProperties": [{"Key": k, "Value": v} for k, v in properties.items()],
        "DesiredPlayerSessions": [{"PlayerId": f"{placement_id}-{n}"} for n in range(players)],
    }
    if name is not None:
        request["GameSessionName"] = name
    if location is not None:
        request["PriorityConfigurationOverride"] = {
            "LocationOrder": [location],
            "PlacementFallbackStrategy": "NONE",
        }
    gamelift.start_game_session_placement(**request)
    placement = gamelift.describe_game_session_placement(PlacementId=placement_id)
    assert placement["GameSessionPlacement"]["Status"] == "FULFILLED"
    session_id: str = placement["GameSessionPlacement"]["GameSessionId"]
    return session_id


class World:
    """Five game sessions on one fleet, created a second apart from T0; ``echo`` is
    terminated. The clock stands at T0 + 10 s afterwards (no reserved seat has timed out)."""

    def __init__(self, gamelift: Any, mock: PlacementMock, clock: Any) -> None:
        self.fleet = mock.add_fleet("us-west-2", locations={"eu-west-1": None})
        self.other = mock.add_fleet("us-west-2")
        gamelift.create_game_session_queue(
            Name="q",
            Destinations=[{"DestinationArn": self.fleet.arn}],
            PriorityConfiguration={"PriorityOrder": ["LOCATION"], "LocationOrder": ["us-west-2"]},
        )
        gamelift.create_game_session_queue(
            Name="other", Destinations=[{"DestinationArn": self.other.arn}]
        )
        self.ids: dict[str, str] = {}
        sessions: list[tuple[str, int, int, dict[str, str], Optional[str], Optional[str]]] = [
            (
                "alpha",
                10,
                2,
                {"mode": "brawl", "difficulty": "novice"},
                "Matt's Awesome Game 1",
                None,
            ),
            ("bravo", 4, 4, {"mode": "duel"}, "bravo", None),
            ("charlie", 12, 0, {"mode": "brawl", "level": "10", "a.b": "x"}, None, None),
            ("delta", 2, 1, {}, "delta", "eu-west-1"),
            ("echo", 10, 0, {"mode": "brawl"}, "echo", None),
        ]
        for n, (key, max_players, players, properties, name, location) in enumerate(sessions):
            clock.move_to(T0 + timedelta(seconds=n))
            self.ids[key] = _place(gamelift, key, max_players, players, properties, name, location)
        gamelift.start_game_session_placement(
            PlacementId="elsewhere", GameSessionQueueName="other", MaximumPlayerSessionCount=4
        )
        mock.terminate_game_session(self.ids["echo"])
        clock.move_to(T0 + timedelta(seconds=10))
        self.keys = {session_id: key for key, session_id in self.ids.items()}

    def names(self, response: dict[str, Any]) -> list[str]:
        return [self.keys[s["GameSessionId"]] for s in response["GameSessions"]]


@pytest.fixture
def world(gamelift: Any, mock: PlacementMock) -> Iterator[World]:
    with freeze_time(T0) as clock:
        yield World(gamelift, mock, clock)


def _error(call: Any, **params: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        call(**params)
    error = caught.value.response["Error"]
    return error["Code"], error["Message"]


# (FilterExpression, the sessions it finds, in creation order)
VALID_FILTERS = [
    # The API reference's own examples.
    pytest.param("gameSessionName = 'Matt\\'s Awesome Game 1'", ["alpha"], id="doc-escaped-quote"),
    pytest.param(
        "maximumSessions>=10 AND hasAvailablePlayerSessions=true",
        ["alpha", "charlie"],
        id="doc-at-least-ten-with-a-free-slot",
    ),
    pytest.param(
        "playerSessionCount >= 1 AND hasAvailablePlayerSessions = true AND NOT "
        "gameSessionName = 'delta'",
        ["alpha"],
        id="doc-x-AND-y-AND-NOT-z",
    ),
    pytest.param(
        "NOT (gameSessionName = 'bravo' OR playerSessionCount = 0)",
        ["alpha", "delta"],
        id="doc-NOT-(x-OR-y)",
    ),
    # Each operand and comparator.
    pytest.param("gameSessionId = '{alpha}'", ["alpha"], id="id-equal"),
    pytest.param("gameSessionId <> '{alpha}'", ["bravo", "charlie", "delta"], id="id-not-equal"),
    pytest.param("gameSessionName <> 'bravo'", ["alpha", "charlie", "delta"], id="name-unnamed"),
    pytest.param("gameSessionName = 'Bravo'", [], id="name-case-sensitive"),
    pytest.param("gameSessionProperties.mode = 'brawl'", ["alpha", "charlie"], id="property"),
    pytest.param(
        "gameSessionProperties.mode <> 'brawl'", ["bravo", "delta"], id="property-not-equal"
    ),
    pytest.param("gameSessionProperties.level = '10'", ["charlie"], id="property-as-string"),
    pytest.param("gameSessionProperties.Mode = 'brawl'", [], id="property-key-case-sensitive"),
    pytest.param("gameSessionProperties.mode = 'Brawl'", [], id="property-value-case-sensitive"),
    pytest.param("gameSessionProperties.a.b = 'x'", [], id="property-key-with-period"),
    pytest.param("maximumSessions = 4", ["bravo"], id="max-equal"),
    pytest.param("maximumSessions <> 4", ["alpha", "charlie", "delta"], id="max-not-equal"),
    pytest.param("maximumSessions < 4", ["delta"], id="max-less"),
    pytest.param("maximumSessions > 4", ["alpha", "charlie"], id="max-greater"),
    pytest.param("maximumSessions <= 4", ["bravo", "delta"], id="max-at-most"),
    pytest.param("maximumSessions = 10.0", ["alpha"], id="max-decimal"),
    pytest.param(f"creationTimeMillis < {T0_MS + 1000}", ["alpha"], id="created-before"),
    pytest.param(
        f"creationTimeMillis >= {T0_MS + 1000}", ["bravo", "charlie", "delta"], id="created-since"
    ),
    pytest.param("creationTimeMillis > -1", ALL, id="negative-number"),
    pytest.param("playerSessionCount = 0", ["charlie"], id="players-none"),
    pytest.param("playerSessionCount > 1", ["alpha", "bravo"], id="players-more-than-one"),
    pytest.param("hasAvailablePlayerSessions=true", ["alpha", "charlie", "delta"], id="available"),
    pytest.param("hasAvailablePlayerSessions = false", ["bravo"], id="full"),
    pytest.param("hasAvailablePlayerSessions <> true", ["bravo"], id="not-available"),
    pytest.param("hasAvailablePlayerSessions= true", ["alpha", "charlie", "delta"], id="spacing"),
    pytest.param("  maximumSessions\t=\n4  ", ["bravo"], id="whitespace"),
    # Precedence: comparators, parentheses, NOT, AND, OR.
    pytest.param(
        "gameSessionName = 'delta' OR gameSessionName = 'bravo' AND maximumSessions > 4",
        ["delta"],
        id="AND-binds-tighter-than-OR",
    ),
    pytest.param(
        "(gameSessionName = 'delta' OR gameSessionName = 'bravo') AND maximumSessions > 2",
        ["bravo"],
        id="parentheses-first",
    ),
    pytest.param(
        "NOT gameSessionName = 'bravo' AND maximumSessions > 4",
        ["alpha", "charlie"],
        id="NOT-binds-tighter-than-AND",
    ),
    pytest.param("NOT NOT gameSessionName = 'bravo'", ["bravo"], id="NOT-NOT"),
    pytest.param(
        "(" * 32 + "maximumSessions = 4" + ")" * 32, ["bravo"], id="32-levels-of-parentheses"
    ),
]


@pytest.mark.parametrize(("expression", "expected"), VALID_FILTERS)
def test_filter_expression_finds(
    gamelift: Any, world: World, expression: str, expected: list[str]
) -> None:
    response = gamelift.search_game_sessions(
        FleetId=world.fleet.fleet_id, FilterExpression=expression.format(**world.ids)
    )
    assert world.names(response) == expected


def test_without_a_filter_every_active_session_of_the_fleet_in_creation_order(
    gamelift: Any, world: World
) -> None:
    response = gamelift.search_game_sessions(FleetId=world.fleet.fleet_id)
    assert world.names(response) == ALL
    assert "NextToken" not in response


_OPERANDS = (
    "gameSessionId, gameSessionName, gameSessionProperties, maximumSessions, creationTimeMillis, "
    "playerSessionCount, hasAvailablePlayerSessions"
)
INVALID_FILTERS = [
    pytest.param(
        # The reference's game property example is written with double quotes, but its rule
        # for values says single quotes.
        'gameSessionProperties.difficulty = "novice"',
        "at character 36: string values must be enclosed in single quotes",
        id="doc-double-quotes",
    ),
    pytest.param(
        "gamesessionname = 'x'",
        "at character 1: unknown operand 'gamesessionname' (operand names are case-sensitive: "
        f"'gameSessionName'); operands are {_OPERANDS}",
        id="operand-case",
    ),
    pytest.param(
        "players = 1",
        f"at character 1: unknown operand 'players'; operands are {_OPERANDS}",
        id="unknown-operand",
    ),
    pytest.param(
        "maximumSessions >= 10 and hasAvailablePlayerSessions = true",
        "at character 23: expected AND, OR or the end of the expression, found 'and' "
        "(AND, OR and NOT are written in upper case)",
        id="lower-case-and",
    ),
    pytest.param(
        "not maximumSessions = 4",
        "at character 1: unknown operand 'not' (AND, OR and NOT are written in upper case); "
        f"operands are {_OPERANDS}",
        id="lower-case-not",
    ),
    pytest.param(
        "maximumSessions",
        "at character 16: expected a comparator (=, <>, <, >, <=, >=) after 'maximumSessions', "
        "found the end of the expression",
        id="no-comparator",
    ),
    pytest.param(
        "maximumSessions = 'ten'",
        "at character 19: 'maximumSessions' takes a number, found a string",
        id="number-operand-string-value",
    ),
    pytest.param(
        "gameSessionName = bravo",
        "at character 19: 'gameSessionName' takes a string in single quotes, found 'bravo'",
        id="unquoted-string",
    ),
    pytest.param(
        "gameSessionName > 'a'",
        "at character 17: 'gameSessionName' takes a string in single quotes, which can only be "
        "compared with = or <>",
        id="string-ordered",
    ),
    pytest.param(
        "hasAvailablePlayerSessions = 1",
        "at character 30: 'hasAvailablePlayerSessions' takes true or false, found '1'",
        id="boolean-number",
    ),
    pytest.param(
        "hasAvailablePlayerSessions = TRUE",
        "at character 30: 'hasAvailablePlayerSessions' takes true or false, found 'TRUE'",
        id="boolean-upper-case",
    ),
    pytest.param(
        "hasAvailablePlayerSessions < true",
        "at character 28: 'hasAvailablePlayerSessions' takes true or false, which can only be "
        "compared with = or <>",
        id="boolean-ordered",
    ),
    pytest.param(
        "gameSessionProperties.level > '5'",
        "at character 29: 'gameSessionProperties.level' takes a string in single quotes, which "
        "can only be compared with = or <>",
        id="property-ordered",
    ),
    pytest.param(
        "gameSessionProperties.level = 5",
        "at character 31: 'gameSessionProperties.level' takes a string in single quotes, "
        "found an unquoted value",
        id="property-number",
    ),
    pytest.param(
        "gameSessionProperties = 'x'",
        "at character 1: 'gameSessionProperties' needs a property key, as in "
        "'gameSessionProperties.gameMode'",
        id="property-without-key",
    ),
    pytest.param(
        "gameSessionProperties. = 'x'",
        "at character 23: 'gameSessionProperties.' must be followed by a property key",
        id="property-empty-key",
    ),
    pytest.param(
        "maximumSessions != 4",
        "at character 17: unknown comparator '!'; use '<>' for not equal",
        id="bang-equal",
    ),
    pytest.param(
        "maximumSessions == 4",
        "at character 18: 'maximumSessions' takes a number, found '='",
        id="double-equal",
    ),
    pytest.param(
        "(maximumSessions = 4",
        "at character 21: expected AND, OR or ')' to close the '(' at character 1, "
        "found the end of the expression",
        id="unclosed-parenthesis",
    ),
    pytest.param(
        "maximumSessions = 4)",
        "at character 20: expected AND, OR or the end of the expression; this ')' closes "
        "nothing, found ')'",
        id="extra-parenthesis",
    ),
    pytest.param(
        "gameSessionName = 'open",
        "at character 19: the string that starts here has no closing single quote",
        id="unterminated-string",
    ),
    pytest.param(
        "gameSessionName = 'ends in backslash\\",
        "at character 19: the string that starts here has no closing single quote",
        id="string-ends-in-backslash",
    ),
    pytest.param("   ", "at character 1: the expression is empty", id="blank"),
    pytest.param(
        "maximumSessions = 4 AND",
        "at character 24: expected a condition (an operand such as 'gameSessionName'), "
        "found the end of the expression",
        id="dangling-AND",
    ),
    pytest.param(
        "NOT",
        "at character 4: expected a condition (an operand such as 'gameSessionName'), "
        "found the end of the expression",
        id="bare-NOT",
    ),
    pytest.param(
        "gameSessionName = 'a' AND ()",
        "at character 28: expected a condition (an operand such as 'gameSessionName'), found ')'",
        id="empty-parentheses",
    ),
    pytest.param(
        "maximumSessions = 4 maximumSessions = 5",
        "at character 21: expected AND, OR or the end of the expression, found 'maximumSessions'",
        id="missing-connective",
    ),
    pytest.param(
        "4 = maximumSessions",
        "at character 1: expected a condition (an operand such as 'gameSessionName'), found '4'",
        id="value-first",
    ),
    pytest.param(
        "maximumSessions = 4 # note",
        "at character 21: unexpected character '#'",
        id="unexpected-character",
    ),
    pytest.param(
        "(" * 33 + "maximumSessions = 4" + ")" * 33,
        "at character 33: parentheses nest more than 32 deep",
        id="33-levels-of-parentheses",
    ),
]


@pytest.mark.parametrize(("expression", "message"), INVALID_FILTERS)
def test_malformed_filter_expression_is_refused(
    gamelift: Any, world: World, expression: str, message: str
) -> None:
    assert _error(
        gamelift.search_game_sessions, FleetId=world.fleet.fleet_id, FilterExpression=expression
    ) == ("InvalidRequestException", f"Invalid FilterExpression {message}.")


@pytest.mark.parametrize(
    "expression",
    [
        "maximumSessions = 'secret-value'",
        "gameSessionProperties.mode = secret_value",
        "gameSessionProperties.mode = 'secret-value",
        "gameSessionProperties.mode > 'secret-value'",
    ],
)
def test_values_are_never_echoed_in_errors(gamelift: Any, world: World, expression: str) -> None:
    """Game property values are sensitive in the service model: a message names a value's
    position, never its text, also when it was left unquoted."""
    code, message = _error(
        gamelift.search_game_sessions, FleetId=world.fleet.fleet_id, FilterExpression=expression
    )
    assert code == "InvalidRequestException"
    assert "secret" not in message


SORTS = [
    pytest.param("creationTimeMillis ASC", ["alpha", "bravo", "charlie", "delta"], id="doc-oldest"),
    pytest.param("creationTimeMillis DESC", ["delta", "charlie", "bravo", "alpha"], id="newest"),
    pytest.param(
        "gameSessionName ASC", ["alpha", "bravo", "delta", "charlie"], id="name-unnamed-last"
    ),
    pytest.param(
        "gameSessionName DESC", ["delta", "bravo", "alpha", "charlie"], id="name-desc-unnamed-last"
    ),
    pytest.param(
        "gameSessionProperties.mode ASC",
        ["alpha", "charlie", "bravo", "delta"],
        id="property-missing-last-ties-in-creation-order",
    ),
    pytest.param(
        "gameSessionProperties.mode DESC",
        ["bravo", "alpha", "charlie", "delta"],
        id="property-desc-missing-last",
    ),
    pytest.param("maximumSessions DESC", ["charlie", "alpha", "bravo", "delta"], id="max"),
    pytest.param("playerSessionCount ASC", ["charlie", "delta", "alpha", "bravo"], id="players"),
    pytest.param(
        "hasAvailablePlayerSessions ASC", ["bravo", "alpha", "charlie", "delta"], id="available"
    ),
    pytest.param("gameSessionId DESC", ["delta", "charlie", "bravo", "alpha"], id="id"),
]


@pytest.mark.parametrize(("expression", "expected"), SORTS)
def test_sort_expression_orders(
    gamelift: Any, world: World, expression: str, expected: list[str]
) -> None:
    response = gamelift.search_game_sessions(
        FleetId=world.fleet.fleet_id, SortExpression=expression
    )
    assert world.names(response) == expected


INVALID_SORTS = [
    pytest.param(
        "creationTimeMillis",
        "at character 19: expected ASC or DESC after 'creationTimeMillis', "
        "found the end of the expression",
        id="no-order",
    ),
    pytest.param(
        "creationTimeMillis asc",
        "at character 20: expected ASC or DESC after 'creationTimeMillis', found 'asc'",
        id="lower-case-order",
    ),
    pytest.param(
        "creationTimeMillis ASC, gameSessionName DESC",
        "at character 23: unexpected character ','",
        id="two-keys-comma",
    ),
    pytest.param(
        "creationTimeMillis ASC gameSessionName DESC",
        "at character 24: a sort expression is one operand and ASC or DESC; found "
        "'gameSessionName' after it",
        id="two-keys",
    ),
    pytest.param(
        "gameSessionProperties ASC",
        "at character 1: 'gameSessionProperties' needs a property key, as in "
        "'gameSessionProperties.gameMode'",
        id="property-without-key",
    ),
    pytest.param(
        "ASC",
        f"at character 1: unknown operand 'ASC'; operands are {_OPERANDS}",
        id="order-only",
    ),
    pytest.param(
        "'creationTimeMillis' ASC",
        "at character 1: expected an operand to sort by (an operand such as "
        "'gameSessionName'), found a string",
        id="quoted-operand",
    ),
]


@pytest.mark.parametrize(("expression", "message"), INVALID_SORTS)
def test_malformed_sort_expression_is_refused(
    gamelift: Any, world: World, expression: str, message: str
) -> None:
    assert _error(
        gamelift.search_game_sessions, FleetId=world.fleet.fleet_id, SortExpression=expression
    ) == ("InvalidRequestException", f"Invalid SortExpression {message}.")


def test_filter_and_sort_together(gamelift: Any, world: World) -> None:
    """The Unity plugin's search: joinable sessions, oldest first."""
    response = gamelift.search_game_sessions(
        FleetId=world.fleet.fleet_id,
        FilterExpression="hasAvailablePlayerSessions=true",
        SortExpression="creationTimeMillis DESC",
        Limit=1,
    )
    assert world.names(response) == ["delta"]
    assert "NextToken" in response


def test_results_are_the_game_sessions_as_described(gamelift: Any, world: World) -> None:
    searched = gamelift.search_game_sessions(FleetId=world.fleet.fleet_id)["GameSessions"]
    described = gamelift.describe_game_sessions(
        FleetId=world.fleet.fleet_id, StatusFilter="ACTIVE"
    )["GameSessions"]
    assert searched == described


def test_documented_only_active_sessions_are_found(gamelift: Any, world: World) -> None:
    """A terminated game session is found by DescribeGameSessions, never by the search."""
    assert (
        world.names(
            gamelift.search_game_sessions(
                FleetId=world.fleet.fleet_id, FilterExpression="gameSessionName = 'echo'"
            )
        )
        == []
    )
    described = gamelift.describe_game_sessions(GameSessionId=world.ids["echo"])
    assert described["GameSessions"][0]["Status"] == "TERMINATED"


def test_player_counts_follow_reserved_seats_timing_out(gamelift: Any, mock: PlacementMock) -> None:
    """playerSessionCount counts RESERVED and ACTIVE seats; a seat nobody took is released
    after 60 seconds and the session has room again."""
    with freeze_time(T0) as clock:
        fleet = mock.add_fleet("us-west-2")
        gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
        _place(gamelift, "full", 2, 2, {})
        search = {"FleetId": fleet.fleet_id, "FilterExpression": "hasAvailablePlayerSessions=true"}
        assert gamelift.search_game_sessions(**search)["GameSessions"] == []
        clock.move_to(T0 + timedelta(seconds=60))
        found = gamelift.search_game_sessions(**search)["GameSessions"]
        assert [s["CurrentPlayerSessionCount"] for s in found] == [0]


def test_backslash_escapes_the_next_character(gamelift: Any, mock: PlacementMock) -> None:
    """A quote and a backslash inside a string value, each escaped with a backslash."""
    fleet = mock.add_fleet("us-west-2")
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    name = "C:\\games\\Matt's"
    _place(gamelift, "escaped", 4, 0, {}, name)
    _place(gamelift, "plain", 4, 0, {}, "C:gamesMatt's")
    found = gamelift.search_game_sessions(
        FleetId=fleet.fleet_id, FilterExpression="gameSessionName = 'C:\\\\games\\\\Matt\\'s'"
    )
    assert [s["Name"] for s in found["GameSessions"]] == [name]


def test_available_seats_ignore_the_player_session_creation_policy(
    gamelift: Any, mock: PlacementMock
) -> None:
    """hasAvailablePlayerSessions reports room below the maximum player count; a game session
    that accepts no new players (DENY_ALL) still has room."""
    fleet = mock.add_fleet("us-west-2")
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    session_id = _place(gamelift, "closed", 4, 1, {})
    backend = backend_of(mock)
    with backend.lock:
        session = backend.account(mock.account_id).region("us-west-2").game_sessions[session_id]
        session.player_session_creation_policy = "DENY_ALL"
    found = gamelift.search_game_sessions(
        FleetId=fleet.fleet_id, FilterExpression="hasAvailablePlayerSessions=true"
    )["GameSessions"]
    assert [(s["GameSessionId"], s["PlayerSessionCreationPolicy"]) for s in found] == [
        (session_id, "DENY_ALL")
    ]


def test_documented_search_by_alias(gamelift: Any, mock: PlacementMock, world: World) -> None:
    alias_arn = mock.add_alias(world.fleet)
    alias_id = alias_arn.rsplit("/", 1)[-1]
    for ref in (alias_arn, alias_id):
        assert world.names(gamelift.search_game_sessions(AliasId=ref)) == ALL


def test_documented_search_by_fleet_arn(gamelift: Any, world: World) -> None:
    assert world.names(gamelift.search_game_sessions(FleetId=world.fleet.arn)) == ALL


def test_documented_search_one_location(gamelift: Any, world: World) -> None:
    """A fleet's remote location, or its home Region."""
    fleet = world.fleet.fleet_id
    assert world.names(gamelift.search_game_sessions(FleetId=fleet, Location="eu-west-1")) == [
        "delta"
    ]
    assert world.names(gamelift.search_game_sessions(FleetId=fleet, Location="us-west-2")) == [
        "alpha",
        "bravo",
        "charlie",
    ]


def test_location_the_fleet_does_not_have_is_refused(gamelift: Any, world: World) -> None:
    assert _error(
        gamelift.search_game_sessions, FleetId=world.fleet.fleet_id, Location="ap-south-1"
    ) == (
        "InvalidRequestException",
        f"Fleet '{world.fleet.fleet_id}' has no location 'ap-south-1'.",
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        pytest.param({}, "Specify a FleetId or an AliasId to search.", id="neither"),
        pytest.param(
            {"Location": "us-west-2"},
            "Specify a FleetId or an AliasId: a Location is searched in a fleet.",
            id="location-alone",
        ),
        pytest.param(
            {"FleetId": "{fleet}", "AliasId": "alias-1"},
            "Specify either a FleetId or an AliasId, not both.",
            id="both",
        ),
    ],
)
def test_documented_one_fleet_or_alias(
    gamelift: Any, world: World, params: dict[str, str], message: str
) -> None:
    params = {k: v.format(fleet=world.fleet.fleet_id) for k, v in params.items()}
    assert _error(gamelift.search_game_sessions, **params) == ("InvalidRequestException", message)


def test_unknown_fleet_or_alias_is_not_found(gamelift: Any, world: World) -> None:
    fleet = "fleet-00000000-0000-4000-8000-000000000000"
    alias = "alias-00000000-0000-4000-8000-000000000000"
    assert _error(gamelift.search_game_sessions, FleetId=fleet) == (
        "NotFoundException",
        f"Fleet '{fleet}' does not exist.",
    )
    assert _error(gamelift.search_game_sessions, AliasId=alias) == (
        "NotFoundException",
        f"Alias '{alias}' does not exist.",
    )


def test_a_fleet_is_searched_from_its_home_region(gamelift: Any, world: World) -> None:
    """Its game sessions live there, remote locations included; another Region's client does
    not find the fleet."""
    elsewhere = boto3.client("gamelift", region_name="eu-west-1")
    assert _error(elsewhere.search_game_sessions, FleetId=world.fleet.fleet_id) == (
        "NotFoundException",
        f"Fleet '{world.fleet.fleet_id}' does not exist.",
    )


def test_other_fleets_sessions_are_not_searched(gamelift: Any, world: World) -> None:
    response = gamelift.search_game_sessions(FleetId=world.other.fleet_id)
    assert [s["GameSessionId"].rsplit("/", 1)[-1] for s in response["GameSessions"]] == [
        "elsewhere"
    ]


@pytest.fixture
def crowd(gamelift: Any, mock: PlacementMock) -> Iterator[SimulatedFleet]:
    """25 game sessions, one a second, the first with room for 1 player, the last for 25."""
    with freeze_time(T0) as clock:
        fleet = mock.add_fleet("us-west-2")
        gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
        for n in range(1, 26):
            clock.move_to(T0 + timedelta(seconds=n))
            _place(gamelift, f"s-{n:02}", n, 0, {})
        yield fleet


def _max_players(response: dict[str, Any]) -> list[int]:
    return [s["MaximumPlayerSessionCount"] for s in response["GameSessions"]]


@pytest.mark.parametrize("limit", [None, 20, 21, 1000])
def test_documented_at_most_20_results_whatever_the_limit(
    gamelift: Any, crowd: SimulatedFleet, limit: Optional[int]
) -> None:
    params: dict[str, Any] = {"FleetId": crowd.fleet_id}
    if limit is not None:
        params["Limit"] = limit
    first = gamelift.search_game_sessions(**params)
    assert _max_players(first) == list(range(1, 21))
    rest = gamelift.search_game_sessions(**params, NextToken=first["NextToken"])
    assert _max_players(rest) == list(range(21, 26))
    assert "NextToken" not in rest


def test_pages_keep_the_filter_and_the_order(gamelift: Any, crowd: SimulatedFleet) -> None:
    paginator = gamelift.get_paginator("search_game_sessions")
    pages = list(
        paginator.paginate(
            FleetId=crowd.fleet_id,
            FilterExpression="maximumSessions > 3",
            SortExpression="maximumSessions DESC",
            PaginationConfig={"PageSize": 7},
        )
    )
    assert [len(page["GameSessions"]) for page in pages] == [7, 7, 7, 1]
    assert [n for page in pages for n in _max_players(page)] == list(range(25, 3, -1))


def test_a_next_token_the_mock_never_issued_is_refused(
    gamelift: Any, crowd: SimulatedFleet
) -> None:
    """The same answer as every paged read gives for such a token."""
    expected = _error(gamelift.describe_game_sessions, FleetId=crowd.fleet_id, NextToken="bogus")
    assert expected[0] == "InvalidRequestException"
    assert (
        _error(gamelift.search_game_sessions, FleetId=crowd.fleet_id, NextToken="bogus") == expected
    )


# Words the grammar knows, and some it does not, for the fuzz below.
_VOCABULARY = [
    *_OPERANDS.split(", "),
    "gameSessionProperties.mode",
    "gameSessionProperties.",
    *("=", "<>", "<", ">", "<=", ">=", "!=", "=="),
    *("AND", "OR", "NOT", "and", "ASC", "DESC", "true", "false", "(", ")", "((", "))"),
    *("'brawl'", "'Matt\\'s'", "'open", '"x"', "'\\", "4", "-1", "10.5", "1e3", "\\"),
]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    filter_expression=st.one_of(
        st.text(min_size=1, max_size=200),
        st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=40).map(" ".join),
        st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=40).map("".join),
    ),
    sort_expression=st.one_of(
        st.none(),
        st.text(min_size=1, max_size=60),
        st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=4).map(" ".join),
    ),
)
def test_any_expression_is_answered_or_refused_as_invalid(
    gamelift: Any, world: World, filter_expression: str, sort_expression: Optional[str]
) -> None:
    params: dict[str, Any] = {"FleetId": world.fleet.fleet_id}
    params["FilterExpression"] = filter_expression[:1024]
    if sort_expression is not None:
        params["SortExpression"] = sort_expression
    try:
        response = gamelift.search_game_sessions(**params)
    except ClientError as error:
        assert error.response["Error"]["Code"] == "InvalidRequestException"
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    else:
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
        assert set(world.names(response)) <= set(ALL)


def test_longest_expression_the_model_allows_is_answered(gamelift: Any, world: World) -> None:
    """1024 characters (the model's maximum) of nested NOTs and ORs: no recursion limit."""
    expression = ("NOT " * 250 + "maximumSessions = 4")[:1024]
    chain = " OR ".join(["maximumSessions = 4"] * 43)
    response = gamelift.search_game_sessions(
        FleetId=world.fleet.fleet_id, FilterExpression=expression
    )
    assert world.names(response) == ["bravo"]
    assert world.names(
        gamelift.search_game_sessions(FleetId=world.fleet.fleet_id, FilterExpression=chain)
    ) == ["bravo"]
    assert len(expression) <= 1024 and len(chain) <= 1024
