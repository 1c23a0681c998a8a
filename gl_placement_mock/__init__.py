"""gl_placement_mock: an in-process mock of Amazon GameLift game session placement.

While a mock is active, every botocore/boto3 GameLift client in the process is answered by a
pure-Python backend; nothing goes to AWS."""

from __future__ import annotations

from . import interception as _interception
from .backend.faults import InjectedFault
from .errors import PlacementMockError, PlacementMockWarning, UnimplementedOperationError
from .mock import DEFAULT_ACCOUNT_ID, PlacementMock, SimulatedFleet, mock_placement

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "InjectedFault",
    "PlacementMock",
    "PlacementMockError",
    "PlacementMockWarning",
    "SimulatedFleet",
    "UnimplementedOperationError",
    "mock_placement",
]
__version__ = "0.1.0"

_interception.install()
