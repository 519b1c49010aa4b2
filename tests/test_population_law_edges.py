"""Budget populations and the law's edges (issue 9 §1-2): a rent that does not count is noted (not an
error); an optional housing_aid_application_date column is read and moves the budget's aid."""

from __future__ import annotations

import numpy as np
import pytest

from openfisca_kz_housing import tax_benefit_system
from openfisca_kz_housing.budget.simulation import build_simulation, compute
from openfisca_kz_housing.population import PopulationError, load_population

# 1 person each, 30 m2 one-room flats, utilities 5,000, no income: a covered month pays 5,000 (+ rent if it counts)
HOUSEHOLDS = """household_id,dwelling_area,dwelling_rooms,dwelling_kind,tenure,rent_expense,utility_expense,\
housing_aid_application_date
owner_rent,30,1,apartment,owner,20000,5000,
tenant,30,1,apartment,state_housing_tenant,20000,5000,
late,30,1,apartment,owner,0,5000,2023-06-27
"""
PERSONS = """person_id,household_id,salary
a,owner_rent,0
b,tenant,0
c,late,0
"""


def write(tmp_path, households=HOUSEHOLDS):
    (tmp_path / "households.csv").write_text(households, encoding="utf-8")
    (tmp_path / "persons.csv").write_text(PERSONS, encoding="utf-8")
    return tmp_path


def test_rent_not_counted_is_noted_and_left_out(tmp_path):
    """Annex 1, item 1 (third direction): the owner's rent is noted and not paid; the tenant's is."""
    population = load_population(write(tmp_path))
    notes = [note for note in population.notes if "rent_expense" in note and "does not count" in note]
    assert len(notes) == 1 and "1 rows" in notes[0] and "item 1 (third direction)" in notes[0]
    simulation = build_simulation(tax_benefit_system(), population, ["2023-05"])
    aid = compute(simulation, ["2023-05"])[0]
    assert aid.tolist() == pytest.approx([5_000, 25_000, 0])  # 'late' (filed 2023-06-27) is not covered in May


def test_application_date_column_moves_the_aid(tmp_path):
    """Items 10-11: filed 2023-06-27 (after the 25th): June pays 0, July pays; an empty cell = in time."""
    population = load_population(write(tmp_path))
    dates = population.household_inputs["housing_aid_application_date"].at(0)
    assert dates.dtype == np.dtype("datetime64[D]")
    assert [str(d) for d in dates] == ["1970-01-01", "1970-01-01", "2023-06-27"]
    months = ["2023-06", "2023-07"]
    aid = compute(build_simulation(tax_benefit_system(), population, months), months)
    assert aid[:, 2].tolist() == [0, 5_000]
    assert aid[:, 0].tolist() == [5_000, 5_000]


def test_without_the_column_nothing_changes(tmp_path):
    households = (
        HOUSEHOLDS.replace(",housing_aid_application_date", "").replace(",2023-06-27", "").replace("5000,\n", "5000\n")
    )
    population = load_population(write(tmp_path, households))
    assert "housing_aid_application_date" not in population.household_inputs
    assert not any("housing_aid_application_date" in note for note in population.notes)


def test_a_bad_application_date_is_refused_with_row_and_column(tmp_path):
    with pytest.raises(PopulationError) as caught:
        load_population(write(tmp_path, HOUSEHOLDS.replace("2023-06-27", "2023-02-30")))
    text = [str(p) for p in caught.value.problems]
    assert any("housing_aid_application_date" in t and "2023-02-30" in t and "YYYY-MM-DD" in t for t in text), text


def test_repeat_application_column_covers_the_whole_quarter_in_the_budget(tmp_path):
    """Annex 1, item 10 (¶1 a first application from its month of filing; ¶2 a repeat one, its whole
    quarter: the project's interpretation): the optional housing_aid_repeat_application column reaches the
    budget. Two families filed on 2023-05-10, one first, one repeat: April 2023 is paid to the repeat one
    only; May to both. Left out, the column gives no notice and every application is a first one."""
    households = """household_id,dwelling_area,dwelling_rooms,dwelling_kind,tenure,utility_expense,\
housing_aid_application_date,housing_aid_repeat_application
first,30,1,apartment,owner,5000,2023-05-10,false
repeat,30,1,apartment,owner,5000,2023-05-10,true
"""
    (tmp_path / "households.csv").write_text(households, encoding="utf-8")
    (tmp_path / "persons.csv").write_text("person_id,household_id,salary\na,first,0\nb,repeat,0\n", encoding="utf-8")
    population = load_population(tmp_path)
    months = ["2023-04", "2023-05"]
    aid = compute(build_simulation(tax_benefit_system(), population, months), months)
    assert aid.tolist() == [[0, 5_000], [5_000, 5_000]]  # months x households (first, repeat)
    (tmp_path / "households.csv").write_text(
        "\n".join(line.rsplit(",", 1)[0] for line in households.splitlines()) + "\n", encoding="utf-8"
    )
    population = load_population(tmp_path)
    assert "housing_aid_repeat_application" not in population.household_inputs
    assert not any("repeat_application" in note for note in population.notes)
    aid = compute(build_simulation(tax_benefit_system(), population, months), months)
    assert aid.tolist() == [[0, 0], [5_000, 5_000]]  # months x households: April paid to neither
