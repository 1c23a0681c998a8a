"""Server mode against moto's server: ``python benchmarks/server.py``.

Two servers run as separate processes, as a user runs them: ``python -m gl_placement_mock serve``
answering StartGameSessionPlacement + DescribeGameSessionPlacement, and ``moto_server``
answering DynamoDB GetItem (a comparable AWS JSON 1.x call). Load comes from 1, 8 and 32 client
threads in this process, each sending pre-built HTTP requests (signed headers are accepted
unchecked by both) over a fresh connection per request, as both servers close the connection
after each answer. The two sides alternate in short rounds at each concurrency (the side that
goes first alternates); the figures are requests per second (median over rounds) and the p50
and p99 latency of single requests (pooled over rounds).

    python benchmarks/server.py            full run (about a minute on two cores)
    python benchmarks/server.py --quick    smoke run, seconds: proves the benchmark still works

Needs the ``bench`` extra (``moto[server]``); without moto only the mock's side runs. Timings
are never asserted: the exit status only says whether the run completed.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count, repeat
from typing import Callable, Optional
from urllib.parse import urlsplit

REGION = "us-west-2"
AUTH = (
    f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/{REGION}/{{service}}/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0"
)
CONCURRENCY = (1, 8, 32)

Request = tuple[bytes, dict[str, str]]


@dataclass
class Side:
    name: str
    call: str
    host: str
    port: int
    requests: Callable[[int, int], Iterator[Request]]  # (thread, round number) -> endless
    rates: dict[int, list[float]] = field(default_factory=dict)
    latencies: dict[int, list[float]] = field(default_factory=dict)


def _headers(target: str, service: str, content_type: str) -> dict[str, str]:
    return {
        "X-Amz-Target": target,
        "Content-Type": content_type,
        "X-Amz-Date": "20260301T120000Z",
        "Authorization": AUTH.format(service=service),
    }


def _send(host: str, port: int, body: bytes, headers: dict[str, str]) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("POST", "/", body, headers)
        response = connection.getresponse()
        payload = response.read()
        if response.status != 200:
            raise RuntimeError(f"{response.status}: {payload[:200]!r}")
    finally:
        connection.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_ready(host: str, port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the server did not start within 60 s")


def start_mock() -> tuple[subprocess.Popen[bytes], Side]:
    process = subprocess.Popen(
        [sys.executable, "-m", "gl_placement_mock", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdout is not None
    url = urlsplit(process.stdout.readline().decode().strip())
    host, port = str(url.hostname), int(url.port or 80)
    _wait_ready(host, port, process)
    # A queue whose destination has room: every placement is FULFILLED by its Describe.
    fleet = (
        f"arn:aws:gamelift:{REGION}:123456789012:fleet/fleet-0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    )
    queue = {"Name": "bench", "TimeoutInSeconds": 600, "Destinations": [{"DestinationArn": fleet}]}
    _send(host, port, json.dumps(queue).encode(), _mock_headers("CreateGameSessionQueue"))
    start = _mock_headers("StartGameSessionPlacement")
    describe = _mock_headers("DescribeGameSessionPlacement")

    def requests(thread: int, round_: int) -> Iterator[Request]:
        for i in count():
            placement = f"r{round_}-t{thread}-{i}".encode()
            yield (
                b'{"PlacementId":"%s","GameSessionQueueName":"bench",'
                b'"MaximumPlayerSessionCount":4}' % placement,
                start,
            )
            yield b'{"PlacementId":"%s"}' % placement, describe

    return process, Side("gl_placement_mock", "Start + Describe", host, port, requests)


def _mock_headers(operation: str) -> dict[str, str]:
    return _headers(f"GameLift.{operation}", "gamelift", "application/x-amz-json-1.1")


def start_moto() -> Optional[tuple[subprocess.Popen[bytes], Side]]:
    if importlib.util.find_spec("moto") is None or importlib.util.find_spec("flask") is None:
        return None
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from moto.server import main; main()", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    host = "127.0.0.1"
    _wait_ready(host, port, process)
    table = {
        "TableName": "bench",
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST",
    }
    _send(host, port, json.dumps(table).encode(), _dynamo_headers("CreateTable"))
    item = {"TableName": "bench", "Item": {"id": {"S": "player-1"}, "queue": {"S": "bench"}}}
    _send(host, port, json.dumps(item).encode(), _dynamo_headers("PutItem"))
    get = (b'{"TableName":"bench","Key":{"id":{"S":"player-1"}}}', _dynamo_headers("GetItem"))

    def requests(thread: int, round_: int) -> Iterator[Request]:
        return repeat(get)

    return process, Side("moto_server", "DynamoDB GetItem", host, port, requests)


def _dynamo_headers(operation: str) -> dict[str, str]:
    return _headers(f"DynamoDB_20120810.{operation}", "dynamodb", "application/x-amz-json-1.0")


def run_round(side: Side, threads: int, seconds: float, round_: int) -> None:
    stop = threading.Event()
    barrier = threading.Barrier(threads + 1)
    latencies: list[list[float]] = [[] for _ in range(threads)]
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        batch = side.requests(n, round_)
        mine = latencies[n]
        barrier.wait()
        try:
            for body, headers in batch:
                if stop.is_set():
                    return
                began = time.perf_counter()
                _send(side.host, side.port, body, headers)
                mine.append(time.perf_counter() - began)
        except BaseException as error:  # reported after the round
            errors.append(error)

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in workers:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for thread in workers:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise RuntimeError(f"{side.name}: {errors[0]!r}")
    done = [x for chunk in latencies for x in chunk]
    side.rates.setdefault(threads, []).append(len(done) / elapsed)
    side.latencies.setdefault(threads, []).extend(done)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run (seconds)")
    options = parser.parse_args(argv)
    seconds, rounds = (0.3, 1) if options.quick else (3.0, 3)
    processes = []
    try:
        mock_process, mock = start_mock()
        processes.append(mock_process)
        sides = [mock]
        moto = start_moto()
        if moto is None:
            print("moto[server] is not installed: only the mock's side runs ('.[bench]' has it)")
        else:
            processes.append(moto[0])
            sides.append(moto[1])
        serial = count()  # numbers every round of the run: placement ids never repeat
        for threads in CONCURRENCY:
            for round_ in range(rounds):
                order = sides if round_ % 2 == 0 else sides[::-1]
                for side in order:
                    run_round(side, threads, seconds, next(serial))
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)

    print(
        f"\nServer mode, {seconds:g} s rounds x {rounds} per side, Python "
        f"{sys.version.split()[0]}, {os.cpu_count()} cores\n"
    )
    print("| server | call | clients | requests/s | p50 ms | p99 ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for threads in CONCURRENCY:
        for side in sides:
            rate = statistics.median(side.rates[threads])
            p50 = percentile(side.latencies[threads], 0.50) * 1000
            p99 = percentile(side.latencies[threads], 0.99) * 1000
            print(
                f"| {side.name} | {side.call} | {threads} | {rate:,.0f} | {p50:.2f} | {p99:.2f} |"
            )
    if len(sides) == 2:
        print()
        for threads in CONCURRENCY:
            ratio = statistics.median(mock.rates[threads]) / statistics.median(
                sides[1].rates[threads]
            )
            verdict = "matched" if ratio >= 1 else "MISSED"
            print(f"{threads:>2} clients: the mock serves {ratio:.2f}x moto's rate ({verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
