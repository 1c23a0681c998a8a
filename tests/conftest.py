from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any, Callable

import boto3
import pytest

from gl_placement_mock import PlacementMock

# Keep botocore's credential lookup at client creation from probing the EC2 metadata service.
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")

REGION = "us-west-2"
ACCOUNT = "123456789012"
FLEET_ARN = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:fleet/fleet-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"


@pytest.fixture(scope="session")
def gamelift() -> Any:
    """One client for the whole run, created before any mock is active: the mock must answer
    clients that existed before it started."""
    return boto3.client("gamelift", region_name=REGION)


@pytest.fixture
def mock(placement_mock: PlacementMock) -> Iterator[PlacementMock]:
    yield placement_mock


@pytest.fixture
def make_queue(gamelift: Any, mock: PlacementMock) -> Callable[..., dict[str, Any]]:
    """Create a queue through the client; by default one destination with free capacity."""

    def make(name: str = "main-queue", **settings: Any) -> dict[str, Any]:
        settings.setdefault("Destinations", [{"DestinationArn": FLEET_ARN}])
        queue: dict[str, Any] = gamelift.create_game_session_queue(Name=name, **settings)[
            "GameSessionQueue"
        ]
        return queue

    return make
