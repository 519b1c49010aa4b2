"""Run the housing-aid rules on a whole population, built from arrays (never the JSON builder).

The simulation is assembled the way ``../shared/ENGINEERING.md`` recommends: entities are declared from
arrays, the person -> household link is set once (``members_entity_id``) and shared by every scenario,
and each input is given month by month with ``set_input``. ``set_input`` keeps the array it is given
(no copy), so an input that does not change between months is one float32 array shared by all of
them. After each month is computed its intermediate results are dropped (only ``housing_aid`` is
kept, in a months x households float32 matrix), which keeps memory flat over long runs.

Decision 56/2-VI, Annex 1, item 3 reads income of the quarter before the month's quarter: the persons'
incomes are therefore given from three months before the first quarter simulated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from openfisca_core import periods
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.populations import GroupPopulation
from openfisca_core.simulations import SimulationBuilder

from openfisca_kz_housing import model_inputs
from openfisca_kz_housing.dates import income_months  # noqa: F401 (re-exported)
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
)


class _LazyRoles(GroupPopulation):
    """A household population whose ``members_role`` (one Python object per person) is built from
    the loader's role codes only when a formula asks for it: the housing-aid rules never do, and on
    a million households the array would take 23 MB."""

    role_codes = None
    role_objects = None

    @property
    def members_role(self):
        if self._members_role is None and self.role_codes is not None:
            self._members_role = self.role_objects[self.role_codes]
        return GroupPopulation.members_role.fget(self)

    @members_role.setter
    def members_role(self, members_role):
        GroupPopulation.members_role.fset(self, members_role)

    def clone(self, simulation):
        _ = self.members_role  # materialise before copying
        return super().clone(simulation)


def __getattr__(name):  # ENUMS: the enum inputs (dwelling_kind, tenure) -> Enum class, from the variables
    if name == "ENUMS":
        return model_inputs.enums()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Frame:
    """Entity arrays shared by every scenario of a run (computed once)."""

    person_ids: np.ndarray
    household_ids: np.ndarray
    members_entity_id: np.ndarray
    role_codes: np.ndarray
    role_objects: np.ndarray
    household_size: np.ndarray
    enums: dict  # (variable, array id) -> EnumArray, so that an input shared by months is encoded once


def frame_of(population: Population, tax_benefit_system) -> Frame:
    entity = next(e for e in tax_benefit_system.entities if e.key == "household")
    roles = entity.flattened_roles  # applicant, other_member: the loader's role codes 0 and 1
    role_objects = np.empty(len(roles), dtype=object)
    role_objects[:] = roles
    return Frame(
        person_ids=_ids(population.person_ids),
        household_ids=_ids(population.household_ids),
        members_entity_id=population.person_household,
        role_codes=population.person_role,
        role_objects=role_objects,
        household_size=population.household_size,
        enums={},
    )


def _ids(ids) -> np.ndarray:
    """The file's own ids when they are integers (a view, no copy), else positions."""
    if pa.types.is_integer(ids.type) and ids.null_count == 0:
        return ids.to_numpy()
    return np.arange(len(ids), dtype=np.int32)


def _enum_input(frame: Frame, name: str, codes: np.ndarray) -> EnumArray:
    key = (name, id(codes))
    if key not in frame.enums:
        # keep codes alive: the id stays unique
        frame.enums[key] = (EnumArray(codes, model_inputs.enums()[name]), codes)
    return frame.enums[key][0]


def build_simulation(tax_benefit_system, population: Population, months: list[str], frame: Frame | None = None):
    """A Simulation of ``population`` with every input set for ``months`` (and the income quarter)."""
    frame = frame or frame_of(population, tax_benefit_system)
    builder = SimulationBuilder()
    builder.create_entities(tax_benefit_system)
    persons = builder.populations["person"]
    persons.ids, persons.count = frame.person_ids, len(frame.person_ids)
    households = builder.populations["household"]
    households.ids, households.count = frame.household_ids, len(frame.household_ids)
    households.members_entity_id = frame.members_entity_id
    households.__class__ = _LazyRoles
    households.role_codes, households.role_objects = frame.role_codes, frame.role_objects
    # members_position and ordered_members_map stay lazy: the rules never ask for them.
    size = frame.household_size
    # household.nb_persons() is asked every month: answer from the count made once at load time.
    plain_nb_persons = households.nb_persons
    households.nb_persons = lambda role=None: size if role is None else plain_nb_persons(role)
    simulation = builder.build(tax_benefit_system)

    enums = model_inputs.enums()
    for name, series in population.household_inputs.items():
        for month in months:
            values = series.at(month_ordinal(month))
            if name in enums:
                values = _enum_input(frame, name, values)
            simulation.set_input(name, month, values)
    for name, series in population.person_inputs.items():
        for month in income_months(months):
            simulation.set_input(name, month, series.at(month_ordinal(month)))
    return simulation


def compute(simulation, months: list[str], progress=None) -> np.ndarray:
    """``housing_aid`` for every month, as a (months x households) float32 matrix.

    Intermediate results are dropped as soon as they are no longer needed: a month's own variables
    after the month, the family incomes of a quarter after the quarter's three months.
    """
    count = simulation.populations["household"].count
    result = np.empty((len(months), count), dtype=np.float32)
    if count > 100_000:
        release_freed_memory()
    for i, month in enumerate(months):
        period = periods.period(month)
        ordinal = month_ordinal(month)
        quarter_start = ordinal - ordinal % 3
        if i == 0 or ordinal % 3 == 0:
            # The family incomes of the quarter before (item 3), one month at a time, each person-level
            # array dropped as soon as its month is summed: three months are never held at once.
            for k in range(quarter_start - 3, quarter_start):
                income_month = periods.period(ordinal_month(k))
                simulation.calculate("household_countable_income", income_month)
                simulation.delete_arrays("countable_income", income_month)
        result[i] = simulation.calculate(OUTPUT, period)
        simulation.delete_arrays(OUTPUT, period)
        for name in MONTH_INTERMEDIATES:
            simulation.delete_arrays(name, period)
        if ordinal % 3 == 2 or i == len(months) - 1:  # the quarter is done: drop its income base
            for k in range(quarter_start - 3, quarter_start):
                simulation.delete_arrays("household_countable_income", periods.period(ordinal_month(k)))
        if count > 100_000:
            release_freed_memory()  # keeps the peak flat on large populations (about 1 ms a call)
        if progress is not None:
            progress.update(1)
    return result
