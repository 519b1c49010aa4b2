"""A data reform's values against the law: units (check_value), time (check_time: repeal, later revisions,
no-law periods) and, once applied, the consistency of a decision made in force (check_consistency)."""

from __future__ import annotations

import datetime
import math

from openfisca_core.parameters import ParameterNode

from openfisca_kz_housing.parameter_paths import DECISION, walk
from openfisca_kz_housing.reforms import tree
from openfisca_kz_housing.reforms.errors import ReformError

ONE_DAY = datetime.timedelta(days=1)


def check_value(value, parameter, path: str, field: str) -> None:
    """The value must fit the parameter: true/false for a flag, a fraction 0-1 for a share, etc."""
    unit = (parameter.metadata or {}).get("unit")
    known = [e.value for e in parameter.values_list if not tree.is_absent(e.value)]
    is_flag = unit == "bool" or (known and all(isinstance(v, bool) for v in known))
    if tree.is_absent(value):
        hint = f" To stop the aid early, set {DECISION}.in_force to false." if path.startswith(DECISION) else ""
        raise ReformError(f"null (no value) cannot be set by a reform; give a value for {path}.{hint}", field)
    if is_flag:
        if not isinstance(value, bool):
            raise ReformError(f"{path} is a yes/no flag: write true or false; got {value!r}", field)
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        hint = ""
        if isinstance(value, str) and value.strip().endswith("%"):
            hint = " A share is a fraction: write 0.08 for 8 %."
        elif isinstance(value, str) and _is_number(value):
            hint = " Write the number without quotes."
        raise ReformError(f"{path} takes a number ({_unit_words(unit, known)}); got {value!r}.{hint}", field)
    try:
        finite = math.isfinite(value) and abs(value) < 1e15
    except OverflowError:  # an int too large for a float
        finite = False
    if not finite:
        raise ReformError(f"{path} takes a finite number below 10^15; got {str(value)[:40]}", field)
    is_share = unit == "/1" and all(0 <= v <= 1 for v in known)  # a ratio such as 3.1 x ПМ is no share
    if is_share and not 0 <= value <= 1:
        hint = f" Did you mean {value / 100:g} ({value:g} %)?" if 1 < value <= 100 else ""
        raise ReformError(
            f"{path} is a share written as a fraction between 0 and 1 (8 % is 0.08); got {value!r}.{hint}", field
        )
    if unit == "m2" and not 0 < value <= 1000:
        raise ReformError(f"{path} is an area in square metres: a positive number up to 1000; got {value!r}", field)
    if value < 0:
        raise ReformError(f"{path} ({_unit_words(unit, known)}) cannot be negative; got {value!r}", field)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _unit_words(unit, known=()) -> str:
    if unit == "/1" and not all(0 <= v <= 1 for v in known):  # a ratio such as 3.1 x the subsistence minimum
        return "a ratio, no unit"
    return {
        "/1": "a fraction between 0 and 1",
        "m2": "square metres",
        "currency-KZT": "tenge",
        "MRP": "monthly calculation indices (MRP)",
    }.get(unit, f"unit {unit}" if unit else "no unit given")


def _is_repeal(entry) -> bool:
    return tree.is_absent(entry.value) or (entry.metadata or {}).get("status") == "repealed"


def _describe(entry) -> str:
    act = (entry.metadata or {}).get("act")
    value = "no value (repealed)" if tree.is_absent(entry.value) else repr(entry.value)
    what = "the repeal" if _is_repeal(entry) else "the value"
    return f"{what} of {entry.instant_str} ({value}{', act ' + str(act) if act else ''})"


def check_time(dated, parameter, path: str, field: str) -> None:
    """Refuse, unless allowed, a period that replaces the repeal, no-law time, or open-endedly later revisions."""
    start = dated.start.isoformat()
    stop = dated.stop.isoformat() if dated.stop else None
    allow = "set allow_past_repeal: true on this change if that is really what you want"
    governing = tree.entry_at(parameter, start)
    if governing is None or _is_repeal(governing):
        when = (
            f"before the first value of {path} ({tree.entries(parameter)[0].instant_str})"
            if governing is None and parameter.values_list
            else f"after {_describe(governing)}" if governing is not None else "where it has no value"
        )
        raise ReformError(
            f"starts on {start}, {when}: the law has no such value then. "
            f"Start on a date the law is in force, or {allow}",
            f"{field}.start",
        )
    later = [e for e in tree.entries(parameter) if e.instant_str > start and (stop is None or e.instant_str <= stop)]
    if stop is None and later:
        last_day = (datetime.date.fromisoformat(later[0].instant_str) - ONE_DAY).isoformat()
        listed = "; ".join(_describe(e) for e in later)
        raise ReformError(
            f"has no stop, so from {start} it would replace every later value of {path}: {listed}. "
            f"Give a stop (e.g. stop: {last_day}), or {allow}",
            f"{field}.stop",
        )
    repeals = [e for e in later if _is_repeal(e)]
    if repeals:
        last_day = (datetime.date.fromisoformat(repeals[0].instant_str) - ONE_DAY).isoformat()
        raise ReformError(
            f"runs to {stop}, past {_describe(repeals[0])}. End it on {last_day} at the latest, or {allow}",
            f"{field}.stop",
        )


def check_consistency(reformed_parameters: ParameterNode, baseline_parameters: ParameterNode, name: str) -> None:
    """Where the reform makes a decision in force (its ``in_force`` flag true) on a day, each parameter of
    that decision must have a value that day, unless it already lacked one in the baseline on a day the
    decision was in force: otherwise a formula would read a missing value."""
    for node_path, node in _nodes_with_in_force(reformed_parameters):
        reformed_leaves = tree.leaves(node)
        baseline_node = walk(baseline_parameters, node_path)
        baseline_leaves = tree.leaves(baseline_node) if baseline_node is not None else {}
        days = sorted({e.instant_str for leaf in reformed_leaves.values() for e in leaf.values_list})
        for day in days:
            if tree.value_at(reformed_leaves["in_force"], day) is not True:
                continue
            baseline_in_force = ("in_force" in baseline_leaves
                                 and tree.value_at(baseline_leaves["in_force"], day) is True)
            for key, leaf in reformed_leaves.items():
                if tree.value_at(leaf, day) is not None:
                    continue
                if baseline_in_force and key in baseline_leaves and tree.value_at(baseline_leaves[key], day) is None:
                    continue  # already so in the baseline
                raise ReformError(
                    f"reform {name!r} makes {node_path} in force on {day} (in_force true) but {node_path}.{key} "
                    "has no value then; give it a value over the same period (with allow_past_repeal: true)"
                )


def _nodes_with_in_force(node: ParameterNode, prefix: str = ""):
    for key, child in node.children.items():
        if isinstance(child, ParameterNode):
            path = f"{prefix}{key}"
            if "in_force" in child.children and not isinstance(child.children["in_force"], ParameterNode):
                yield path, child
            yield from _nodes_with_in_force(child, path + ".")
