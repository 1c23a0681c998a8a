"""Applying an activation to functions, coroutine functions, generator functions, methods and
test classes.

``wrapt`` and ``unittest`` are imported when something is decorated, not when the package is
imported: together they would more than double the package's import time."""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import AsyncIterator, Iterator
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
            "mock_placement can only decorate functions, coroutine functions, generator "
            "functions and classes."
        )
    import wrapt

    if inspect.isasyncgenfunction(target):
        wrapper = _async_generator_wrapper(mock)
    elif inspect.isgeneratorfunction(target):
        wrapper = _generator_wrapper(mock)
    elif inspect.iscoroutinefunction(target):
        wrapper = _async_wrapper(mock)
    else:
        wrapper = _sync_wrapper(mock)
    return cast(T, wrapt.FunctionWrapper(target, wrapper))


@contextlib.contextmanager
def activated(mock: PlacementMock, *, fresh: bool = False) -> Iterator[None]:
    """One activation of ``mock``, ended by exactly this block whatever else ends meanwhile."""
    started = mock._enter(fresh=fresh)
    try:
        yield
    except BaseException:
        mock._exit(started, failed=True)
        raise
    mock._exit(started)


def _sync_wrapper(mock: PlacementMock) -> Callable[..., Any]:
    def wrapper(wrapped: Callable[..., Any], _instance: Any, args: Any, kwargs: Any) -> Any:
        with activated(mock):
            return wrapped(*args, **kwargs)

    return wrapper


def _async_wrapper(mock: PlacementMock) -> Callable[..., Any]:
    def wrapper(wrapped: Callable[..., Any], _instance: Any, args: Any, kwargs: Any) -> Any:
        async def run() -> Any:
            with activated(mock):
                return await wrapped(*args, **kwargs)

        return run()

    return wrapper


def _generator_wrapper(mock: PlacementMock) -> Callable[..., Any]:
    """Active from the first ``next()`` until the generator finishes or is closed."""

    def wrapper(wrapped: Callable[..., Any], _instance: Any, args: Any, kwargs: Any) -> Any:
        def run() -> Any:
            with activated(mock):
                return (yield from wrapped(*args, **kwargs))

        return run()

    return wrapper


def _async_generator_wrapper(mock: PlacementMock) -> Callable[..., Any]:
    """Active from the first ``anext()`` until the generator finishes or is closed; values,
    ``asend()`` and ``athrow()`` pass through."""

    def wrapper(wrapped: Callable[..., Any], _instance: Any, args: Any, kwargs: Any) -> Any:
        async def run() -> AsyncIterator[Any]:
            with activated(mock):
                inner = wrapped(*args, **kwargs)
                try:
                    value = await inner.__anext__()
                except StopAsyncIteration:
                    return
                while True:
                    try:
                        sent = yield value
                    except GeneratorExit:
                        await inner.aclose()
                        raise
                    except BaseException as error:
                        try:
                            value = await inner.athrow(error)
                        except StopAsyncIteration:
                            return
                    else:
                        try:
                            value = await inner.asend(sent)
                        except StopAsyncIteration:
                            return

        return run()

    return wrapper


def _decorate_testcase(mock: PlacementMock, cls: type[unittest.TestCase]) -> None:
    """setUpClass, tearDownClass and class cleanups run inside one activation; each test gets
    fresh state, with setUp, the test, tearDown and its cleanups inside it."""
    original_setup = cls.setUp
    own_setup_class = cls.__dict__.get("setUpClass")

    def setUp(self: unittest.TestCase) -> None:
        started = mock._enter(fresh=True)
        self.addCleanup(mock._exit, started)
        original_setup(self)

    def setUpClass(klass: type[unittest.TestCase]) -> None:
        started = mock._enter()
        # Class cleanups run last-in first-out after tearDownClass, or when setUpClass fails.
        klass.addClassCleanup(mock._exit, started)
        if own_setup_class is not None:
            own_setup_class.__get__(None, klass)()
        else:
            super(cls, klass).setUpClass()  # type: ignore[misc]

    cls.setUp = setUp  # type: ignore[method-assign]
    cls.setUpClass = classmethod(setUpClass)  # type: ignore[assignment]


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
