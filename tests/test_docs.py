"""Every Python code block in README.md and docs/ runs as written.

Each page's ```python blocks run in order, in a fresh Python process whose cwd is the
repository root and whose environment holds no AWS credentials. Each block runs alone, in a
namespace of its own, as a reader who copies it would run it; a block whose first line is a
comment starting ``# Continues`` (``# Continues the block above.``) runs in the namespace of the
blocks before it instead, and so says to the reader which block it needs. After each
block, every top-level function the block defined whose name starts with ``test_`` is called:
with no arguments, or with an active mock if its one parameter is named ``placement_mock``; a
coroutine it returns is run with ``asyncio.run``. A block preceded by the line
``<!-- docs: skip -->`` is a deliberate fragment and is not run. A block preceded by
``<!-- docs: pytest -->`` (fixtures for a ``conftest.py``, and tests that use them) is run alone
as a test module by pytest, which must pass all its tests and skip none. A block that imports an
optional dependency that is not installed (aiobotocore, moto) ends the page's run there: the
later blocks build on it, so the page is reported as skipped (CI runs the docs where those
libraries are installed, and fails if any page skips).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP_MARKER = "<!-- docs: skip -->"
PYTEST_MARKER = "<!-- docs: pytest -->"
# The extras that some examples need; without them the page is skipped, never failed.
OPTIONAL_MODULES = ("aiobotocore", "moto")
SKIPPED_EXIT = 3
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


class Block(NamedTuple):
    """One fenced ```python block: the line of its first code line (1-based) and its code."""

    line: int
    code: str
    skipped: bool
    pytest: bool = False


def pages() -> list[Path]:
    """README.md and every Markdown page under docs/, README first."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def python_blocks(text: str) -> list[Block]:
    """The fenced ```python blocks of a Markdown text, dedented to their fence's indent."""
    blocks: list[Block] = []
    lines = text.splitlines()
    previous = ""  # the last non-blank line outside a block
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            if lines[i].strip():
                previous = lines[i].strip()
            i += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        language = opening["info"].strip().split(" ")[0].lower()
        body: list[str] = []
        i += 1
        while i < len(lines):
            closing = FENCE.match(lines[i])
            if closing and closing["fence"].startswith(fence) and not closing["info"].strip():
                break
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
            i += 1
        first_line = i - len(body) + 1
        if language == "python":
            code = "\n".join(body) + "\n"
            blocks.append(
                Block(first_line, code, previous == SKIP_MARKER, previous == PYTEST_MARKER)
            )
        previous = ""
        i += 1
    return blocks


# Runs in the fresh process: argv[1] is the page (relative to the cwd), argv[2] a JSON file
# with its blocks. The code is compiled with the page as its file name and padded so that line
# numbers are the page's own: a traceback points into the Markdown and shows its lines.
RUNNER = r"""
import asyncio, importlib.util, inspect, json, sys, traceback

page, blocks = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
optional = set(json.loads(sys.argv[3]))
namespace = {}


def tests_defined(code):
    import ast
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    return [
        node.name
        for node in ast.parse(code).body
        if isinstance(node, functions) and node.name.startswith("test_")
    ]


def call(function):
    parameters = list(inspect.signature(function).parameters)
    if parameters == []:
        result = function()
    elif parameters == ["placement_mock"]:
        from gl_placement_mock import mock_placement
        with mock_placement() as placement_mock:
            result = function(placement_mock)
            if inspect.iscoroutine(result):
                result = asyncio.run(result)
    else:
        raise TypeError(
            f"{function.__name__} takes {parameters}: a docs test takes no parameters "
            "or only placement_mock"
        )
    if inspect.iscoroutine(result):
        asyncio.run(result)


for line, code in blocks:
    where = f"{page}, block at line {line}"
    if not code.lstrip().lower().startswith("# continues"):
        namespace = {"__name__": "__docs__"}
    try:
        exec(compile("\n" * (line - 1) + code, page, "exec"), namespace)
        for name in tests_defined(code):
            where = f"{page}, block at line {line}, {name}()"
            call(namespace[name])
    except ModuleNotFoundError as error:
        top = (error.name or "").split(".")[0]
        if top in optional and importlib.util.find_spec(top) is None:
            print(
                f"{where} needs {top}, which is not installed; the page's later blocks were "
                "not run",
                file=sys.stderr,
            )
            sys.exit(3)
        failed = traceback.format_exc()
    except BaseException:
        failed = traceback.format_exc()
    else:
        continue
    print(f"{where} failed:\n{failed}", end="", file=sys.stderr)
    sys.exit(1)
"""


def clean_environment() -> dict[str, str]:
    """The current environment without AWS credentials, profiles or config files."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    env["AWS_CONFIG_FILE"] = os.devnull
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env.pop("PYTHONSTARTUP", None)
    return env


def run_page(
    page: Path, optional: tuple[str, ...] = OPTIONAL_MODULES
) -> subprocess.CompletedProcess[str]:
    """Runs a page's blocks in a fresh interpreter at the repository root."""
    name = page.relative_to(ROOT).as_posix() if page.is_relative_to(ROOT) else str(page)
    blocks = [
        (b.line, b.code)
        for b in python_blocks(page.read_text("utf-8"))
        if not (b.skipped or b.pytest)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        blocks_file = Path(tmp) / "blocks.json"
        blocks_file.write_text(json.dumps(blocks), encoding="utf-8")
        return subprocess.run(
            [
                sys.executable,
                "-c",
                RUNNER,
                name,
                str(blocks_file),
                json.dumps(optional),
            ],
            cwd=ROOT,
            env=clean_environment(),
            capture_output=True,
            text=True,
            timeout=300,
        )


PAGES = [
    p
    for p in pages()
    if any(not (b.skipped or b.pytest) for b in python_blocks(p.read_text("utf-8")))
]


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_python_blocks_run_as_written(page: Path) -> None:
    result = run_page(page)
    if result.returncode == SKIPPED_EXIT:
        pytest.skip(result.stderr.strip())
    if result.returncode != 0:
        pytest.fail(result.stderr + result.stdout, pytrace=False)


def run_pytest_block(
    block: Block, tmp_path: Path, optional: tuple[str, ...] = OPTIONAL_MODULES
) -> subprocess.CompletedProcess[str]:
    """Runs one block as the test module of a pytest run of its own, padded to its lines."""
    module = tmp_path / "test_docs_block.py"
    module.write_text("\n" * (block.line - 1) + block.code, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(module)],
        cwd=tmp_path,
        env={**clean_environment(), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )


PYTEST_BLOCKS = [
    (page, block)
    for page in pages()
    for block in python_blocks(page.read_text("utf-8"))
    if block.pytest
]


@pytest.mark.parametrize(
    ("page", "block"),
    PYTEST_BLOCKS,
    ids=[f"{p.relative_to(ROOT).as_posix()}:{b.line}" for p, b in PYTEST_BLOCKS],
)
def test_pytest_blocks_pass_as_a_test_module(page: Path, block: Block, tmp_path: Path) -> None:
    missing = [
        name
        for name in OPTIONAL_MODULES
        if re.search(rf"^\s*(import|from) {name}\b", block.code, re.MULTILINE)
        and importlib.util.find_spec(name) is None
    ]
    if missing:
        pytest.skip(f"{page.name}, block at line {block.line} needs {missing[0]}, not installed")
    result = run_pytest_block(block, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout and "skipped" not in result.stdout, result.stdout


# The harness itself.


def test_blocks_are_found_dedented_with_their_lines_and_markers() -> None:
    text = (
        "# Page\n"
        "```python\n"
        "a = 1\n"
        "```\n"
        "\n"
        "- item:\n"
        "\n"
        "  ```python\n"
        "  def f():\n"
        "      return 2\n"
        "  ```\n"
        "<!-- docs: skip -->\n"
        "```python\n"
        "...  # a fragment\n"
        "```\n"
        "```sh\n"
        "pip install .\n"
        "```\n"
        "````markdown\n"
        "```python\n"
        "inside another fence\n"
        "```\n"
        "````\n"
    )
    assert python_blocks(text) == [
        Block(3, "a = 1\n", False),
        Block(9, "def f():\n    return 2\n", False),
        Block(14, "...  # a fragment\n", True),
    ]


def _run_text(
    tmp_path: Path, text: str, optional: tuple[str, ...] = OPTIONAL_MODULES
) -> subprocess.CompletedProcess[str]:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return run_page(page, optional)


def test_marked_blocks_continue_a_namespace_and_tests_are_called_with_a_mock(
    tmp_path: Path,
) -> None:
    result = _run_text(
        tmp_path,
        "```python\n"
        "import boto3, os\n"
        "calls = []\n"
        "```\n"
        "```python\n"
        "# Continues the block above: boto3, os and calls.\n"
        "def test_plain():\n"
        "    calls.append('plain')\n"
        "    assert not [k for k in os.environ if k in ('AWS_ACCESS_KEY_ID', 'AWS_PROFILE')]\n"
        "\n"
        "def test_with_the_mock(placement_mock):\n"
        "    gamelift = boto3.client('gamelift', region_name='us-west-2')\n"
        "    gamelift.create_game_session_queue(Name='q')\n"
        "    calls.append(placement_mock.active)\n"
        "\n"
        "async def test_async():\n"
        "    calls.append('async')\n"
        "```\n"
        "```python\n"
        "# continues the blocks above\n"
        "assert calls == ['plain', True, 'async'], calls\n"
        "```\n",
    )
    assert result.returncode == 0, result.stderr


def test_an_unmarked_block_runs_alone(tmp_path: Path) -> None:
    """As a reader who copies only that block runs it: the names above are not there."""
    result = _run_text(tmp_path, "```python\nx = 1\n```\n\n```python\nprint(x)\n```\n")
    assert result.returncode == 1
    assert "block at line 6 failed:" in result.stderr
    assert "NameError: name 'x' is not defined" in result.stderr


def test_a_continued_namespace_ends_at_the_next_unmarked_block(tmp_path: Path) -> None:
    result = _run_text(
        tmp_path,
        "```python\nx = 1\n```\n"
        "```python\n# Continues the block above.\ny = x + 1\n```\n"
        "```python\nz = 3\n```\n"
        "```python\n# Continues the block above.\nprint(z, y)\n```\n",
    )
    assert result.returncode == 1
    assert "NameError: name 'y' is not defined" in result.stderr


def test_a_failure_names_the_page_and_line(tmp_path: Path) -> None:
    result = _run_text(
        tmp_path,
        "Text.\n\n```python\nx = 1\n```\n\n"
        "```python\n# Continues the block above.\ndef test_it():\n    assert x == 2\n```\n",
    )
    assert result.returncode == 1
    page = tmp_path / "page.md"
    assert f"{page}, block at line 8, test_it() failed:" in result.stderr
    assert f'File "{page}", line 10, in test_it\n    assert x == 2\n' in result.stderr


def test_a_pytest_block_runs_as_a_test_module_with_its_fixtures(tmp_path: Path) -> None:
    text = (
        "<!-- docs: pytest -->\n"
        "```python\n"
        "import pytest\n"
        "\n"
        "@pytest.fixture\n"
        "def queue_name(placement_mock):\n"
        "    yield 'q'\n"
        "\n"
        "def test_it(queue_name):\n"
        "    assert queue_name == 'r'\n"
        "```\n"
    )
    (block,) = python_blocks(text)
    assert block.pytest and not block.skipped
    assert not [b for b in python_blocks(text) if not (b.skipped or b.pytest)]  # not exec'd
    result = run_pytest_block(block, tmp_path)
    assert result.returncode == 1
    assert "1 failed" in result.stdout
    assert "test_docs_block.py:10: AssertionError" in result.stdout  # the page's line


def test_a_marked_fragment_is_not_run(tmp_path: Path) -> None:
    result = _run_text(tmp_path, "<!-- docs: skip -->\n```python\nundefined_name\n```\n")
    assert result.returncode == 0, result.stderr


def test_a_missing_optional_module_skips_the_rest_of_its_page(tmp_path: Path) -> None:
    """The blocks after it build on what it would have defined: they are not run."""
    text = "```python\nimport not_installed_here.sub\n```\n```python\nnot_installed_here.f()\n```\n"
    result = _run_text(tmp_path, text, optional=("not_installed_here",))
    assert result.returncode == SKIPPED_EXIT, result.stderr
    assert result.stderr.endswith(
        "line 2 needs not_installed_here, which is not installed; the page's later blocks "
        "were not run\n"
    )


def test_a_module_missing_from_an_installed_optional_package_fails(tmp_path: Path) -> None:
    result = _run_text(tmp_path, "```python\nimport json.not_a_module\n```\n", optional=("json",))
    assert result.returncode == 1, result.stderr
    assert "ModuleNotFoundError: No module named 'json.not_a_module'" in result.stderr
