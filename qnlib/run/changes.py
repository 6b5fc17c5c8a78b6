"""What changed: ``reports/changes.md``, written by every ``qnlib run`` and ``qnlib brief``.

The reader of a cron mail wants what changed, not another copy of the same figures:

- the rows of each dataset added, removed or changed by the latest build, by key, with
  before → after values (in the spirit of OWID's ``etl diff``); a build records them in
  ``data/processed/changes.json`` by comparing with the data it replaces;
- the figures whose bytes changed since the previous report;
- the ``qnlib check`` results whose status changed in that build.

The state the next report compares with is ``reports/.changes-state.json``. "Nothing
changed" is a valid, short report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import config, terminal
from ..files import write_atomic
from ..words import t

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["KEYS", "check_statuses", "dataset_changes", "read_json", "render", "write_report"]

CHANGES_FILE = "changes.json"  # in data/processed/, written by each build
REPORT = config.REPORTS_DIR / "changes.md"
STATE = config.REPORTS_DIR / ".changes-state.json"
MAX_ROWS = 15  # rows listed per dataset; the rest are counted

# What identifies a row of each dataset (source and line are added where these repeat).
KEYS = {
    "loans": ["year", "district"],
    "ntm_yearly": ["year", "level"],
    "ntm_communes": ["district", "commune"],
    "ntm_plan": ["district", "commune", "level"],
    "ntm_district_plan": ["district", "level"],
    "income": ["indicator", "area", "year", "kind", "source"],
    "poverty": ["indicator", "area", "year", "kind", "source"],
    "targets": ["topic", "indicator", "area", "year", "source"],
    "places": ["level", "district", "name"],
    "directives": ["issuer", "no"],
    "mechanisms": ["no"],
    "tasks": ["no", "line"],
    "tasks_by_lead": ["no", "lead", "line"],
    "schemes": ["no"],
}


def _text(value: Any) -> str:
    import pandas as pd

    return "–" if pd.isna(value) else str(value)


def _key_text(key: Any) -> tuple[str, ...]:
    """A row's key as text; a one-column key comes from pandas as a scalar."""
    return tuple(map(_text, key)) if isinstance(key, tuple) else (_text(key),)


def _key(frame: pd.DataFrame, name: str, other: pd.DataFrame) -> list[str]:
    key = [c for c in KEYS.get(name, []) if c in frame and c in other] or ["source", "line"]
    if frame.duplicated(key).any() or other.duplicated(key).any():
        key = [*key, *[c for c in ("source", "line") if c not in key]]
    return key


def _frame_changes(name: str, old: pd.DataFrame, new: pd.DataFrame) -> dict[str, Any]:
    """Rows added, removed and changed (by key; a row that only moved to another line is "moved")."""
    key = _key(new, name, old)
    old_rows = {_key_text(k): row for k, row in old.set_index(key, drop=False).iterrows()}
    new_rows = {_key_text(k): row for k, row in new.set_index(key, drop=False).iterrows()}
    label = " · ".join
    changed, moved = [], 0
    for k in sorted(old_rows.keys() & new_rows.keys()):
        before, after = old_rows[k], new_rows[k]
        diffs = [f"{c} {_text(before[c])} → {_text(after[c])}" for c in new.columns
                 if c in old.columns and c != "line" and _text(before[c]) != _text(after[c])]  # fmt: skip
        if diffs:
            changed.append(f"{label(k)} (line {_text(after.get('line'))}): {'; '.join(diffs)}")
        elif _text(before.get("line")) != _text(after.get("line")):
            moved += 1
    return {
        "added": [label(k) for k in sorted(new_rows.keys() - old_rows.keys())],
        "removed": [label(k) for k in sorted(old_rows.keys() - new_rows.keys())],
        "changed": changed,
        "moved": moved,
    }


def dataset_changes(old_dir: Path, frames: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """How ``frames`` differ from the datasets in ``old_dir`` (the build they replace)."""
    import pandas as pd

    found = {}
    for name, new in frames.items():
        try:
            old = pd.read_parquet(Path(old_dir) / f"{name}.parquet")
        except Exception:  # no previous build, or an unreadable one: every row is new
            old = new.iloc[0:0]
        change = _frame_changes(name, old, new)
        if change["added"] or change["removed"] or change["changed"] or change["moved"]:
            found[name] = change
    return found


def check_statuses(tables: Any) -> dict[str, str]:
    """Each check's status over already parsed documents (a :class:`qnlib.datasets.Tables`)."""
    from ..checks import results

    return {result.check: result.status for result in results(tables)}  # statuses only: no words


def read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _figure_hashes(figures_dir: Path) -> dict[str, str]:
    from ..store import file_sha256  # a figure the brief hashed in this command is not read again

    return {p.name: file_sha256(p)
            for p in sorted(Path(figures_dir).glob("*")) if p.suffix in (".png", ".svg")}  # fmt: skip


def _data_section(data: dict[str, Any], lang: str) -> list[str]:
    lines = []
    for name, change in data.items():
        counts = [
            t(f"changes.rows_{k}", lang, count=len(change[k]))
            for k in ("added", "removed", "changed")
            if change[k]
        ]
        counts += [t("changes.rows_moved", lang, count=change["moved"])] if change["moved"] else []
        lines.append(f"- **{name}**: {', '.join(counts)}")
        rows = [f"  - {t('changes.added', lang)}: {r}" for r in change["added"]]
        rows += [f"  - {t('changes.removed', lang)}: {r}" for r in change["removed"]]
        rows += [f"  - {r}" for r in change["changed"]]
        more = [f"  - {t('changes.more', lang, count=len(rows) - MAX_ROWS)}"] if len(rows) > MAX_ROWS else []
        lines += rows[:MAX_ROWS] + more
    return lines


def _figures_section(figures: dict[str, list[str]], lang: str) -> list[str]:
    """Figures by name (a figure's PNG and SVG change together), as many as MAX_ROWS per kind."""
    lines = []
    for kind, files in figures.items():
        stems = sorted({Path(f).stem for f in files})
        if stems:
            lines.append(f"- {t('changes.figures_' + kind, lang, count=len(stems))}:")
            lines += [f"  - {stem}" for stem in stems[:MAX_ROWS]]
            lines += (
                [f"  - {t('changes.more', lang, count=len(stems) - MAX_ROWS)}"]
                if len(stems) > MAX_ROWS
                else []
            )
    return lines


def render(
    data: dict[str, Any], figures: dict[str, list[str]], checks: dict[str, list[str]], lang: str = "vi"
) -> str:
    """The report as Markdown; "Nothing changed." when nothing did."""
    title = f"# {t('changes.title', lang)}"
    if not (data or any(figures.values()) or checks):
        return f"{title}\n\n{t('changes.nothing', lang)}\n"
    lines = [title, "", f"## {t('changes.data', lang)}", ""]
    lines += _data_section(data, lang) or [t("changes.no_data", lang)]
    lines += ["", f"## {t('changes.figures', lang)}", ""]
    lines += _figures_section(figures, lang) or [t("changes.no_figures", lang)]
    lines += ["", f"## {t('changes.checks', lang)}", ""]
    lines += [f"- {name}: {before} → {after}" for name, (before, after) in checks.items()] or [
        t("changes.no_checks", lang)
    ]
    return "\n".join(lines) + "\n"


def write_report(
    figures_dir: Path | None = None,
    processed_dir: Path | None = None,
    reports_dir: Path | None = None,
    lang: str | None = None,
) -> tuple[Path, str]:
    """Write ``changes.md`` (what changed since the previous report) and a one-line summary, in
    ``lang`` (the command line's language by default)."""
    lang = terminal.lang(lang)
    figures_dir = Path(figures_dir or config.FIGURES_DIR)
    processed_dir = Path(processed_dir or config.PROCESSED_DIR)
    reports_dir = Path(reports_dir or config.REPORTS_DIR)
    state = read_json(reports_dir / STATE.name)
    build = read_json(processed_dir / CHANGES_FILE)
    new_build = bool(build) and build.get("build") != state.get("build")
    data = build.get("datasets", {}) if new_build else {}
    checks = build.get("checks", {}) if new_build else {}
    before, after = state.get("figures", {}), _figure_hashes(figures_dir)
    figures = {
        "changed": sorted(n for n in after.keys() & before.keys() if after[n] != before[n]),
        "new": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
    }
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = write_atomic(reports_dir / REPORT.name, render(data, figures, checks, lang))
    write_atomic(
        reports_dir / STATE.name, json.dumps({"build": build.get("build"), "figures": after}, indent=1)
    )
    stems = {Path(f).stem for files in figures.values() for f in files}
    if not (data or any(figures.values()) or checks):
        return path, t("changes.summary_nothing", lang)
    return path, t("changes.summary", lang, datasets=len(data), figures=len(stems), checks=len(checks))
