"""Rows grouped into households and persons, and monthly rows turned into step functions (``Series``)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from openfisca_kz_housing.arrays import Series
from openfisca_kz_housing.dates import ordinal_month
from openfisca_kz_housing.population.cells import MAX_PROBLEMS_PER_COLUMN
from openfisca_kz_housing.population.problems import Problem


def _text_if_mixed(a: pa.Array, b: pa.Array) -> tuple[pa.Array, pa.Array]:
    if a.type == b.type:
        return a, b
    return a.cast(pa.string()), b.cast(pa.string())


@dataclass
class _Entities:
    """Rows grouped by entity: ``row_entity[r]`` is the entity index of row r (first appearance order).

    ``identity`` is true when every row is its own entity (no month column, no duplicate id): then
    the per-entity arrays are the columns themselves, with no copy. With a month column, ``plan`` gives
    for each month given (ascending) the row that holds each entity's values that month: its row of the
    latest month given up to then (its earliest row before its first month).
    """

    ids: pa.Array
    row_entity: np.ndarray | None  # None when identity
    first_row: np.ndarray | None  # None when identity
    months: np.ndarray | None  # month ordinal per row, or None
    identity: bool = False
    plan: list = field(default_factory=list)  # [(month ordinal, rows per entity)], with a month column

    def row_of(self, entity) -> int:
        """The 0-based row where the entity first appears."""
        return int(entity) if self.identity else int(self.first_row[entity])


def _all_distinct(ids: pa.Array) -> bool:
    if pa.types.is_integer(ids.type) and ids.null_count == 0:
        values = ids.to_numpy()
        if len(values) < 2 or np.all(values[1:] > values[:-1]):  # the usual case: increasing ids
            return True
        ordered = np.sort(values)
        return not np.any(ordered[1:] == ordered[:-1])
    return pc.count_distinct(ids).as_py() == len(ids)


def _lookup(values: pa.Array, keys: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Position of each value in ``keys`` (distinct) and whether it was found (numpy for integers)."""
    if pa.types.is_integer(values.type) and pa.types.is_integer(keys.type) and values.null_count == 0:
        v, k = values.to_numpy(), keys.to_numpy()
        if v.dtype != k.dtype:
            v, k = v.astype(np.int64), k.astype(np.int64)
        order = None if len(k) < 2 or np.all(k[1:] > k[:-1]) else np.argsort(k, kind="stable")
        ordered = k if order is None else k[order]
        position = np.searchsorted(ordered, v)
        np.minimum(position, len(k) - 1, out=position)
        found = ordered[position] == v
        if order is not None:
            position = order[position]
        return position, found
    index = pc.index_in(values, value_set=keys)
    found = ~index.is_null().to_numpy(zero_copy_only=False)
    return index.fill_null(0).to_numpy(zero_copy_only=False).astype(np.intp), found


def _group_rows(file: str, kind: str, ids: pa.Array, months, problems: list) -> _Entities:
    if months is None and _all_distinct(ids):
        return _Entities(ids, None, None, None, identity=True)
    unique, row_entity = _entity_index(ids)
    first_row = np.full(len(unique), -1, dtype=np.intp)
    first_row[row_entity[::-1]] = np.arange(len(row_entity))[::-1]
    if months is None:
        repeated = np.arange(len(row_entity)) != first_row[row_entity]
        plan = []
    else:
        repeated, plan = _month_plan(row_entity, months, len(unique))
    for row in np.flatnonzero(repeated)[:MAX_PROBLEMS_PER_COLUMN]:
        entity = row_entity[row]
        what = f"{kind} {ids[int(row)].as_py()!r}"
        if months is not None:
            what += f" for month {ordinal_month(int(months[row]))}"
        problems.append(
            Problem(file, int(row) + 1, f"{kind}_id",
                    f"duplicate id: {what} already appears at row {first_row[entity] + 1}")
        )
    if repeated.sum() > MAX_PROBLEMS_PER_COLUMN:
        more = repeated.sum() - MAX_PROBLEMS_PER_COLUMN
        problems.append(Problem(file, None, f"{kind}_id", f"{more:,} more duplicate ids"))
    return _Entities(unique, row_entity, first_row, months, plan=plan)


def _entity_index(ids: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """The distinct ids in order of first appearance, and each row's index among them.

    Whole numbers from 0 to about twice the row count (the usual numbering) go through a numpy table
    indexed by the id; anything else through Arrow's hash table (``unique``, ``index_in``).
    """
    if pa.types.is_integer(ids.type) and ids.null_count == 0 and len(ids):
        values = ids.to_numpy()
        low, high = int(values.min()), int(values.max())
        if low >= 0 and high < 2 * len(values) + 1024 < 2**31:  # two int32 tables, about twice the rows
            first = np.full(high + 1, -1, dtype=np.int32)
            first[values[::-1]] = np.arange(len(values) - 1, -1, -1, dtype=np.int32)
            present = np.flatnonzero(first >= 0)
            by_appearance = present[np.argsort(first[present], kind="stable")]
            rank = np.empty(high + 1, dtype=np.int32)
            rank[by_appearance] = np.arange(len(by_appearance), dtype=np.int32)
            return pa.array(by_appearance.astype(values.dtype)), rank[values].astype(np.intp)
    unique = pc.unique(ids)
    return unique, pc.index_in(ids, value_set=unique).to_numpy(zero_copy_only=False).astype(np.intp)


def _month_plan(row_entity: np.ndarray, months: np.ndarray, count: int) -> tuple[np.ndarray, list]:
    """Rows repeating an (entity, month) pair, and the rows of each month given (see ``_Entities.plan``).

    One stable sort of the rows by month (none when they already are in month order; else a radix sort:
    the months span a few hundred values) and one pass over the months given, instead of sorting
    (entity, month) pairs.
    """
    relative = months - months.min()
    if np.all(relative[1:] >= relative[:-1]):  # the usual layout: rows already in month order
        order = np.arange(len(relative))
    else:
        order = np.argsort(relative.astype(np.int16 if relative.max(initial=0) < 2**15 else np.int64), kind="stable")
    bounds = np.concatenate(([0], np.cumsum(np.bincount(relative))))
    given = [(int(m), order[bounds[m]:bounds[m + 1]]) for m in range(len(bounds) - 1) if bounds[m + 1] > bounds[m]]
    repeated = np.zeros(len(row_entity), dtype=bool)
    earliest = np.full(count, -1, dtype=np.intp)
    for _, rows in reversed(given):  # the last write wins: each entity's row of its earliest month
        entities = row_entity[rows]
        if np.bincount(entities, minlength=count).max() > 1:  # an (entity, month) pair given twice (rare)
            _, first = np.unique(entities, return_index=True)
            again = np.ones(len(rows), dtype=bool)
            again[first] = False
            repeated[rows[again]] = True
        earliest[entities[::-1]] = rows[::-1]  # within a month, an entity's first row
    plan, current = [], earliest
    for month, rows in given:
        current = current.copy()
        current[row_entity[rows][::-1]] = rows[::-1]
        plan.append((int(months.min()) + month, current))
    return repeated, plan


def _check_constant(file: str, name: str, values: np.ndarray, group: _Entities, problems: list) -> None:
    if group.months is None:
        return
    changed = values != values[group.first_row[group.row_entity]]
    for row in np.flatnonzero(changed)[:MAX_PROBLEMS_PER_COLUMN]:
        problems.append(
            Problem(file, int(row) + 1, name, f"differs from the entity's first row "
                    f"(row {group.first_row[group.row_entity[row]] + 1}); it must not change over months")
        )


def _series(values: np.ndarray, group: _Entities, dtype) -> Series:
    """Per-entity arrays over time (step function of the monthly rows)."""
    if group.months is None:
        per_entity = values if group.identity else values[group.first_row]
        return Series((np.ascontiguousarray(per_entity, dtype=dtype),))
    arrays, starts = [], []
    for month, rows in group.plan:
        array = np.ascontiguousarray(values[rows], dtype=dtype)
        if arrays and np.array_equal(array, arrays[-1]):
            continue
        arrays.append(array)
        starts.append(month)
    return Series(tuple(arrays), tuple(starts))
