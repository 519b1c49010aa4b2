"""The one simulation builder (openfisca_kz_housing.simulation) and the budget's memory discipline.

Every interface builds its simulations with ``simulation.build`` (openfisca-core's public builder): the
API, the budget, the example household and the comparisons (issue 11, item 1). The amounts checked are
those of decision 56/2-VI, Annex 1 (items 1-3, 12), computed by the JSON builder on the same situation.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
from openfisca_core.simulations import SimulationBuilder

from openfisca_kz_housing import simulation as builder
from openfisca_kz_housing.budget.simulation import (
    MONTH_DEFAULTED_INPUTS,
    MONTH_INTERMEDIATES,
    build_simulation,
    compute,
)
from openfisca_kz_housing.examples import example_situation, month_range, tax_benefit_system
from openfisca_kz_housing.population import bundled_population_dir, load_population

FIGURES = ("housing_aid_in_force", "housing_aid_income_base", "housing_aid_accepted_expenses", "housing_aid")


def test_build_links_persons_to_households_with_codes_or_keys():
    """Three households of 2, 1 and 3 persons; roles by code or by key give the same simulation."""
    person_household = np.array([0, 0, 1, 2, 2, 2])
    keys = ["applicant", "other_member", "applicant", "applicant", "other_member", "other_member"]
    for roles in ([0, 1, 0, 0, 1, 1], keys):
        simulation = builder.build(tax_benefit_system(), person_household, np.array(roles))
        households = simulation.populations["household"]
        assert households.count == 3 and simulation.populations["person"].count == 6
        assert households.nb_persons().tolist() == [2, 1, 3]
        assert [role.key for role in households.members_role] == keys


def test_from_situation_equals_the_json_builder():
    """The README's household (items 1-3, 12), 2022-12 to 2024-05 (a revision and the repeal): the same
    figures from the one builder as from openfisca-core's JSON builder."""
    months = month_range("2022-12", "2024-05")
    situation = example_situation(months)
    ours = builder.from_situation(tax_benefit_system(), situation)
    stock = SimulationBuilder().build_from_entities(tax_benefit_system(), copy.deepcopy(situation))
    assert list(ours.populations["household"].ids) == ["household"]
    assert list(ours.populations["person"].ids) == ["aigerim", "bolat"]
    for month in months:
        for name in FIGURES:
            expected = stock.calculate(name, month)
            np.testing.assert_allclose(ours.calculate(name, month), expected, err_msg=f"{name} {month}")
    assert ours.calculate("housing_aid", "2023-06")[0] > 0
    assert ours.calculate("housing_aid", "2024-05")[0] == 0  # repealed


def test_from_situation_reads_enum_names_and_bare_values_for_the_default_period():
    """A private tenant is not covered by item 1: eligible false; an owner is."""
    situation = {
        "persons": {"a": {"salary": {"2023-01": 0, "2023-02": 0, "2023-03": 0}}, "b": {}},
        "households": {
            "owner": {"applicant": "a", "dwelling_area": 40, "tenure": "owner", "heating_expense": 9000},
            "tenant": {"applicant": ["b"], "dwelling_area": 40, "tenure": "private_tenant", "heating_expense": 9000},
        },
    }
    simulation = builder.from_situation(tax_benefit_system(), situation, default_period="2023-06")
    assert simulation.calculate("housing_aid_eligible", "2023-06").tolist() == [True, False]


@pytest.mark.parametrize(
    "situation, message",
    [
        ({"persons": {"a": {}}, "households": {"h": {"applicant": "z"}}}, "'z', who is not in 'persons'"),
        ({"persons": {"a": {}, "b": {}}, "households": {"h": {"applicant": "a"}}}, "persons in no household: ['b']"),
        ({"persons": {"a": {}}, "households": {"h": {"applicant": "a"}}, "families": {}}, "nothing else"),
        ({"persons": {"a": {"salary": 1}}, "households": {"h": {"applicant": "a"}}}, "give the value by period"),
    ],
)
def test_from_situation_says_what_is_wrong(situation, message):
    with pytest.raises(builder.SituationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        builder.from_situation(tax_benefit_system(), situation)


@pytest.fixture(scope="module")
def district():
    return load_population(bundled_population_dir())


def test_lean_option_drops_intermediates_and_shares_inputs(district):
    """The memory discipline is an option: the same aid (item 2) with and without it; with it, each
    month's intermediates are dropped and an input unchanged between months is one shared array."""
    months = month_range("2023-11", "2024-02")  # a quarter boundary (item 3) and 7/3-VIII
    system = tax_benefit_system()
    lean = build_simulation(system, district, months)
    plain = build_simulation(system, district, months, lean=False)
    lean_aid, plain_aid = compute(lean, months), compute(plain, months, lean=False)
    assert (lean_aid == plain_aid).all() and lean_aid.sum() > 0
    assert not set(MONTH_DEFAULTED_INPUTS) & set(district.household_inputs)  # not given: defaults dropped
    for name in (*MONTH_INTERMEDIATES, *MONTH_DEFAULTED_INPUTS, "housing_aid", "household_countable_income",
                 "countable_income"):
        assert not lean.get_holder(name).get_known_periods(), name
    assert all(plain.get_holder(name).get_known_periods() for name in MONTH_INTERMEDIATES)
    assert district.household_inputs["dwelling_area"].constant  # one array for every month in the files
    for name in ("dwelling_area", "tenure"):
        assert lean.get_array(name, months[0]) is lean.get_array(name, months[-1]), name
        assert plain.get_array(name, months[0]) is not plain.get_array(name, months[-1]), name


def test_member_count_is_counted_once_and_equals_nb_persons(district):
    """Item 12's norm is per person: the count of members is an ETERNITY variable (membership is fixed
    within a simulation), computed once for every month and equal to household.nb_persons()."""
    months = month_range("2023-01", "2023-03")
    simulation = build_simulation(tax_benefit_system(), district, months)
    compute(simulation, months)
    holder = simulation.get_holder("household_member_count")
    assert [str(p).lower() for p in holder.get_known_periods()] == ["eternity"]
    counts = simulation.calculate("household_member_count", "2023-02")
    assert (counts == simulation.populations["household"].nb_persons()).all() and counts.min() >= 1
    assert (simulation.calculate("housing_aid_members", "2023-02") == counts).all()


def test_roles_are_made_only_for_rules_that_read_them(district):
    """The law's formulas count and sum the members (items 3 and 12), whatever their role: the lean build
    joins them without role objects, and gives the same aid as a build with every member's role."""
    from openfisca_core.model_api import MONTH, Variable

    from openfisca_kz_housing.entities import Household

    system = tax_benefit_system()
    assert not builder.reads_roles(system)
    lean = build_simulation(system, district, ["2023-01"])
    assert lean.populations["household"]._members_role is None  # noqa: SLF001 - what the option avoids
    assert (compute(lean, ["2023-01"]) == compute(build_simulation(system, district, ["2023-01"], lean=False),
                                                  ["2023-01"], lean=False)).all()

    class applicants(Variable):  # a rule that reads a role: the system needs every member's role
        value_type = int
        entity = Household
        definition_period = MONTH

        def formula(household, period):
            return household.nb_persons(Household.APPLICANT)

    with_roles = copy.deepcopy(system)
    with_roles.add_variable(applicants)
    assert builder.reads_roles(with_roles)
    roles = build_simulation(with_roles, district, ["2023-01"]).populations["household"].members_role
    keys = np.array([role.key for role in roles])
    assert (keys == np.where(np.asarray(district.person_role) == 0, "applicant", "other_member")).all()
