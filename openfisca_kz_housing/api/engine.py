"""Compute a Population (inputs.py) with the model, built from arrays (never the O(n^2) JSON builder).

The simulation is built with ``create_entities`` / ``declare_person_entity`` / ``declare_entity`` /
``join_with_persons`` and filled with ``set_input`` (ENGINEERING.md), then the month's figures of
decision 56/2-VI are calculated: income base (item 3), limit (item 2), norm area (item 12), accepted
expenses (item 1), eligibility (item 1) and the aid (item 2).
"""

from __future__ import annotations

import functools

import numpy as np
from openfisca_core import periods
from openfisca_core.indexed_enums import EnumArray

from openfisca_kz_housing import simulation as builder
from openfisca_kz_housing.api.inputs import HOUSEHOLD_INPUTS, Population
from openfisca_kz_housing.enums import Tenure

FIGURES = (
    "housing_aid_in_force",
    "housing_aid_income_base",
    "housing_aid_expense_limit",
    "housing_aid_norm_area",
    "housing_aid_area_scale",
    "housing_aid_accepted_expenses",
    "housing_aid_eligible",
    "housing_aid",
)
# Facts read back from the simulation (the model's defaults apply where the client gave nothing).
FACTS = ("tenure", "resident_in_district", "owns_other_dwelling", "dwelling_area", "dwelling_rooms", "dwelling_kind")

# Reasons an eligibility test of item 1 fails (codes are stable; texts in explain.py).
REASONS = ("not_in_force", "not_resident", "owns_other_dwelling", "tenure_not_covered")


@functools.lru_cache(maxsize=4096)
def period(text: str):
    """A parsed OpenFisca period (immutable): parsing strings costs ~25 us each, a request needs ~30."""
    return periods.period(text)


def build_simulation(tax_benefit_system, population: Population):
    simulation = builder.build(
        tax_benefit_system, population.person_household, population.person_role, population.count
    )
    month = period(population.month)
    for name, values in population.household_values.items():
        kind = HOUSEHOLD_INPUTS[name]
        if isinstance(kind, type):
            array = EnumArray(np.asarray(values, dtype=np.int16), kind)
            given = population.given[name]
            if not given.all():  # the model's default where the client gave nothing
                default = tax_benefit_system.variables[name].default_value.index
                array = EnumArray(np.where(given, array, default).astype(np.int16), kind)
        elif kind == "bool":
            default = tax_benefit_system.variables[name].default_value
            array = np.where(population.given[name], np.asarray(values, dtype=bool), default)
        elif kind == "count":
            array = np.asarray(values, dtype=np.int32)
        else:
            array = np.asarray(values, dtype=np.float32)
        simulation.set_input(name, month, array)
    for name, by_month in population.person_values.items():
        for income_month, column in by_month.items():
            simulation.set_input(name, period(income_month), np.nan_to_num(column, nan=0.0).astype(np.float32))
    return simulation


def _read(simulation, name, month):
    """A variable's value: from the cache when a formula already computed it, else calculated."""
    holder = simulation.get_holder(name)
    cached = holder.get_array(month)
    return cached if cached is not None else simulation.calculate(name, month)


def input_values(tax_benefit_system, population: Population, name: str) -> np.ndarray:
    """A household input as given, the model's default where it was not (without calculating)."""
    variable = tax_benefit_system.variables[name]
    kind = HOUSEHOLD_INPUTS[name]
    default = variable.default_value.index if isinstance(kind, type) else variable.default_value
    values = population.household_values.get(name)
    if values is None:
        return np.full(population.count, default)
    return np.where(population.given[name], np.asarray(values), default)


def compute(tax_benefit_system, population: Population, extra=()) -> dict[str, np.ndarray]:
    """The month's figures and facts (and ``extra`` inputs), one array per name, plus reason masks."""
    simulation = build_simulation(tax_benefit_system, population)
    month = period(population.month)
    out = {"housing_aid": simulation.calculate("housing_aid", month)}
    for name in FIGURES[:-1]:
        out[name] = _read(simulation, name, month)
    for name in (*FACTS, *extra):
        out[name] = input_values(tax_benefit_system, population, name)
    out["members"] = np.bincount(population.person_household, minlength=population.count)
    tenure = out["tenure"]
    in_force = out["housing_aid_in_force"]
    owner = tenure == Tenure.owner.index
    covered = owner | (tenure == Tenure.state_housing_tenant.index) | (tenure == Tenure.akimat_leased_tenant.index)
    out["reason_not_in_force"] = ~in_force
    out["reason_not_resident"] = in_force & ~out["resident_in_district"].astype(bool)
    out["reason_owns_other_dwelling"] = in_force & owner & out["owns_other_dwelling"].astype(bool)
    out["reason_tenure_not_covered"] = in_force & ~covered
    return out


def reasons_of(figures: dict, index: int) -> list[str]:
    return [reason for reason in REASONS if figures[f"reason_{reason}"][index]]
