"""The API reference (docs/reference.md, built by mkdocstrings) shows the public API only."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gl_placement_mock.server import PlacementServer

ROOT = Path(__file__).resolve().parent.parent
INTERNALS = ("backend", "scheduler", "ticker", "world", "deliver")


def _members(reference: str, target: str) -> list[str]:
    block = reference.split(f"::: {target}\n", 1)[1].split(":::", 1)[0]
    found = re.search(r"^\s+members: \[([^\]]*)\]$", block, re.MULTILINE)
    assert found, f"{target} lists no members: every public one would show, internals too"
    return [name.strip() for name in found[1].split(",")]


def test_the_server_reference_lists_its_public_members_only() -> None:
    reference = (ROOT / "docs" / "reference.md").read_text("utf-8")
    members = _members(reference, "gl_placement_mock.server.PlacementServer")
    assert not set(members) & set(INTERNALS)
    for name in members:  # each one exists
        assert hasattr(PlacementServer, name) or name in PlacementServer().__dict__, name


def test_the_built_reference_has_no_server_internals(tmp_path: Path) -> None:
    pytest.importorskip("mkdocstrings", reason='needs the docs extra: pip install ".[docs]"')
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "", **_python_env()},
    )
    assert result.returncode == 0, result.stderr
    html = (site / "reference" / "index.html").read_text("utf-8")
    for name in INTERNALS:
        assert f"PlacementServer.{name}" not in html, name
    for name in ("start", "stop", "reset", "endpoint_url", "mock"):
        assert f"PlacementServer.{name}" in html, name
    # The handle's methods, those it shares with server mode's steering included.
    for name in (
        "start",
        "add_fleet",
        "hold_placements",
        "fail_placement",
        "subscribe",
        "hold_matchmaking",
        "release_matchmaking",
        "set_matchmaking_delay",
    ):
        assert f"PlacementMock.{name}" in html, name
    shutil.rmtree(site)


def _python_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k in ("PYTHONPATH", "HOME", "LANG")}
