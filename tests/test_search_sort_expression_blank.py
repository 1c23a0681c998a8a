"""A SortExpression of only blanks is refused like any malformed one: the client lets it through
(it is not empty), the service answers InvalidRequestException."""

from __future__ import annotations

from typing import Any

import pytest

from gl_placement_mock import PlacementMock

from .conftest import FLEET_ARN


@pytest.mark.parametrize("blank", [" ", "   ", "\t"])
def test_a_blank_sort_expression_is_refused(blank: str, gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as raised:
        gamelift.search_game_sessions(FleetId=FLEET_ARN.rsplit("/", 1)[1], SortExpression=blank)

    assert raised.value.response["Error"]["Message"] == (
        "Invalid SortExpression at character 1: the expression is empty."
    )
