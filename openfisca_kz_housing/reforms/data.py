"""Reforms as data: a YAML/JSON document of dated parameter values, checked, never executed.

Format (docs/reforms.md has the full reference)::

    name: Income share 8 % in 2023
    description: What if the family paid 8 % of its income instead of 10 % during 2023?
    changes:
      - parameter: local.east_kazakhstan.altai_district.housing_aid.income_share
        values:
          - {start: 2023-01-01, stop: 2023-12-31, value: 0.08}
        allow_past_repeal: false        # optional, default false

The document is plain data (``yaml.safe_load`` / ``json``): no code is imported or run. Every value
is checked against the baseline's parameter tree: the path must exist, the value must fit the
parameter's unit, periods must be real dates that do not overlap, and a period may neither run past
the repeal (or start where the law has no value) nor, without a stop, replace later revisions, unless
the change says ``allow_past_repeal: true``.
"""

from __future__ import annotations

import datetime
import difflib
import math
from dataclasses import dataclass

from openfisca_core import periods
from openfisca_core.parameters import ParameterNode

from openfisca_kz_housing.reforms import tree
from openfisca_kz_housing.reforms.errors import ReformError

TOP_KEYS = {"name", "description", "changes", "metadata"}
CHANGE_KEYS = {"parameter", "values", "allow_past_repeal", "note"}
VALUE_KEYS = {"start", "stop", "value", "note"}
MAX_CHANGES = 100
MAX_VALUES = 100
MAX_NAME = 200
MAX_DESCRIPTION = 5000
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class DatedValue:
    start: datetime.date
    stop: datetime.date | None
    value: object
    note: str | None = None
    index: int = 0  # position in the document (values are kept sorted by start)

    def label(self) -> str:
        return f"{self.start.isoformat()} to {self.stop.isoformat() if self.stop else '(no stop)'}"


@dataclass(frozen=True)
class Change:
    parameter: str
    values: tuple[DatedValue, ...]
    allow_past_repeal: bool = False
    note: str | None = None
    index: int = 0

    @property
    def field(self) -> str:
        return f"changes[{self.index}]"

    def as_dict(self) -> dict:
        return {
            "parameter": self.parameter,
            "values": [
                {"start": v.start.isoformat(), "stop": v.stop.isoformat() if v.stop else None, "value": v.value}
                for v in self.values
            ],
            "allow_past_repeal": self.allow_past_repeal,
        }


@dataclass(frozen=True)
class DataReform:
    """A parsed and structurally valid data reform (check it against a tree with :meth:`check`)."""

    name: str
    description: str
    changes: tuple[Change, ...]

    def as_dict(self) -> dict:
        return {"name": self.name, "description": self.description, "changes": [c.as_dict() for c in self.changes]}

    def reform_metadata(self) -> dict:
        return {"act": f"reform: {self.name}", "status": "reform", "in_force_basis": "reform assumption",
                "note": self.description}

    def check(self, parameters: ParameterNode) -> None:
        """Raise ReformError unless every change fits ``parameters`` (paths, units, repeal)."""
        for change in self.changes:
            parameter = _resolve(parameters, change)
            for dated in change.values:
                field = f"{change.field}.values[{dated.index}]"
                check_value(dated.value, parameter, change.parameter, f"{field}.value")
                if not change.allow_past_repeal:
                    check_time(dated, parameter, change.parameter, field)

    def modify(self, parameters: ParameterNode) -> ParameterNode:
        """Write the values into ``parameters`` (a copy owned by the reform) and return it."""
        for change in self.changes:
            parameter = tree.resolve(parameters, change.parameter, f"{change.field}.parameter")
            for dated in change.values:
                metadata = self.reform_metadata()
                if dated.note:
                    metadata["note"] = f"{dated.note} ({self.description})"
                if dated.stop is not None:
                    tree.bounded_update(parameter, dated.start, dated.stop, dated.value, metadata)
                else:  # open-ended: only reached when nothing follows, or allow_past_repeal was given
                    parameter.update(start=periods.instant(dated.start.isoformat()), value=dated.value)
                    for entry in parameter.values_list:
                        if entry.instant_str == dated.start.isoformat():
                            entry.metadata = {**parameter.metadata, **metadata}
        return parameters


# Parameters that exist only once a code reform of this package has added them.
ADDED_BY_CODE_REFORMS = {
    "local.east_kazakhstan.altai_district.housing_aid.monthly_cap_mrp": "aid_cap_mrp",
    "local.east_kazakhstan.altai_district.housing_aid.private_tenants_eligible": "private_tenants_eligible",
}


def _resolve(parameters: ParameterNode, change: Change):
    try:
        return tree.resolve(parameters, change.parameter, f"{change.field}.parameter")
    except ReformError as error:
        code = ADDED_BY_CODE_REFORMS.get(change.parameter.strip())
        if code is None:
            raise
        raise ReformError(
            f"{change.parameter!r} exists only with code reform {code!r}: apply {code} before this reform "
            "(list it first)",
            error.field,
        ) from None


def parse(data) -> DataReform:
    """Check the document's shape (keys, types, dates, overlaps) and return a DataReform."""
    if not isinstance(data, dict):
        raise ReformError(
            f"a data reform is a mapping with name, description and changes; got {type(data).__name__}"
        )
    _no_unknown_keys(data, TOP_KEYS, None)
    name = _text(data.get("name"), "name", MAX_NAME, "a short title, e.g. 'Income share 8 % in 2023'")
    description = _text(
        data.get("description"), "description", MAX_DESCRIPTION, "one or two sentences saying what the reform asks"
    )
    if "metadata" in data and not isinstance(data["metadata"], dict):
        raise ReformError("must be a mapping (free notes such as author, date); or leave it out", "metadata")
    raw_changes = data.get("changes")
    if not isinstance(raw_changes, list) or not raw_changes:
        raise ReformError(
            "must be a non-empty list of {parameter, values: [{start, stop, value}]}", "changes"
        )
    if len(raw_changes) > MAX_CHANGES:
        raise ReformError(f"at most {MAX_CHANGES} changes per reform; got {len(raw_changes)}", "changes")
    changes, seen = [], {}
    for index, raw in enumerate(raw_changes):
        change = _parse_change(raw, index)
        if change.parameter in seen:
            raise ReformError(
                f"{change.parameter!r} is already changed by changes[{seen[change.parameter]}]; "
                "put all its dated values under one change",
                f"changes[{index}].parameter",
            )
        seen[change.parameter] = index
        changes.append(change)
    return DataReform(name=name, description=description, changes=tuple(changes))


def _parse_change(raw, index: int) -> Change:
    field = f"changes[{index}]"
    if not isinstance(raw, dict):
        raise ReformError("must be a mapping with parameter and values", field)
    _no_unknown_keys(raw, CHANGE_KEYS, field)
    parameter = raw.get("parameter")
    if not isinstance(parameter, str) or not parameter.strip():
        raise ReformError(
            "is missing; write the parameter's dotted path, e.g. "
            "local.east_kazakhstan.altai_district.housing_aid.income_share",
            f"{field}.parameter",
        )
    if raw.get("note") is not None and not isinstance(raw.get("note"), str):
        raise ReformError("must be text (a short comment on this change); or leave it out", f"{field}.note")
    allow = raw.get("allow_past_repeal", False)
    if not isinstance(allow, bool):
        raise ReformError(f"must be true or false; got {allow!r}", f"{field}.allow_past_repeal")
    raw_values = raw.get("values")
    if not isinstance(raw_values, list) or not raw_values:
        raise ReformError(
            "must be a non-empty list of {start: YYYY-MM-DD, stop: YYYY-MM-DD, value: ...}", f"{field}.values"
        )
    if len(raw_values) > MAX_VALUES:
        raise ReformError(f"at most {MAX_VALUES} dated values; got {len(raw_values)}", f"{field}.values")
    values = []
    for i, raw_value in enumerate(raw_values):
        vfield = f"{field}.values[{i}]"
        if not isinstance(raw_value, dict):
            raise ReformError("must be a mapping {start, stop, value}", vfield)
        _no_unknown_keys(raw_value, VALUE_KEYS, vfield)
        if "start" not in raw_value or raw_value["start"] is None:
            raise ReformError("is missing; write the first day the value applies, YYYY-MM-DD", f"{vfield}.start")
        if "value" not in raw_value:
            raise ReformError("is missing; write the value that applies from start to stop", f"{vfield}.value")
        start = tree.parse_date(raw_value["start"], f"{vfield}.start")
        stop = raw_value.get("stop")
        stop = None if stop is None else tree.parse_date(stop, f"{vfield}.stop")
        if stop is not None and stop < start:
            raise ReformError(
                f"{stop.isoformat()} is before start {start.isoformat()}; the stop is the last day the value "
                "applies (included)",
                f"{vfield}.stop",
            )
        note = raw_value.get("note")
        if note is not None and not isinstance(note, str):
            raise ReformError("must be text (a short comment on this value); or leave it out", f"{vfield}.note")
        values.append((i, DatedValue(start=start, stop=stop, value=raw_value["value"], note=note, index=i)))
    ordered = sorted(values, key=lambda item: item[1].start)
    for (i, first), (j, second) in zip(ordered, ordered[1:]):
        if first.stop is None or first.stop >= second.start:
            fix = (second.start - ONE_DAY).isoformat()
            raise ReformError(
                f"period {first.label()} overlaps values[{j}] ({second.label()}); make it end before the next one "
                f"starts (stop: {fix})",
                f"{field}.values[{i}]",
            )
    return Change(
        parameter=parameter.strip(),
        values=tuple(v for _, v in ordered),
        allow_past_repeal=allow,
        note=raw.get("note"),
        index=index,
    )


def check_value(value, parameter, path: str, field: str) -> None:
    """The value must fit the parameter: true/false for a flag, a fraction 0-1 for a share, etc."""
    unit = (parameter.metadata or {}).get("unit")
    known = [e.value for e in parameter.values_list if not tree.is_absent(e.value)]
    is_flag = unit == "bool" or (known and all(isinstance(v, bool) for v in known))
    if tree.is_absent(value):
        hint = (
            " To stop the aid early, set local.east_kazakhstan.altai_district.housing_aid.in_force to false."
            if "housing_aid" in path
            else ""
        )
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


def check_time(dated: DatedValue, parameter, path: str, field: str) -> None:
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
            f"starts on {start}, {when}: the law has no such value then. Start on a date the law is in force, or {allow}",
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
        baseline_node = _node(baseline_parameters, node_path)
        baseline_leaves = tree.leaves(baseline_node) if baseline_node is not None else {}
        days = sorted({e.instant_str for leaf in reformed_leaves.values() for e in leaf.values_list})
        for day in days:
            if tree.value_at(reformed_leaves["in_force"], day) is not True:
                continue
            baseline_in_force = "in_force" in baseline_leaves and tree.value_at(baseline_leaves["in_force"], day) is True
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


def _node(root: ParameterNode, path: str):
    node = root
    for part in path.split("."):
        node = getattr(node, "children", {}).get(part)
        if node is None:
            return None
    return node


def _no_unknown_keys(mapping: dict, allowed: set, field: str | None) -> None:
    unknown = sorted(str(k) for k in mapping if k not in allowed)
    if unknown:
        hints = []
        for key in unknown:
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hints.append(f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        raise ReformError(f"unknown key {', '.join(hints)}; allowed keys are {', '.join(sorted(allowed))}", field)


def _text(value, field: str, limit: int, example: str) -> str:
    if value is not None and not isinstance(value, str):
        raise ReformError(f"must be text; got {type(value).__name__}. Write {example}", field)
    if value is None or not value.strip():
        raise ReformError(f"is missing; every reform needs a {field}: {example}", field)
    if len(value) > limit:
        raise ReformError(f"is {len(value)} characters long; keep it under {limit}", field)
    return value.strip()
