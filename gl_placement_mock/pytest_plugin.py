"""pytest plugin (entry point ``pytest11``): the ``placement_mock`` fixture and marker, and the
mock's timeline (placements, game sessions, matchmaking tickets) in the report of a failing test
that used a mock."""

from __future__ import annotations

from collections import deque
from collections.abc import Generator, Iterator
from typing import Any, Optional

import pytest

from . import PlacementMock, mock_placement
from .activation import handle as _mock
from .activation import registry as activation

MARKER = "placement_mock"
SECTION = "gl_placement_mock timeline"


LEFT_RUNNING = (
    "A mock started during this test was still active when the test ended; it has been stopped "
    "so the next test starts clean. Stop every mock you start, or use it as a context manager "
    "or decorator."
)


@pytest.fixture
def placement_mock(request: pytest.FixtureRequest) -> Iterator[PlacementMock]:
    """An active GameLift placement mock with fresh state for this test. Mark the test with
    ``@pytest.mark.placement_mock(account_id="210987654321")`` to choose its account. The test
    fails if an event callback raised, or if it left another mock running."""
    mock = mock_placement(**_marker_options(request.node))
    started = mock._enter(fresh=True)
    yield mock
    mock._exit(started, leak_message=LEFT_RUNNING)


def _marker_options(node: pytest.Item) -> dict[str, Any]:
    marker = node.get_closest_marker(MARKER)
    if marker is None:
        return {}
    if marker.args or set(marker.kwargs) - {"account_id"}:
        pytest.fail(
            f"The {MARKER} marker takes only a keyword: "
            f'@pytest.mark.{MARKER}(account_id="210987654321").',
            pytrace=False,
        )
    return dict(marker.kwargs)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(account_id): the account the placement_mock fixture answers as "
        "(default 123456789012).",
    )


# -- the timeline in failure reports ---------------------------------------------------------

# How many of the mocks that stopped during one test its report shows: the latest ones. Keeps a
# test that runs thousands of activations from holding them all.
SHOWN = 5


class _Stopped:
    """The mocks that stopped during one test, latest last, each once."""

    def __init__(self) -> None:
        self.mocks: deque[PlacementMock] = deque(maxlen=SHOWN)
        self.count = 0

    def __call__(self, mock: PlacementMock) -> None:
        if mock in self.mocks:
            self.mocks.remove(mock)
        else:
            self.count += 1
        self.mocks.append(mock)


_STOPPED = pytest.StashKey[_Stopped]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, None, None]:
    """Note the mocks that stop while the test runs, from setup to teardown."""
    previous = _mock._stopped_watch
    stopped = item.stash[_STOPPED] = _Stopped()
    _mock._stopped_watch = stopped
    try:
        yield
    finally:
        _mock._stopped_watch = previous
        del item.stash[_STOPPED]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, Any, None]:
    """Add a "gl_placement_mock timeline" section to the report of a failed setup, test or teardown
    that used a mock: the fixture, the decorator or a with block."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if not report.failed or _STOPPED not in item.stash:
        return
    stopped = item.stash[_STOPPED]
    mocks = list(stopped.mocks)
    innermost, _backend = activation.current()
    if innermost is not None and innermost not in mocks:
        mocks.append(innermost)
    text = _timelines(mocks)
    if text is not None:
        left_out = stopped.count - len(stopped.mocks)
        if left_out:
            text += f"\n\n({left_out} earlier mocks not shown)"
        report.sections.append((SECTION, text))


def _timelines(mocks: list[PlacementMock]) -> Optional[str]:
    """Each mock's timeline, leaving out one that another repeats: nested mocks share state,
    so an inner mock's timeline at its end is the start of the outer one's."""
    texts: list[str] = []
    for mock in mocks:
        try:
            text = mock.timeline()
        except Exception as error:  # a report must not fail; a subscriber may raise on read
            text = f"(timeline unavailable: {type(error).__name__})"
        if text not in texts:
            texts.append(text)
    kept = [t for t in texts if not any(_starts(other, t) for other in texts if other != t)]
    if not kept:
        return None
    shown = [t or "(nothing happened)" for t in kept]
    if len(shown) == 1:
        return shown[0]
    return "\n\n".join(f"mock {n} of {len(shown)}:\n{t}" for n, t in enumerate(shown, 1))


def _starts(text: str, prefix: str) -> bool:
    return not prefix or text.startswith(prefix + "\n")
