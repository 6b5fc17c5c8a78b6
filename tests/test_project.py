"""The project's own contract: dependencies agree, the README leads with the two commands."""

import re
import tomllib

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
