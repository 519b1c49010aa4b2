"""A SYNTHETIC Altai district for budget simulations: seeded, every assumption stated here.

THESE ARE NOT REAL PEOPLE. The generator draws households whose totals match the public facts of
``../shared/law/README.md`` §4 and whose incomes, dwellings and bills follow the assumptions below. Use
it to exercise the model and to compare rules, never as an estimate of the real caseload.

Facts used (§4 and §3 of the law digest):
  * 66,374 inhabitants (Altai district, 2019); 36,360 in the town of Altai (2021 census), so 54.8 % of
    persons are urban: each household is urban with probability 0.548.
  * incomes are indexed year by year with the national subsistence minimum (parameter
    ``national.subsistence_minimum`` on 1 January of each year, relative to 2019).

Assumptions (not facts; change them here and regenerate):
  * household size 1..7 with probabilities 21, 25, 20, 18, 9, 5, 2 % (mean 2.92 persons);
  * composition: a single person is a pensioner with probability 0.5; a couple is two pensioners
    (0.35), two working-age adults (0.35) or a parent and a child (0.30); a larger household has two
    adults (one with probability 0.15), a pensioner with probability 0.25, the rest children;
  * working-age adults are employed with probability 0.72, salary lognormal with median 120,000 tenge
    (2019) and sigma 0.55; the others have countable social benefits (0.45, about 25,000), other
    income such as self-employment (0.40, lognormal median 45,000) or nothing (0.15); pensioners get
    a pension lognormal with median 68,000 tenge (2019), sigma 0.25, at least 35,000, and 10 % of them
    a salary as well; 40 % of children bring a social benefit (child and large-family allowances,
    targeted social assistance) of about 8,000 tenge;
  * dwellings: urban households live in apartments (86 %), individual houses (10 %) or dormitory rooms
    (4 %); rural ones in houses (92 %) or apartments (8 %); apartment area 14 + 16 m2 a room (+- 5),
    1-4 rooms growing with the household; house area 40 + 12 m2 a room (+- 10), 2-5 rooms; dormitory
    room 12-24 m2;
  * tenure: owner 92 %, state housing tenant 3 %, akimat-leased tenant 1 %, private tenant 4 %
    (dormitory rooms: owner 30 %, state tenant 50 %, private tenant 20 %); 4 % of owners own another
    dwelling; 2 % of households are not residents of the district;
  * bills in 2019, monthly averages over the year: maintenance 30 tenge/m2 in apartments, none in
    houses; central heating 95 tenge/m2 in apartments and dormitories (the heating season's bills
    spread over 12 months), solid fuel about 4,500 tenge a month in houses; other utilities
    1,800 + 1,100 a person; rent 25 tenge/m2 (state fund), 60 tenge/m2 (akimat-leased), 1,000
    tenge/m2 (private); 6 % of households have a compensable telephone fee increase of 150-400 tenge;
    every bill varies by a lognormal factor (sigma 0.15-0.3);
  * bills are indexed by an assumed tariff index 1.00 (2019), 1.05, 1.10, 1.19, 1.38, 1.55 (2024).

The bundled files (``openfisca_kz_housing/data/synthetic_altai/``) hold one row per entity for each
level: 2019-10 (the 2019 level, so that the income quarter before January 2020 exists), then every
January 2020-2024; a row holds until the entity's next row. Regenerate with
``python -m openfisca_kz_housing.population.synthetic --out openfisca_kz_housing/data/synthetic_altai``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

SEED = 20191120  # the date of decision 56/2-VI
INHABITANTS = 66_374
URBAN_SHARE = 36_360 / 66_374
SIZE_PROBABILITIES = (0.21, 0.25, 0.20, 0.18, 0.09, 0.05, 0.02)
TARIFF_INDEX = {2019: 1.00, 2020: 1.05, 2021: 1.10, 2022: 1.19, 2023: 1.38, 2024: 1.55}
LEVELS = (
    ("2019-10", 2019),
    ("2020-01", 2020),
    ("2021-01", 2021),
    ("2022-01", 2022),
    ("2023-01", 2023),
    ("2024-01", 2024),
)
BUNDLED_DIR = Path(__file__).resolve().parent.parent / "data" / "synthetic_altai"
FILE_PREFIX = "SYNTHETIC_altai_"
GENERATOR_VERSION = 1


def bundled_population_dir() -> Path:
    """The directory of the bundled SYNTHETIC Altai district."""
    return BUNDLED_DIR


def income_index(year: int) -> float:
    """Subsistence minimum on 1 January of ``year`` relative to 1 January 2019 (§3, parameters)."""
    from openfisca_kz_housing import tax_benefit_system

    minimum = tax_benefit_system().parameters.national.subsistence_minimum
    return float(minimum(f"{year}-01-01")) / float(minimum("2019-01-01"))


def _noise(rng, sigma, size):
    return rng.lognormal(0.0, sigma, size)


def draw(households: int | None = None, seed: int = SEED) -> dict:
    """Draw the base-year (2019) population: household and person arrays (no month dimension)."""
    rng = np.random.default_rng(seed)
    sizes_all = np.arange(1, len(SIZE_PROBABILITIES) + 1)
    if households is None:  # enough households to reach INHABITANTS, the last one trimmed
        mean = float(np.dot(sizes_all, SIZE_PROBABILITIES))
        size = rng.choice(sizes_all, size=int(INHABITANTS / mean * 1.1), p=SIZE_PROBABILITIES)
        total = np.cumsum(size)
        n = int(np.searchsorted(total, INHABITANTS)) + 1
        size = size[:n]
        size[-1] -= total[n - 1] - INHABITANTS
        if size[-1] <= 0:  # pragma: no cover - defensive
            size = size[:-1]
    else:
        size = rng.choice(sizes_all, size=households, p=SIZE_PROBABILITIES)
    n = len(size)
    urban = rng.random(n) < URBAN_SHARE

    # composition: adults, pensioners, children per household
    u = rng.random(n)
    pensioners = np.zeros(n, dtype=np.int64)
    adults = np.zeros(n, dtype=np.int64)
    single = size == 1
    pensioners[single & (u < 0.5)] = 1
    adults[single & (u >= 0.5)] = 1
    couple = size == 2
    pensioners[couple & (u < 0.35)] = 2
    adults[couple & (u >= 0.35)] = np.where(u[couple & (u >= 0.35)] < 0.70, 2, 1)
    large = size >= 3
    adults[large] = np.where(rng.random(large.sum()) < 0.15, 1, 2)
    pensioners[large] = (rng.random(large.sum()) < 0.25).astype(np.int64)
    assert (size - adults - pensioners >= 0).all()  # the rest of each household are children

    # persons: household index, position, category (0 adult, 1 pensioner, 2 child), adults listed first
    household = np.repeat(np.arange(n), size)
    position = np.arange(len(household)) - np.repeat(np.cumsum(size) - size, size)
    category = np.where(position < adults[household], 0, np.where(position < (adults + pensioners)[household], 1, 2))
    m = len(household)
    adult, pensioner, child = category == 0, category == 1, category == 2
    employed = adult & (rng.random(m) < 0.72)
    salary = np.where(employed, 120_000 * _noise(rng, 0.55, m), 0.0)
    working_pensioner = pensioner & (rng.random(m) < 0.10)
    salary = np.where(working_pensioner, 90_000 * _noise(rng, 0.4, m), salary)
    pension = np.where(pensioner, np.maximum(35_000, 68_000 * _noise(rng, 0.25, m)), 0.0)
    w = rng.random(m)
    jobless = adult & ~employed
    social = np.where(jobless & (w < 0.45), 25_000 * _noise(rng, 0.25, m), 0.0)
    social = np.where(child & (rng.random(m) < 0.40), 8_000 * _noise(rng, 0.2, m), social)
    other = np.where(jobless & (w >= 0.45) & (w < 0.85), 45_000 * _noise(rng, 0.5, m), 0.0)

    # dwellings
    k = rng.random(n)
    kind = np.where(urban, np.where(k < 0.86, 0, np.where(k < 0.96, 1, 2)), np.where(k < 0.08, 0, 1))
    apartment_rooms = np.clip(np.round(size * 0.6 + rng.normal(0.4, 0.6, n)), 1, 4)
    house_rooms = np.clip(np.round(size * 0.5 + rng.normal(1.5, 0.8, n)), 2, 5)
    rooms = np.where(kind == 0, apartment_rooms, np.where(kind == 1, house_rooms, 1)).astype(np.int64)
    area = np.where(
        kind == 0,
        np.maximum(18, 14 + 16 * rooms + rng.normal(0, 5, n)),
        np.where(kind == 1, np.maximum(30, 40 + 12 * rooms + rng.normal(0, 10, n)), rng.uniform(12, 24, n)),
    )
    area = np.round(area, 1)
    t = rng.random(n)
    tenure = np.select([t < 0.92, t < 0.95, t < 0.96], [0, 1, 2], 3)
    dorm = kind == 2
    tenure[dorm] = np.select([t[dorm] < 0.30, t[dorm] < 0.80], [0, 1], 3)
    owns_other = (tenure == 0) & (rng.random(n) < 0.04)
    resident = rng.random(n) >= 0.02

    # bills, 2019 level
    maintenance = np.where(kind == 0, 30 * area * _noise(rng, 0.15, n), 0.0)
    heating = np.where(kind == 1, 4_500 * _noise(rng, 0.3, n), 95 * area * _noise(rng, 0.15, n))
    utility = (1_800 + 1_100 * size) * _noise(rng, 0.2, n)
    rent_rate = np.select([tenure == 1, tenure == 2, tenure == 3], [25.0, 60.0, 1_000.0], 0.0)
    rent = rent_rate * area * _noise(rng, 0.15, n)
    telephone = np.where(rng.random(n) < 0.06, rng.uniform(150, 400, n), 0.0)
    return {
        "households": {
            "household_id": np.arange(1, n + 1),
            "dwelling_area": area,
            "dwelling_rooms": rooms,
            "dwelling_kind": np.array(["apartment", "individual_house", "dormitory_room"])[kind],
            "tenure": np.array(["owner", "state_housing_tenant", "akimat_leased_tenant", "private_tenant"])[tenure],
            "owns_other_dwelling": owns_other,
            "resident_in_district": resident,
            "maintenance_expense": maintenance,
            "heating_expense": heating,
            "rent_expense": rent,
            "utility_expense": utility,
            "telephone_fee_increase": telephone,
        },
        "persons": {
            "person_id": np.arange(1, m + 1),
            "household_id": household + 1,
            "role": np.where(position == 0, "applicant", "other_member"),
            "salary": salary,
            "pension": pension,
            "social_benefits": social,
            "other_income": other,
        },
    }


MONEY = {
    "households": (
        "maintenance_expense",
        "heating_expense",
        "rent_expense",
        "utility_expense",
        "telephone_fee_increase",
    ),
    "persons": ("salary", "pension", "social_benefits", "other_income"),
}


def tables(base: dict, levels=LEVELS) -> dict[str, pa.Table]:
    """Arrow tables with one row per entity and level (a person's row is kept only when it changes)."""
    out = {}
    for kind, columns in base.items():
        index = TARIFF_INDEX if kind == "households" else None
        parts = []
        previous = None
        for month, year in levels:
            factor = index[year] if index else income_index(year)
            cols = {"month": np.full(len(columns[f"{kind[:-1]}_id"]), month)}
            for name, values in columns.items():
                if name in MONEY[kind]:
                    cols[name] = np.round(values * factor).astype(np.int32)
                else:
                    cols[name] = values
            keep = np.ones(len(cols["month"]), dtype=bool)
            if previous is not None and kind == "persons":
                keep = np.zeros(len(keep), dtype=bool)
                for name in MONEY[kind]:
                    keep |= cols[name] != previous[name]
            previous = cols
            parts.append({name: values[keep] for name, values in cols.items()})
        merged = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}
        order = np.lexsort((merged["month"], merged[f"{kind[:-1]}_id"]))
        merged = {name: values[order] for name, values in merged.items()}
        if kind == "households":
            merged["dwelling_area"] = merged["dwelling_area"].astype(np.float32)
            merged["dwelling_rooms"] = merged["dwelling_rooms"].astype(np.int8)
        for name in ("household_id", "person_id"):
            if name in merged:
                merged[name] = merged[name].astype(np.int32)
        table = pa.table(merged)
        for name in ("month", "dwelling_kind", "tenure", "role"):
            if name in table.column_names:
                table = table.set_column(table.column_names.index(name), name, table.column(name).dictionary_encode())
        out[kind] = table
    return out


def constant_tables(base: dict) -> dict[str, pa.Table]:
    """Arrow tables without a month column (values constant over the months simulated)."""
    out = {}
    for kind, columns in base.items():
        cols = {
            name: (values.astype(np.float32) if values.dtype.kind == "f" else values)
            for name, values in columns.items()
        }
        for name in ("household_id", "person_id", "dwelling_rooms"):
            if name in cols:
                cols[name] = cols[name].astype(np.int32)
        table = pa.table(cols)
        for name in ("dwelling_kind", "tenure", "role"):
            if name in table.column_names:
                table = table.set_column(table.column_names.index(name), name, table.column(name).dictionary_encode())
        out[kind] = table
    return out


def write(directory, households: int | None = None, seed: int = SEED, monthly_levels: bool = True) -> Path:
    """Generate and write the SYNTHETIC district (Parquet, zstd) and its population.json."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    base = draw(households, seed)
    data = tables(base) if monthly_levels else constant_tables(base)
    for kind, table in data.items():
        level = 19 if households is None else 3  # the bundled files small; large benchmark files quick
        pq.write_table(table, directory / f"{FILE_PREFIX}{kind}.parquet", compression="zstd", compression_level=level)
    meta = {
        "name": "SYNTHETIC Altai district"
        if households is None
        else f"SYNTHETIC district of {households:,} households",
        "synthetic": True,
        "description": (
            "SYNTHETIC population: not real people. Generated by openfisca_kz_housing.population.synthetic "
            f"(version {GENERATOR_VERSION}, seed {seed}) from the facts of the law digest §4 and the assumptions "
            "stated in that module."
        ),
        "seed": seed,
        "generator_version": GENERATOR_VERSION,
        "households": int(len(base["households"]["household_id"])),
        "persons": int(len(base["persons"]["person_id"])),
        "levels": [month for month, _ in LEVELS] if monthly_levels else None,
    }
    (directory / "population.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return directory


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write a SYNTHETIC Altai district (Parquet).")
    parser.add_argument("--out", default=str(BUNDLED_DIR), help="output directory (default: the bundled one)")
    parser.add_argument("--households", type=int, help="number of households (default: about 66,374 inhabitants)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--constant", action="store_true", help="one row per entity, no month column")
    args = parser.parse_args(argv)
    path = write(args.out, args.households, args.seed, monthly_levels=not args.constant)
    print(f"SYNTHETIC population written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
