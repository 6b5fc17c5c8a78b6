"""The project's own contract: dependencies agree and are used, the README leads with the two
commands, notebooks stay thin and functions short."""

import ast
import json
import re
import tomllib

import pytest
import yaml

from qnlib import config


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((config.ROOT / "pyproject.toml").read_text())["project"]
    declared = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}

    environment = yaml.safe_load((config.ROOT / "environment.yml").read_text())
    conda, pip = set(), set()
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            pip |= {_name(r) for r in entry["pip"] if not r.startswith("-e")}
        else:
            conda.add(_name(entry))
    assert (conda | pip) - {"python", "pip"} == declared
    assert "conda-forge" in environment["channels"]
    assert "-e ." in next(e for e in environment["dependencies"] if isinstance(e, dict))["pip"]


def test_readme_starts_with_the_two_commands():
    readme = (config.ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_ci_runs_the_readme_test_command():
    assert "make test" in (config.ROOT / ".ci" / "run").read_text()


def test_makefile_installs_from_nothing_and_documents_targets():
    makefile = (config.ROOT / "Makefile").read_text()
    assert "-m venv" in makefile and "pip install" in makefile and "-e '.[dev]'" in makefile
    for target in ("run", "test", "data", "lab", "lint", "help"):
        assert re.search(rf"^{target}:.*## ", makefile, re.MULTILINE), f"make {target} lacks a help text"


# Declared dependencies that are tools rather than imports: what `make lab`, the Jupyter kernel,
# pandas' parquet and Excel writers, and `make lint` use.
TOOLS = {"jupyterlab", "ipykernel", "pyarrow", "openpyxl", "ruff", "pytest", "pytest-xdist"}
IMPORT_NAMES = {
    "pyyaml": "yaml",
    "vietnamadminunits": "vietnamadminunits",
    "python-pptx": "pptx",
    "pillow": "PIL",
}


def _imports(paths) -> set[str]:
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def test_every_declared_dependency_is_used():
    project = tomllib.loads((config.ROOT / "pyproject.toml").read_text())["project"]
    declared = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    code = [*config.PACKAGE_DIR.rglob("*.py"), *(config.ROOT / "tests").rglob("*.py"),
            *(config.ROOT / "benchmarks").rglob("*.py")]  # fmt: skip
    imported = _imports(code)
    places = (config.PACKAGE_DIR / "places.py").read_text()
    unused = [
        name
        for name in sorted(declared - TOOLS)
        if IMPORT_NAMES.get(name, name) not in imported and IMPORT_NAMES.get(name, name) not in places
    ]
    assert unused == []


def _code_lines(source: str) -> list[str]:
    return [line for line in source.splitlines() if line.strip() and not line.strip().startswith("#")]


@pytest.mark.parametrize("path", sorted(config.NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.stem)
def test_notebooks_are_thin_reports(path):
    """At most 60 lines of code outside the parameters cell, and no drawing: charts live in qnlib.charts."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells
            if c["cell_type"] == "code" and "parameters" not in c["metadata"].get("tags", [])]  # fmt: skip
    lines = [line for source in code for line in _code_lines(source)]
    assert len(lines) <= 60, f"{path.name}: {len(lines)} lines of code"
    drawing = [line for line in lines if re.search(r"\b(ax|axes|plt|sns|fig)\.", line)]
    assert drawing == [], f"{path.name} draws: {drawing}"
    assert not any(re.search(r"^import (matplotlib|seaborn|pandera)|^from (matplotlib|pandera)", line)
                   for line in lines)  # fmt: skip


def test_no_function_in_qnlib_is_longer_than_80_lines():
    long = []
    for path in config.PACKAGE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 80:
                    long.append(f"{path.relative_to(config.ROOT)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []
