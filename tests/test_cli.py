"""The command line, run as users run it: a separate process, from another directory."""

import errno
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from qnlib import config
from qnlib.datasets import REGISTRY
from tests.language import foreign_words

QNLIB = [sys.executable, "-m", "qnlib.cli"]


# The operator's messages in English (QNLIB_LANG); tests of the Vietnamese words set lang="vi".
ENGLISH = {**os.environ, "QNLIB_LANG": "en"}


def run(*args: str, cwd: Path, lang: str = "en") -> subprocess.CompletedProcess:
    env = {**os.environ, "QNLIB_LANG": lang}
    return subprocess.run([*QNLIB, *args], capture_output=True, text=True, cwd=cwd, timeout=300, env=env)


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

    result = run("check", "--mismatches", cwd=tmp_path)
    assert result.returncode == 0  # mismatches are findings, not failures
    assert result.stdout.startswith(
        "[MISMATCH] Communes at model NTM: the “Cộng” row against the yearly notes\n"
        "  Decision 2877/QĐ-UBND of 06/10/2022, Phụ biểu 01, row “Cộng” and the notes\n"
        "    below the table (line 470 of the text copy)\n"
        "  Printed: 21 · should be: 20 · difference: +1\n"
    )
    assert result.stdout.rstrip().endswith("156 checks: 124 ok, 32 mismatches or findings. They are in the documents and\n"
                                           "  sources themselves; qnlib corrects nothing.")  # fmt: skip


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


def test_a_second_build_with_nothing_changed_does_nothing(tmp_path, previous_build):
    out = previous_build
    manifest = (out / "manifest.json").read_bytes()
    again = run("build", "--out-dir", str(out), cwd=tmp_path)
    assert again.returncode == 0 and "nothing to do" in again.stdout
    assert (out / "manifest.json").read_bytes() == manifest


@pytest.mark.parametrize("manifest", [b"\xff\xfe random bytes", b"[]", b'{"fingerprint": "x"}', b"{}"])
def test_a_broken_manifest_means_rebuild(tmp_path, previous_build, manifest):
    out = previous_build
    (out / "manifest.json").write_bytes(manifest)
    (tmp_path / ".processed.tmp-killed").mkdir()  # a build that was killed left its staging folder
    again = run("build", "--out-dir", str(out), cwd=tmp_path)
    assert again.returncode == 0 and "Wrote" in again.stdout and again.stderr == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["processed"]  # the leftover is gone


def test_a_second_writer_waits_then_gives_up_with_exit_75(tmp_path, previous_build):
    from qnlib.run.lock import project_lock

    lock = tmp_path / "project.lock"
    env = {**ENGLISH, "QNLIB_LOCK_FILE": str(lock)}
    command = [*QNLIB, "build", "--force", "--out-dir", str(tmp_path / "elsewhere")]
    with project_lock(0, lock):  # another qnlib process is writing
        refused = subprocess.run(
            [*command, "--wait", "0"], capture_output=True, text=True, env=env, timeout=120
        )
        waited = subprocess.run(
            [*command, "--wait", "1"], capture_output=True, text=True, env=env, timeout=120
        )
    assert refused.returncode == waited.returncode == 75
    assert (
        refused.stderr.count("\n") == 1 and "another qnlib build, run or brief is writing" in refused.stderr
    )
    assert waited.stderr.startswith("waiting up to 1 s") and "still holds" in waited.stderr
    assert not (tmp_path / "elsewhere").exists()  # nothing was written while the lock was held
    free = [*QNLIB, "build", "--out-dir", str(previous_build), "--wait", "0"]  # a build with nothing to do
    again = subprocess.run(free, capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 0 and "nothing to do" in again.stdout  # the lock is free again


def test_two_builds_at_once_take_turns(tmp_path):
    env = {**ENGLISH, "QNLIB_LOCK_FILE": str(tmp_path / "project.lock")}
    command = [*QNLIB, "build", "--force", "--out-dir", str(tmp_path / "processed")]
    both = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in both]
    assert [p.returncode for p in both] == [0, 0], outputs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["processed", "project.lock"]
    assert json.loads((tmp_path / "processed" / "manifest.json").read_text())["datasets"]


@pytest.mark.parametrize(
    ("code", "hint"),
    [(errno.EROFS, "the file system is read-only"), (errno.ENOSPC, "free some disk space"),
     (errno.EACCES, "check the folder's permissions")],
)  # fmt: skip
def test_the_system_refusing_a_write_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, code, hint):
    from qnlib import cli, store

    target = tmp_path / "processed" / "loans.parquet"

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(target))

    monkeypatch.setattr(store, "_write", refuse)
    monkeypatch.setattr(config, "LOCK_FILE", tmp_path / "project.lock")
    assert cli.main(["build", "--force", "--out-dir", str(tmp_path / "processed")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(
        f"qnlib build: error: {target}: {os.strerror(code)}; {hint}"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project.lock"]  # no staging folder left behind


def test_stale_data_that_cannot_be_rebuilt_is_parsed_from_raw_instead(monkeypatch, capsys):
    from qnlib import cli, store

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(config.PROCESSED_DIR))

    monkeypatch.setattr(store, "is_fresh", lambda *a, **k: False)
    monkeypatch.setattr(store, "build", read_only)
    cli._ensure_data("en")  # does not raise: the notebooks' qnlib.load parses data/raw
    err = capsys.readouterr().err
    assert "could not write data/processed" in err and "the notebooks will parse data/raw" in err


LISTINGS = [["check"], ["check", "--mismatches"], ["datasets"], ["notebooks"]]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", LISTINGS, ids=" ".join)
def test_listings_fit_80_columns_one_block_per_item_and_a_summary(monkeypatch, capsys, command, lang):
    from qnlib import cli

    monkeypatch.setenv("COLUMNS", "80")
    assert cli.main([*command, "--lang", lang]) == 0
    out = capsys.readouterr().out
    lines = out.rstrip("\n").split("\n")
    assert max(len(line) for line in lines) <= 80
    blocks = [line for line in lines if line and not line.startswith(" ")]
    summaries = {
        "vi": ("156 đối chiếu", "17 bộ dữ liệu", "6 sổ tay"),
        "en": ("156 checks", "17 datasets", "6 notebooks"),
    }
    assert blocks[-1].startswith(summaries[lang])
    heads = blocks[:-1]
    expected = {"check": 156, "check --mismatches": 32, "datasets": 17, "notebooks": 6}[" ".join(command)]
    assert len(heads) == expected  # one block per item
    assert foreign_words(out, lang, extra_names=(*CLI_NAMES, *REGISTRY)) == []


# Codes a reader types, shown as they are in both languages: parameter names and values, dataset names.
CLI_NAMES = ("qnlib.load", "income", "area", "ethnic_mountain_border_island", "finding", "label",
             "planned_mvnd", "households", "lent_mvnd", "disbursed_mvnd", "avg_loan_mvnd", "<name>", "<tên>")  # fmt: skip


def test_the_first_mismatch_as_an_analyst_reads_it(monkeypatch, capsys):
    from qnlib import cli

    monkeypatch.setenv("COLUMNS", "80")
    assert cli.main(["check", "--mismatches"]) == 0
    assert capsys.readouterr().out.startswith(
        "[LỆCH] Số xã đạt NTM kiểu mẫu: dòng “Cộng” so với các ghi chú từng năm\n"
        "  Quyết định 2877/QĐ-UBND ngày 06/10/2022, Phụ biểu 01, dòng “Cộng” và ghi chú\n"
        "    dưới bảng (dòng 470 bản text)\n"
        "  Văn bản ghi: 21 · đúng ra: 20 · chênh lệch: +1\n"
        "  Dòng “Cộng” ghi 21 xã; các ghi chú số xã đạt chuẩn từng năm 2013–2021 dưới\n"
        "    bảng cộng lại được 20 xã.\n"
    )


def test_machines_get_every_column_as_csv_or_json(capsys):
    from qnlib import cli
    from qnlib.checks import COLUMNS

    assert cli.main(["check", "--mismatches", "--format", "json", "--lang", "en"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 32 and list(records[0]) == COLUMNS
    assert (records[0]["check"], records[0]["printed"], records[0]["expected"], records[0]["source"]) == (
        "pb01.total/model",
        21,
        20,
        "qd2877_2022:470",
    )
    assert cli.main(["datasets", "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert (
        list(table.columns) == ["name", "title", "description", "source", "table", "unit"]
        and len(table) == 17
    )
    assert cli.main(["notebooks", "--format", "csv", "--lang", "en"]) == 0
    rows = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(rows.columns) == ["notebook", "parameter", "default", "allowed", "help"]
    assert (
        rows.loc[rows["parameter"] == "district", "allowed"]
        .iloc[0]
        .startswith("text or None, one of: 'Hạ Long'")
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_help_is_plain_text_in_the_readers_language_and_current(monkeypatch, capsys, lang):
    from qnlib import cli

    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        cli.main(["--lang", lang, "--help"])
    text = capsys.readouterr().out
    assert "``" not in text and "all four" not in text and max(len(line) for line in text.splitlines()) <= 80
    assert text.startswith({"vi": "cách dùng: qnlib", "en": "usage: qnlib"}[lang])
    assert ("(mặc định: tất cả)" if lang == "vi" else "(all of them by\n") in text  # argparse wraps at 80
    assert foreign_words(text.replace("QNLIB_LANG", ""), lang, extra_names=("Ctrl-C", "SIGTERM")) == []
