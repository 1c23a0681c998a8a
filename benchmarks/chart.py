"""The benchmark chart, drawn with matplotlib from the medians ``run.py`` measured.

``python benchmarks/chart.py results.json chart.png`` redraws it from ``run.py --json``."""

from __future__ import annotations

import json
import sys
from typing import Any

SHORT = {
    "StartGameSessionPlacement": "Start",
    "DescribeGameSessionPlacement": "Describe",
    "StopGameSessionPlacement": "Stop",
    "StartMatchmaking": "StartMM",
    "StartMatchmaking, matcher held": "StartMM held",
}
OURS = "#1f6f8b"
PEER = "#b0b7bd"
ACCENT = "#e07a1f"


def draw(series: dict[str, Any], machine: dict[str, str], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(2, 2, figsize=(11, 8))
    (by_size, per_call), (tick, activation) = axes

    # Per call against the number of placements held. No Stubber line here: its calls were timed
    # in another step of the run, under whatever load the machine had then.
    scaling = series["scaling"]
    for operation, marker in (
        ("DescribeGameSessionPlacement", "o"),
        ("StopGameSessionPlacement", "s"),
    ):
        sizes = sorted(scaling[operation])
        by_size.plot(
            sizes,
            [scaling[operation][s] for s in sizes],
            marker=marker,
            label=f"{SHORT[operation]}, gl_placement_mock",
            color=OURS if marker == "o" else ACCENT,
        )
    by_size.set_xscale("log")
    by_size.set_ylim(bottom=0)
    by_size.set_xlabel("live placements held (half pending, half fulfilled)")
    by_size.set_ylabel("µs per call through a boto3 client")
    by_size.set_title("Per call against placements held")
    by_size.legend(fontsize=8, loc="lower right")

    # Per call against botocore's Stubber.
    operations = list(series["per_call"])
    xs = range(len(operations))
    ours = [series["per_call"][op]["ours"] for op in operations]
    stub = [series["per_call"][op]["stubber"] for op in operations]
    per_call.bar([x - 0.2 for x in xs], ours, width=0.4, color=OURS, label="gl_placement_mock")
    per_call.bar([x + 0.2 for x in xs], stub, width=0.4, color=PEER, label="botocore Stubber")
    for x, operation in zip(xs, operations):
        measured = series["per_call"][operation]
        label = f"{measured['ratio']:.2f}x"
        if measured.get("spread"):
            low, high = measured["spread"]
            label += f"\n({low:.2f}–{high:.2f})"  # noqa: RUF001
        per_call.annotate(label, (x - 0.2, measured["ours"]), ha="center", va="bottom", fontsize=8)
    per_call.set_xticks(list(xs), [SHORT[op] for op in operations])
    per_call.set_ylim(top=max(ours + stub) * 1.3)
    per_call.set_ylabel("µs per call through a boto3 client")
    per_call.set_title("Per call against the Stubber (target ≤ 1.5x)")
    per_call.legend(fontsize=8, ncol=2, loc="upper center")

    # Tick: cost per placement processed when many deadlines fall due at once.
    sizes = sorted(series["tick"])
    tick.plot(sizes, [series["tick"][s] for s in sizes], marker="o", color=OURS)
    tick.set_xscale("log")
    tick.set_ylim(bottom=0)
    tick.set_xlabel("placements timing out in one call")
    tick.set_ylabel("µs per placement processed")
    tick.set_title("Placement tick with many deadlines due")

    # Entering and leaving the mock against moto, and import time.
    labels, values, colours = [], [], []
    if "activation" in series:
        labels += ["mock_placement()\nenter+exit", "moto mock_aws()\nenter+exit"]
        values += [series["activation"]["ours"], series["activation"]["moto"]]
        colours += [OURS, PEER]
    imports = series.get("import", {})
    labels.append("import\ngl_placement_mock")
    values.append(imports["ours"] * 1000)
    colours.append(OURS)
    if imports.get("moto") is not None:
        labels.append("import\nmoto")
        values.append(imports["moto"] * 1000)
        colours.append(PEER)
    activation.bar(range(len(values)), values, color=colours)
    for x, value in enumerate(values):
        activation.annotate(_human(value), (x, value), ha="center", va="bottom", fontsize=8)
    activation.set_yscale("log")
    activation.set_xticks(range(len(labels)), labels, fontsize=8)
    activation.set_ylabel("µs (log scale)")
    activation.set_title("Fixed costs against moto")

    figure.suptitle(
        f"gl_placement_mock benchmarks — {machine['cores']} cores, Python {machine['python']}, "
        f"botocore {machine['botocore']}",
        fontsize=11,
    )
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _human(microseconds: float) -> str:
    if microseconds >= 1000:
        return f"{microseconds / 1000:.1f} ms"
    return f"{microseconds:.0f} µs"


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as saved:
        results = json.load(saved)
    series = results["series"]
    for key in ("scaling",):
        series[key] = {op: {int(n): v for n, v in by.items()} for op, by in series[key].items()}
    series["tick"] = {int(n): v for n, v in series["tick"].items()}
    draw(series, results["machine"], sys.argv[2])
