"""Rows grouped into households and persons, and monthly rows turned into step functions (``Series``)."""

from __future__ import annotations

from dataclasses import dataclass

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
    the per-entity arrays are the columns themselves, with no copy.
    """

    ids: pa.Array
    row_entity: np.ndarray | None  # None when identity
    first_row: np.ndarray | None  # None when identity
    months: np.ndarray | None  # month ordinal per row, or None
    identity: bool = False

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
    unique = pc.unique(ids)
    row_entity = pc.index_in(ids, value_set=unique).to_numpy(zero_copy_only=False).astype(np.intp)
    first_row = np.full(len(unique), -1, dtype=np.intp)
    first_row[row_entity[::-1]] = np.arange(len(row_entity))[::-1]
    key = row_entity if months is None else row_entity.astype(np.int64) * 100_000 + (months - months.min())
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    repeated = np.zeros(len(key), dtype=bool)
    repeated[order[1:]] = sorted_key[1:] == sorted_key[:-1]
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
    return _Entities(unique, row_entity, first_row, months)


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
    if not hasattr(group, "_plan"):
        months = group.months
        key = group.row_entity.astype(np.int64) * 100_000 + (months - months.min())
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        starts_of_entity = np.searchsorted(sorted_key, np.arange(len(group.ids), dtype=np.int64) * 100_000)
        plan = []
        for month in np.unique(months):
            probe = np.arange(len(group.ids), dtype=np.int64) * 100_000 + (month - months.min())
            position = np.maximum(np.searchsorted(sorted_key, probe, side="right") - 1, starts_of_entity)
            plan.append((int(month), order[position]))
        group._plan = plan
    arrays, starts = [], []
    for month, rows in group._plan:
        array = np.ascontiguousarray(values[rows], dtype=dtype)
        if arrays and np.array_equal(array, arrays[-1]):
            continue
        arrays.append(array)
        starts.append(month)
    return Series(tuple(arrays), tuple(starts))

