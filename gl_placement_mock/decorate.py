"""Applying an activation to functions, coroutine functions, methods and test classes.

``wrapt`` and ``unittest`` are imported when something is decorated, not when the package is
imported: together they would more than double the package's import time."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar, cast

if TYPE_CHECKING:
    import unittest

    from .mock import PlacementMock

T = TypeVar("T")


def decorate(mock: PlacementMock, target: T) -> T:
    if isinstance(target, type):
        import unittest

        if issubclass(target, unittest.TestCase):
            _decorate_testcase(mock, target)
        else:
            _decorate_plain_class(mock, target)
        return target
    if not callable(target):
        raise TypeError(
            "mock_placement can only decorate functions, coroutine functions and classes."
        )
    import wrapt

    wrapper = _async_wrapper(mock) if inspect.iscoroutinefunction(target) else _sync_wrapper(mock)
    return cast(T, wrapt.FunctionWrapper(target, wrapper))


def _sync_wrapper(mock: PlacementMock) -> Callable[..., Any]:
    def wrapper(wrapped: Callable[..., Any], _instance: Any, args: Any, kwargs: Any) -> Any:
        with mock:
            return wrapped(*args, **kwargs)

    return wrapper


def _async_wrapper(mock: PlacementMock) -> Callable[..., Any]:
    def wrapper(wrapped: Callable[..., Any], _instance: Any, args: Any, kwargs: Any) -> Any:
        async def run() -> Any:
            with mock:
                return await wrapped(*args, **kwargs)

        return run()

    return wrapper


def _decorate_testcase(mock: PlacementMock, cls: type[unittest.TestCase]) -> None:
    """Each test gets fresh state; setUp, the test, tearDown and cleanups all run inside it."""
    original_setup = cls.setUp

    def setUp(self: unittest.TestCase) -> None:
        mock.start()
        self.addCleanup(mock.stop)
        original_setup(self)

    cls.setUp = setUp  # type: ignore[method-assign]


def _call_optional(method: Callable[..., Any], arg: Any) -> None:
    """Call ``method`` with ``arg`` only if it takes one, as pytest does for xunit methods."""
    try:
        params = inspect.signature(method).parameters
    except (TypeError, ValueError):  # pragma: no cover - builtins
        params = {}  # type: ignore[assignment]
    if params:
        method(arg)
    else:
        method()


def _decorate_plain_class(mock: PlacementMock, cls: type) -> None:
    """For pytest-style classes: setup_method starts the mock, teardown_method stops it."""
    original_setup: Optional[Callable[..., Any]] = getattr(cls, "setup_method", None)
    original_teardown: Optional[Callable[..., Any]] = getattr(cls, "teardown_method", None)

    def setup_method(self: Any, method: Any = None) -> None:
        mock.start()
        try:
            if original_setup is not None:
                _call_optional(original_setup.__get__(self, cls), method)
        except BaseException:
            mock.stop()
            raise

    def teardown_method(self: Any, method: Any = None) -> None:
        try:
            if original_teardown is not None:
                _call_optional(original_teardown.__get__(self, cls), method)
        finally:
            mock.stop()

    cls.setup_method = setup_method  # type: ignore[attr-defined]
    cls.teardown_method = teardown_method  # type: ignore[attr-defined]
