"""mock.calls and its RecordedCall entries compared with things that are not calls, and indexed
with something that is not an index: Python's usual answers, not a crash or a false match."""

from __future__ import annotations

from typing import Any

import pytest

from gl_placement_mock import PlacementMock


def test_a_recorded_call_equals_no_other_kind_of_object(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.describe_game_session_queues()

    call = mock.calls[0]

    assert call == mock.calls[0]
    assert call != "DescribeGameSessionQueues"
    assert call != {"operation": "DescribeGameSessionQueues"}
    assert (call == None) is False  # noqa: E711 - the comparison itself is what is tested


def test_the_recorded_calls_equal_a_list_of_the_same_calls_only(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.describe_game_session_queues()

    assert mock.calls == [mock.calls[0]]
    assert mock.calls == (mock.calls[0],)
    assert mock.calls != []
    assert mock.calls != "DescribeGameSessionQueues"
    assert mock.calls != 1


def test_the_recorded_calls_are_indexed_by_integers_and_slices_only(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.describe_game_session_queues()

    with pytest.raises(TypeError) as raised:
        mock.calls["0"]  # type: ignore[call-overload]

    assert str(raised.value) == "indices must be integers or slices, not str"
    assert mock.calls[0:1] == [mock.calls[0]]
