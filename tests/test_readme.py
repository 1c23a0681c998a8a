"""The README's Python examples run as written."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

from gl_placement_mock import PlacementMock

README = Path(__file__).resolve().parent.parent / "README.md"


def _python_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [textwrap.dedent(b) for b in re.findall(r"```python\n(.*?)```", text, re.S)]


def test_decorator_example_runs() -> None:
    namespace: dict[str, Any] = {}
    exec(_python_blocks()[0], namespace)
    namespace["test_my_matchmaker_places_a_session"]()


def test_fixture_example_runs(placement_mock: PlacementMock) -> None:
    namespace: dict[str, Any] = {}
    exec("import boto3\n" + _python_blocks()[1], namespace)
    namespace["test_cancelled_placement_publishes_an_event"](placement_mock)
