"""The population loader (issue 6): good files load, bad files are refused with file, row, column, reason."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from openfisca_kz_housing.population import PopulationError, load_population, month_ordinal

HOUSEHOLDS = """household_id,dwelling_area,dwelling_rooms,dwelling_kind,tenure,maintenance_expense,heating_expense,\
utility_expense
h1,54,2,apartment,owner,3500,14000,6500
h2,20,1,dormitory_room,state_housing_tenant,0,4000,3000
"""
PERSONS = """person_id,household_id,role,salary,pension
p1,h1,applicant,70000,0
p2,h1,other_member,0,45000
p3,h2,applicant,0,50000
"""


def write(tmp_path, households=HOUSEHOLDS, persons=PERSONS, names=("households.csv", "persons.csv")):
    (tmp_path / names[0]).write_text(households, encoding="utf-8")
    (tmp_path / names[1]).write_text(persons, encoding="utf-8")
    return tmp_path


def problems(tmp_path, **kwargs) -> list[str]:
    with pytest.raises(PopulationError) as caught:
        load_population(write(tmp_path, **kwargs))
    return [str(p) for p in caught.value.problems]


def test_a_good_csv_population_loads(tmp_path):
    population = load_population(write(tmp_path))
    assert population.household_count == 2 and population.person_count == 3
    assert population.household_size.tolist() == [2, 1]
    assert population.person_household.tolist() == [0, 0, 1]
    assert population.person_role.tolist() == [0, 1, 0]
    inputs = population.household_inputs
    assert inputs["dwelling_area"].at(0).tolist() == [54, 20]
    assert inputs["tenure"].at(0).tolist() == [0, 1]  # owner, state_housing_tenant
    assert inputs["resident_in_district"].at(0).all()  # default true
    assert population.person_inputs["pension"].at(0).dtype == np.float32
    assert any("rent_expense" in note and "default" in note for note in population.notes)
    assert not population.synthetic


def test_semicolon_csv_and_case_insensitive_words(tmp_path):
    households = HOUSEHOLDS.replace(",", ";").replace("owner", " Owner ")
    persons = PERSONS.replace(",", ";")
    population = load_population(write(tmp_path, households=households, persons=persons))
    assert population.household_inputs["tenure"].at(0).tolist() == [0, 1]


def test_parquet_with_integer_ids_months_and_no_role(tmp_path):
    pq.write_table(
        pa.table(
            {
                "household_id": [7, 7, 9],
                "month": ["2023-01", "2023-04", "2023-01"],
                "dwelling_area": [50.0, 50.0, 30.0],
                "dwelling_rooms": [2, 2, 1],
                "dwelling_kind": pa.array(["apartment", "apartment", "individual_house"]).dictionary_encode(),
                "tenure": ["owner", "owner", "owner"],
                "heating_expense": [10000, 12000, 5000],
                "weight": [2.5, 2.5, 1.0],
            }
        ),
        tmp_path / "SYNTHETIC_test_households.parquet",
    )
    pq.write_table(
        pa.table({"household_id": [9, 7, 7], "salary": np.array([1, 2, 3], dtype=np.float32)}),
        tmp_path / "SYNTHETIC_test_persons.parquet",
    )
    population = load_population(tmp_path)
    assert population.synthetic and population.label.startswith("SYNTHETIC")
    assert population.household_ids.to_pylist() == [7, 9]
    assert population.person_household.tolist() == [1, 0, 0]
    assert population.person_role.tolist() == [0, 0, 1]  # the first person listed applies
    heating = population.household_inputs["heating_expense"]
    # a row holds from its month on; before the first row, the first row's values
    assert heating.at(month_ordinal("2022-12")).tolist() == [10000, 5000]
    assert heating.at(month_ordinal("2023-03")).tolist() == [10000, 5000]
    assert heating.at(month_ordinal("2023-04")).tolist() == [12000, 5000]
    assert heating.at(month_ordinal("2030-01")).tolist() == [12000, 5000]
    assert population.weight.tolist() == [2.5, 1.0]


def test_unknown_column_with_a_suggestion(tmp_path):
    found = problems(tmp_path, households=HOUSEHOLDS.replace("heating_expense", "heating_expenses"))
    assert any("column 'heating_expenses'" in p and "did you mean 'heating_expense'" in p for p in found)


def test_missing_required_column(tmp_path):
    households = "\n".join(",".join(line.split(",")[:4] + line.split(",")[5:]) for line in HOUSEHOLDS.splitlines())
    assert any(
        "column 'tenure'" in p and "required column missing" in p for p in problems(tmp_path, households=households)
    )


def test_wrong_type_names_file_row_line_and_column(tmp_path):
    found = problems(tmp_path, households=HOUSEHOLDS.replace("14000", "14 000 KZT"))
    assert "households.csv, row 1 (line 2), column 'heating_expense': '14 000 KZT' is not a number" in found[0]


def test_negative_and_zero_area(tmp_path):
    found = problems(tmp_path, households=HOUSEHOLDS.replace("h1,54", "h1,-54").replace("h2,20", "h2,0"))
    assert any("row 1" in p and "dwelling_area" in p and "must be greater than 0" in p for p in found)
    assert any("row 2" in p and "dwelling_area" in p for p in found)


def test_negative_income_and_fractional_rooms(tmp_path):
    found = problems(
        tmp_path,
        households=HOUSEHOLDS.replace("54,2,", "54,2.5,"),
        persons=PERSONS.replace("p1,h1,applicant,70000", "p1,h1,applicant,-70000"),
    )
    assert any("dwelling_rooms" in p and "not a whole number" in p for p in found)
    assert any("persons.csv, row 1" in p and "salary" in p and "negative" in p for p in found)


def test_enum_value_not_allowed(tmp_path):
    found = problems(tmp_path, households=HOUSEHOLDS.replace("state_housing_tenant", "renter"))
    assert any(
        "row 2" in p and "column 'tenure'" in p and "'renter' is not allowed" in p and "akimat_leased_tenant" in p
        for p in found
    )


def test_person_without_household(tmp_path):
    found = problems(tmp_path, persons=PERSONS + "p4,h9,other_member,0,0\n")
    assert any("persons.csv, row 4" in p and "person without household" in p and "'h9'" in p for p in found)


def test_household_without_members(tmp_path):
    found = problems(tmp_path, households=HOUSEHOLDS + "h3,30,1,apartment,owner,0,0,0\n")
    assert any("households.csv, row 3" in p and "household without members" in p for p in found)


def test_duplicate_ids(tmp_path):
    found = problems(
        tmp_path,
        households=HOUSEHOLDS + "h1,30,1,apartment,owner,0,0,0\n",
        persons=PERSONS + "p3,h2,other_member,0,0\n",
    )
    assert any("households.csv, row 3" in p and "duplicate id" in p and "row 1" in p for p in found)
    assert any("persons.csv, row 4" in p and "duplicate id" in p for p in found)


def test_duplicate_household_month(tmp_path):
    households = (
        "month,"
        + HOUSEHOLDS.splitlines()[0]
        + "\n"
        + "\n".join("2023-01," + line for line in HOUSEHOLDS.splitlines()[1:] + [HOUSEHOLDS.splitlines()[1]])
    )
    found = problems(tmp_path, households=households)
    assert any("duplicate id" in p and "month 2023-01" in p for p in found)


def test_bad_month_and_changing_weight(tmp_path):
    households = (
        "household_id,month,dwelling_area,dwelling_rooms,dwelling_kind,tenure,weight\n"
        "h1,2023-01,54,2,apartment,owner,1\nh1,2023-13,54,2,apartment,owner,1\n"
        "h2,2023-01,20,1,apartment,owner,1\nh2,2023-05,20,1,apartment,owner,3\n"
    )
    found = problems(tmp_path, households=households)
    assert any("row 2" in p and "'2023-13' is not a month" in p for p in found)
    h2 = problems(tmp_path, households=households.replace("2023-13", "2023-02"))
    assert any("row 4" in p and "column 'weight'" in p and "must not change" in p for p in h2)


def test_two_applicants(tmp_path):
    found = problems(tmp_path, persons=PERSONS.replace("p2,h1,other_member", "p2,h1,applicant"))
    assert any("persons.csv, row 2" in p and "second applicant" in p for p in found)


def test_empty_cell_and_bad_boolean(tmp_path):
    households = HOUSEHOLDS.replace("owner_placeholder", "")
    households = households.replace("utility_expense\n", "utility_expense,owns_other_dwelling\n")
    households = households.replace("6500\n", "6500,maybe\n").replace(
        "h2,20,1,dormitory_room,state_housing_tenant,0,4000,3000\n", "h2,20,1,,state_housing_tenant,0,4000,3000,false\n"
    )
    found = problems(tmp_path, households=households)
    assert any("row 1" in p and "owns_other_dwelling" in p and "'maybe' is not allowed" in p for p in found)
    assert any("row 2" in p and "dwelling_kind" in p and "empty cell" in p for p in found)


def test_no_income_column(tmp_path):
    found = problems(tmp_path, persons="person_id,household_id\np1,h1\np2,h1\np3,h2\n")
    assert any("no income column" in p for p in found)


def test_files_missing_ragged_or_doubled(tmp_path):
    with pytest.raises(PopulationError, match="no such directory"):
        load_population(tmp_path / "nowhere")
    (tmp_path / "households.csv").write_text(HOUSEHOLDS)
    with pytest.raises(PopulationError, match="no persons table"):
        load_population(tmp_path)
    found = problems(tmp_path, persons=PERSONS + "p4,h1,other_member,0,0,99,99\n")
    assert any("persons.csv: cannot be read as CSV" in p for p in found)
    (tmp_path / "persons.parquet").write_bytes(b"not parquet")
    with pytest.raises(PopulationError, match="several persons tables"):
        load_population(tmp_path)


def test_parquet_column_of_the_wrong_type(tmp_path):
    pq.write_table(
        pa.table(
            {
                "household_id": ["h1"],
                "dwelling_area": [True],
                "dwelling_rooms": [1],
                "dwelling_kind": ["apartment"],
                "tenure": ["owner"],
            }
        ),
        tmp_path / "households.parquet",
    )
    pq.write_table(
        pa.table(
            {"household_id": ["h1"], "salary": [None]},
            schema=pa.schema([("household_id", pa.string()), ("salary", pa.float64())]),
        ),
        tmp_path / "persons.parquet",
    )
    with pytest.raises(PopulationError) as caught:
        load_population(tmp_path)
    text = str(caught.value)
    assert "column 'dwelling_area': the column holds bool values; expected numbers" in text
    assert "persons.parquet, row 1, column 'salary': empty cell" in text


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_monthly_rows_in_any_order_give_each_month_its_latest_row(tmp_path, seed):
    """Monthly rows (docs/budget.md): a household's value in a month is the one of its latest row given up
    to that month, its earliest row before its first month; rows may come in any order and with gaps.
    Checked against that definition, household by household and month by month, on shuffled rows."""
    rng = np.random.default_rng(seed)
    months = [f"2023-{m:02d}" for m in range(1, 13)]
    rows, expected = [], {}
    for h in range(40):
        given = sorted(rng.choice(12, size=rng.integers(1, 6), replace=False))
        values = {months[m]: int(rng.integers(0, 50)) * 100 for m in given}
        rows += [(f"h{h}", month, value) for month, value in values.items()]
        for month in months:
            before = [v for k, v in values.items() if k <= month]
            expected[(f"h{h}", month)] = before[-1] if before else values[months[given[0]]]
    order = rng.permutation(len(rows))
    households = "household_id,month,dwelling_area,dwelling_rooms,dwelling_kind,tenure,heating_expense\n" + "".join(
        f"{rows[i][0]},{rows[i][1]},40,2,individual_house,owner,{rows[i][2]}\n" for i in order
    )
    persons = "person_id,household_id,salary\n" + "".join(f"p{h},h{h},50000\n" for h in range(40))
    write(tmp_path, households=households, persons=persons)
    if seed == 2:  # whole-number ids in Parquet (the loader's numpy path), same rows
        import pyarrow.csv as pacsv

        for kind in ("households", "persons"):
            table = pacsv.read_csv(tmp_path / f"{kind}.csv")
            for column in ("household_id", "person_id"):
                if column in table.column_names:
                    numbers = pa.array([int(v[1:]) for v in table.column(column).to_pylist()], pa.int32())
                    table = table.set_column(table.column_names.index(column), column, numbers)
            pq.write_table(table, tmp_path / f"{kind}.parquet")
            (tmp_path / f"{kind}.csv").unlink()
        expected = {(int(h[1:]), m): v for (h, m), v in expected.items()}
    population = load_population(tmp_path)
    ids = population.household_ids.to_pylist()
    series = population.household_inputs["heating_expense"]
    for month in months:
        got = series.at(month_ordinal(month))
        assert {ids[i]: float(got[i]) for i in range(len(ids))} == {
            h: float(expected[(h, month)]) for h in ids
        }, month
