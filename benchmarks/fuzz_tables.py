"""The fuzz of every table, at scale: the counts in the README ("When input is bad").

The test suite runs the same fuzz with about 20 edits a table (``tests/datasets/test_extent.py``);
this runs ``--edits`` per table (600 by default) and prints, per table, how many edits were refused
with the file's line, left the data unchanged, changed one cell as the edit says (faithful), were
caught by the document's own checks, went through silently (the goal is 0), or escaped as a traceback
(the goal is 0). Run: ``.venv/bin/python benchmarks/fuzz_tables.py [--edits N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.datasets import test_extent as t
from tests.datasets.fuzzing import OUTCOMES, caught_by, fuzz


def tables(corpus):
    """name: (parse, frames, lines, first, last, caught) for every table the build reads."""
    from qnlib.checks import ntm as checks

    q, b, c = (list(corpus[s].lines) for s in ("qd2877_2022", "bc06_2022", "ctr35_2021"))
    own = {2: (checks.pb02_subtotals, checks.pb02_total), 3: (checks.pb03_total,)}
    out = {"Phụ biểu 01 (ntm_communes)": (t._parse, t._pb01_frames, q, t.FIRST_ROW, t.CONG, None)}
    for n, first, last in ((2, t.PB02_FIRST, t.PB02_LAST), (3, t.PB03_FIRST, t.PB03_LAST)):
        out[f"Phụ biểu 0{n} (ntm_plan)"] = (t._pb(n), lambda r: [r[0]], q, first, last,
                                             caught_by(corpus, "qd2877_2022", *own[n]))  # fmt: skip
    out["Phụ lục 6 (loans)"] = (t._loans, t._loans_frames, b, t.LOANS_FIRST, t.LOANS_LAST, None)
    for number, name in (("1", "directives"), ("3", "mechanisms"), ("4", "tasks")):
        _, first, last = t.BC06_TABLES[name]
        out[f"Phụ lục {number} ({name})"] = (t._bc06(name), lambda r: [r.frame], b, first, last, None)
    out["CTr 35 schemes"] = (t._schemes, lambda r: [r.frame], c, t.SCHEMES_FIRST, t.SCHEMES_LAST, None)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=600)
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    from qnlib.sources import read_corpus

    corpus = read_corpus()
    print(f"{'table':<28}" + "".join(f"{k:>10}" for k in OUTCOMES) + "   seconds")
    for name, (parse, frames, lines, first, last, caught) in tables(corpus).items():
        start = time.perf_counter()
        outcome = fuzz(parse, frames, lines, first, last, args.seed, args.edits, caught=caught)
        counts = "".join(f"{len(outcome[k]):>10}" for k in OUTCOMES)
        print(f"{name:<28}{counts}{time.perf_counter() - start:>10.1f}", flush=True)
        for kind in ("silent", "traceback"):
            for case in outcome[kind]:
                print(f"    {kind}: {case}")


if __name__ == "__main__":
    main()
