"""The only layer that knows botocore (with delivery): two event handlers, registered with every
botocore session created after this module is imported, that answer GameLift calls while a mock
is active; and one check on botocore's client call path that serves every other client.

``before-parameter-build`` captures the operation's parameters (as the caller passed them, after
other handlers adjusted them) into the call's ``context``; ``before-call`` -- after botocore's own
client-side validation -- answers from them, so nothing is signed or sent. The answer is the
parsed response the client itself would have produced, or an error response that the client turns
into its own modelled exception class. Faults injected through the mock's handle answer first,
before the operation runs.

Clients built before this module was imported (from boto3's default session, or any botocore
session that existed then) lack those handlers. ``BaseClient._make_api_call`` is wrapped: while
no mock is active it costs one global check; while one is, a GameLift client without the
handlers gets them before its first call, and a call of any other service first settles what
the mock clock has made due, so an SQS poll through moto sees a placement's event."""

from __future__ import annotations

import functools
import logging
import sys
import threading
import time
import weakref
from email.utils import formatdate
from typing import Any, Mapping, Optional

from botocore import handlers
from botocore.awsrequest import AWSResponse, HeadersDict
from botocore.validate import ParamValidationDecorator

from .. import regions
from ..activation import registry as activation
from ..model import service_model
from ..model.bodies import body_length
from ..operations.answer import answer

_CAPTURED = "gl_placement_mock.captured"
_log = logging.getLogger("gl_placement_mock")

# Errors any AWS API can answer with (the common errors), with their HTTP status.
COMMON_ERRORS = {"ThrottlingException": 400, "InternalFailure": 500, "ServiceUnavailable": 503}
# The modelled GameLift errors that are server faults (500); the model does not mark them.
_SERVER_FAULTS = frozenset({"InternalServiceException"})


class _EmptyBody:
    """Stands in for the raw HTTP body nobody reads."""

    @staticmethod
    def stream(**_kwargs: Any) -> Any:
        return iter(())


_EMPTY = _EmptyBody()

# The Date header of the last answer, by whole second: formatting it costs more than the rest
# of the headers together.
_date: tuple[float, str] = (float("nan"), "")


def _new_date(now: float) -> str:
    """The Date header for ``now``, in a second no answer has had yet; kept for the next."""
    global _date
    text = formatdate(now, usegmt=True)
    _date = (now // 1, text)
    return text


# The configs (one per client) of GameLift clients that skip client-side validation. A client's
# Config does not say so itself, so each client records it when it is built.
_unvalidated_configs: weakref.WeakSet[Any] = weakref.WeakSet()
# Whether any such client was ever built: until then, a call skips looking (a WeakSet look-up
# makes a weak reference every time).
_any_unvalidated = False


def _note_unvalidated(config: Any) -> None:
    global _any_unvalidated
    _unvalidated_configs.add(config)
    _any_unvalidated = True


class _RecordsValidationMode:
    """Mixed into GameLift client classes: notes whether the client validates parameters."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        serializer = args[0] if args else kwargs.get("serializer")
        if not isinstance(serializer, ParamValidationDecorator):
            _note_unvalidated(self.meta.config)  # type: ignore[attr-defined]


def add_client_mixin(base_classes: list[type], **_kwargs: Any) -> None:
    if _RecordsValidationMode not in base_classes:
        base_classes.insert(0, _RecordsValidationMode)


def capture_params(params: dict[str, Any], context: dict[str, Any], **_kwargs: Any) -> None:
    top = activation.serving()
    if top is None:
        return
    mock, world = top
    unvalidated = False
    if _any_unvalidated:
        config = context.get("client_config")
        unvalidated = config is not None and config in _unvalidated_configs
    if unvalidated:
        # The client will not validate; botocore's serializer may choke on what it was given.
        # Keep our own copy to judge, and let the serializer see nothing.
        captured = dict(params)
        params.clear()
    else:
        captured = params
    context[_CAPTURED] = (mock._account_id, world, captured, unvalidated)


def answer_call(
    model: Any, params: dict[str, Any], context: dict[str, Any], **_kwargs: Any
) -> Optional[tuple[AWSResponse, dict[str, Any]]]:
    captured = context.pop(_CAPTURED, None)
    if captured is None:
        return None
    account, world, api_params, unvalidated = captured
    region = context.get("client_region") or "us-east-1"
    if region not in regions.partitions():  # (made once) the usual case: a known Region
        unreachable = regions.unreachable(region, params.get("url", ""))
        if unreachable is not None:
            raise unreachable
    parsed, status, _length, _params = answer(
        world.backend,
        world.delivery.flush,
        model.name,
        account,
        region,
        model.input_shape,
        api_params,
        body_length,
        unvalidated=unvalidated,
    )
    headers = parsed["ResponseMetadata"]["HTTPHeaders"]
    # The Date header, last, as the service sends it: the second's text made once.
    now = time.time()  # (the clock freezegun and time-machine move)
    second, text = _date
    headers["date"] = text if second <= now < second + 1 else _new_date(now)
    response = _new_response(_Response)  # (its members set here: see _Response)
    response.url = params.get("url", "")
    response.status_code = status
    response._plain_headers = headers
    return response, parsed


class _Response(AWSResponse):  # type: ignore[misc]
    """The HTTP response of an answered call: its headers become botocore's HeadersDict only
    if something reads them (building one costs as much as the rest of the answer).

    ``answer_call`` makes each and sets ``url``, ``status_code`` and ``_plain_headers`` (the
    headers as a dict) itself, made without ``__init__`` (AWSResponse's would build the
    HeadersDict; any would cost every call a call more)."""

    # (Class defaults: an answer sets only what differs.)
    _headers: Optional[HeadersDict] = None
    raw = _EMPTY
    _content = None
    url: str
    status_code: int
    _plain_headers: dict[str, str]

    @property
    def headers(self) -> HeadersDict:
        if self._headers is None:
            self._headers = HeadersDict(self._plain_headers)
        return self._headers

    @headers.setter
    def headers(self, value: Any) -> None:
        self._headers = value


_new_response = object.__new__


_service_model = service_model


@functools.cache
def answerable_errors(operation: str) -> Mapping[str, int]:
    """Every error code ``operation`` can answer with, and its HTTP status: the errors its
    service model lists, and those common to every AWS API."""
    errors = dict(COMMON_ERRORS)
    for shape in _service_model().operation_model(operation).error_shapes:
        modelled = shape.metadata.get("error") or {}
        code = modelled.get("code", shape.name)
        status = modelled.get("httpStatusCode")
        if status is None:
            fault = shape.metadata.get("fault") or code in _SERVER_FAULTS
            status = 500 if fault else 400
        errors[code] = status
    return errors


# GameLift clients built without the handlers (before this module was imported) that have been
# given them since.
_adopted: weakref.WeakSet[Any] = weakref.WeakSet()
_adopt_lock = threading.Lock()


def _serve(client: Any, world: Any) -> None:
    """Called on a client call while a mock is active, for clients without the mixin."""
    if client.meta.service_model.service_name != "gamelift":
        world.delivery.settle()
        return
    if client in _adopted:
        return
    with _adopt_lock:
        if client in _adopted:
            return
        events = client.meta.events
        events.register_last("before-parameter-build.gamelift", capture_params)
        events.register_first("before-call.gamelift", answer_call)
        if not isinstance(getattr(client, "_serializer", None), ParamValidationDecorator):
            _note_unvalidated(client.meta.config)
        _adopted.add(client)


def _wrap(original: Any) -> Any:
    def _make_api_call(self: Any, *args: Any, **kwargs: Any) -> Any:
        top = activation._top
        if top is not None and not isinstance(self, _RecordsValidationMode):
            top = activation.serving() or top
            _serve(self, top[1])
        return original(self, *args, **kwargs)

    _make_api_call._gl_placement_mock = True  # type: ignore[attr-defined]
    functools.update_wrapper(_make_api_call, original)
    return _make_api_call


def _patch(cls: Any) -> None:
    current = cls.__dict__.get("_make_api_call")
    if current is not None and not getattr(current, "_gl_placement_mock", False):
        cls._make_api_call = _wrap(current)


def patch_aiobotocore(**_kwargs: Any) -> None:
    """aiobotocore's client overrides the call path: wrap it too, once it is imported."""
    module = sys.modules.get("aiobotocore.client")
    if module is not None:
        _patch(module.AioBaseClient)


_HANDLERS = (
    ("creating-client-class", patch_aiobotocore),
    ("creating-client-class.gamelift", add_client_mixin),
    ("before-parameter-build.gamelift", capture_params, handlers.REGISTER_LAST),
    ("before-call.gamelift", answer_call, handlers.REGISTER_FIRST),
)


def install() -> None:
    """Register the handlers for every botocore session created from now on, and wrap the
    client call path of botocore (and aiobotocore, if imported) for clients built before
    (idempotent)."""
    for spec in _HANDLERS:
        if spec not in handlers.BUILTIN_HANDLERS:
            handlers.BUILTIN_HANDLERS.append(spec)
    import botocore.client

    _patch(botocore.client.BaseClient)
    patch_aiobotocore()
