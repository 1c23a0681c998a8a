"""Every Python the package claims is one CI runs, and the suite runs there: warnings that
speak about the interpreter or the test environment, not this package, do not fail it."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from boto3.exceptions import PythonDeprecationWarning

ROOT = Path(__file__).resolve().parent.parent
SUPPORTED = ["3.9", "3.10", "3.11", "3.12", "3.13"]


def test_each_supported_python_is_a_classifier_and_ci_runs_them_all() -> None:
    """requires-python said >=3.9, but CI ran one interpreter."""
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'^requires-python = ">=3\.9"$', pyproject, re.MULTILINE)
    claimed = re.findall(r'"Programming Language :: Python :: (3\.\d+)"', pyproject)
    assert claimed == SUPPORTED
    ci = (ROOT / ".ci" / "run").read_text()
    assert "Programming Language :: Python :: " in ci  # the versions come from the classifiers
    assert "CI never skips a supported version" in ci
    assert "extras=(pytest-asyncio pytest-xdist)" in ci
    assert '-m pytest -q -n 2"' not in ci and "-m pytest -q -n 2\n" in ci


def test_boto3s_notice_that_it_drops_this_python_does_not_fail_the_suite() -> None:
    """On 3.9 every boto3 client warns, and `filterwarnings = error` turned the suite into 33
    failures and 164 errors."""
    warnings.warn(
        "Boto3 will no longer support Python 3.9 starting April 29, 2026. To continue receiving "
        "service updates, bug fixes, and security updates please upgrade to Python 3.10 or "
        "later.",
        PythonDeprecationWarning,
        stacklevel=1,
    )


def test_pytest_asyncios_loop_scope_notice_does_not_fail_the_suite() -> None:
    """With pytest-asyncio installed the suite stopped with an INTERNALERROR."""
    warnings.warn(
        pytest.PytestDeprecationWarning(
            'The configuration option "asyncio_default_fixture_loop_scope" is unset.\n'
            "The event loop scope for asynchronous fixtures will default to the fixture scope."
        ),
        stacklevel=1,
    )


@pytest.mark.parametrize(
    "category", [PythonDeprecationWarning, pytest.PytestDeprecationWarning, DeprecationWarning]
)
def test_any_other_warning_still_fails_the_suite(category: type[Warning]) -> None:
    with pytest.raises(category):
        warnings.warn("Something else entirely", category, stacklevel=1)
