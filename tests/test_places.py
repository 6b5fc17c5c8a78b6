import pytest

from qnlib.errors import UnknownPlaceError
from qnlib.places import (
    COMMUNES,
    DISTRICTS,
    communes,
    districts,
    find_commune,
    resolve_commune,
    resolve_district,
)

# GSO codes of Quảng Ninh's district-level units before 2025 (General Statistics Office list).
DISTRICT_CODES = {
    "Hạ Long": "193",
    "Móng Cái": "194",
    "Cẩm Phả": "195",
    "Uông Bí": "196",
    "Bình Liêu": "198",
    "Tiên Yên": "199",
    "Đầm Hà": "200",
    "Hải Hà": "201",
    "Ba Chẽ": "202",
    "Vân Đồn": "203",
    "Đông Triều": "205",
    "Quảng Yên": "206",
    "Cô Tô": "207",
}


def test_registry_sizes():
    assert len(DISTRICTS) == 13
    assert len(COMMUNES) == 98
    assert len(set(COMMUNES)) == 98


@pytest.mark.parametrize(
    ("printed", "name", "printed_type"),
    [
        ("TP. Hạ Long", "Hạ Long", "thành phố"),
        ("Thành phố Hạ Long", "Hạ Long", "thành phố"),
        ("TX Đông Triều", "Đông Triều", "thị xã"),
        ("TX. Quảng Yên", "Quảng Yên", "thị xã"),
        ("Thị xã Đông Triều", "Đông Triều", "thị xã"),
        ("Huyện Bình Liêu", "Bình Liêu", "huyện"),
        ("Bình Liêu", "Bình Liêu", None),
        ("  huyện   Cô  Tô ", "Cô Tô", "huyện"),
    ],
)
def test_resolve_district_aliases(printed, name, printed_type):
    match = resolve_district(printed)
    assert match.place.name == name
    assert match.printed_type == printed_type
    assert match.place.code == DISTRICT_CODES[name]


def test_district_type_is_that_of_2022():
    # Đông Triều became a city in 2025; the documents (2021–2022) call it a thị xã.
    assert resolve_district("Đông Triều").place.type == "thị xã"
    assert dict(zip(districts()["district"], districts()["district_code"], strict=True)) == DISTRICT_CODES


def test_unknown_district_lists_the_known_ones():
    with pytest.raises(UnknownPlaceError) as error:
        resolve_district("Huyện Hoành Bồ", line=12)
    message = str(error.value)
    assert "line 12" in message and "Huyện Hoành Bồ" in message and "Bình Liêu" in message


def test_two_places_called_ha_long():
    assert resolve_district("TP. Hạ Long").place.code == "193"
    commune = resolve_commune("Xã Hạ Long", "Vân Đồn")
    assert (commune.name, commune.district, commune.code) == ("Hạ Long", "Vân Đồn", "07012")
    with pytest.raises(UnknownPlaceError):
        resolve_commune("Xã Hạ Long", "Hạ Long")  # the city has no commune of that name


def test_accent_placement_and_abbreviations():
    assert resolve_commune("Xã Hoà Bình", "Hạ Long").name == "Hòa Bình"
    assert resolve_commune("Xã Hòa Bình", "Hạ Long").code == "07045"
    assert resolve_commune("Xã H. Thái Đông", "Đông Triều").name == "Hồng Thái Đông"
    assert resolve_commune("Xã Thuỷ An", "Đông Triều").name == "Thủy An"
    assert resolve_commune("Xã Đầm Hà", "Đầm Hà").code == "06916"  # the commune, not the town (06895)


def test_communes_merged_before_2025_have_no_own_code():
    commune = resolve_commune("Xã Cộng Hòa", "Cẩm Phả")
    assert commune.code is None
    assert (commune.unit_2024, commune.unit_2024_code) == ("Hải Hòa", "06799")
    assert resolve_commune("Minh Cầm", "Ba Chẽ").unit_2024 == "Lương Minh"


def test_unknown_commune_names_the_district_and_its_communes():
    with pytest.raises(UnknownPlaceError, match="a commune of Bình Liêu .*Húc Động.*found 'Xã Nowhere'"):
        resolve_commune("Xã Nowhere", "Bình Liêu")


def test_find_commune_anywhere():
    assert find_commune("Xã Bản Sen").district == "Vân Đồn"
    with pytest.raises(UnknownPlaceError):
        find_commune("Xã Nowhere")


def test_communes_table_maps_every_commune_to_2025_successors():
    table = communes()
    assert len(table) == 98
    assert table["unit_2024_code"].notna().all() and table["unit_2025_code"].notna().all()
    assert table["commune_code"].isna().sum() == 5
    ban_sen = table.set_index("commune").loc["Bản Sen"]
    assert ban_sen["unit_2025"] == "Đặc khu Vân Đồn"  # Vân Đồn became a special zone in July 2025
    assert table["latitude"].between(20.5, 21.8).all() and table["longitude"].between(106.4, 108.1).all()
