"""Queue destinations by ARN at their edges: an alias ARN that no declared alias has stands in
for a fleet of unlimited capacity (one fleet per alias ARN, the same for every placement), and
an ARN that is neither a fleet nor an alias ARN is refused with InvalidRequestException."""

from __future__ import annotations

from typing import Any

import pytest

from gl_placement_mock import PlacementMock

from .conftest import ACCOUNT, REGION

ALIAS_ARN = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:alias/alias-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"


def _place(gamelift: Any, mock: PlacementMock, placement_id: str) -> dict[str, Any]:
    gamelift.start_game_session_placement(
        PlacementId=placement_id, GameSessionQueueName="q", MaximumPlayerSessionCount=2
    )
    mock.advance()
    placement: dict[str, Any] = gamelift.describe_game_session_placement(PlacementId=placement_id)[
        "GameSessionPlacement"
    ]
    return placement


def test_an_undeclared_alias_destination_places_on_one_stand_in_fleet(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": ALIAS_ARN}])

    first = _place(gamelift, mock, "p1")
    second = _place(gamelift, mock, "p2")

    assert first["Status"] == second["Status"] == "FULFILLED"
    fleet_of = [p["GameSessionArn"].rsplit("/", 2)[1] for p in (first, second)]
    assert fleet_of[0] == fleet_of[1]
    assert fleet_of[0].startswith("fleet-")
    assert first["GameSessionArn"].startswith(f"arn:aws:gamelift:{REGION}::gamesession/fleet-")


@pytest.mark.parametrize(
    "arn",
    [
        f"arn:aws:gamelift:{REGION}:{ACCOUNT}:fleet/fleet-1/extra",
        f"arn:aws:gamelift:{REGION}:{ACCOUNT}:fleet/",
        f"arn:aws:gamelift:{REGION}:{ACCOUNT}:alias/not-an-alias-id",
        f"arn:aws:gamelift:{REGION}:{ACCOUNT}:gamesessionqueue/q",
    ],
)
def test_a_destination_that_is_not_a_fleet_or_alias_arn_is_refused(
    arn: str, gamelift: Any, mock: PlacementMock
) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as raised:
        gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": arn}])

    assert raised.value.response["Error"]["Message"] == (
        f"Destination '{arn}' is not a GameLift fleet or alias ARN."
    )
    assert gamelift.describe_game_session_queues()["GameSessionQueues"] == []
