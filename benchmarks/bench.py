"""Benchmarks whose numbers go into the README (run with `make bench`).

* parse: building every dataset from the raw documents, in memory (no writing),
  first in a fresh process (cold: includes reading the places database) and then
  repeated in the same process (warm).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COLD = """
import time
import qnlib.store
t = time.perf_counter()
qnlib.store.build_frames()
print(time.perf_counter() - t)
"""


def bench_parse(repeats: int) -> None:
    from qnlib.store import build_frames

    cold = [float(subprocess.check_output([sys.executable, "-c", COLD], text=True)) for _ in range(3)]
    warm = []
    for _ in range(repeats):
        started = time.perf_counter()
        frames = build_frames()
        warm.append(time.perf_counter() - started)
    rows = sum(len(f) for f in frames.values())
    print(f"parse all {len(frames)} datasets ({rows} rows) from data/raw/:")
    print(f"  cold, fresh process (3 runs):  median {statistics.median(cold):.3f} s, max {max(cold):.3f} s")
    print(
        f"  warm, same process ({repeats} runs): median {statistics.median(warm):.3f} s, max {max(warm):.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("which", nargs="*", help="parse (default: all)")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    which = args.which or ["parse"]
    if set(which) - {"parse"}:
        parser.error(f"unknown benchmark {which}; choose from: parse")
    if "parse" in which:
        bench_parse(args.repeats)


if __name__ == "__main__":
    main()
