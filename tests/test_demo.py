"""The README's demo command."""

from __future__ import annotations

import pytest

from gl_placement_mock.__main__ import main


def test_demo_walks_through_each_outcome(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for expected in (
        "Status                FULFILLED",
        "Status                CANCELLED",
        "Status                TIMED_OUT",
        "PlacementFulfilled  demo-fulfilled",
        "PlacementCancelled  demo-cancelled",
        "PlacementTimedOut   demo-timed-out",
        "Done: the mock is off again.",
    ):
        assert expected in out


def test_unknown_command_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert capsys.readouterr().err == "usage: python -m gl_placement_mock demo\n"
