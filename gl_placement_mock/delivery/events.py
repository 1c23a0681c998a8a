"""Delivering events once the backend's lock is released: to subscribers and inboxes, and
while moto's ``mock_aws`` is active, to the SNS topic and the default EventBridge bus of the
Region each event names (for a placement: its queue's NotificationTarget and Region).

Events go out in the order of ``mock.events``, also when several threads produce them: one
thread delivers at a time, taking events from the backend's outbox in order. A callback's
exception never reaches the call that produced the event: it is logged at once, kept, and raised
when the mock stops. A failed publish is a logged warning, never a failed GameLift call."""

from __future__ import annotations

import collections
import json
import logging
import sys
import threading
import traceback
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Optional

from ..backend import clock

if TYPE_CHECKING:
    from ..backend.kernel import Event
    from ..backend.state import Backend

EventCallback = Callable[[dict[str, Any]], None]

_log = logging.getLogger("gl_placement_mock")
# Set while this thread delivers: any call a callback or a publish makes meanwhile (GameLift,
# SNS through moto) leaves its events to the delivering loop further up the stack.
_local = threading.local()


def copy_event(event: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of ``event`` (any kind) that a consumer may change without changing
    ``mock.events``."""
    copied: dict[str, Any] = _copy(event)
    return copied


def _copy(value: Any) -> Any:
    """A deep copy of JSON-like data (dicts, lists, tuples, scalars); several times faster
    than ``copy.deepcopy`` for the small events delivered on every placement."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_copy(item) for item in value]
    return value


def delivering() -> bool:
    """Whether this thread is delivering events right now."""
    return getattr(_local, "busy", False)


class Delivery:
    """The consumers of one backend's events, and the callback errors kept for the mock's stop."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.lock = threading.Lock()  # held by the one thread delivering
        self.subscribers: tuple[EventCallback, ...] = ()
        self._subscribers_lock = threading.Lock()
        self._errors: list[BaseException] = []
        self._errors_lock = threading.Lock()

    # -- consumers -----------------------------------------------------------------------------

    def subscribe(self, callback: EventCallback) -> Callable[[], None]:
        with self._subscribers_lock:
            self.subscribers = (*self.subscribers, callback)

        def unsubscribe() -> None:
            with self._subscribers_lock:
                found = list(self.subscribers)
                if callback in found:
                    found.remove(callback)
                    self.subscribers = tuple(found)

        return unsubscribe

    # -- settling and delivering ---------------------------------------------------------------

    def settle(self) -> None:
        """Apply what has fallen due by the clock now and deliver its events; one heap peek
        when nothing is due. Does nothing inside a delivery (re-entry)."""
        if delivering():
            return
        backend = self.backend
        if backend.due(clock.now()):
            try:
                backend.run(lambda: None)
            finally:
                self.flush()

    def flush(self) -> None:
        """Deliver every event in the backend's outbox, in order. Call without the backend's
        lock held. Inside a delivery on this thread it returns at once: the loop up the stack
        delivers those events when the current consumer returns."""
        backend = self.backend
        # An unlocked peek: a call that produced no event pays nothing more. An event appended
        # meanwhile by another thread is flushed by that thread.
        if not backend.kernel.outbox:
            return
        if not self.subscribers and not _moto_active():
            # Nobody to hand them to (also not the delivery up the stack, if any): they stay
            # recorded in ``events`` only.
            with backend.lock:
                backend.kernel.outbox.clear()
            return
        if getattr(_local, "busy", False):  # (delivering())
            return
        with self.lock:
            _local.busy = True
            try:
                while True:
                    with backend.lock:
                        batch = backend.take_outbox()
                    if not batch:
                        return
                    for event in batch:
                        self._deliver(event)
            finally:
                _local.busy = False

    def _deliver(self, event: Event) -> None:
        if _moto_active():
            _publish(event)
        for callback in self.subscribers:
            try:
                callback(copy_event(event.envelope))
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as error:
                self._keep(callback, event, error)

    # -- callback errors -----------------------------------------------------------------------

    def _keep(self, callback: EventCallback, event: Event, error: BaseException) -> None:
        # The frames, not the message: an assertion's text may quote the event's player data.
        _log.error(
            "gl_placement_mock: event callback %s raised %s on %s of %s; it is kept and raised "
            "when the mock stops (message withheld)\n%s",
            getattr(callback, "__qualname__", type(callback).__name__),
            type(error).__name__,
            event.kind,
            event.describe_subject(),
            "".join(traceback.format_tb(error.__traceback__)).rstrip(),
        )
        with self._errors_lock:
            self._errors.append(error)

    def errors(self) -> list[BaseException]:
        """The callback errors kept so far, oldest first (they stay kept)."""
        with self._errors_lock:
            return list(self._errors)

    def keep_errors(self, errors: list[BaseException]) -> None:
        """Keep ``errors`` (taken from another delivery) before any kept from now on."""
        with self._errors_lock:
            self._errors[:0] = errors

    def take_errors(self) -> list[BaseException]:
        with self._errors_lock:
            errors, self._errors = self._errors, []
        return errors


def raise_errors(errors: list[BaseException]) -> None:
    """Raise callback errors: one as itself, several as an exception group."""
    if not errors:
        return
    if len(errors) == 1:
        raise errors[0]
    if sys.version_info >= (3, 11):
        group_type = BaseExceptionGroup  # noqa: F821 - a builtin from Python 3.11
    else:  # pragma: no cover - Python 3.9 and 3.10
        from exceptiongroup import BaseExceptionGroup as group_type  # noqa: N813
    raise group_type(f"{len(errors)} placement event callbacks raised", errors)


class EventInbox:
    """Placement events kept for a test to take when it chooses, in the order they happened."""

    def __init__(self, delivery: Delivery) -> None:
        self._delivery = delivery
        self._events: collections.deque[dict[str, Any]] = collections.deque()
        self._unsubscribe = delivery.subscribe(self._events.append)

    def take(self) -> list[dict[str, Any]]:
        """Bring the mock up to the clock now, then return (and forget) every event kept."""
        self._delivery.settle()
        self._delivery.flush()
        taken = []
        while self._events:
            taken.append(self._events.popleft())
        return taken

    def close(self) -> None:
        """Keep no more events."""
        self._unsubscribe()

    def __len__(self) -> int:
        return len(self._events)


# -- publishing through moto -----------------------------------------------------------------------


def _moto_active() -> bool:
    """Whether moto's ``mock_aws`` is active, without importing moto."""
    models = sys.modules.get("moto.core.models")
    stubber = getattr(models, "botocore_stubber", None)
    return bool(getattr(stubber, "enabled", False))


_clients: dict[tuple[str, str], Any] = {}
_clients_lock = threading.Lock()
# The moto extra that serves each service a delivery uses.
_EXTRAS = {"sns": "moto[sns]", "events": "moto[events]"}


class DeliveryRefusedError(Exception):
    """A delivery's request reached the point of being sent over the network: refused, so that
    nothing this package sends ever leaves the process (moto stopped meanwhile)."""


def _moto_stubber() -> Any:
    return getattr(sys.modules.get("moto.core.models"), "botocore_stubber", None)


def answer_by_moto_or_refuse(event_name: str, request: Any, **kwargs: Any) -> Any:
    """The one ``before-send`` handler of a delivery client: moto answers the request, or
    nothing does and it is refused. Whether moto is active is decided by that same call, so
    moto stopping in another thread can only make it refuse, never let a request through."""
    stubber = _moto_stubber()
    response = None if stubber is None else stubber(event_name, request, **kwargs)
    if response is None:
        raise DeliveryRefusedError("moto's mock_aws was no longer active to answer it")
    return response


def _client(service: str, region: str) -> Any:
    key = (service, region)
    client = _clients.get(key)
    if client is None:
        import botocore.session

        with _clients_lock:
            client = _clients.get(key)
            if client is None:
                client = botocore.session.Session().create_client(
                    service,
                    region_name=region,
                    aws_access_key_id="testing",
                    aws_secret_access_key="testing",
                )
                # moto's stubber (a built-in handler) is called only through ours.
                stubber = _moto_stubber()
                if stubber is not None:
                    client.meta.events.unregister("before-send", stubber)
                client.meta.events.register("before-send", answer_by_moto_or_refuse)
                _clients[key] = client
    return client


def _failure(error: Exception, service: str) -> str:
    if isinstance(error, DeliveryRefusedError):
        return f"not sent: {error}"
    if isinstance(error, ImportError):
        return (
            f"moto cannot serve {service} without its extra: install {_EXTRAS[service]} "
            f"({type(error).__name__}: {getattr(error, 'name', None) or error})"
        )
    response = getattr(error, "response", None)
    if isinstance(response, dict):
        code = response.get("Error", {}).get("Code")
        if code:
            return str(code)
    return type(error).__name__


def _event_time(text: str) -> datetime:
    """An envelope's ``time`` (``2026-11-21T08:21:46Z``, with or without milliseconds)."""
    pattern = "%Y-%m-%dT%H:%M:%S.%fZ" if "." in text else "%Y-%m-%dT%H:%M:%SZ"
    return datetime.strptime(text, pattern).replace(tzinfo=timezone.utc)


def _group(envelope: dict[str, Any]) -> str:
    """A FIFO topic's message group for an event: the name of the resource it is about (the
    last part of its first resource's ARN), or its source when it names none."""
    resources = envelope.get("resources") or ()
    if resources:
        return str(resources[0]).rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return str(envelope.get("source", "events"))


def _publish(event: Event) -> None:
    envelope = event.envelope
    about = event.describe()
    region = event.region
    target = event.sns_target
    if target:
        parts = target.split(":")
        topic_region = parts[3] if len(parts) > 5 and parts[3] else region
        message: dict[str, str] = {"TopicArn": target, "Message": json.dumps(envelope)}
        if target.endswith(".fifo"):
            # One message group per resource (a placement event's queue), so its events stay in
            # order; the event id is unique, so no event is taken for a duplicate.
            message["MessageGroupId"] = _group(envelope)
            message["MessageDeduplicationId"] = str(envelope["id"])
        try:
            _client("sns", topic_region).publish(**message)
        except Exception as error:
            _log.warning(
                "gl_placement_mock could not publish a %s to its NotificationTarget %s: %s",
                about,
                target,
                _failure(error, "sns"),
            )
    entry = {
        "Source": envelope["source"],
        "DetailType": envelope["detail-type"],
        "Detail": json.dumps(envelope["detail"]),
        "Resources": list(envelope.get("resources") or ()),
        "Time": _event_time(envelope["time"]),
        "EventBusName": "default",
    }
    problem: Optional[str] = None
    try:
        response = _client("events", region).put_events(Entries=[entry])
    except Exception as error:
        problem = _failure(error, "events")
    else:
        if response.get("FailedEntryCount"):
            problem = str(response["Entries"][0].get("ErrorCode", "FailedEntry"))
    if problem is not None:
        _log.warning(
            "gl_placement_mock could not put a %s on the default EventBridge bus of %s: %s",
            about,
            region,
            problem,
        )
