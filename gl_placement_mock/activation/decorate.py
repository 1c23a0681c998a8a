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

    from .handle import PlacementMock

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
    """setUpClass, tearDownClass and class cleanups run inside one activation (the class's own);
    each test gets fresh state, with setUp, the test, tearDown and its cleanups inside it. A
    subclass that overrides setUpClass or setUp gets the same, around its own code too."""
    _wrap_testcase_hooks(mock, cls)
    previous = cls.__dict__.get("__init_subclass__")

    def __init_subclass__(klass: type[unittest.TestCase], /, **kwargs: Any) -> None:  # noqa: N807
        if previous is not None:
            previous.__get__(None, klass)(**kwargs)
        else:
            super(cls, klass).__init_subclass__(**kwargs)
        _wrap_testcase_hooks(mock, klass)

    cls.__init_subclass__ = classmethod(__init_subclass__)  # type: ignore[assignment]


def _wrap_testcase_hooks(mock: PlacementMock, cls: type[unittest.TestCase]) -> None:
    """Wrap the setUp and setUpClass that ``cls`` itself defines (or, for the decorated class,
    inherits). One activation per test and one per class: a wrapped hook reached again through
    ``super()`` runs inside the activation already started."""
    key = f"_gl_placement_mock_{id(mock)}"  # the activation of a test or a class
    marker = key + "_decorated"
    own_setup = cls.__dict__.get("setUp")
    own_setup_class = cls.__dict__.get("setUpClass")
    decorated = not any(marker in vars(base) for base in cls.__mro__[1:])
    if own_setup is not None or decorated:
        original_setup = cls.setUp

        def setUp(self: unittest.TestCase) -> None:
            if key not in self.__dict__:
                started = mock._enter(fresh=True)
                self.__dict__[key] = started
                self.addCleanup(mock._exit, started)
            original_setup(self)

        cls.setUp = setUp  # type: ignore[method-assign]
    if own_setup_class is not None or decorated:

        def setUpClass(klass: type[unittest.TestCase]) -> None:
            if key not in vars(klass):
                started = mock._enter()
                setattr(klass, key, started)
                # Class cleanups run last-in first-out after tearDownClass, or when setUpClass
                # fails.
                klass.addClassCleanup(_end_class, mock, klass, key, started)
            if own_setup_class is not None:
                own_setup_class.__get__(None, klass)()
            else:
                super(cls, klass).setUpClass()  # type: ignore[misc]

        cls.setUpClass = classmethod(setUpClass)  # type: ignore[assignment]
    if decorated:
        setattr(cls, marker, True)


def _end_class(mock: PlacementMock, klass: type, key: str, started: Any) -> None:
    if vars(klass).get(key) is started:
        delattr(klass, key)
    mock._exit(started)


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
    """For pytest-style classes: setup_class starts the class's own activation and
    teardown_class ends it, so setup_class, teardown_class and class-scoped fixtures run inside
    it; setup_method starts a fresh activation for each test and teardown_method ends it."""
    original_setup: Optional[Callable[..., Any]] = getattr(cls, "setup_method", None)
    original_teardown: Optional[Callable[..., Any]] = getattr(cls, "teardown_method", None)
    original_setup_class = inspect.getattr_static(cls, "setup_class", None)
    original_teardown_class = inspect.getattr_static(cls, "teardown_class", None)
    key = f"_gl_placement_mock_{id(mock)}"

    def setup_method(self: Any, method: Any = None) -> None:
        started = mock._enter(fresh=True)
        self.__dict__[key] = started
        try:
            if original_setup is not None:
                _call_optional(original_setup.__get__(self, cls), method)
        except BaseException:
            del self.__dict__[key]
            mock._exit(started, failed=True)
            raise

    def teardown_method(self: Any, method: Any = None) -> None:
        try:
            if original_teardown is not None:
                _call_optional(original_teardown.__get__(self, cls), method)
        finally:
            started = self.__dict__.pop(key, None)
            if started is not None:
                mock._exit(started)
            else:  # pragma: no cover - setup_method was not ours
                mock.stop()

    def setup_class(klass: type) -> None:
        started = mock._enter()
        setattr(klass, key, started)
        try:
            if original_setup_class is not None:
                _call_optional(original_setup_class.__get__(None, klass), klass)
        except BaseException:
            # pytest does not call teardown_class when setup_class fails.
            delattr(klass, key)
            mock._exit(started, failed=True)
            raise

    def teardown_class(klass: type) -> None:
        try:
            if original_teardown_class is not None:
                _call_optional(original_teardown_class.__get__(None, klass), klass)
        finally:
            started = vars(klass).get(key)
            if started is not None:
                delattr(klass, key)
                mock._exit(started)

    cls.setup_method = setup_method  # type: ignore[attr-defined]
    cls.teardown_method = teardown_method  # type: ignore[attr-defined]
    cls.setup_class = classmethod(setup_class)  # type: ignore[attr-defined]
    cls.teardown_class = classmethod(teardown_class)  # type: ignore[attr-defined]
