"""The one simulation builder: households and persons as arrays, on openfisca-core's public API.

Every interface builds its simulations here: the web API (``api/engine.py``), the budget
(``budget/simulation.py``), the example household (``examples.py``) and the comparisons
(``reforms/compare.py``). The steps are openfisca-core's public ones
(``SimulationBuilder.create_entities``, ``declare_person_entity``, ``declare_entity``,
``join_with_persons``, ``build``, then ``Simulation.set_input``), never its internals, so that a new
openfisca-core release only has to pass the tests. Entities identified by their positions get their
public ``ids`` and ``count`` as ``numpy.arange`` (what ``declare_entity`` sets, without its Python list).
The JSON builder (``build_from_entities``) is O(n^2) (../shared/ENGINEERING.md); a JSON situation is
read into arrays here (``from_situation``) instead.

Memory: ``set_input`` keeps the array it is given (no copy), so an input that does not change between
months is one array shared by all of them when the same array is passed for each month. The budget
(``budget/simulation.py``) does so and drops each month's intermediate results, behind its ``lean``
option.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import numpy as np
from openfisca_core.simulations import Simulation, SimulationBuilder

# Household roles (entities.py) in the order of their codes: 0 applicant, 1 other member.
ROLES = ("applicant", "other_member")
ROLE_KEYS = {"applicant": 0, "applicants": 0, "other_member": 1, "other_members": 1}


class SituationError(ValueError):
    """A JSON situation this builder cannot read (what is wrong, and how to write it)."""


def build(
    tax_benefit_system,
    person_household,
    person_role,
    household_count: int | None = None,
    *,
    person_ids: Sequence | None = None,
    household_ids: Sequence | None = None,
    roles: bool = True,
) -> Simulation:
    """An empty simulation of ``household_count`` households and ``len(person_household)`` persons.

    ``person_household[i]`` is the index (0-based) of person i's household, ``person_role[i]`` its role:
    a code (0 applicant, 1 other member) or a key ("applicant", "other_member"). Every household must
    have at least one member. Persons and households are identified by their positions unless
    ``person_ids`` / ``household_ids`` are given (then ``simulation.populations[...].ids`` are those).

    ``roles=False`` (households identified by their positions only): the members are joined to their
    households through the public ``members_entity_id`` alone, without ``join_with_persons``, whose role
    setter turns every person's role into a Python object (0.7 s and 125 MB on 2.9 million persons).
    Only for a system whose formulas read no role (``reads_roles``): OpenFisca would then take every
    member for the first role.
    """
    person_household = np.asarray(person_household)
    if household_count is None:
        household_count = len(household_ids) if household_ids is not None else int(person_household.max(initial=-1)) + 1
    builder = SimulationBuilder()
    builder.create_entities(tax_benefit_system)
    if person_ids is None:  # positions: a numpy range, not the Python list declare_person_entity makes
        _declare_positions(builder.populations["person"], len(person_household))
    else:
        builder.declare_person_entity("person", person_ids)
    if household_ids is None:
        households = _declare_positions(builder.populations["household"], household_count)
    else:
        households = builder.declare_entity("household", household_ids)
    if not roles and household_ids is None:
        households.members_entity_id = person_household  # positions: the id is the index
        return builder.build(tax_benefit_system)
    # join_with_persons reads each person's household *id*; positions are the ids unless ids are given
    # (as int32 when they fit: its numpy.unique sorts them, about 3 times faster than int64).
    if household_ids is not None:
        assignment = households.ids[person_household]
    elif household_count < 2**31:
        assignment = person_household.astype(np.int32, copy=False)
    else:
        assignment = person_household
    builder.join_with_persons(households, assignment, person_role)
    return builder.build(tax_benefit_system)


# What a formula reading a member's role would name (entities.py's roles, OpenFisca's role helpers).
ROLE_TOKENS = ("role", "APPLICANT", "OTHER_MEMBER", "applicant", "other_member", "first_person", "nth_person")


@functools.lru_cache(maxsize=16)
def reads_roles(tax_benefit_system) -> bool:
    """Whether a formula of the system may read a member's role: a conservative reading of every
    formula's compiled code (the names it uses, its strings and keyword names, nested functions too)."""
    return any(
        _formula_reads_roles(formula)
        for variable in tax_benefit_system.variables.values()
        for formula in variable.formulas.values()
    )


@functools.lru_cache(maxsize=4096)
def _formula_reads_roles(formula) -> bool:
    """One formula read once (a reform's system shares its baseline's formulas); a callable without
    code counts as reading a role."""
    code = getattr(formula, "__code__", None)
    if code is None:
        return True
    return any(token in word for word in _words(code) for token in ROLE_TOKENS)


def _words(code):
    """The names and string constants of a code object and of the code objects nested in it."""
    yield from code.co_names
    yield from code.co_varnames
    for constant in code.co_consts:
        if isinstance(constant, str):
            yield constant
        elif isinstance(constant, tuple):  # keyword names of a call (``role=...``)
            yield from (item for item in constant if isinstance(item, str))
        elif hasattr(constant, "co_names"):
            yield from _words(constant)


def _declare_positions(population, count: int):
    """Declare ``count`` entities identified by their positions, as ``declare_entity`` does (it sets the
    population's public ``ids`` and ``count``) but with ``numpy.arange``: ``declare_entity`` first makes a
    Python list of the ids (on 2.9 million persons: about 0.5 s and 100 MB, then freed); int32 positions
    when they fit."""
    population.ids = np.arange(count, dtype=np.int32 if count < 2**31 else np.int64)  # 12 MB, not 23, at 2.9 M
    population.count = count
    return population


def set_inputs(simulation: Simulation, inputs: Mapping[str, Mapping[object, object]]) -> None:
    """``inputs[variable][period] = values`` (one value per entity of the variable) into ``simulation``.

    Arrays are kept as given (``set_input`` does not copy): pass the same array for several periods to
    share it. Enum inputs may be given as names, codes or ``EnumArray``.
    """
    for name, by_period in inputs.items():
        for period, values in by_period.items():
            simulation.set_input(name, str(period), values)


def from_situation(tax_benefit_system, situation: dict, default_period: str | None = None) -> Simulation:
    """A simulation of an OpenFisca JSON situation (``persons``, ``households``, as for ``/calculate``).

    For a few households (the examples, the comparisons): values are placed period by period as the
    JSON builder places them; an entity that gives no value for a period takes the variable's default.
    A value without a period is for ``default_period`` (as in a YAML test). Outputs asked for with
    ``null`` are ignored (compute them with ``simulation.calculate``).
    """
    persons, households = situation.get("persons") or {}, situation.get("households") or {}
    others = sorted(set(situation) - {"persons", "households"})
    if others or not persons or not households:
        raise SituationError(
            f"a situation needs 'persons' and 'households' and nothing else (got {sorted(situation)}): "
            "write each household with its 'applicant' and 'other_members'"
        )
    person_ids = list(persons)
    position = {pid: k for k, pid in enumerate(person_ids)}
    person_household = np.full(len(person_ids), -1, dtype=np.intp)
    person_role = np.ones(len(person_ids), dtype=np.int8)
    for h, (hid, household) in enumerate(households.items()):
        for key, code in ROLE_KEYS.items():
            members = household.get(key) or []
            for pid in [members] if isinstance(members, str) else members:
                if pid not in position:
                    raise SituationError(f"household {hid!r} names {pid!r}, who is not in 'persons'")
                person_household[position[pid]], person_role[position[pid]] = h, code
    if (person_household < 0).any():
        lost = [pid for pid, h in zip(person_ids, person_household) if h < 0]
        raise SituationError(
            f"persons in no household: {lost}; name each in a household's 'applicant' or 'other_members'"
        )
    simulation = build(
        tax_benefit_system, person_household, person_role, person_ids=person_ids, household_ids=list(households)
    )
    for entities in (persons, households):
        set_inputs(simulation, _columns(tax_benefit_system, list(entities.values()), default_period))
    return simulation


def _columns(tax_benefit_system, entities: Sequence[dict], default_period) -> dict:
    """``{variable: {period: array}}`` of the entities' values, the default where one gives none."""
    columns: dict = {}
    for k, entity in enumerate(entities):
        for name, value in entity.items():
            if name in ROLE_KEYS:
                continue
            by_period = value if isinstance(value, dict) else {default_period: value}
            for period, item in by_period.items():
                if item is None:  # an output asked for, not an input
                    continue
                if period is None:
                    raise SituationError(f"{name}: give the value by period, e.g. {{\"2023-06\": {item!r}}}")
                columns.setdefault(name, {}).setdefault(str(period), {})[k] = item
    out = {}
    for name, by_period in columns.items():
        variable = tax_benefit_system.get_variable(name, check_existence=True)
        default = variable.default_value
        default = default.name if hasattr(default, "name") else default
        out[name] = {}
        for period, given in by_period.items():
            values = [given.get(k, default) for k in range(len(entities))]
            out[name][period] = np.array(values)
    return out
