"""Mutation score of the parsers, the checks and the number reading (issue 19): ``make mutation``.

mutmut (configured in ``pyproject.toml``) writes the mutants to ``mutants/``. Its own in-process runner
stops on this suite with a pytest usage error (exit 4) on its second in-process collection, so each
mutant is run here in a fresh pytest process instead, with ``MUTANT_UNDER_TEST`` naming it (the switch
mutmut's trampolines read), against the tests that exercise that module. A mutant is killed when the
tests fail. ``--step N`` runs every N-th mutant of a module (a sample, for a quicker score).

Run: ``.venv/bin/python benchmarks/mutation.py [--step N] [MODULE ...]``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"

# module: the tests that exercise it in-process (the CLI and notebook tests start other processes).
TESTS = {
    "qnlib.text": ["tests/test_text.py", "tests/test_layouts.py", "tests/test_places.py", "tests/datasets/test_loans.py"],
    "qnlib.datasets.loans": ["tests/datasets/test_loans.py", "tests/datasets/test_extent.py",
                             "tests/datasets/test_schema_errors.py", "tests/test_checks.py"],
    "qnlib.checks.loans": ["tests/test_checks.py", "tests/datasets/test_loans.py"],
    "qnlib.datasets.ntm": ["tests/datasets/test_ntm.py", "tests/datasets/test_extent.py", "tests/test_checks.py"],
    "qnlib.datasets.programme": ["tests/datasets/test_programme.py", "tests/datasets/test_extent.py",
                                 "tests/test_checks.py"],
    "qnlib.checks.ntm": ["tests/test_checks.py", "tests/datasets/test_ntm.py"],
    "qnlib.checks.programme": ["tests/test_checks.py", "tests/datasets/test_programme.py"],
    "qnlib.checks.reported": ["tests/test_checks.py", "tests/test_reported.py", "tests/test_scorecard.py"],
}  # fmt: skip


def mutants(module: str) -> list[str]:
    source = (MUTANTS / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
    names = sorted(set(re.findall(r"def (x\w*?__mutmut_\d+|xǁ\w+ǁ\w+__mutmut_\d+)\(", source)))
    return [f"{module}.{name}" for name in names]


def killed(name: str, tests: list[str]) -> bool:
    env = dict(os.environ, MUTANT_UNDER_TEST=name)
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    try:
        return subprocess.run(command, cwd=MUTANTS, env=env, capture_output=True, timeout=600).returncode != 0
    except subprocess.TimeoutExpired:
        return True  # a mutant that makes the tests hang is caught by any timeout a run has


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(TESTS))
    parser.add_argument("--step", type=int, default=1, help="run every N-th mutant (a sample)")
    args = parser.parse_args()
    # mutmut (re)generates the mutants of what changed, then its own runner stops: the mutants are what we need.
    subprocess.run([ROOT / ".venv/bin/mutmut", "run", "--max-children", "1", "qnlib.text.x_nfc*"],
                   cwd=ROOT, capture_output=True)  # fmt: skip
    for module in args.modules:
        names = mutants(module)[:: args.step]
        with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            tests = TESTS[module]
            results = list(zip(names, pool.map(killed, names, [tests] * len(names)), strict=True))
        dead = sum(1 for _, k in results if k)
        print(f"{module:<28} {len(results):>5} mutants {dead:>5} killed {100 * dead / max(1, len(results)):>4.0f} %",
              flush=True)  # fmt: skip
        for name, k in results:
            if not k:
                print(f"    survived: {name}")


if __name__ == "__main__":
    main()
