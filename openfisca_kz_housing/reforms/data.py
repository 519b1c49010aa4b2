"""Reforms as data: a YAML/JSON document of dated parameter values, checked, never executed.

Format (docs/reforms.md has the full reference)::

    name: Income share 8 % in 2023
    description: What if the family paid 8 % of its income instead of 10 % during 2023?
    changes:
      - parameter: <decision>.income_share   # <decision>: the node named in revisions.yaml
        values:
          - {start: 2023-01-01, stop: 2023-12-31, value: 0.08}
        allow_past_repeal: false        # optional, default false

The document is plain data (``yaml.safe_load`` / ``json``): no code is imported or run. Its shape is
checked against the schema (structure.py), its dates and periods here; every value is checked against
the baseline's parameter tree (checks.py): the path must exist, the value must fit the parameter's
unit, periods must be real dates that do not overlap, and a period may neither run past the repeal (or
start where the law has no value) nor, without a stop, replace later revisions, unless the change says
``allow_past_repeal: true``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from openfisca_core import periods
from openfisca_core.parameters import ParameterNode

from openfisca_kz_housing.reforms import structure, tree
from openfisca_kz_housing.reforms.checks import check_consistency, check_time, check_value
from openfisca_kz_housing.reforms.errors import ReformError

__all__ = ["Change", "DataReform", "DatedValue", "check_consistency", "check_time", "check_value", "parse"]
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

    def check(self, parameters: ParameterNode, added_by: dict | None = None) -> None:
        """Raise ReformError unless every change fits ``parameters`` (paths, units, repeal). ``added_by``
        maps the paths that only a code reform adds to that reform's name (for a clear refusal)."""
        for change in self.changes:
            parameter = _resolve(parameters, change, added_by or {})
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


def _resolve(parameters: ParameterNode, change: Change, added_by: dict):
    try:
        return tree.resolve(parameters, change.parameter, f"{change.field}.parameter")
    except ReformError as error:
        code = added_by.get(change.parameter.strip())
        if code is None:
            raise
        raise ReformError(
            f"{change.parameter!r} exists only with code reform {code!r}: apply {code} before this reform "
            "(list it first)",
            error.field, reason="needs_code_reform", reform=code,
        ) from None


def parse(data) -> DataReform:
    """Check the document's shape (schema, dates, overlaps, a path listed twice) and return a DataReform."""
    structure.validate(data)
    changes, seen = [], {}
    for index, raw in enumerate(data["changes"]):
        change = _parse_change(raw, index)
        if change.parameter in seen:
            raise ReformError(
                f"{change.parameter!r} is already changed by changes[{seen[change.parameter]}]; "
                "put all its dated values under one change",
                f"changes[{index}].parameter",
            )
        seen[change.parameter] = index
        changes.append(change)
    return DataReform(name=data["name"].strip(), description=data["description"].strip(), changes=tuple(changes))


def _parse_change(raw: dict, index: int) -> Change:
    field = f"changes[{index}]"
    values = []
    for i, raw_value in enumerate(raw["values"]):
        vfield = f"{field}.values[{i}]"
        start = tree.parse_date(raw_value["start"], f"{vfield}.start")
        stop = raw_value.get("stop")
        stop = None if stop is None else tree.parse_date(stop, f"{vfield}.stop")
        if stop is not None and stop < start:
            raise ReformError(
                f"{stop.isoformat()} is before start {start.isoformat()}; the stop is the last day the value "
                "applies (included)",
                f"{vfield}.stop",
            )
        values.append(DatedValue(start=start, stop=stop, value=raw_value["value"], note=raw_value.get("note"), index=i))
    ordered = sorted(values, key=lambda dated: dated.start)
    for first, second in zip(ordered, ordered[1:]):
        if first.stop is None or first.stop >= second.start:
            fix = (second.start - ONE_DAY).isoformat()
            raise ReformError(
                f"period {first.label()} overlaps values[{second.index}] ({second.label()}); make it end before "
                f"the next one starts (stop: {fix})",
                f"{field}.values[{first.index}]",
            )
    return Change(
        parameter=raw["parameter"].strip(),
        values=tuple(ordered),
        allow_past_repeal=raw.get("allow_past_repeal", False),
        note=raw.get("note"),
        index=index,
    )
