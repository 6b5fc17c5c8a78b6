"""Building ``data/processed/`` from ``data/raw/`` and reading it back.

A build parses every dataset in memory first and validates it; only then are the
files written, into a temporary directory that replaces ``data/processed/`` in one
rename. A build that fails therefore leaves the previous outputs exactly as they
were. ``manifest.json`` records the fingerprint of the inputs (raw files and
qnlib's own code), so :func:`load` can tell whether the processed files are
still up to date.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import config
from .run import changes as changes_module

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BuildResult",
    "build",
    "build_frames",
    "content_hash",
    "dataset_hashes",
    "distinct",
    "file_sha256",
    "fingerprint",
    "is_fresh",
    "load",
]

# Set by the runner for a notebook's kernel: every dataset `load` returns is noted there
# (name and content hash), so the run's record names exactly the data the notebook read.
READS_ENV = "QNLIB_READS"
CODE_SUFFIXES = {".py", ".yml", ".j2", ".json"}


def fingerprint(raw_dir: Path = config.RAW_DIR) -> dict[str, Any]:
    """What the processed files are a pure function of: raw files, qnlib's code and the package
    ``places`` is read from."""
    from .places import package_version

    raw = {
        p.relative_to(Path(raw_dir)).as_posix(): file_sha256(p)
        for p in sorted(Path(raw_dir).rglob("*"))
        if p.is_file()
    }
    return {"raw": raw, "code": code_hash(), "places": package_version()}


def file_sha256(path: Path) -> str:
    """The file's SHA-256, read again only when its size, time or inode changed (a command checks
    freshness once per parameter: the same files, hashed once)."""
    stat = path.stat()
    return _sha256_of(str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)


@functools.lru_cache(maxsize=4096)
def _sha256_of(path: str, size: int, mtime_ns: int, inode: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def code_hash() -> str:
    """qnlib's code and templates: a change to any of them may change any output."""
    code = hashlib.sha256()
    for path in sorted(config.PACKAGE_DIR.rglob("*")):
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
            code.update(path.relative_to(config.PACKAGE_DIR).as_posix().encode())
            code.update(file_sha256(path).encode())
    return code.hexdigest()


def build_frames(raw_dir: Path = config.RAW_DIR, names: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Parse and validate datasets from raw text (all of them by default), in memory."""
    return _build(_tables(raw_dir), names)


def _tables(raw_dir: Path) -> Any:
    from .datasets import Tables
    from .sources import read_corpus

    return Tables(read_corpus(raw_dir))


def _build(tables: Any, names: list[str] | None = None) -> dict[str, pd.DataFrame]:
    from .datasets import REGISTRY, get

    return {name: get(name).build(tables) for name in (names or list(REGISTRY))}


def content_hash(frame: pd.DataFrame) -> str:
    """What a dataset holds, as a hash of its CSV text: equal frames, equal hashes."""
    return hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class BuildResult:
    frames: dict[str, pd.DataFrame]
    out_dir: Path
    parse_seconds: float
    changes: dict[str, Any]  # what the build changed: see qnlib.run.changes


def _write(frames: dict[str, pd.DataFrame], directory: Path, manifest: dict[str, Any]) -> None:
    import pandas as pd

    for name, frame in frames.items():
        frame.to_parquet(directory / f"{name}.parquet", index=False)
        # utf-8-sig: Excel opens the CSV with its Vietnamese letters intact.
        frame.to_csv(directory / f"{name}.csv", index=False, encoding="utf-8-sig")
    with pd.ExcelWriter(directory / config.WORKBOOK_NAME, engine="openpyxl") as workbook:
        for name, frame in frames.items():
            frame.to_excel(workbook, sheet_name=name[:31], index=False)
    (directory / config.PROCESSED_MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    (directory / ".gitkeep").touch()


def _replace_directory(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` with renames; the old directory goes only at the end."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    if old.exists():
        shutil.rmtree(old)


def _changes(out_dir: Path, frames: dict[str, pd.DataFrame], tables: Any, build_id: str) -> dict[str, Any]:
    """What this build changes in the data it replaces, and in the status of the checks."""
    statuses = changes_module.check_statuses(tables)
    previous = changes_module.read_json(out_dir / changes_module.CHANGES_FILE).get("statuses", {})
    moved = {name: [previous[name], status] for name, status in statuses.items()
             if name in previous and previous[name] != status}  # fmt: skip
    return {"build": build_id, "datasets": changes_module.dataset_changes(out_dir, frames), "checks": moved,
            "statuses": statuses}  # fmt: skip


def _remove_leftovers(out_dir: Path) -> None:
    """Staging folders of builds that were killed before they could clean up."""
    for path in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
        shutil.rmtree(path, ignore_errors=True)


def build(raw_dir: Path = config.RAW_DIR, out_dir: Path = config.PROCESSED_DIR) -> BuildResult:
    """raw -> validated frames -> ``out_dir`` (parquet, CSV, one xlsx workbook, manifest)."""
    started = time.perf_counter()
    tables = _tables(raw_dir)  # parsed once: for the datasets and for the checks of the change report
    frames = _build(tables)
    parse_seconds = time.perf_counter() - started

    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    manifest = {
        "fingerprint": fingerprint(raw_dir),
        "datasets": {
            name: {"rows": len(f), "sha256": content_hash(f), "attrs": f.attrs} for name, f in frames.items()
        },
    }
    manifest["build"] = hashlib.sha256(
        json.dumps(manifest["fingerprint"], sort_keys=True).encode()
    ).hexdigest()
    changes = _changes(out_dir, frames, tables, manifest["build"])
    _remove_leftovers(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the outputs are for everyone
    try:
        _write(frames, staging, manifest)
        (staging / changes_module.CHANGES_FILE).write_text(
            json.dumps(changes, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        _replace_directory(staging, out_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return BuildResult(frames, out_dir, parse_seconds, changes)


def _manifest(processed_dir: Path) -> dict[str, Any] | None:
    """The manifest of ``processed_dir``, or None when it is missing, unreadable or not a manifest."""
    return changes_module.read_json(Path(processed_dir) / config.PROCESSED_MANIFEST) or None


def _fresh_manifest(processed_dir: Path, raw_dir: Path) -> dict[str, Any] | None:
    """The manifest of ``processed_dir`` if it was built from the current raw files and code."""
    manifest = _manifest(processed_dir)
    if manifest is None or manifest.get("fingerprint") != fingerprint(raw_dir):
        return None
    datasets = manifest.get("datasets")
    complete = isinstance(datasets, dict) and all(
        isinstance(d, dict) and isinstance(d.get("sha256"), str) and "attrs" in d for d in datasets.values()
    )
    return manifest if complete else None  # a manifest of the wrong shape: rebuild, or parse raw


def distinct(
    name: str,
    column: str,
    cast: Callable[[str], Any] = str,
    processed_dir: Path = config.PROCESSED_DIR,
    raw_dir: Path = config.RAW_DIR,
    **equal: str,
) -> list[Any]:
    """The sorted distinct values of ``column`` in the rows of dataset ``name`` matching ``equal``.

    What a notebook parameter may take is read from the data, before any run – also before a run
    that turns out to have nothing to do. When the processed files are current the CSV is read with
    the csv module (``cast`` turns its text into the column's type), so that check imports no pandas;
    otherwise :func:`load` parses as usual.
    """
    path = Path(processed_dir) / f"{name}.csv"
    manifest = _fresh_manifest(processed_dir, raw_dir)
    if manifest is not None and name in manifest["datasets"] and path.exists():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = [row for row in csv.DictReader(handle) if all(row[k] == v for k, v in equal.items())]
        return sorted({cast(row[column]) for row in rows})
    rows = load(name, processed_dir, raw_dir)
    for key, value in equal.items():
        rows = rows[rows[key] == value]
    return sorted(v.item() if hasattr(v, "item") else v for v in rows[column].unique())


def is_fresh(processed_dir: Path = config.PROCESSED_DIR, raw_dir: Path = config.RAW_DIR) -> bool:
    """True when ``processed_dir`` was built from the current raw files and code."""
    return _fresh_manifest(processed_dir, raw_dir) is not None


def load(
    name: str, processed_dir: Path = config.PROCESSED_DIR, raw_dir: Path = config.RAW_DIR
) -> pd.DataFrame:
    """The dataset ``name`` as a validated, tidy DataFrame with descriptive ``attrs``.

    Reads ``data/processed/`` when it is up to date with ``data/raw/`` (and the code):
    those files were validated when they were built, so reading them needs neither the
    parsers nor their schemas. Otherwise, or when a processed file cannot be read, it
    parses the raw documents (without writing anything).
    """
    import pandas as pd

    manifest = _fresh_manifest(processed_dir, raw_dir)
    datasets = manifest["datasets"] if manifest is not None else {}
    if name in datasets:
        try:
            frame = pd.read_parquet(Path(processed_dir) / f"{name}.parquet")
            frame.attrs = datasets[name]["attrs"]
            return _noted(name, frame, datasets[name].get("sha256"))
        except Exception:  # unreadable, truncated or foreign file: the raw documents still answer
            pass
    from .datasets import get

    get(name)  # an unknown name lists the known ones
    return _noted(name, build_frames(raw_dir, [name])[name])


def _noted(name: str, frame: pd.DataFrame, sha: str | None = None) -> pd.DataFrame:
    """Note the read for the runner (see READS_ENV); outside a run, do nothing."""
    reads = os.environ.get(READS_ENV)
    if reads:
        with open(reads, "a", encoding="utf-8") as file:
            file.write(f"{name}\t{sha or content_hash(frame)}\n")
    return frame


def dataset_hashes(
    processed_dir: Path = config.PROCESSED_DIR, raw_dir: Path = config.RAW_DIR
) -> dict[str, str]:
    """The content hash of every dataset as :func:`load` would return it now."""
    manifest = _fresh_manifest(processed_dir, raw_dir)
    if manifest is not None:
        return {name: d["sha256"] for name, d in manifest["datasets"].items()}
    return {name: content_hash(frame) for name, frame in build_frames(raw_dir).items()}
