"""Checks the stock /calculate and /trace skip, run on their body before OpenFisca builds anything.

* Bounded work: at most ``max_stock_entities`` entries of one entity (the stock JSON builder is
  quadratic), and ``axes`` multiply the entities: the product of the axis counts (the longest of each
  group of parallel axes) times the entries of the largest entity must stay under the same bound.
  A 459-byte request with axes of 1,800 x 1,800 otherwise runs 38 s and grows a worker to 8 GB.
* The model's inputs as on our routes (``api.inputs.read_value``): money >= 0, area > 0, counts whole
  numbers, everything finite (decision 56/2-VI, Annex 1: a negative income would raise the aid).
"""

from __future__ import annotations

import math

from openfisca_kz_housing import model_inputs
from openfisca_kz_housing.api.errors import ApiError, describe_type
from openfisca_kz_housing.api.inputs_values import read_value

NUMERIC_KINDS = ("money", "area", "count")
# the numeric inputs (model_inputs.py) -> kind
KINDS = {name: item.kind for name, item in model_inputs.inputs().items() if item.kind in NUMERIC_KINDS}
MAX_AXIS_COUNT = 1_000_000  # a single axis longer than this is refused before any product


def check(body, path: str, state: dict) -> None:
    """Raise ApiError (400) when the body asks too much work or gives a nonsense input."""
    if not isinstance(body, dict):
        return  # the stock view answers its own 400
    maximum = state["max_stock_entities"]
    entities = 1
    for plural, entries in body.items():
        if plural == "axes" or not isinstance(entries, dict):
            continue
        if len(entries) > maximum:
            raise ApiError("too_many_entities", field=str(plural)[:60], count=len(entries), path=path,
                           maximum=maximum, batch=state["max_households_batch"])
        entities = max(entities, len(entries))
        for entity_id, entity in entries.items():
            if isinstance(entity, dict):
                _check_inputs(entity, f"{plural}.{entity_id}")
    axes = body.get("axes")
    if axes is not None:
        points = _axis_points(axes)
        if points * entities > maximum:
            raise ApiError("too_many_axis_points", field="axes", points=points, entities=entities,
                           count=points * entities, path=path, maximum=maximum, batch=state["max_households_batch"])


def _check_value(name: str, value, where: str) -> None:
    if value is None or isinstance(value, bool):
        return
    kind = KINDS.get(name)
    if kind is not None and isinstance(value, (int, float)):
        read_value(value, kind, where)
    elif isinstance(value, float) and not math.isfinite(value):
        raise ApiError("out_of_range", field=where, value=value, minimum="-1e15", maximum="1e15")


def _check_inputs(entity: dict, where: str) -> None:
    for name, values in entity.items():
        if isinstance(values, dict):
            for period, value in values.items():
                _check_value(name, value, f"{where}.{name}.{period}")
        else:
            _check_value(name, values, f"{where}.{name}")


def _axis_points(axes) -> int:
    """The number of cases the axes make: the product, over perpendicular groups, of each group's count."""
    if not isinstance(axes, list):
        raise ApiError("wrong_type", field="axes", expected="an array", got=describe_type(axes),
                       example='[[{"name": "salary", "count": 5, "min": 0, "max": 200000, "period": "2021-01"}]]')
    points = 1
    for i, group in enumerate(axes):
        group = group if isinstance(group, list) else [group]
        longest = 1
        for j, axis in enumerate(group):
            where = f"axes[{i}][{j}]"
            if not isinstance(axis, dict):
                raise ApiError("wrong_type", field=where, expected="an object", got=describe_type(axis),
                               example='{"name": "salary", "count": 5, "min": 0, "max": 200000, "period": "2021-01"}')
            count = axis.get("count")
            if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_AXIS_COUNT:
                raise ApiError("wrong_type", field=f"{where}.count", expected="an integer", got=describe_type(count),
                               example="5")
            for bound in ("min", "max"):
                _check_value(str(axis.get("name")), axis.get(bound), f"{where}.{bound}")
            longest = max(longest, count)
        points *= longest
    return points
