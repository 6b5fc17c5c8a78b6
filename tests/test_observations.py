"""The evidence registry: finding phrases, reading their numbers, refusing what the text does not say."""

import dataclasses

import pytest
import yaml

from qnlib import config
from qnlib.observations import (
    Declared,
    ObservationError,
    SearchText,
    load_registry,
    read_observation,
    read_observations,
)
from qnlib.text import fold, normalize_space

PROSE = [
    "Phụ lục 2",
    "- Về thu nhập: Năm 2020 đạt 46,1 triệu đồng/người, đến hết năm 2021 đạt",
    "\t52,5  triệu đồng/người (tăng 13,88%).",
    "",
    "Kế hoạch: đạt khoảng 100,0 triệu đồng/người/năm (tăng 26,652 triệu đồng/người/năm so với năm 2023).",
    "Cơ cấu: Nông, lâm nghiệp |",
    "3-5 |",
]


def declare(**fields) -> Declared:
    base = dict(
        id="x",
        topic="income",
        indicator="income_per_capita",
        year=2021,
        value=52.5,
        unit="million VND/person/year",
        kind="actual",
        source="doc",
        evidence="đến hết năm 2021 đạt 52,5 triệu đồng/người",
        number="52,5",
    )
    return Declared(**{**base, **fields})


def test_phrase_found_across_a_line_break_and_extra_spaces():
    found = read_observation(declare(), SearchText(PROSE))
    assert found.value == 52.5
    assert found.line == 3  # the line the number is printed on
    assert found.evidence == "đến hết năm 2021 đạt 52,5 triệu đồng/người"
    assert found.decimals == 1


def test_the_only_number_of_a_phrase_needs_no_number_field():
    found = read_observation(declare(evidence="đạt 46,1 triệu", number=None, value=46.1), SearchText(PROSE))
    assert (found.value, found.line, found.printed) == (46.1, 2, "46,1")


def test_a_declared_number_that_the_text_does_not_print_fails_the_build():
    with pytest.raises(ObservationError) as error:
        read_observation(declare(value=52.7), SearchText(PROSE), "observations.yml")
    message = str(error.value)
    assert message.startswith("observation 'x' (observations.yml):")
    assert "line 3 reads '52,5' = 52.5, but the registry declares 52.7" in message


def test_missing_and_ambiguous_phrases_fail():
    with pytest.raises(ObservationError, match="evidence phrase not found verbatim"):
        read_observation(declare(evidence="đạt 52,6 triệu"), SearchText(PROSE))
    with pytest.raises(ObservationError, match=r"occurs 2 times in doc \(lines 2, 8\)"):
        read_observation(
            declare(evidence="triệu đồng/người,", number=None), SearchText([*PROSE, "x triệu đồng/người, y"])
        )
    with pytest.raises(ObservationError, match=r"several numbers \(2021, 52,5\)"):
        read_observation(declare(number=None), SearchText(PROSE))


def test_derived_value_is_computed_from_printed_numbers():
    derived = declare(
        kind="derived",
        year=2023,
        value=73.348,
        number=None,
        derive="{100,0} - {26,652}",
        evidence="đạt khoảng 100,0 triệu đồng/người/năm (tăng 26,652 triệu đồng/người/năm so với năm 2023",
    )
    found = read_observation(derived, SearchText(PROSE))
    assert found.value == pytest.approx(73.348)
    assert found.line == 5
    with pytest.raises(ObservationError, match=r"derive uses \['26,65'\], which the evidence does not print"):
        read_observation(dataclasses.replace(derived, derive="{100,0} - {26,65}"), SearchText(PROSE))
    with pytest.raises(ObservationError, match="registry declares 73.3"):
        read_observation(dataclasses.replace(derived, value=73.3), SearchText(PROSE))


def test_a_range_keeps_both_bounds():
    declared = declare(
        value=3,
        value_max=5,
        number="3-5",
        evidence="Nông, lâm nghiệp | 3-5",
        kind="target",
        comparator="between",
    )
    found = read_observation(declared, SearchText(PROSE))
    assert (found.value, found.value_max, found.line) == (3.0, 5.0, 7)


def test_ocr_text_is_matched_without_diacritics():
    ocr = [
        "ty 16 tham gia dat trén 95% dén sb. (12) Ty 1¢ giam nghéo dat 0,11%",
        "(twong duong giam 411 ho nghéo).",
    ]
    text = SearchText(ocr, ignore_accents=True)
    found = read_observation(
        declare(evidence="giảm 411 hộ nghèo", number=None, value=411, source="ocr"), text
    )
    assert found.evidence == "giam 411 ho nghéo"  # quoted as the OCR prints it
    assert found.line == 2
    exact = SearchText(ocr)
    with pytest.raises(ObservationError, match="not found verbatim"):
        read_observation(declare(evidence="giảm 411 hộ nghèo", number=None, value=411), exact)


def test_search_text_maps_offsets_to_lines():
    text = SearchText(["a  b", "", "\tc\u00a0d", "e"])
    assert text.text == "a b c d e"
    # a separating space belongs to the line before it
    assert [text.line_at(i) for i in range(len(text.text))] == [1, 1, 1, 1, 3, 3, 3, 3, 4]


def write_registry(tmp_path, entries):
    path = tmp_path / "observations.yml"
    path.write_text(yaml.safe_dump({"observations": entries}, allow_unicode=True), encoding="utf-8")
    return path


# A registry entry as YAML would give it: the declaration above, without its empty fields.
ENTRY = {k: v for k, v in dataclasses.asdict(declare(id="a", source="bc06_2022")).items() if v is not None}


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([ENTRY, ENTRY], "observation 'a'.*declared twice"),
        ([{**ENTRY, "colour": "red"}], r"unknown fields \['colour'\]"),
        ([{**ENTRY, "kind": "guess"}], "kind must be one of"),
        ([{**ENTRY, "kind": "target"}], "targets, and only targets, have a comparator"),
        ([{**ENTRY, "comparator": "="}], "targets, and only targets, have a comparator"),
        ([{**ENTRY, "kind": "derived"}], "only those, have a `derive` formula"),
        ([{k: v for k, v in ENTRY.items() if k != "unit"}], "malformed entry"),
    ],
)
def test_registry_shape_errors(tmp_path, entries, message):
    with pytest.raises(ObservationError, match=message):
        load_registry(write_registry(tmp_path, entries))


def test_whole_registry_is_found_in_the_documents(corpus):
    found = read_observations(corpus)
    assert len(found) == len(load_registry()) >= 100
    for observation in found.values():
        document = corpus[observation.declared.source]
        window = " ".join(document.lines[observation.line - 3 : observation.line + 2])
        evidence, window = normalize_space(observation.evidence), normalize_space(window)
        if document.source.is_ocr:
            evidence, window = fold(evidence), fold(window)
        assert evidence in window, observation.id
        if not observation.declared.derive:
            number = observation.printed.split("-")[0].strip()
            assert number in document.line(observation.line), observation.id


def test_registry_file_is_what_the_build_uses():
    assert config.OBSERVATIONS_FILE.exists()
    assert {d.id for d in load_registry()} >= {
        "income_2021_dtts",
        "poverty_rate_2021",
        "ntm_advanced_communes_2022",
    }
