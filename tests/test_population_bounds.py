"""Plausibility bounds of population values (issue 10, §5; bounds in docs/budget.md).

``utility_expense=1e30`` used to run and print 12,000,000,180,569,594,677,690,368.00 million tenge; 1e39
made the total ``inf`` (float32) and an area of 1e39 ``nan``. Values no real district can reach are
refused like any bad cell: file, row, column and reason.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from openfisca_kz_housing.population import PopulationError, load_population, loader

HEADER = "household_id,dwelling_area,dwelling_rooms,dwelling_kind,tenure,utility_expense,weight"
GOOD_HOUSEHOLD = "h1,54,2,apartment,owner,9000,1"
PERSONS = "person_id,household_id,salary\na,h1,60000\n"


def refusal(tmp_path, households: str, persons: str = PERSONS) -> str:
    (tmp_path / "households.csv").write_text(households, encoding="utf-8")
    (tmp_path / "persons.csv").write_text(persons, encoding="utf-8")
    with pytest.raises(PopulationError) as caught:
        load_population(tmp_path)
    return str(caught.value)


@pytest.mark.parametrize(
    "cell, column, reason",
    [
        ("utility_expense=1e30", "utility_expense", "1e+30 is not plausible: at most 10,000,000,000"),
        ("utility_expense=1e39", "utility_expense", "1e+39 is not plausible"),  # inf in float32
        ("dwelling_area=1e39", "dwelling_area", "1e+39 is not plausible: at most 10,000"),
        ("dwelling_area=20000", "dwelling_area", "20000 is not plausible"),
        ("dwelling_rooms=5000", "dwelling_rooms", "5000 is not plausible: at most 1,000"),
        ("weight=1e8", "weight", "1e+08 is not plausible: at most 10,000,000"),
    ],
)
def test_implausible_household_values_are_refused_by_cell(tmp_path, cell, column, reason):
    name, value = cell.split("=")
    columns = HEADER.split(",")
    values = GOOD_HOUSEHOLD.split(",")
    values[columns.index(name)] = value
    message = refusal(tmp_path, f"{HEADER}\n{','.join(values)}\n")
    assert f"households.csv, row 1 (line 2), column '{column}': {reason}" in message
    assert "inf" not in message.replace("info", "") and "nan" not in message


def test_implausible_income_and_month_are_refused(tmp_path):
    persons = "person_id,household_id,month,salary\na,h1,2023-01,60000\na,h1,0001-02,20000000000\n"
    message = refusal(tmp_path, f"{HEADER}\n{GOOD_HOUSEHOLD}\n", persons)
    assert "persons.csv, row 2 (line 3), column 'salary': 2e+10 is not plausible" in message
    assert "persons.csv, row 2 (line 3), column 'month': '0001-02' is not plausible: years 1900 to 2200" in message


def test_a_household_of_more_members_than_plausible(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_MEMBERS", 3)  # stands for 1,000: the same check, fewer rows
    persons = "person_id,household_id,salary\n" + "".join(f"p{k},h1,100\n" for k in range(4))
    message = refusal(tmp_path, f"{HEADER}\n{GOOD_HOUSEHOLD}\n", persons)
    assert "households.csv, row 1 (line 2), column 'household_id': 4 members is not plausible: at most 3" in message


def test_parquet_integers_beyond_the_bound(tmp_path):
    pq.write_table(
        pa.table({"household_id": [1], "dwelling_area": [54.0], "dwelling_rooms": [2], "dwelling_kind": ["apartment"],
                  "tenure": ["owner"], "heating_expense": pa.array([10**18], pa.int64())}),
        tmp_path / "households.parquet",
    )
    pq.write_table(pa.table({"household_id": [1], "pension": [float("inf")]}), tmp_path / "persons.parquet")
    with pytest.raises(PopulationError) as caught:
        load_population(tmp_path)
    message = str(caught.value)
    assert "households.parquet, row 1, column 'heating_expense': 1e+18 is not plausible" in message
    assert "persons.parquet, row 1, column 'pension': inf is not a finite number" in message


def test_values_at_the_bounds_are_accepted(tmp_path):
    households = f"{HEADER}\nh1,10000,1000,apartment,owner,10000000000,10000000\n"
    (tmp_path / "households.csv").write_text(households, encoding="utf-8")
    (tmp_path / "persons.csv").write_text("person_id,household_id,month,salary\na,h1,1900-01,1e10\n", encoding="utf-8")
    population = load_population(tmp_path)
    assert population.household_count == 1
