"""pytest plugin (entry point ``pytest11``): the ``placement_mock`` fixture."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from . import PlacementMock, mock_placement

LEFT_RUNNING = (
    "A mock started during this test was still active when the test ended; it has been stopped "
    "so the next test starts clean. Stop every mock you start, or use it as a context manager "
    "or decorator."
)


@pytest.fixture
def placement_mock() -> Iterator[PlacementMock]:
    """An active GameLift placement mock with fresh state for this test. The test fails if an
    event callback raised, or if it left another mock running."""
    mock = mock_placement()
    started = mock._enter(fresh=True)
    yield mock
    mock._exit(started, leak_message=LEFT_RUNNING)
