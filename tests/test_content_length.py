"""``ResponseMetadata.HTTPHeaders['content-length']``: the length of the JSON body the service
would have sent, as every real response carries."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import boto3
import botocore.parsers
import botocore.session
import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gl_placement_mock import PlacementMock, mock_placement
from gl_placement_mock.model.bodies import java_double, plain_text

T0 = datetime(2026, 3, 1, 12, 0, 0, 123000, tzinfo=timezone.utc)
_MODEL = botocore.session.get_session().get_service_model("gamelift")


def _length(response: dict[str, Any]) -> int:
    return int(response["ResponseMetadata"]["HTTPHeaders"]["content-length"])


def _parses_to(operation: str, body: str, response: dict[str, Any]) -> None:
    """The body, parsed by botocore's own JSON parser, is the response the client returned."""
    parser = botocore.parsers.create_parser("json")
    parsed = parser.parse(
        {"body": body.encode(), "headers": {}, "status_code": 200},
        _MODEL.operation_model(operation).output_shape,
    )
    parsed.pop("ResponseMetadata", None)
    expected = dict(response)
    expected.pop("ResponseMetadata")
    assert parsed == expected


@freeze_time(T0)
def test_content_length_is_the_length_of_the_service_s_json_body(
    gamelift: Any, mock: PlacementMock
) -> None:
    mock.hold_placements()
    gamelift.create_game_session_queue(Name="q")
    gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=4
    )
    response = gamelift.describe_game_session_placement(PlacementId="p-1")
    body = (
        '{"GameSessionPlacement":{"PlacementId":"p-1","GameSessionQueueName":"q",'
        '"Status":"PENDING","GameProperties":[],"MaximumPlayerSessionCount":4,'
        '"PlayerLatencies":[],"StartTime":1.772366400123E9}}'
    )
    _parses_to("DescribeGameSessionPlacement", body, response)
    assert _length(response) == len(body)


@freeze_time(datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc))
def test_whole_second_timestamps_are_written_short(gamelift: Any, mock: PlacementMock) -> None:
    mock.hold_placements()
    gamelift.create_game_session_queue(Name="q")
    response = gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=4
    )
    body = (
        '{"GameSessionPlacement":{"PlacementId":"p-1","GameSessionQueueName":"q",'
        '"Status":"PENDING","GameProperties":[],"MaximumPlayerSessionCount":4,'
        '"PlayerLatencies":[],"StartTime":1.7723664E9}}'
    )
    _parses_to("StartGameSessionPlacement", body, response)
    assert _length(response) == len(body)


def test_an_empty_result_is_an_empty_object(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="q")
    assert _length(gamelift.delete_game_session_queue(Name="q")) == len("{}")


def test_non_ascii_text_counts_in_utf8_bytes(gamelift: Any, mock: PlacementMock) -> None:
    queue = gamelift.create_game_session_queue(Name="q")["GameSessionQueue"]
    arn = queue["GameSessionQueueArn"]
    gamelift.tag_resource(ResourceARN=arn, Tags=[{"Key": "städte", "Value": "東京"}])
    response = gamelift.list_tags_for_resource(ResourceARN=arn)
    body = '{"Tags":[{"Key":"städte","Value":"東京"}]}'
    _parses_to("ListTagsForResource", body, response)
    assert _length(response) == len(body.encode("utf-8")) == len(body) + 1 + 4


def test_an_error_s_body_carries_its_type_and_message(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(ClientError) as info:
        gamelift.describe_game_session_placement(PlacementId="missing")
    body = json.dumps(
        {
            "__type": "NotFoundException",
            "message": "Game session placement 'missing' does not exist.",
        },
        separators=(",", ":"),
    )
    assert _length(info.value.response) == len(body)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1772366400.123, "1.772366400123E9"),
        (1772366400.1, "1.7723664001E9"),
        (1772366400.0, "1.7723664E9"),
        (1000000000.0, "1.0E9"),
        (12.5, "12.5"),
    ],
)
def test_timestamps_are_written_as_java_doubles(value: float, text: str) -> None:
    assert java_double(value) == text


def _service_body(response: dict[str, Any]) -> bytes:
    """The body the service would send for ``response``: compact JSON, UTF-8, timestamps as
    epoch seconds written as Java doubles."""
    stamps: list[str] = []

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if k != "ResponseMetadata"}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, datetime):
            stamps.append(java_double(round(value.timestamp() * 1000) / 1000))
            return f"\x00stamp{len(stamps) - 1}\x00"
        return value

    text = json.dumps(plain(response), separators=(",", ":"), ensure_ascii=False)
    for index, stamp in enumerate(stamps):
        text = text.replace(f'"\\u0000stamp{index}\\u0000"', stamp)
    return text.encode()


def test_a_placement_s_length_follows_it_through_every_status(
    gamelift: Any, mock: PlacementMock
) -> None:
    """Start, Describe and Stop answers keep their content-length exact as the placement moves
    (the length of what does not change is counted once), with every optional member set,
    escapes and non-ASCII text included."""
    with freeze_time(T0) as frozen:
        _follow_placements(gamelift, mock, frozen)


def _follow_placements(gamelift: Any, mock: PlacementMock, frozen: Any) -> None:
    fleet = mock.add_fleet("us-west-2")
    gamelift.create_game_session_queue(Name="held", TimeoutInSeconds=30)
    gamelift.create_game_session_queue(Name="empty", TimeoutInSeconds=5)
    gamelift.create_game_session_queue(Name="placing", Destinations=[{"DestinationArn": fleet.arn}])
    mock.hold_placements(queue="held")
    extras = {
        "GameSessionName": 'Städte "quoted" \\ tab\t',
        "GameProperties": [{"Key": "mode", "Value": "東京"}],
        "PlayerLatencies": [
            {"PlayerId": "ann", "RegionIdentifier": "us-west-2", "LatencyInMilliseconds": 20}
        ],
        "DesiredPlayerSessions": [{"PlayerId": "ann", "PlayerData": "d"}],
        "GameSessionData": '{"json": true}',
    }
    answers = []
    for placement_id, queue in [("p-stop", "held"), ("p-time", "empty"), ("p-ok", "placing")]:
        answers.append(
            gamelift.start_game_session_placement(
                PlacementId=placement_id,
                GameSessionQueueName=queue,
                MaximumPlayerSessionCount=4,
                **extras,
            )
        )
        answers.append(gamelift.describe_game_session_placement(PlacementId=placement_id))
    answers.append(gamelift.stop_game_session_placement(PlacementId="p-stop"))
    frozen.tick(6)
    for placement_id in ("p-stop", "p-time", "p-ok"):
        answers.append(gamelift.describe_game_session_placement(PlacementId=placement_id))
    statuses = [a["GameSessionPlacement"]["Status"] for a in answers]
    assert statuses[-3:] == ["CANCELLED", "TIMED_OUT", "FULFILLED"]
    assert {"PENDING", "CANCELLED", "TIMED_OUT", "FULFILLED"} <= set(statuses)
    for answer in answers:
        assert _length(answer) == len(_service_body(answer)), answer["GameSessionPlacement"]


_PLAIN = st.text(alphabet="abcXYZ019-_. ", min_size=1, max_size=12)
# Mostly text JSON writes as it is (the answer is then counted member by member), else quotes,
# backslashes, control and non-ASCII characters.
_TEXT = st.one_of(_PLAIN, _PLAIN, _PLAIN, _PLAIN, st.text(min_size=1, max_size=8))
_ATTRIBUTE = st.one_of(
    st.builds(lambda text: {"S": text}, _TEXT),
    st.builds(lambda number: {"N": number}, st.integers(-(10**6), 10**6)),
    st.builds(
        lambda number: {"N": number},
        st.one_of(
            st.integers(-(10**6), 10**6),
            st.floats(allow_nan=False, allow_infinity=False, width=64),
        ),
    ),
    st.builds(lambda items: {"SL": items}, st.lists(_TEXT, min_size=1, max_size=3)),
    st.builds(
        lambda mapping: {"SDM": mapping},
        st.dictionaries(_TEXT, st.floats(-1e6, 1e6), min_size=1, max_size=2),
    ),
)
_PLAYER = st.fixed_dictionaries(
    {"PlayerId": _TEXT},
    optional={
        "PlayerAttributes": st.dictionaries(_TEXT, _ATTRIBUTE, min_size=1, max_size=3),
        "LatencyInMs": st.dictionaries(
            st.sampled_from(["us-west-2", "eu-central-1", "ap-northeast-1"]),
            st.integers(1, 10**6),
            min_size=1,
        ),
        "Team": _TEXT,
    },
)
_RULE_SET = json.dumps(
    {"ruleLanguageVersion": "1.0", "teams": [{"name": "red", "minPlayers": 20, "maxPlayers": 20}]}
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(
    players=[
        {
            "PlayerId": "ann",
            "PlayerAttributes": {"skill": {"N": 1000}, "mode": {"S": "ctf"}},
            "LatencyInMs": {"us-west-2": 20, "eu-central-1": 115},
        },
        {"PlayerId": "bob", "PlayerAttributes": {"skill": {"N": -0.5}}},
    ],
    ticket_id="t-1",
)
@given(
    players=st.lists(_PLAYER, min_size=1, max_size=4, unique_by=lambda p: p["PlayerId"]),
    ticket_id=st.one_of(st.none(), st.text(alphabet="abc-.", min_size=1, max_size=10)),
)
def test_a_new_ticket_s_length_is_its_body_s(
    gamelift: Any, players: list[dict[str, Any]], ticket_id: Any
) -> None:
    """StartMatchmaking counts its answer member by member (every text written as it is, every
    attribute one S or N) or writes it out: either way, the length of the service's body."""
    with mock_placement():
        gamelift.create_matchmaking_rule_set(Name="big", RuleSetBody=_RULE_SET)
        gamelift.create_matchmaking_configuration(
            Name="big",
            RuleSetName="big",
            RequestTimeoutSeconds=60,
            AcceptanceRequired=False,
            FlexMatchMode="STANDALONE",
        )
        extra = {} if ticket_id is None else {"TicketId": ticket_id}
        answer = gamelift.start_matchmaking(ConfigurationName="big", Players=players, **extra)
    assert _length(answer) == len(_service_body(answer))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(moment=datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc), placement_id="p-1", players=9)
@example(
    moment=datetime(2001, 9, 9, 1, 46, 39, 999000, tzinfo=timezone.utc),
    placement_id="p",
    players=10,
)
@example(
    moment=datetime(2001, 9, 9, 1, 46, 40, 10000, tzinfo=timezone.utc), placement_id="p", players=99
)
@example(
    moment=datetime(2286, 11, 20, 17, 46, 40, 100000, tzinfo=timezone.utc),
    placement_id="p",
    players=100,
)
@given(
    moment=st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2300, 1, 1),
        timezones=st.just(timezone.utc),
    ).map(lambda moment: moment.replace(microsecond=moment.microsecond // 1000 * 1000)),
    placement_id=st.from_regex(r"[a-zA-Z0-9-]{1,48}", fullmatch=True),
    players=st.one_of(st.integers(0, 120), st.integers(0, 2**31 - 1)),
)
def test_a_placement_s_length_is_its_body_s_at_any_moment(
    moment: datetime, placement_id: str, players: int
) -> None:
    """Start, Describe and Stop count a PENDING or CANCELLED placement's timestamps without
    writing them: whole seconds, milliseconds with trailing zeros, and seconds of other than
    ten digits included."""
    with freeze_time(moment), mock_placement():
        gamelift = boto3.client("gamelift", region_name="us-west-2")
        gamelift.create_game_session_queue(Name="q")
        answers = [
            gamelift.start_game_session_placement(
                PlacementId=placement_id,
                GameSessionQueueName="q",
                MaximumPlayerSessionCount=players,
            ),
            gamelift.describe_game_session_placement(PlacementId=placement_id),
            gamelift.stop_game_session_placement(PlacementId=placement_id),
            gamelift.describe_game_session_placement(PlacementId=placement_id),
        ]
    for answer in answers:
        assert _length(answer) == len(_service_body(answer)), answer["GameSessionPlacement"]


@settings(max_examples=300, deadline=None)
@example(text='id-"quoted"')
@example(text="back\\slash")
@example(text="tab\there")
@example(text="Städte")
@given(text=st.one_of(st.text(alphabet='aZ09-. "\\\t\x7fé', max_size=8), st.text(max_size=8)))
def test_text_counted_as_plain_is_written_as_it_is(text: str) -> None:
    """Only text JSON writes unchanged, between quotes, one byte per character, is counted
    without being written (ids and names of letters, digits and '-' are, quickly)."""
    if plain_text(text):
        assert json.dumps(text, ensure_ascii=False).encode() == f'"{text}"'.encode("ascii")


@pytest.mark.parametrize("text", ["p-1", "0f5b2c1e-8a9d-4c3b", "Queue-Name", "a b.c", ""])
def test_ids_names_and_printable_ascii_are_plain(text: str) -> None:
    assert plain_text(text)
