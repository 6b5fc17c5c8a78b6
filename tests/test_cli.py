"""The command line, run as users run it: a separate process, from another directory."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qnlib import config

QNLIB = [sys.executable, "-m", "qnlib.cli"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*QNLIB, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(config.RAW_DIR, raw)
    for path in raw.iterdir():
        path.chmod(0o644)
    return raw


def test_build_and_check_from_any_directory(tmp_path):
    out = tmp_path / "processed"
    result = run("build", "--out-dir", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ntm_plan" in result.stdout and (out / "ntm_plan.parquet").exists()

    result = run("check", cwd=tmp_path)
    assert result.returncode == 0  # mismatches are findings, not failures
    assert "mismatch" in result.stdout and "qd2877_2022:470" in result.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("4.600,00\t77", "4.600,00\tabc"),
            "line 313: expected a whole number in column 'households', found 'abc'",
        ),
        (
            ("Huyện Tiên Yên\t4.200,00", "Huyện Hoành Bồ\t4.200,00"),
            "line 315: expected one of the 13 districts",
        ),
        (("**PHỤ LỤC 6**", "**PHỤ LỤC SÁU**"), "expected the heading 'PHỤ LỤC 6'"),
        (("\tSố hộ vay\t", "\tSố người vay\t"), "line 308: expected header columns"),
    ],
    ids=["bad-number", "unknown-district", "missing-table", "changed-header"],
)
def test_bad_raw_file_exits_2_with_one_clear_line(raw_copy, tmp_path, change, message):
    report = raw_copy / "2022-08_bcsd-ubnd_bao-cao-nq06_phu-luc.txt"
    report.write_text(report.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    out = tmp_path / "processed"
    out.mkdir()
    (out / "keep.txt").write_text("previous output")

    result = run("build", "--raw-dir", str(raw_copy), "--out-dir", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert report.name in result.stderr and message in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]

    check = run("check", "--raw-dir", str(raw_copy), cwd=tmp_path)
    assert check.returncode == 2 and message in check.stderr


def test_unknown_commune_in_the_decision(raw_copy, tmp_path):
    decision = raw_copy / "2022-10-06_ubnd_qd2877_de-an-ntm-2025.txt"
    decision.write_text(
        decision.read_text(encoding="utf-8").replace("Xã Quảng Minh", "Xã Quảng Mình"),
        encoding="utf-8",
    )
    result = run("build", "--raw-dir", str(raw_copy), "--out-dir", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 2
    assert "line 542: expected a commune of Hải Hà" in result.stderr and "'Xã Quảng Mình'" in result.stderr


def test_a_document_that_no_longer_supports_an_observation_stops_the_build(raw_copy, tmp_path):
    report = raw_copy / "2022-08_bcsd-ubnd_bao-cao-nq06_phu-luc.txt"
    report.write_text(
        report.read_text(encoding="utf-8").replace("đạt 52,5 triệu", "đạt 52,7 triệu"), encoding="utf-8"
    )
    result = run("build", "--raw-dir", str(raw_copy), "--out-dir", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "observation 'income_2021_dtts' (observations.yml): evidence phrase not found" in result.stderr


def test_datasets_command(tmp_path):
    result = run("datasets", cwd=tmp_path)
    assert result.returncode == 0 and "ntm_district_plan" in result.stdout
