"""Compute a Population (inputs.py) with the model, built from arrays (never the O(n^2) JSON builder).

The simulation is built with ``create_entities`` / ``declare_person_entity`` / ``declare_entity`` /
``join_with_persons`` and filled with ``set_input`` (ENGINEERING.md), then the month's figures of
decision 56/2-VI are calculated: income base (item 3), limit (item 2), norm area (item 12), accepted
expenses (item 1), eligibility (item 1) and the aid (item 2). The reasons, the one-room flag, the rent
fact and the explanation's figures are variables of the model too (variables/facts.py): nothing of the
law is computed here, so a reform moves every figure an answer shows.
"""

from __future__ import annotations

import functools

import numpy as np
from openfisca_core import periods
from openfisca_core.indexed_enums import EnumArray

from openfisca_kz_housing import model_inputs
from openfisca_kz_housing import simulation as builder
from openfisca_kz_housing.api.inputs_values import Population, household_input, person_months
from openfisca_kz_housing.variables.facts import REASONS

FIGURES = (
    "housing_aid_in_force",
    "housing_aid_income_base",
    "housing_aid_expense_limit",
    "housing_aid_norm_area",
    "housing_aid_area_scale",
    "housing_aid_accepted_expenses",
    "housing_aid_eligible",
    "housing_aid_one_room",
    "housing_aid_members",
    "housing_aid_income_quarter_total",
    "housing_aid_income_share",
    "housing_aid_norm_per_person",
    "housing_aid_one_room_floor",
    "housing_aid_rent_counts",
    "housing_aid_counted_rent",
    "housing_aid_rent_not_counted",
    "housing_aid_application_covers_month",
    *(f"housing_aid_reason_{code}" for code in REASONS),
    "housing_aid",
)
# What a batch answer shows (fewer variables: /entitlements stays as fast as before).
BATCH_FIGURES = (
    "housing_aid_in_force",
    "housing_aid_income_base",
    "housing_aid_expense_limit",
    "housing_aid_norm_area",
    "housing_aid_accepted_expenses",
    "housing_aid_eligible",
    "housing_aid_application_covers_month",
    *(f"housing_aid_reason_{code}" for code in REASONS),
    "housing_aid",
)
# Facts read back from the simulation (the model's defaults apply where the client gave nothing).
FACTS = ("tenure", "resident_in_district", "owns_other_dwelling", "dwelling_area", "dwelling_rooms", "dwelling_kind")

# Reasons a family is paid nothing (codes are stable; each is the variable housing_aid_reason_<code>,
# texts in explain.py): REASONS, imported from variables/facts.py.


@functools.lru_cache(maxsize=4096)
def period(text: str):
    """A parsed OpenFisca period (immutable): parsing strings costs ~25 us each, a request needs ~30."""
    return periods.period(text)


def build_simulation(tax_benefit_system, population: Population):
    # no role objects when no formula reads a role (builder.reads_roles, as the budget): 80 -> 12 us a build
    simulation = builder.build(
        tax_benefit_system, population.person_household, population.person_role, population.count,
        roles=builder.reads_roles(tax_benefit_system),
    )
    month = period(population.month)
    enums = model_inputs.enums()
    for name, series in population.household_inputs.items():
        values = series.arrays[0]  # the judged month's, the model's default where not given (inputs_values)
        simulation.set_input(name, month, EnumArray(values, enums[name]) if name in enums else values)
    for name in population.person_inputs:
        for income_month, column in person_months(population, name).items():
            simulation.set_input(name, period(income_month), np.nan_to_num(column, nan=0.0).astype(np.float32))
    _set_defaults(tax_benefit_system, simulation, population)
    return simulation


def _set_defaults(tax_benefit_system, simulation, population: Population) -> None:
    """The inputs no household or person gave, set to the variable's own default: the values OpenFisca
    would use, without a whole calculation each (13 of a request's 42 formula runs were such defaults;
    tests/api/test_engine_defaults.py compares the answers with OpenFisca's own defaults)."""
    month, enums = period(population.month), model_inputs.enums()
    for name, item in model_inputs.household_inputs().items():
        variable = tax_benefit_system.variables.get(name)
        if name in population.household_inputs or variable is None or variable.is_neutralized:
            continue
        values = np.full(population.count, item.stored_default, dtype=item.dtype)
        simulation.set_input(name, month, EnumArray(values, enums[name]) if name in enums else values)
    for name, item in model_inputs.person_inputs().items():
        variable = tax_benefit_system.variables.get(name)
        if variable is None or variable.is_neutralized:
            continue
        given = person_months(population, name)
        for income_month in population.income_months:
            if income_month not in given:
                zeros = np.full(len(population.person_ids), item.stored_default, dtype=np.float32)
                simulation.set_input(name, period(income_month), zeros)


def _read(simulation, name, month):
    """A variable's value: from the cache when a formula already computed it, else calculated."""
    holder = simulation.get_holder(name)
    cached = holder.get_array(month)
    return cached if cached is not None else simulation.calculate(name, month)


def input_values(tax_benefit_system, population: Population, name: str) -> np.ndarray:
    """A household input as given, the model's default where it was not (without calculating)."""
    values = household_input(population, name)
    if values is None:
        variable = tax_benefit_system.variables[name]
        default = variable.default_value.index if name in model_inputs.enums() else variable.default_value
        return np.full(population.count, default)
    return values


def compute(tax_benefit_system, population: Population, extra=(), figures=FIGURES) -> dict[str, np.ndarray]:
    """The month's ``figures`` (default: all; a batch asks BATCH_FIGURES) and facts (and ``extra`` inputs),
    one array per name, plus the reason masks."""
    simulation = build_simulation(tax_benefit_system, population)
    month = period(population.month)
    out = {"housing_aid": simulation.calculate("housing_aid", month)}
    for name in figures:
        if name == "housing_aid":
            continue
        out[name] = _read(simulation, name, month)
    for name in (*FACTS, *extra):
        out[name] = input_values(tax_benefit_system, population, name)
    out["members"] = out["housing_aid_members"] if "housing_aid_members" in out else \
        np.bincount(population.person_household, minlength=population.count)
    for code in REASONS:  # the former keys, read from the model
        out[f"reason_{code}"] = out[f"housing_aid_reason_{code}"]
    return out


def reasons_of(figures: dict, index: int) -> list[str]:
    """The reason codes of one household (the model's housing_aid_reason_<code> variables)."""
    return [reason for reason in REASONS if figures[f"housing_aid_reason_{reason}"][index]]
