"""gl_placement_mock: an in-process mock of Amazon GameLift game session placement.

While a mock is active, every botocore/boto3 GameLift client in the process is answered by a
pure-Python backend; nothing goes to AWS."""

from __future__ import annotations

from .activation.handle import DEFAULT_ACCOUNT_ID, PlacementMock, SimulatedFleet, mock_placement
from .backend.faults import InjectedFault
from .errors import (
    MockInternalError,
    PlacementMockError,
    PlacementMockWarning,
    UnimplementedOperationError,
)
from .interception import credentials as _credentials
from .interception import hooks as _interception
from .operations.calls import RecordedCall

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "InjectedFault",
    "MockInternalError",
    "PlacementMock",
    "PlacementMockError",
    "PlacementMockWarning",
    "RecordedCall",
    "SimulatedFleet",
    "UnimplementedOperationError",
    "mock_placement",
]
__version__ = "0.2.0"
# Lets pytest load the plugin by the package's name on any version, as with
# `-p gl_placement_mock` when PYTEST_DISABLE_PLUGIN_AUTOLOAD is set. A name, not an import.
pytest_plugins = ["gl_placement_mock.pytest_plugin"]

_interception.install()
_credentials.install()
