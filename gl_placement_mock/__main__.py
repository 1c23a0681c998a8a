"""``python -m gl_placement_mock demo``: a short printed walk-through."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    if argv[:1] != ["demo"]:
        print("usage: python -m gl_placement_mock demo", file=sys.stderr)
        return 2
    from .demo import run

    run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
