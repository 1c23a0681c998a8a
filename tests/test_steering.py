"""The handle's steering wheel: what callbacks raised, listed while the mock runs."""

from __future__ import annotations

from typing import Any

import pytest

from gl_placement_mock import mock_placement

from .conftest import REGION


def test_callback_errors_are_listed_while_the_mock_runs(gamelift: Any) -> None:
    def broken(event: dict[str, Any]) -> None:
        raise LookupError("kept")

    mock = mock_placement().start()
    try:
        assert mock.callback_errors == []
        fleet = mock.add_fleet(REGION, capacity=1)
        gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
        mock.subscribe(broken)
        gamelift.start_game_session_placement(
            PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=1
        )
        assert [type(error) for error in mock.callback_errors] == [LookupError]
    finally:
        with pytest.raises(LookupError, match="kept"):
            mock.stop()
