"""Recorded calls cost the same to append and to read at the end however many there are, and
``mock_placement(max_calls=N)`` keeps only the most recent N."""

from __future__ import annotations

from typing import Any

import pytest

from gl_placement_mock import PlacementMockError, mock_placement
from gl_placement_mock.operations import calls


def _names(recorded: Any) -> list[str]:
    return [c.params.get("Name") for c in recorded]


def test_reading_the_last_call_builds_one_record_not_all(
    gamelift: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with mock_placement() as mock:
        for n in range(200):
            gamelift.create_game_session_queue(Name=f"q{n}")
        built: list[Any] = []
        original = calls.recorded

        def counting(answer: Any) -> Any:
            built.append(answer)
            return original(answer)

        monkeypatch.setattr(calls, "recorded", counting)
        assert mock.calls[-1].params == {"Name": "q199"}
        assert len(mock.calls) == 200
        assert mock.calls[0].operation == "CreateGameSessionQueue"
        assert len(built) == 2


def test_recorded_calls_are_used_like_a_list(gamelift: Any) -> None:
    with mock_placement() as mock:
        for name in ("a", "b", "c"):
            gamelift.create_game_session_queue(Name=name)
        seen = mock.calls
        gamelift.create_game_session_queue(Name="d")
        assert len(seen) == 3  # what was recorded when it was read
        assert _names(seen) == ["a", "b", "c"]
        assert _names(mock.calls[1:3]) == ["b", "c"]
        assert _names(mock.calls[::-2]) == ["d", "b"]
        assert mock.calls[-1].params == {"Name": "d"}
        assert mock.calls == list(mock.calls)
        assert mock.calls[:3] == seen
        assert mock.calls != seen
        with pytest.raises(IndexError):
            mock.calls[4]
    assert _names(mock.calls) == ["a", "b", "c", "d"]


def test_max_calls_keeps_only_the_most_recent(gamelift: Any) -> None:
    with mock_placement(max_calls=2) as mock:
        for name in ("a", "b", "c"):
            gamelift.create_game_session_queue(Name=name)
        early = mock.calls
        assert _names(early) == ["b", "c"]
        gamelift.create_game_session_queue(Name="d")
        assert _names(mock.calls) == ["c", "d"]
        assert early[1].params == {"Name": "c"}
        with pytest.raises(PlacementMockError, match=r"most recent 2 calls \(max_calls\)"):
            early[0]
    assert _names(mock.calls) == ["c", "d"]


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "10"])
def test_max_calls_must_be_a_positive_whole_number(bad: Any) -> None:
    with pytest.raises(ValueError) as excinfo:
        mock_placement(max_calls=bad)
    assert str(excinfo.value) == (
        f"max_calls must be a whole number of at least 1 (or None: keep every call), got {bad!r}."
    )
