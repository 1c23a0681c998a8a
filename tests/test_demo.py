"""The README's demo command."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from typing import Any

import pytest

from gl_placement_mock import __version__
from gl_placement_mock.__main__ import main


def _console_scripts() -> list[Any]:
    found = entry_points()
    if sys.version_info >= (3, 10):
        return list(found.select(group="console_scripts"))
    return list(found.get("console_scripts", ()))  # pragma: no cover


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


def test_no_command_prints_usage_to_stderr_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "usage: python -m gl_placement_mock [-h] [--version] COMMAND ...\n"
        "python -m gl_placement_mock: error: the following arguments are required: COMMAND\n"
    )


def test_an_unknown_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["dmeo"])
    assert exited.value.code == 2
    assert "invalid choice: 'dmeo'" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_the_commands_and_exits_0(capsys: pytest.CaptureFixture[str], flag: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main([flag])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m gl_placement_mock [-h] [--version] COMMAND ...\n")
    assert "    demo " in out
    assert "    serve " in out


def test_version_prints_the_version_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"python -m gl_placement_mock {__version__}\n"


def test_demo_help_describes_the_demo_instead_of_running_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["demo", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m gl_placement_mock demo [-h]\n")
    assert "FULFILLED" not in out


def test_serve_help_lists_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert out.startswith(
        "usage: python -m gl_placement_mock serve [-h] [--host HOST] [--port PORT]\n"
    )
    assert "--account-id ACCOUNT_ID" in out


def test_the_console_script_is_named_gl_placement_mock(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A set: Python 3.9 lists a distribution twice when it is found on two paths.
    targets = {e.value for e in _console_scripts() if e.name == "gl-placement-mock"}
    assert targets == {"gl_placement_mock.__main__:console"}
    with pytest.raises(SystemExit):
        main(["--version"], prog="gl-placement-mock")
    assert capsys.readouterr().out == f"gl-placement-mock {__version__}\n"


def test_demo_into_a_closed_pipe_exits_quietly() -> None:
    """`gl-placement-mock demo | head -3`: the reader left; no BrokenPipeError traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE, as once `head` has exited
    try:
        result = subprocess.run(
            [sys.executable, "-m", "gl_placement_mock", "demo"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 0
