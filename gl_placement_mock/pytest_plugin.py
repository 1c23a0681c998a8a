"""pytest plugin (entry point ``pytest11``): the ``placement_mock`` fixture."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from . import PlacementMock, mock_placement


@pytest.fixture
def placement_mock() -> Iterator[PlacementMock]:
    """An active GameLift placement mock with fresh state for this test."""
    with mock_placement() as mock:
        yield mock
