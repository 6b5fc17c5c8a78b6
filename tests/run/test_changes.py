"""reports/changes.md: what a build changed in the data and the checks, and which figures changed."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from qnlib import config
from qnlib.run import changes

LOANS = "2022-08_bcsd-ubnd_bao-cao-nq06_phu-luc.txt"


@pytest.fixture
def edited_build(tmp_path, built_once):
    """A build of the documents (the test run's, copied: a build is what `qnlib build` writes), then
    one of the same documents with Hạ Long's 2022 households (Phụ lục 6, line 322) changed from 86
    to 87."""
    raw, out = tmp_path / "raw", tmp_path / "processed"
    shutil.copytree(config.RAW_DIR, raw)
    shutil.copytree(built_once, out)
    for path in raw.iterdir():
        path.chmod(0o644)

    def build():
        command = [sys.executable, "-m", "qnlib.cli", "build", "--raw-dir", str(raw), "--out-dir", str(out)]
        env = {**os.environ, "QNLIB_LANG": "en"}
        return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)

    assert "is up to date" in build().stdout  # the copy is the build of these documents
    lines = (raw / LOANS).read_text(encoding="utf-8").split("\n")
    assert lines[321] == "1\tThành phố Hạ Long\t6.000,00\t86\t6.000,00\t6.000,00\t100,00\t"
    lines[321] = lines[321].replace("\t86\t", "\t87\t")
    (raw / LOANS).write_text("\n".join(lines), encoding="utf-8")
    second = build()
    assert second.returncode == 0 and "Changed: loans" in second.stdout
    return tmp_path


def test_a_build_records_the_rows_and_checks_it_changed(edited_build):
    recorded = json.loads((edited_build / "processed" / "changes.json").read_text(encoding="utf-8"))
    assert recorded["datasets"] == {
        "loans": {
            "added": [],
            "removed": [],
            "changed": ["2022 · Hạ Long (line 322): households 86 → 87"],
            "moved": 0,
        }
    }
    # the printed totals (669 for 2022, 1255 for both years) no longer add up
    assert recorded["checks"] == {
        "loans.total/Tổng năm 2021+2022/households": ["ok", "mismatch"],
        "loans.total/NĂM 2022/households": ["ok", "mismatch"],
    }


def test_the_report_says_what_changed_once_then_nothing(edited_build):
    figures, reports = edited_build / "figures", edited_build / "reports"
    figures.mkdir()
    (figures / "loans_by_district__households__vi.png").write_bytes(b"png 1")
    where = {
        "figures_dir": figures,
        "processed_dir": edited_build / "processed",
        "reports_dir": reports,
        "lang": "en",
    }
    path, summary = changes.write_report(**where)
    assert summary == "changed: 1 dataset(s), 1 figure(s), 2 check(s)"
    assert path.read_text(encoding="utf-8") == (
        "# What changed\n\n## Data (latest build)\n\n"
        "- **loans**: 1 changed\n  - 2022 · Hạ Long (line 322): households 86 → 87\n\n"
        "## Figures\n\n- 1 new:\n  - loans_by_district__households__vi\n\n"
        "## Checks (`qnlib check`)\n\n"
        "- loans.total/Tổng năm 2021+2022/households: ok → mismatch\n- loans.total/NĂM 2022/households: ok → mismatch\n"
    )
    assert changes.write_report(**where)[1] == "nothing changed"
    assert path.read_text(encoding="utf-8").endswith(
        "Nothing changed: same data, same figures, same check results.\n"
    )
    (figures / "loans_by_district__households__vi.png").write_bytes(b"png 2")
    assert changes.write_report(**where)[1] == "changed: 0 dataset(s), 1 figure(s), 0 check(s)"
    assert "- 1 changed:\n  - loans_by_district__households__vi\n" in path.read_text(encoding="utf-8")
