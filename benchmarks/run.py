"""Benchmarks of gl_placement_mock against its peers: ``python benchmarks/run.py``.

Every comparison runs both sides in this one process, interleaved round by round (the side that
goes first alternates), and reports the median over rounds. Timed batches run with the garbage
collector paused, as ``timeit`` does; anything set up for a batch (ids, canned Stubber responses,
placements to stop) is prepared outside the timed region.

    python benchmarks/run.py              full run (about two minutes on two cores)
    python benchmarks/run.py --quick      smoke run, seconds: proves the benchmark still works
    python benchmarks/run.py --json results.json --chart docs/images/benchmarks.png --markdown

The figures, their targets and how they are measured are described in docs/benchmarks.md.
Timings are never asserted anywhere: the exit status only says whether the run completed.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Optional

# Keep botocore's credential chain away from the EC2 metadata service at client creation.
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"

import boto3
import botocore
import botocore.session
from botocore.stub import Stubber

import gl_placement_mock
from gl_placement_mock import activation, interception, mock_placement

REGION = "us-west-2"
ACCOUNT = gl_placement_mock.DEFAULT_ACCOUNT_ID
FLEET_ARN = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:fleet/fleet-0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
LONG_TIMEOUT = 86_400  # pending placements must not time out while the benchmark runs
TICK_TIMEOUT = 10
T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
CLIENT_KEYS = {"aws_access_key_id": "x", "aws_secret_access_key": "y", "region_name": REGION}
OPERATIONS = (
    "StartGameSessionPlacement",
    "DescribeGameSessionPlacement",
    "StopGameSessionPlacement",
)
IMPORT_SNIPPET = (
    "import botocore.session, time; t = time.perf_counter_ns(); import {module}; "
    "print(time.perf_counter_ns() - t)"
)


@dataclass(frozen=True)
class Settings:
    """How much work each comparison does. ``quick`` only proves the benchmark runs."""

    quick: bool
    call_rounds: int
    calls_per_batch: int
    activation_rounds: int
    activations_per_batch: int
    moto_activations_per_batch: int
    sizes: tuple[int, ...]
    rebuild_up_to: int  # states of at most this many placements are rebuilt every round
    scale_rounds: int
    describes_per_batch: int
    stops_per_batch: int
    tick_rounds: int
    import_rounds: int
    memory_placements: int


FULL = Settings(
    quick=False,
    call_rounds=15,
    calls_per_batch=400,
    activation_rounds=15,
    activations_per_batch=2000,
    moto_activations_per_batch=20,
    sizes=(100, 1_000, 10_000, 50_000),
    rebuild_up_to=1_000,
    scale_rounds=15,
    describes_per_batch=400,
    stops_per_batch=100,
    tick_rounds=5,
    import_rounds=15,
    memory_placements=10_000,
)
QUICK = Settings(
    quick=True,
    call_rounds=3,
    calls_per_batch=50,
    activation_rounds=3,
    activations_per_batch=200,
    moto_activations_per_batch=3,
    sizes=(100, 2_000),
    rebuild_up_to=100,
    scale_rounds=3,
    describes_per_batch=50,
    stops_per_batch=20,
    tick_rounds=2,
    import_rounds=3,
    memory_placements=500,
)


@dataclass
class Figure:
    """One line of the report: our median against a peer's (or a baseline's), and the target."""

    key: str
    name: str
    unit: str
    ours: Optional[float]
    peer: Optional[float] = None
    peer_name: str = ""
    ratio: Optional[float] = None
    target: str = ""
    met: Optional[bool] = None
    note: str = ""

    @property
    def status(self) -> str:
        if self.ours is None:
            return "SKIPPED" if self.peer is None else "INFO"
        if self.met is None:
            return "REPORTED"
        return "MET" if self.met else "MISSED"


@dataclass
class Results:
    settings: Settings
    machine: dict[str, str]
    figures: list[Figure] = field(default_factory=list)
    series: dict[str, Any] = field(default_factory=dict)  # raw medians the chart is drawn from


# -- timing helpers ------------------------------------------------------------------------------


@contextmanager
def paused_gc() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def timed_batch(action: Callable[[Any], Any], items: list[Any]) -> float:
    """Nanoseconds per item for running ``action`` over ``items``, collector paused."""
    with paused_gc():
        start = time.perf_counter_ns()
        for item in items:
            action(item)
        elapsed = time.perf_counter_ns() - start
    return elapsed / len(items)


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def alternate(round_index: int, sides: list[Any]) -> list[Any]:
    """The sides in turn, rotated every round so no side always runs first."""
    shift = round_index % len(sides)
    return sides[shift:] + sides[:shift]


# -- clients and states --------------------------------------------------------------------------


def mock_client() -> Any:
    return boto3.client("gamelift", **CLIENT_KEYS)


def plain_client() -> Any:
    """A client from a botocore session without this package's handlers: what a Stubber user
    has when gl_placement_mock is not installed."""
    session = botocore.session.get_session()
    for spec in interception._HANDLERS:
        session.unregister(spec[0], spec[1])
    return boto3.Session(botocore_session=session).client("gamelift", **CLIENT_KEYS)


@contextmanager
def using_backend(mock: Any, backend: Any) -> Iterator[None]:
    """Make ``backend`` the active state for ``mock``. The benchmark keeps one state per size
    alive to interleave them; the public API keeps only one, so this activates ``mock`` on the
    given backend through the activation module (as ``mock.start()`` does on a fresh one)."""
    started = activation.start(mock, world=activation.World(backend))
    try:
        yield
    finally:
        activation.end(started)


def start_placement(client: Any, placement_id: str, queue: str) -> Any:
    return client.start_game_session_placement(
        PlacementId=placement_id, GameSessionQueueName=queue, MaximumPlayerSessionCount=8
    )


def make_queues(client: Any) -> None:
    """``waiting``: no destinations, placements stay PENDING; ``placing``: one fleet with no
    capacity limit, placements are FULFILLED on the next call."""
    client.create_game_session_queue(Name="waiting", TimeoutInSeconds=LONG_TIMEOUT)
    client.create_game_session_queue(
        Name="placing",
        TimeoutInSeconds=LONG_TIMEOUT,
        Destinations=[{"DestinationArn": FLEET_ARN}],
    )


@dataclass
class SizedState:
    """A backend holding ``size`` live placements, half PENDING and half FULFILLED."""

    size: int
    backend: Any
    ids: list[str]
    fresh: Iterator[str]


def build_state(client: Any, size: int, tag: str) -> SizedState:
    mock = mock_placement()
    with mock:
        _mock, backend = activation.current()
        make_queues(client)
        ids = []
        for index in range(size):
            placement_id = f"{tag}-{index}"
            start_placement(client, placement_id, "waiting" if index % 2 else "placing")
            ids.append(placement_id)
        client.describe_game_session_placement(PlacementId=ids[0])  # places the last ones
    fresh = (f"{tag}-stop-{n}" for n in range(10**9))
    return SizedState(size, backend, ids, fresh)


# -- 1. per call against botocore's Stubber ------------------------------------------------------


def bench_per_call(settings: Settings, results: Results) -> None:
    ours, theirs = mock_client(), plain_client()
    stubber = Stubber(theirs)
    stubber.activate()
    mock = mock_placement()
    samples: dict[str, dict[str, list[float]]] = {
        op: {"ours": [], "stubber": []} for op in OPERATIONS
    }
    add_response_ns: list[float] = []
    with mock:
        make_queues(ours)
        # The Stubber replays exactly what the mock answers, so both clients return the same.
        canned = {}
        for operation, call in (
            ("StartGameSessionPlacement", lambda: start_placement(ours, "canned", "waiting")),
            (
                "DescribeGameSessionPlacement",
                lambda: ours.describe_game_session_placement(PlacementId="canned"),
            ),
            (
                "StopGameSessionPlacement",
                lambda: ours.stop_game_session_placement(PlacementId="canned"),
            ),
        ):
            response = call()
            response.pop("ResponseMetadata")
            canned[operation] = response
        backend = mock._backend()
    for round_index in range(settings.call_rounds):
        ids = [f"call-{round_index}-{n}" for n in range(settings.calls_per_batch)]
        for side in alternate(round_index, ["ours", "stubber"]):
            client = ours if side == "ours" else theirs
            # The Stubber side runs with no mock active: a Stubber user's client is not
            # served by this package, and pays only its one check of whether a mock is on.
            serving = using_backend(mock, backend) if side == "ours" else nullcontext()
            if side == "stubber":
                start = time.perf_counter_ns()
                for operation, method in (
                    ("StartGameSessionPlacement", "start_game_session_placement"),
                    ("DescribeGameSessionPlacement", "describe_game_session_placement"),
                    ("StopGameSessionPlacement", "stop_game_session_placement"),
                ):
                    for _ in ids:
                        stubber.add_response(method, canned[operation])
                add_response_ns.append((time.perf_counter_ns() - start) / (3 * len(ids)))
            with serving:
                samples["StartGameSessionPlacement"][side].append(
                    timed_batch(lambda i, c=client: start_placement(c, i, "waiting"), ids)
                )
                samples["DescribeGameSessionPlacement"][side].append(
                    timed_batch(
                        lambda i, c=client: c.describe_game_session_placement(PlacementId=i), ids
                    )
                )
                samples["StopGameSessionPlacement"][side].append(
                    timed_batch(
                        lambda i, c=client: c.stop_game_session_placement(PlacementId=i), ids
                    )
                )
    stubber.assert_no_pending_responses()
    series = {}
    for operation in OPERATIONS:
        ours_us = median(samples[operation]["ours"]) / 1000
        stub_us = median(samples[operation]["stubber"]) / 1000
        ratio = ours_us / stub_us
        series[operation] = {"ours": ours_us, "stubber": stub_us}
        results.figures.append(
            Figure(
                key=f"call.{operation}",
                name=f"per call: {operation}",
                unit="µs",
                ours=ours_us,
                peer=stub_us,
                peer_name="Stubber",
                ratio=ratio,
                target="ours/Stubber ≤ 1.5",
                met=ratio <= 1.5,
            )
        )
    results.series["per_call"] = series
    results.series["stubber_add_response_us"] = median(add_response_ns) / 1000
    results.figures.append(
        Figure(
            key="call.stubber_add_response",
            name="(info) Stubber add_response, not counted above",
            unit="µs",
            ours=None,
            peer=median(add_response_ns) / 1000,
            peer_name="Stubber",
            note="what a Stubber test also pays per call, to queue the canned response",
        )
    )


# -- 2. entering and leaving the mock against moto's mock_aws() ----------------------------------


def bench_activation(settings: Settings, results: Results) -> None:
    if importlib.util.find_spec("moto") is None:
        results.figures.append(
            Figure(
                key="activation",
                name="enter+exit: mock_placement() vs moto mock_aws()",
                unit="µs",
                ours=None,
                target="moto/ours ≥ 50",
                note="moto is not installed",
            )
        )
        return
    from moto import mock_aws

    def ours(_: int) -> None:
        with mock_placement():
            pass

    def moto(_: int) -> None:
        with mock_aws():
            pass

    for warm in (ours, moto):  # first activations import and build caches
        for _ in range(3):
            warm(0)
    samples: dict[str, list[float]] = {"ours": [], "moto": []}
    for round_index in range(settings.activation_rounds):
        for side in alternate(round_index, ["ours", "moto"]):
            if side == "ours":
                batch = list(range(settings.activations_per_batch))
                samples["ours"].append(timed_batch(ours, batch))
            else:
                batch = list(range(settings.moto_activations_per_batch))
                samples["moto"].append(timed_batch(moto, batch))
    ours_us = median(samples["ours"]) / 1000
    moto_us = median(samples["moto"]) / 1000
    ratio = moto_us / ours_us
    results.series["activation"] = {"ours": ours_us, "moto": moto_us}
    results.figures.append(
        Figure(
            key="activation",
            name="enter+exit: mock_placement() vs moto mock_aws()",
            unit="µs",
            ours=ours_us,
            peer=moto_us,
            peer_name="moto",
            ratio=ratio,
            target="moto/ours ≥ 50",
            met=ratio >= 50,
        )
    )


# -- 3. cost against the number of placements held ---------------------------------------------


def bench_scaling(settings: Settings, results: Results) -> None:
    client = mock_client()
    mock = mock_placement()
    rng = random.Random(20260301)
    states = {size: build_state(client, size, f"s{size}") for size in settings.sizes}
    samples: dict[str, dict[int, list[float]]] = {
        "DescribeGameSessionPlacement": {size: [] for size in settings.sizes},
        "StopGameSessionPlacement": {size: [] for size in settings.sizes},
    }
    for round_index in range(settings.scale_rounds):
        for size in alternate(round_index, list(settings.sizes)):
            state = states[size]
            if round_index and size <= settings.rebuild_up_to:
                state = states[size] = build_state(client, size, f"s{size}r{round_index}")
            with using_backend(mock, state.backend):
                to_describe = [rng.choice(state.ids) for _ in range(settings.describes_per_batch)]
                samples["DescribeGameSessionPlacement"][size].append(
                    timed_batch(
                        lambda i: client.describe_game_session_placement(PlacementId=i), to_describe
                    )
                )
                to_stop = [next(state.fresh) for _ in range(settings.stops_per_batch)]
                for placement_id in to_stop:
                    start_placement(client, placement_id, "waiting")
                client.describe_game_session_placement(PlacementId=state.ids[0])
                samples["StopGameSessionPlacement"][size].append(
                    timed_batch(
                        lambda i: client.stop_game_session_placement(PlacementId=i), to_stop
                    )
                )
    small, large = settings.sizes[0], settings.sizes[-1]
    series: dict[str, dict[int, float]] = {}
    for operation, by_size in samples.items():
        series[operation] = {size: median(values) / 1000 for size, values in by_size.items()}
        growth = series[operation][large] / series[operation][small]
        results.figures.append(
            Figure(
                key=f"scale.{operation}",
                name=f"{operation}: {large:,} vs {small:,} placements",
                unit="µs",
                ours=series[operation][large],
                peer=series[operation][small],
                peer_name=f"at {small:,}",
                ratio=growth,
                target="growth ≤ 1.25",
                met=growth <= 1.25,
            )
        )
    results.series["scaling"] = series
    del states
    gc.collect()


def bench_tick(settings: Settings, results: Results) -> None:
    """Per placement processed, the first call after many deadlines passed at once."""
    import time_machine

    client = mock_client()
    samples: dict[int, list[float]] = {size: [] for size in settings.sizes}
    for round_index in range(settings.tick_rounds):
        for size in alternate(round_index, list(settings.sizes)):
            with mock_placement(), time_machine.travel(T0, tick=False) as traveller:
                client.create_game_session_queue(Name="ticking", TimeoutInSeconds=TICK_TIMEOUT)
                ids = [f"tick-{round_index}-{n}" for n in range(size)]
                for placement_id in ids:
                    start_placement(client, placement_id, "ticking")
                client.describe_game_session_placement(PlacementId=ids[0])
                traveller.shift(TICK_TIMEOUT + 1)
                with paused_gc():
                    first = time.perf_counter_ns()
                    answer = client.describe_game_session_placement(PlacementId=ids[-1])
                    second = time.perf_counter_ns()
                    client.describe_game_session_placement(PlacementId=ids[-1])
                    third = time.perf_counter_ns()
                assert answer["GameSessionPlacement"]["Status"] == "TIMED_OUT"
                samples[size].append(((second - first) - (third - second)) / size)
    small, large = settings.sizes[0], settings.sizes[-1]
    series = {size: median(values) / 1000 for size, values in samples.items()}
    growth = series[large] / series[small]
    results.series["tick"] = series
    results.figures.append(
        Figure(
            key="scale.tick",
            name=f"tick, per deadline due: {large:,} vs {small:,} due at once",
            unit="µs",
            ours=series[large],
            peer=series[small],
            peer_name=f"at {small:,}",
            ratio=growth,
            target="growth ≤ 1.25",
            met=growth <= 1.25,
        )
    )


# -- 4. import time ------------------------------------------------------------------------------


def bench_import(settings: Settings, results: Results) -> None:
    """``import gl_placement_mock`` in a fresh interpreter that already imported botocore, with
    warm bytecode caches (as after ``pip install``; kept in a temporary PYTHONPYCACHEPREFIX so the
    source tree is left alone)."""
    modules = ["gl_placement_mock"]
    if importlib.util.find_spec("moto") is not None:
        modules.append("moto")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    samples: dict[str, list[float]] = {module: [] for module in modules}
    with tempfile.TemporaryDirectory(prefix="gl-bench-pyc-") as cache:
        env["PYTHONPYCACHEPREFIX"] = cache

        def measure(module: str) -> float:
            out = subprocess.run(
                [sys.executable, "-c", IMPORT_SNIPPET.format(module=module)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            return float(out.stdout.strip().splitlines()[-1])

        for module in modules:
            measure(module)  # writes the bytecode caches
        for round_index in range(settings.import_rounds):
            for module in alternate(round_index, modules):
                samples[module].append(measure(module))
    ours_ms = median(samples["gl_placement_mock"]) / 1e6
    moto_ms = median(samples["moto"]) / 1e6 if "moto" in samples else None
    results.series["import"] = {"ours": ours_ms, "moto": moto_ms}
    results.figures.append(
        Figure(
            key="import",
            name="import gl_placement_mock after botocore",
            unit="ms",
            ours=ours_ms,
            peer=moto_ms,
            peer_name="import moto",
            ratio=None if moto_ms is None else ours_ms / moto_ms,
            target="≤ 15 ms",
            met=ours_ms <= 15,
        )
    )


# -- 5. memory per placement ---------------------------------------------------------------------


def bench_memory(settings: Settings, results: Results) -> None:
    client = mock_client()
    count = settings.memory_placements
    per_kind: dict[str, float] = {}
    with mock_placement():  # first calls fill botocore's and the validators' caches
        make_queues(client)
        for n in range(4):
            start_placement(client, f"warm-{n}", "waiting" if n % 2 else "placing")
            client.describe_game_session_placement(PlacementId=f"warm-{n}")
    tracemalloc.start()
    try:
        for kind, queue in (("pending", "waiting"), ("fulfilled", "placing")):
            with mock_placement():
                make_queues(client)
                ids = [f"mem-{n}" for n in range(count)]
                start_placement(client, "first", queue)
                client.describe_game_session_placement(PlacementId="first")
                gc.collect()
                before = tracemalloc.get_traced_memory()[0]
                for placement_id in ids:
                    start_placement(client, placement_id, queue)
                client.describe_game_session_placement(PlacementId=ids[-1])
                gc.collect()
                after = tracemalloc.get_traced_memory()[0]
                per_kind[kind] = (after - before) / count
    finally:
        tracemalloc.stop()
    mixed = (per_kind["pending"] + per_kind["fulfilled"]) / 2
    results.series["memory"] = dict(per_kind, mixed=mixed)
    for kind, value in (("half pending, half fulfilled", mixed), *per_kind.items()):
        results.figures.append(
            Figure(
                key=f"memory.{kind.split(',')[0].replace(' ', '_')}",
                name=f"memory per placement held: {kind}",
                unit="KiB",
                ours=value / 1024,
                target="report; keep small",
                note="tracemalloc: all the mock keeps for it (events, transitions, sessions)",
            )
        )


# -- report --------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    moto_version = "not installed"
    if importlib.util.find_spec("moto") is not None:
        from importlib.metadata import version

        moto_version = version("moto")
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "botocore": botocore.__version__,
        "boto3": boto3.__version__,
        "moto": moto_version,
        "gl_placement_mock": gl_placement_mock.__version__,
    }


def fmt(value: Optional[float], unit: str = "") -> str:
    if value is None:
        return "—"
    digits = 2 if value < 10 else 1 if value < 1000 else 0
    text = f"{value:,.{digits}f}"
    return f"{text} {unit}".rstrip()


def rows(results: Results) -> list[list[str]]:
    table = []
    for figure in results.figures:
        peer = fmt(figure.peer, figure.unit)
        if figure.peer is not None and figure.peer_name:
            peer = f"{peer} ({figure.peer_name})"
        ratio = "—" if figure.ratio is None else f"{figure.ratio:.2f}x"
        table.append(
            [
                figure.name,
                fmt(figure.ours, figure.unit),
                peer,
                ratio,
                figure.target or "—",
                figure.status,
            ]
        )
    return table


HEADER = ["figure", "ours (median)", "peer or baseline (median)", "ratio", "target", "result"]


def print_report(results: Results) -> None:
    table = [HEADER, *rows(results)]
    widths = [max(len(row[col]) for row in table) for col in range(len(HEADER))]
    for index, row in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))
    for figure in results.figures:
        if figure.status == "SKIPPED":
            print(f"{figure.name}: SKIPPED ({figure.note})")


def markdown(results: Results) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run (seconds)")
    parser.add_argument("--json", metavar="PATH", help="write the figures and series as JSON")
    parser.add_argument("--chart", metavar="PATH", help="draw the chart (.png or .svg)")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    results = Results(settings, machine())
    print(f"gl_placement_mock benchmarks ({'quick' if settings.quick else 'full'} run)")
    print(", ".join(f"{k}: {v}" for k, v in results.machine.items()))
    steps = [
        ("per call against botocore's Stubber", bench_per_call),
        ("entering and leaving against moto", bench_activation),
        ("Describe and Stop against placements held", bench_scaling),
        ("placement tick with many deadlines due", bench_tick),
        ("import time", bench_import),
        ("memory per placement", bench_memory),
    ]
    for title, step in steps:
        began = time.perf_counter()
        step(settings, results)
        print(f"  measured {title} ({time.perf_counter() - began:.1f} s)", flush=True)
    print()
    print_report(results)
    if args.markdown:
        print()
        print(markdown(results))
    if args.json:
        payload = {
            "settings": asdict(settings),
            "machine": results.machine,
            "figures": [dict(asdict(f), status=f.status) for f in results.figures],
            "series": results.series,
        }
        Path(args.json).write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    if args.chart:
        if importlib.util.find_spec("matplotlib") is None:
            print("chart not drawn: matplotlib is not installed (pip install '.[bench]')")
        else:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from chart import draw

            draw(results.series, results.machine, args.chart)
            print(f"chart written to {args.chart}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
