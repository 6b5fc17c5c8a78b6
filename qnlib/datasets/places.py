"""``places``: the 13 districts and the 98 NTM communes, located, with their units since July 2025.

Not parsed from the documents: read from the ``vietnamadminunits`` package (offline) by
:mod:`qnlib.places`, which also resolves every name the documents print. The points are
geocoded locations (and bounding boxes), not boundaries.
"""

from __future__ import annotations

import pandera.pandas as pa

from .. import places
from ..places import COMMUNES, DISTRICTS
from .base import Dataset, schema

__all__ = ["DATASET"]

# Quảng Ninh lies between 20°40' and 21°40' N and 106°26' and 108°31' E (the province's standard
# description of its mainland and islands); a point outside is a geocoding error. Boxes may reach
# further: they include the sea around an island commune.
LATITUDE = pa.Check.in_range(20 + 40 / 60, 21 + 40 / 60)
LONGITUDE = pa.Check.in_range(106 + 26 / 60, 108 + 31 / 60)
CODE = pa.Check.str_matches(r"^\d{3}(\d{2})?$")  # GSO: 3 digits for a district, 5 for a commune
NAMES = sorted({*DISTRICTS, *(name for _, name in COMMUNES)})

DATASET = Dataset(
    name="places",
    description=(
        "The 13 district-level units and the 98 NTM communes of Quảng Ninh as of 2021–2022: GSO codes, "
        "geocoded points and bounding boxes (not boundaries), and each commune's unit since the July 2025 "
        "reform (one row per place)."
    ),
    source="vietnamadminunits",
    table="admin_units_legacy, admin_units, converter_2025.json",
    schema=schema(
        {
            "level": pa.Column(str, pa.Check.isin(["district", "commune"])),
            "district": pa.Column(str, pa.Check.isin(DISTRICTS)),
            "name": pa.Column(str, pa.Check.isin(NAMES)),
            "code": pa.Column(str, CODE, nullable=True),
            "unit_2024": pa.Column(str, nullable=True),
            "unit_2024_code": pa.Column(str, CODE, nullable=True),
            "latitude": pa.Column(float, LATITUDE),
            "longitude": pa.Column(float, LONGITUDE),
            "lat_min": pa.Column(float),
            "lat_max": pa.Column(float),
            "lon_min": pa.Column(float),
            "lon_max": pa.Column(float),
            "unit_2025_code": pa.Column(str, CODE, nullable=True),
            "unit_2025_name": pa.Column(str, nullable=True),
            "unit_2025_type": pa.Column(str, pa.Check.isin(["xã", "phường", "đặc khu"]), nullable=True),
            "unit_2025_others": pa.Column(str, nullable=True),
        },
        unique=["level", "district", "name"],
        checks=[
            pa.Check(lambda f: (f["lat_min"] < f["lat_max"]) & (f["lon_min"] < f["lon_max"]), name="box"),
            # A point outside its own box (Kỳ Thượng's in 1.0.4) is the package's geocoding, kept as it is:
            # see qnlib.places.map_points.
            pa.Check(
                lambda f: (f["level"] == "district") == f["unit_2025_code"].isna(),
                name="communes_have_successors",
            ),
            pa.Check(lambda f: f["code"].notna() | f["unit_2024_code"].notna(), name="coded"),
        ],
    ),
    extract=lambda tables: places.places(),
    notes=(
        "Coordinates are geocoded points and bounding boxes from vietnamadminunits, not boundaries.",
        "A point outside its own bounding box is a geocoding error in the package; it is kept, and the maps "
        "draw it at the centre of its box and name it in their notes.",
        "A commune merged in 2024 (code empty) has the point and successor of the unit that holds it (unit_2024).",
        "unit_2025_* is the unit the package's converter gives; unit_2025_others names units that received part of "
        "the commune. Districts have no successor: the district level was abolished on 1 July 2025.",
        "line is the row of the package's admin_units_legacy table the place was read from.",
    ),
    package=places.package_version,
)
