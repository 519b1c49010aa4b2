"""The columns of a population file: the model's inputs (``model_inputs.py``) plus ids, month, role, weight.

Columns are named as the model's variables. ``HOUSEHOLD_COLUMNS`` and ``PERSON_COLUMNS`` are built on
first use from the one list of inputs, so that a new input variable is a new column with no edit here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from openfisca_kz_housing import model_inputs
from openfisca_kz_housing.model_inputs import MAX_AREA, MAX_MONEY  # noqa: F401 (re-exported)

MAX_ROOMS = model_inputs.MAX_COUNT
MAX_WEIGHT = 1e7  # real households one row stands for (Kazakhstan has about 5 million)
MAX_MEMBERS = 1_000  # persons in one household
ROLES = ("applicant", "other_member")
KINDS = {"money": "number", "area": "number", "count": "integer", "enum": "enum", "bool": "bool", "date": "date"}


@dataclass(frozen=True)
class Column:
    """How one column is read: kind (id, month, number, integer, enum, bool, date, role) and its rules."""

    kind: str
    help: str
    required: bool = False
    default: object = None
    minimum: float | None = None
    strict_minimum: bool = False
    enum: type | None = None
    per_entity: bool = False  # must be the same on every monthly row of the entity
    maximum: float | None = None  # plausibility bound (inclusive)


def column_of(item: model_inputs.Input) -> Column:
    """The column of one model input: kind, bounds and default from the variable, required from the table."""
    required = item.required_column
    if item.kind == "date":
        help_text = f"{item.label}: YYYY-MM-DD (optional column; an empty cell or no column: not given)"
        return Column("date", help_text)
    default = None if required else item.stored_default
    if item.kind in ("money", "area") and default is not None:
        default = float(default)
    what = ", ".join(item.values) if item.enum is not None else model_inputs.HELP[item.kind]
    shown = item.default.name if item.enum is not None else item.default
    shown = str(shown).lower() if item.kind == "bool" else shown
    help_text = f"{item.label}: {what}" + ("" if required else f" (default {shown})")
    return Column(KINDS[item.kind], help_text, required=required, default=default, minimum=item.minimum,
                  strict_minimum=item.strict_minimum, enum=item.enum, maximum=item.maximum)


@functools.cache
def household_columns() -> dict:
    columns = {
        "household_id": Column("id", "identifier of the household (text or whole number)", required=True),
        "month": Column("month", "YYYY-MM: the row applies from this month on (optional column)"),
    }
    columns.update({name: column_of(item) for name, item in model_inputs.household_inputs().items()})
    columns["weight"] = Column("number", "how many real households this row stands for (> 0; default 1)", default=1.0,
                               minimum=0, strict_minimum=True, per_entity=True, maximum=MAX_WEIGHT)
    return columns


@functools.cache
def person_columns() -> dict:
    columns = {
        "person_id": Column("id", "identifier of the person (required with a month column; default: row number)"),
        "household_id": Column("id", "the household_id of the person's household", required=True, per_entity=True),
        "month": Column("month", "YYYY-MM: the row applies from this month on (optional column)"),
        "role": Column("role", "applicant or other_member (default: the first person listed is the applicant)",
                       per_entity=True),
    }
    columns.update({name: column_of(item) for name, item in model_inputs.person_inputs().items()})
    return columns


def income_columns() -> tuple[str, ...]:
    return model_inputs.income_variables()


_LAZY = {"HOUSEHOLD_COLUMNS": household_columns, "PERSON_COLUMNS": person_columns, "INCOME_COLUMNS": income_columns}


def __getattr__(name):  # HOUSEHOLD_COLUMNS, PERSON_COLUMNS, INCOME_COLUMNS: built from the model on first use
    if name in _LAZY:
        return _LAZY[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
