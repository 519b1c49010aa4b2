"""Run the housing-aid rules on a whole population, built from arrays (never the JSON builder).

The simulation is built by the one builder (``openfisca_kz_housing.simulation``, openfisca-core's public
API) and each input is given month by month with ``set_input``. The memory discipline is the ``lean``
option (on by default): ``set_input`` keeps the array it is given (no copy), so an input that does not
change between months is one float32 array shared by all of them, and after each month is computed its
intermediate results are dropped (only ``housing_aid`` is kept, in a months x households float32
matrix), which keeps memory flat over long runs.

Decision 56/2-VI, Annex 1, item 3 reads income of the quarter before the month's quarter: the persons'
incomes are therefore given from three months before the first quarter simulated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from openfisca_core import periods
from openfisca_core.indexed_enums import EnumArray

from openfisca_kz_housing import model_inputs
from openfisca_kz_housing import simulation as builder
from openfisca_kz_housing.dates import income_months
from openfisca_kz_housing.population.loader import Population, month_ordinal, ordinal_month, release_freed_memory

OUTPUT = "housing_aid"
# Computed on the way to housing_aid for one month; dropped once the month is done.
MONTH_INTERMEDIATES = (
    "housing_aid_in_force",
    "housing_aid_eligible",
    "housing_aid_norm_area",
    "housing_aid_area_scale",
    "housing_aid_accepted_expenses",
    "housing_aid_expense_limit",
    "housing_aid_income_base",
    "housing_aid_income_quarter_total",
    "housing_aid_one_room",
    "housing_aid_rent_counts",
    "housing_aid_counted_rent",
    "housing_aid_application_covers_month",
)
# Inputs a population may leave out: the model's default is then cached month by month; dropped with the
# month unless the population gives them (a given input is kept, as every input).
MONTH_DEFAULTED_INPUTS = model_inputs.APPLICATION_FACTS


def __getattr__(name):  # ENUMS: the enum inputs (dwelling_kind, tenure) -> Enum class, from the variables
    if name == "ENUMS":
        return model_inputs.enums()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Frame:
    """What the scenarios of one run share: the enum inputs, each encoded once."""

    enums: dict = field(default_factory=dict)  # (variable, array id) -> (EnumArray, codes)


def frame_of(population: Population, tax_benefit_system) -> Frame:  # noqa: ARG001 (kept for callers)
    """An empty frame for a run's scenarios (the signature callers of 0.5.0 use)."""
    return Frame()


def _enum_input(frame: Frame, name: str, codes: np.ndarray) -> EnumArray:
    key = (name, id(codes))
    if key not in frame.enums:
        # keep codes alive: the id stays unique
        frame.enums[key] = (EnumArray(codes, model_inputs.enums()[name]), codes)
    return frame.enums[key][0]


def build_simulation(
    tax_benefit_system, population: Population, months: list[str], frame: Frame | None = None, *, lean: bool = True
):
    """A Simulation of ``population`` with every input set for ``months`` (and the income quarter).

    Built by the one builder (``openfisca_kz_housing.simulation``). With ``lean`` (the default) an input
    that does not change between months is one array shared by all of them (``set_input`` keeps the
    array it is given) and no role objects are made when no formula reads a role; without it each month
    gets its own copy and every member its role.
    """
    frame = frame or Frame()
    # lean: no role objects when no formula reads a role (builder.reads_roles); the rules of decision
    # 56/2-VI count and sum the members, whatever their role
    simulation = builder.build(
        tax_benefit_system, population.person_household, population.person_role, population.household_count,
        roles=not lean or builder.reads_roles(tax_benefit_system),
    )
    enums = model_inputs.enums()
    household_months = [(month_ordinal(month), periods.period(month)) for month in months]  # parsed once
    person_months = [(month_ordinal(month), periods.period(month)) for month in income_months(months)]
    for name, series in population.household_inputs.items():
        for ordinal, period in household_months:
            values = series.at(ordinal)
            values = values if lean else values.copy()
            if name in enums:
                values = _enum_input(frame, name, values)
            simulation.set_input(name, period, values)
    for name, series in population.person_inputs.items():
        for ordinal, period in person_months:
            values = series.at(ordinal)
            simulation.set_input(name, period, values if lean else values.copy())
    return simulation


def compute(simulation, months: list[str], progress=None, *, lean: bool = True) -> np.ndarray:
    """``housing_aid`` for every month, as a (months x households) float32 matrix.

    With ``lean`` (the default) intermediate results are dropped as soon as they are no longer needed:
    a month's own variables after the month, the family incomes of a quarter after the quarter's three
    months. Without it OpenFisca keeps every result it computed (for inspection, and the tests).
    """
    count = simulation.populations["household"].count
    result = np.empty((len(months), count), dtype=np.float32)
    if not lean:
        for i, month in enumerate(months):
            result[i] = simulation.calculate(OUTPUT, month)
            if progress is not None:
                progress.update(1)
        return result
    # Inputs the population did not give (no value set before computing): their defaults go with the month.
    defaulted = [name for name in MONTH_DEFAULTED_INPUTS if not simulation.get_holder(name).get_known_periods()]
    if count > 100_000:
        release_freed_memory()
    # Each variable dropped below holds, at that point, only the months being dropped: its whole holder is
    # emptied (delete_arrays without a period), which costs nothing, where deleting one period compares
    # every stored period with it (pendulum date arithmetic, about a third of the district's compute).
    for i, month in enumerate(months):
        period = periods.period(month)
        ordinal = month_ordinal(month)
        quarter_start = ordinal - ordinal % 3
        if i == 0 or ordinal % 3 == 0:
            # The family incomes of the quarter before (item 3), one month at a time, each person-level
            # array dropped as soon as its month is summed: three months are never held at once.
            for k in range(quarter_start - 3, quarter_start):
                simulation.calculate("household_countable_income", periods.period(ordinal_month(k)))
                simulation.delete_arrays("countable_income")
        result[i] = simulation.calculate(OUTPUT, period)
        for name in (OUTPUT, *MONTH_INTERMEDIATES, *defaulted):
            simulation.delete_arrays(name)
        if ordinal % 3 == 2 or i == len(months) - 1:  # the quarter is done: drop its income base
            simulation.delete_arrays("household_countable_income")
        if count > 100_000:
            release_freed_memory()  # keeps the peak flat on large populations (about 1 ms a call)
        if progress is not None:
            progress.update(1)
    return result
