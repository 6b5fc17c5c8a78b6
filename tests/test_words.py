"""Words as data: every template in both languages, naming only what exists."""

import ast
import dataclasses
import json
import re

import pytest

from qnlib import config, words
from qnlib.errors import QnlibError
from qnlib.facts import FACTS
from qnlib.vocabulary import LEVELS, LOAN_METRICS, TIMINGS

TEMPLATES = words.templates()
CALLS = {"t", "render", "say", "text"}  # functions whose first argument is a template key


names_in = words.variables


def keys_in_code() -> set[str]:
    """Every literal template key passed to t(), render() or run.say() in qnlib/ and the notebooks."""
    sources = [p.read_text(encoding="utf-8") for p in config.PACKAGE_DIR.rglob("*.py")]
    for path in config.NOTEBOOKS_DIR.glob("*.ipynb"):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        sources += ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    keys = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) in CALLS
            ):
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    keys.add(first.value)
            column = isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Column"
            if column and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                keys.add(node.args[1].value)  # a reader table's header: Column(key, "col_year", …)
            if (
                isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "of"
            ):  # Heading.of("ntm.x", …)
                keys |= {f"{node.args[0].value}_{part}" for part in ("finding", "title", "subtitle")}
    for template in TEMPLATES.values():  # keys named inside templates: t('…')
        for text in template.texts.values():
            keys |= set(re.findall(r"\bt\('([a-z_.]+)'", text))
    return {key for key in keys if not key.endswith("_")}  # "level_" ~ level: see the test below


def test_every_template_has_both_languages_and_they_name_the_same_values():
    assert len(TEMPLATES) > 100
    for key, template in TEMPLATES.items():
        assert set(template.texts) == {"vi", "en"}, key
        assert template.texts["vi"] and template.texts["en"], key
        assert names_in(template.texts["vi"]) == names_in(template.texts["en"]), key


def test_every_key_the_code_uses_exists():
    used = keys_in_code()
    assert {"income.conclusions", "ntm.cumulative_finding", "loans.metric_finding", "source"} <= used
    assert sorted(used - set(TEMPLATES)) == []


def test_every_key_built_from_data_exists():
    dynamic = [f"level_{lvl}" for lvl in LEVELS] + [f"ntm.level_text_{lvl}" for lvl in LEVELS]
    dynamic += [f"loans.metric_{m}" for m in LOAN_METRICS] + [f"loans.unit_{m}" for m in LOAN_METRICS]
    dynamic += [f"kind_{k}" for k in ("actual", "derived", "target")]
    dynamic += [
        f"area_{a}"
        for a in ("province", "ethnic_mountain_border_island", "ethnic_minority", "rural", "urban")
    ]
    dynamic += [f"poverty.source_{s}" for s in ("ctr35_2021", "nq2022_ocr", "bc06_2022", "kh54_2024")]
    dynamic += [f"programme.timing_{k}" for k in TIMINGS] + [f"programme.year_{k}" for k in ("open", "none")]
    assert [key for key in dynamic if key not in TEMPLATES] == []


@pytest.mark.parametrize("analysis", sorted(FACTS))
def test_facts_templates_name_only_facts_that_exist(analysis):
    fields = {f.name for f in dataclasses.fields(FACTS[analysis])}
    templates = [t for t in TEMPLATES.values() if t.file.stem == analysis and t.section == "facts"]
    assert templates
    for template in templates:
        unknown = names_in(template.texts["vi"]) - fields - {"lang", "t"}
        assert not unknown, f"{template.key} names {sorted(unknown)}, not facts of {FACTS[analysis].__name__}"


def test_a_template_naming_a_missing_fact_is_caught(tmp_path):
    """The check above would catch a typo: a facts field that does not exist is an undeclared name."""
    (tmp_path / "income.yml").write_text("facts:\n  x: {vi: '{{ base_valeu }}', en: '{{ base_valeu }}'}\n")
    template = words.templates(tmp_path)["income.x"]
    assert names_in(template.texts["vi"]) - {f.name for f in dataclasses.fields(FACTS["income"])} == {
        "base_valeu"
    }


def test_a_file_missing_a_language_is_refused(tmp_path):
    (tmp_path / "common.yml").write_text("labels:\n  source: {vi: 'Nguồn'}\n")
    with pytest.raises(
        QnlibError, match="template 'source' needs exactly the keys vi and en, found \\['vi'\\]"
    ):
        words.templates(tmp_path)


def test_numbers_are_written_the_readers_way():
    assert words.t("poverty.path_end", "vi", rate=0.3, households=1117.3) == "0,30% ≈ 1.117 hộ"
    assert words.t("poverty.path_end", "en", rate=0.3, households=1117.3) == "0.30% ≈ 1,117 households"


def test_missing_keys_values_and_languages_are_one_clear_error():
    with pytest.raises(QnlibError, match="no template 'nope'"):
        words.t("nope", "vi")
    with pytest.raises(QnlibError, match="template 'poverty.path_end' \\(vi\\): 'rate' is undefined"):
        words.t("poverty.path_end", "vi", households=3)
    with pytest.raises(QnlibError, match="parameter 'lang'"):
        words.t("source", "fr")
    with pytest.raises(QnlibError, match="is a label"):
        words.render("source", "vi", object())


NOTEBOOK_OF = {"income": "income_growth", "poverty": "poverty_rates", "ntm": "ntm_attainment",
               "loans": "loans_by_district", "programme": "programme_tasks"}  # fmt: skip


@pytest.mark.parametrize("analysis", sorted(NOTEBOOK_OF))
def test_narrative_names_only_the_notebooks_parameters_and_facts(analysis):
    from qnlib.run import parameters

    known = set(parameters.NOTEBOOKS[NOTEBOOK_OF[analysis]]) | {
        f.name for f in dataclasses.fields(FACTS[analysis])
    }
    narrative = [t for t in TEMPLATES.values() if t.file.stem == analysis and t.section == "narrative"]
    assert {"intro", "conclusions_heading"} <= {t.key.split(".")[1] for t in narrative}
    for template in narrative:
        assert names_in(template.texts["vi"]) - known - {"lang", "t"} == set(), template.key


def test_a_key_in_two_sections_is_refused(tmp_path):
    (tmp_path / "income.yml").write_text(
        "facts:\n  x: {vi: 'a', en: 'a'}\nnarrative:\n  x: {vi: 'b', en: 'b'}\n", encoding="utf-8"
    )
    with pytest.raises(QnlibError, match="template 'x' appears twice"):
        words.templates(tmp_path)
