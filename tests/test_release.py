"""A release: one version, a changelog, and a wheel and an sdist that PyPI accepts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import gl_placement_mock

ROOT = Path(__file__).resolve().parent.parent
VERSION = re.compile(r"^\d+\.\d+\.\d+((a|b|rc)\d+)?$")


def test_the_version_is_written_once_and_importable() -> None:
    assert VERSION.match(gl_placement_mock.__version__), gl_placement_mock.__version__
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    project = pyproject.split("[project]", 1)[1].split("\n[", 1)[0]
    assert not re.search(r"^version\s*=", project, re.MULTILINE), "a second copy of the version"
    assert 'dynamic = ["version"]' in project
    assert 'version = { attr = "gl_placement_mock.__version__" }' in pyproject
    # Written as a plain string, setuptools reads it without importing the package.
    init = (ROOT / "gl_placement_mock" / "__init__.py").read_text("utf-8")
    assert re.search(r'^__version__ = "[^"]+"$', init, re.MULTILINE)


def test_the_changelog_has_an_unreleased_section_and_the_current_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", changelog, re.MULTILINE)
    assert headings[0] == "Unreleased"
    assert headings[1] == gl_placement_mock.__version__, "the newest release is the version"
    for version in headings[1:]:
        assert VERSION.match(version)
        assert re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d\d-\d\d$", changelog, re.M)


def test_the_built_site_is_not_tracked() -> None:
    assert "site/" in (ROOT / ".gitignore").read_text("utf-8").splitlines()


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A wheel and an sdist, as `python -m build` makes them (the wheel from the sdist)."""
    pytest.importorskip("build", reason='needs the release extra: pip install ".[release]"')
    pytest.importorskip("twine", reason='needs the release extra: pip install ".[release]"')
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("src") / "tree"
    # Built from a copy: a build in the tree would collide with another one running there.
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", "*.egg-info", "build", "dist", "site", ".*cache*"),
    )
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    yield out


def test_the_wheel_and_sdist_pass_twine_check_strict(dist: Path) -> None:
    version = gl_placement_mock.__version__
    built = sorted(p.name for p in dist.iterdir())
    assert built == [
        f"gl_placement_mock-{version}-py3-none-any.whl",
        f"gl_placement_mock-{version}.tar.gz",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_sdist_holds_what_its_suite_and_licence_need(dist: Path) -> None:
    version = gl_placement_mock.__version__
    with tarfile.open(dist / f"gl_placement_mock-{version}.tar.gz") as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
        pkg_info = sdist.extractfile(f"gl_placement_mock-{version}/PKG-INFO")
        assert pkg_info is not None
        metadata = pkg_info.read().decode("utf-8")
    for needed in (
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
        "pyproject.toml",
        "mkdocs.yml",
        ".ci/run",
        "docs/index.md",
        "tests/conftest.py",
        "tests/server/js/scenario.cjs",
        "benchmarks/run.py",
        "gl_placement_mock/py.typed",
    ):
        assert needed in names, needed
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert f"Version: {version}\n" in metadata
    assert "Description-Content-Type: text/markdown\n" in metadata
    assert "License-Expression: Apache-2.0\n" in metadata


def test_the_wheel_holds_the_package_typed_with_its_entry_points(dist: Path) -> None:
    version = gl_placement_mock.__version__
    with zipfile.ZipFile(dist / f"gl_placement_mock-{version}-py3-none-any.whl") as wheel:
        names = set(wheel.namelist())
        info = f"gl_placement_mock-{version}.dist-info"
        entry_points = wheel.read(f"{info}/entry_points.txt").decode("utf-8")
    assert "gl_placement_mock/py.typed" in names
    assert f"{info}/licenses/LICENSE" in names
    assert not [n for n in names if n.startswith("tests/")]
    assert "gl-placement-mock = gl_placement_mock.__main__:console" in entry_points
    assert "gl_placement_mock = gl_placement_mock.pytest_plugin" in entry_points
