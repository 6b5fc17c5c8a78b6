import ast

import papermill
import pytest

from qnlib import config
from qnlib.errors import ParameterError
from qnlib.run import parameters


@pytest.mark.parametrize("notebook", list(parameters.NOTEBOOKS))
def test_each_notebook_declares_exactly_the_known_parameters(notebook):
    declared = papermill.inspect_notebook(str(config.NOTEBOOKS_DIR / f"{notebook}.ipynb"))
    assert list(declared) == list(parameters.NOTEBOOKS[notebook])
    assert all(spec["help"] for spec in declared.values()), "every parameter has a comment"
    for name, spec in parameters.NOTEBOOKS[notebook].items():  # typed defaults match the declared types
        kind = "str" if spec.kind == "date" else spec.kind  # a date travels as ISO text ("2022-08-31")
        expected = f"Optional[{kind}]" if spec.optional else kind
        assert declared[name]["inferred_type_name"] == expected, name
    defaults = parameters.defaults(notebook)
    assert parameters.validate(notebook, **defaults) == defaults  # defaults are valid


def test_defaults():
    assert parameters.defaults("ntm_attainment") == {
        "district": None,
        "levels": ["ntm", "advanced", "model"],
        "include_plan": True,
        "units": "2024",
        "lang": "vi",
        "title": "finding",
    }


@pytest.mark.parametrize("notebook", list(parameters.NOTEBOOKS))
def test_defaults_are_read_as_papermill_reads_them(notebook):
    """qnlib reads the parameters cell itself (papermill costs a kernel seconds to import)."""
    declared = papermill.inspect_notebook(str(config.NOTEBOOKS_DIR / f"{notebook}.ipynb"))
    assert parameters.defaults(notebook) == {
        name: ast.literal_eval(s["default"]) for name, s in declared.items()
    }


@pytest.mark.parametrize("notebook", list(parameters.NOTEBOOKS))
def test_the_title_parameter_is_validated_like_the_others(notebook):
    values = parameters.defaults(notebook)
    assert parameters.validate(notebook, **dict(values, title="label"))["title"] == "label"
    with pytest.raises(
        ParameterError, match=r"parameter 'title' = 'headline' is invalid.*'finding', 'label'"
    ):
        parameters.validate(notebook, **dict(values, title="headline"))


def test_allowed_values_come_from_the_data():
    assert parameters.allowed("loans_by_district", "years") == [2021, 2022]
    assert parameters.allowed("income_growth", "base_year") == [2020, 2021]
    assert parameters.allowed("income_growth", "target_year") == [2024, 2025]
    assert len(parameters.allowed("ntm_attainment", "district")) == 13


@pytest.mark.parametrize(
    ("notebook", "values", "message"),
    [
        (
            "ntm_attainment",
            {"district": "Hoành Bồ"},
            "parameter 'district' = 'Hoành Bồ' is invalid; expected str or None, one of: 'Hạ Long'",
        ),
        ("ntm_attainment", {"levels": ["ntm", "gold"]}, "parameter 'levels'"),
        ("ntm_attainment", {"levels": []}, "parameter 'levels'"),
        ("ntm_attainment", {"include_plan": "yes please"}, "parameter 'include_plan'"),
        (
            "ntm_attainment",
            {"units": "2026"},
            "parameter 'units' = '2026' is invalid; expected str, one of: '2024', '2025'",
        ),
        ("ntm_attainment", {"units": 2025}, "parameter 'units' = 2025 is invalid; expected str"),
        ("loans_by_district", {"years": [2020]}, "expected list[int], one of: 2021, 2022"),
        ("loans_by_district", {"metric": "profit"}, "one of: 'planned_mvnd'"),
        ("income_growth", {"base_year": 2019}, "parameter 'base_year' = 2019"),
        (
            "income_growth",
            {"lang": "fr"},
            "parameter 'lang' = 'fr' is invalid; expected str, one of: 'vi', 'en'",
        ),
    ],
)
def test_invalid_values_name_the_parameter_and_the_allowed_values(notebook, values, message):
    with pytest.raises(
        ParameterError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")
    ):
        parameters.validate(notebook, **{**parameters.defaults(notebook), **values})


def test_unknown_and_missing_parameters():
    with pytest.raises(ParameterError, match="unknown parameter 'colour'; its parameters are: lang, title"):
        parameters.validate("poverty_rates", lang="vi", title="finding", colour="red")
    with pytest.raises(ParameterError, match="missing parameters"):
        parameters.validate("poverty_rates")
    with pytest.raises(
        ParameterError, match="unknown notebook 'gdp'; the notebooks are: scorecard, income_growth"
    ):
        parameters.validate("gdp", lang="vi")


def test_district_names_are_made_canonical():
    values = {**parameters.defaults("ntm_attainment"), "district": "TP. Hạ Long"}
    assert parameters.validate("ntm_attainment", **values)["district"] == "Hạ Long"


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("years", "[2021, 2022]", [2021, 2022]),
        ("years", "2022", [2022]),
        ("metric", "households", "households"),
        ("lang", "en", "en"),
    ],
)
def test_command_line_text_is_coerced(name, text, value):
    assert parameters.coerce("loans_by_district", name, text) == value


def test_command_line_booleans_and_none():
    assert parameters.coerce("ntm_attainment", "include_plan", "false") is False
    assert parameters.coerce("ntm_attainment", "district", "none") is None
    assert parameters.coerce("ntm_attainment", "district", "Bình Liêu") == "Bình Liêu"
    with pytest.raises(ParameterError):
        parameters.coerce("ntm_attainment", "include_plan", "[oops")


def test_programme_tasks_parameters():
    checked = parameters.validate(
        "programme_tasks", agency="Sở LĐ,TB&XH", group="V", as_of="2023-06-30", lang="en", title="label"
    )
    assert checked["agency"] == "Sở Lao động - Thương binh và Xã hội" and checked["as_of"] == "2023-06-30"
    assert parameters.coerce("programme_tasks", "as_of", "none") is None
    with pytest.raises(
        ParameterError, match=r"'as_of' = '2022-13-01' is invalid; expected a date YYYY-MM-DD"
    ):
        parameters.coerce("programme_tasks", "as_of", "2022-13-01")
    with pytest.raises(
        ParameterError, match=r"'agency' = 'Sở Ngoại vụ' is invalid; expected str or None, one of"
    ):
        parameters.validate(
            "programme_tasks", agency="Sở Ngoại vụ", group=None, as_of=None, lang="vi", title="finding"
        )
    with pytest.raises(ParameterError, match=r"'group' = 'VIII' is invalid"):
        parameters.validate(
            "programme_tasks", agency=None, group="VIII", as_of=None, lang="vi", title="finding"
        )
