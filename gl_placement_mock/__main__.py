"""The command line: ``python -m gl_placement_mock demo`` (a short printed walk-through) and
``python -m gl_placement_mock serve`` (the mock over HTTP); also installed as
``gl-placement-mock``."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from typing import Any, Optional

from . import DEFAULT_ACCOUNT_ID, __version__


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="A mock of Amazon GameLift game session placement.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    commands.add_parser(
        "demo",
        help="print a short walk-through: a queue and three placements, answered in-process",
        description="Print a short walk-through: a queue and three placements, answered "
        "in-process; nothing goes to AWS.",
    )
    serve = commands.add_parser(
        "serve",
        help="serve the mock over HTTP (AWS JSON 1.1) for the AWS CLI and any SDK",
        description="Serve the mock over HTTP (AWS JSON 1.1) for the AWS CLI and any SDK. The "
        "first line printed is the endpoint URL. Stop with Ctrl-C or SIGTERM. Needs the "
        "'server' extra.",
    )
    serve.add_argument(
        "--host", type=_host, default="127.0.0.1", help="address to bind (default: %(default)s)"
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=5050,
        help="port to listen on; 0 picks a free one (default: %(default)s)",
    )
    serve.add_argument(
        "--account-id",
        type=_account_id,
        default=DEFAULT_ACCOUNT_ID,
        help="the account every call acts in (default: %(default)s)",
    )
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests whose Host header is NAME, when serving on loopback (for "
        "containers; repeatable)",
    )
    serve.add_argument(
        "--token",
        help="require this token in the X-Gl-Placement-Mock-Token header of control requests",
    )
    serve.add_argument(
        "--token-for-wire",
        action="store_true",
        help="require the token on GameLift requests too",
    )
    serve.add_argument(
        "--max-calls",
        type=_max_calls,
        default=10_000,
        metavar="N",
        help="keep the most recent N recorded calls; 0 keeps all (default: %(default)s)",
    )
    serve.add_argument(
        "--idle-timeout",
        type=_idle_timeout,
        default=30.0,
        metavar="SECONDS",
        help="close a connection idle this long (default: %(default)s)",
    )
    return parser


# Option types: argparse names the option in its error ("argument --port: ..."), exits 2.
def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to 65535, got {text!r}")
    return port


def _account_id(text: str) -> str:
    if len(text) != 12 or not text.isdigit() or not text.isascii():
        raise argparse.ArgumentTypeError(f"must be 12 digits, got {text!r}")
    return text


def _host(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "must be the address to bind, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every "
            f"interface), got {text!r}"
        )
    return text


def _max_calls(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number, 0 for no limit, got {text!r}")
    return count


def _idle_timeout(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return seconds


def main(argv: Optional[list[str]] = None, prog: str = "python -m gl_placement_mock") -> int:
    """Run the command line; returns the exit status (argparse exits 2 on a usage error)."""
    args = _parser(prog).parse_args(argv)
    try:
        if args.command == "demo":
            from .demo import run

            run()
            sys.stdout.flush()
            return 0
        settings = {
            "allow_hosts": args.allow_host,
            "token": args.token,
            "token_for_wire": args.token_for_wire,
            "max_calls": args.max_calls,
            "idle_timeout": args.idle_timeout,
        }
        return _serve(args.host, args.port, args.account_id, settings)
    except BrokenPipeError:
        # The reader closed the pipe (`demo | head -3`): it has all it wanted. Nothing more
        # can be written, and Python's flush at exit must not fail again: stdout goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _serve(host: str, port: int, account_id: str, settings: dict[str, Any]) -> int:
    try:
        from .server import PlacementServer
    except ImportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        server = PlacementServer(host=host, port=port, account_id=account_id, **settings)
    except ValueError as error:  # a bad setting, not the address: say only what is wrong
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        server.start()
    except OSError as error:
        print(f"error: cannot serve on {host}:{port}: {error}", file=sys.stderr)
        return 1
    stopping = threading.Event()

    def stop(_signum: int, _frame: Any) -> None:
        stopping.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        print(server.endpoint_url, flush=True)
        print(
            f"gl_placement_mock serving GameLift on {server.endpoint_url} (account "
            f"{account_id}); Ctrl-C to stop.",
            file=sys.stderr,
            flush=True,
        )
        while not stopping.wait(0.5):
            pass
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def console() -> int:
    """The ``gl-placement-mock`` console script."""
    return main(prog="gl-placement-mock")


if __name__ == "__main__":
    raise SystemExit(main())
