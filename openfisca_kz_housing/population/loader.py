"""Read and validate a population: a households table and a persons table, CSV or Parquet.

A population is a directory holding one ``*households.csv|parquet`` and one ``*persons.csv|parquet``
file (and optionally ``population.json``: ``{"name": ..., "synthetic": true, "description": ...}``).
Columns are named as the model's variables (decision 56/2-VI inputs, see ``HOUSEHOLD_COLUMNS`` and
``PERSON_COLUMNS``). Monthly variation: without a ``month`` column every value holds for every month;
with one, a row gives the entity's values *from that month on*, until its next row (months before the
first row take the first row's values). Every problem is reported as file, row, column and reason in a
``PopulationError``; nothing is silently dropped or defaulted cell by cell (an absent optional column
takes its documented default, reported in ``Population.notes``).

Validation is vectorised (pyarrow/numpy) so that a million households load in about a second.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa

from openfisca_kz_housing import model_inputs
from openfisca_kz_housing.arrays import Population, Series  # noqa: F401 (re-exported)
from openfisca_kz_housing.dates import is_month, month_ordinal, ordinal_month  # noqa: F401 (re-exported)
from openfisca_kz_housing.enums import Tenure
from openfisca_kz_housing.population import columns
from openfisca_kz_housing.population.cells import (  # noqa: F401 (re-exported)
    MAX_PROBLEMS_PER_COLUMN,
    _check_columns,
    _parse_columns,
)
from openfisca_kz_housing.population.columns import (  # noqa: F401 (re-exported)
    MAX_AREA,
    MAX_MEMBERS,
    MAX_MONEY,
    MAX_ROOMS,
    MAX_WEIGHT,
    Column,
)
from openfisca_kz_housing.population.grouping import (
    _check_constant,
    _group_rows,
    _lookup,
    _series,
    _text_if_mixed,
)
from openfisca_kz_housing.population.problems import PopulationError, Problem
from openfisca_kz_housing.population.reading import (
    _find_table,
    _read_table,
    release_freed_memory,
)

RENT_TENURES = tuple(Tenure[name].index for name in model_inputs.RENT_TENURES)  # Annex 1, item 1 (codes)


def __getattr__(name):  # HOUSEHOLD_COLUMNS, PERSON_COLUMNS, INCOME_COLUMNS: built from the model on first use
    return columns.__getattr__(name)


def _dtype_of(spec: Column):
    kinds = {"number": np.float32, "integer": np.int32, "enum": np.int16, "bool": np.bool_, "date": "datetime64[D]"}
    return kinds[spec.kind]


def load_population(directory) -> Population:
    """Read, validate and arrange a population directory; raise ``PopulationError`` listing every problem.

    Arrow buffers are taken from the system allocator while loading: it hands freed memory back at
    once, which keeps the peak low on millions of rows (Arrow's default pool keeps it).
    """
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        return _load(Path(directory))
    finally:
        pa.set_memory_pool(previous)
        release_freed_memory()


def _load(directory: Path) -> Population:
    problems: list[Problem] = []
    if not directory.is_dir():
        raise PopulationError([Problem(str(directory), None, None,
                                       "no such directory (give the folder holding households and persons tables)")])
    meta = {}
    meta_path = directory / "population.json"
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (ValueError, OSError) as error:
            problems.append(Problem(meta_path.name, None, None, f"not valid JSON: {error}"))
    paths = {kind: _find_table(directory, kind, problems) for kind in ("households", "persons")}
    tables = {kind: _read_table(path, problems) for kind, path in paths.items() if path is not None}
    if problems or len(tables) < 2:
        raise PopulationError(problems)

    hfile, pfile = paths["households"].name, paths["persons"].name
    household_columns, person_columns = columns.household_columns(), columns.person_columns()
    income_columns = columns.income_columns()
    htable, ptable = tables["households"], tables["persons"]
    _check_columns(hfile, htable, household_columns, problems)
    _check_columns(pfile, ptable, person_columns, problems)
    if not any(name in ptable.column_names for name in income_columns):
        problems.append(
            Problem(pfile, None, None, f"no income column: add at least one of {', '.join(income_columns)} "
                    "(missing income would be read as 0 and overstate aid)")
        )
    if "month" in ptable.column_names and "person_id" not in ptable.column_names:
        problems.append(Problem(pfile, None, "person_id", "required when the persons table has a month column"))
    for file, table in ((hfile, htable), (pfile, ptable)):
        if table.num_rows == 0:
            problems.append(Problem(file, None, None, "the table has no rows"))
    linked = "household_id" in htable.column_names and "household_id" in ptable.column_names
    if not linked or min(htable.num_rows, ptable.num_rows) == 0:
        raise PopulationError(problems)

    # every column is checked, so that one run lists every problem of the files
    h = _parse_columns(hfile, htable, household_columns, problems)
    p = _parse_columns(pfile, ptable, person_columns, problems)
    if any(problem.column in ("household_id", "person_id", "month") for problem in problems):
        raise PopulationError(problems)  # rows cannot be grouped into households and persons

    if "person_id" not in p:
        p["person_id"] = pa.array(np.arange(1, ptable.num_rows + 1))
    households = _group_rows(hfile, "household", h["household_id"], h.get("month"), problems)
    persons = _group_rows(pfile, "person", p["person_id"], p.get("month"), problems)
    for name in ("weight",):
        if name in h:
            _check_constant(hfile, name, h[name], households, problems)
    for name in ("role",):
        if name in p:
            _check_constant(pfile, name, p[name], persons, problems)

    # the person -> household link (constant over months)
    link_ids, household_ids = _text_if_mixed(p["household_id"], households.ids)
    if persons.months is not None:  # every row looked up once: the check, then each person's first row
        index, found = _lookup(link_ids, household_ids)
        _check_constant(pfile, "household_id", np.where(found, index, -1), persons, problems)
        person_household, found = index[persons.first_row], found[persons.first_row]
    else:
        person_household, found = _lookup(
            link_ids if persons.identity else link_ids.take(pa.array(persons.first_row)), household_ids
        )
    missing = ~found
    for person in np.flatnonzero(missing)[:MAX_PROBLEMS_PER_COLUMN]:
        row = persons.row_of(person)
        problems.append(
            Problem(pfile, int(row) + 1, "household_id",
                    f"person without household: household_id {link_ids[int(row)].as_py()!r} is not in {hfile}")
        )
    if missing.sum() > MAX_PROBLEMS_PER_COLUMN:
        more = missing.sum() - MAX_PROBLEMS_PER_COLUMN
        problems.append(Problem(pfile, None, "household_id", f"{more:,} more persons without household"))
    linked_persons = person_household[~missing] if missing.any() else person_household
    sizes = np.bincount(linked_persons, minlength=len(households.ids))
    for household in np.flatnonzero(sizes == 0)[:MAX_PROBLEMS_PER_COLUMN]:
        row = households.row_of(household)
        problems.append(
            Problem(hfile, int(row) + 1, "household_id", f"household without members: no row of {pfile} "
                    f"has household_id {households.ids[int(household)].as_py()!r}")
        )
    if (sizes == 0).sum() > MAX_PROBLEMS_PER_COLUMN:
        more = (sizes == 0).sum() - MAX_PROBLEMS_PER_COLUMN
        problems.append(Problem(hfile, None, "household_id", f"{more:,} more households without members"))
    for household in np.flatnonzero(sizes > MAX_MEMBERS)[:MAX_PROBLEMS_PER_COLUMN]:
        problems.append(
            Problem(hfile, households.row_of(household) + 1, "household_id",
                    f"{sizes[household]:,} members is not plausible: at most {MAX_MEMBERS:,} "
                    "(bounds in docs/budget.md)")
        )

    # roles: at most one applicant (entities.py); without a role column the first person listed applies
    if "role" in p:
        role = (p["role"] if persons.identity else p["role"][persons.first_row]).astype(np.int8)
        candidates = np.flatnonzero(role == 0)
        applicants = np.bincount(person_household[candidates], minlength=len(households.ids))
        seen = np.zeros(len(households.ids), dtype=np.int64)
        for person in candidates[applicants[person_household[candidates]] > 1]:
            seen[person_household[person]] += 1
            if seen[person_household[person]] > 1:
                problems.append(
                    Problem(pfile, persons.row_of(person) + 1, "role",
                            "a second applicant in the same household: a household has at most one applicant")
                )
    else:
        role = np.ones(len(persons.ids), dtype=np.int8)
        first_member = np.full(len(households.ids), -1, dtype=np.intp)
        first_member[person_household[::-1]] = np.arange(len(person_household) - 1, -1, -1)
        role[first_member[first_member >= 0]] = 0
    if problems:
        raise PopulationError(sorted(problems, key=lambda q: (q.file != hfile, q.row or 0)))

    notes = []
    population = Population(
        name=meta.get("name", directory.name),
        synthetic=bool(meta.get("synthetic")) or "synthetic" in (hfile + pfile).lower(),
        description=meta.get("description", ""),
        files={"households": str(paths["households"]), "persons": str(paths["persons"])},
        household_ids=households.ids,
        person_ids=persons.ids,
        # int32 when the households fit (always, in practice): half the memory of 2.9 million int64 indices
        person_household=person_household.astype(np.int32) if len(households.ids) < 2**31 else person_household,
        person_role=role,
        weight=(h["weight"] if households.identity else h["weight"][households.first_row])
        if "weight" in h
        else np.broadcast_to(np.float64(1), (len(households.ids),)),  # read-only, no memory
        notes=notes,
    )
    population._size = sizes.astype(np.int32)  # members per household (MAX_MEMBERS bounds them)
    for spec_table, values, group, target, file in (
        (household_columns, h, households, population.household_inputs, hfile),
        (person_columns, p, persons, population.person_inputs, pfile),
    ):
        for name, spec in spec_table.items():
            if spec.kind in ("id", "month", "role") or name == "weight":
                continue
            if name in values:
                target[name] = _series(values[name], group, _dtype_of(spec))
            elif name in model_inputs.APPLICATION_FACTS:
                continue  # left out: the model's own default applies (not given, a first application)
            else:
                count = len(group.ids)
                target[name] = Series((np.full(count, spec.default, dtype=_dtype_of(spec)),))
                notes.append(f"{file}: no column '{name}'; every row takes the default {spec.default!r}")
    rent_note = _rent_not_counted_note(h, hfile)
    if rent_note:
        notes.append(rent_note)
    return population


def _rent_not_counted_note(h: dict, file: str) -> str | None:
    """Rows giving a rent that does not count (Annex 1, item 1, third direction): a notice, not an error."""
    if "rent_expense" not in h or "tenure" not in h:
        return None
    rows = (h["rent_expense"] > 0) & ~model_inputs.rent_counts(h["tenure"])
    count = int(rows.sum())
    if not count:
        return None
    others = " or ".join(member.name for member in Tenure if member.name not in model_inputs.RENT_TENURES)
    return (
        f"{file}: {count:,} rows give rent_expense with a tenure whose rent does not count ({others}): "
        "decision 56/2-VI, Annex 1, item 1 (third direction) counts payment for use of a dwelling only for "
        f"{' and '.join(model_inputs.RENT_TENURES)}, so their rent is left out of the accepted expenses"
    )
