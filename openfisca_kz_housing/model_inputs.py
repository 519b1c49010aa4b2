"""The one list of housing-aid inputs, derived from the model's variables (issue 11, item 5).

An input is a variable without a formula, of the household or the person entity, whose reference cites
decision 56/2-VI (housing aid; the housing queue's inputs cite another act). Its kind comes from its
value type: a float is money (tenge a month) unless ``UNITS`` says it is an area, an int is a count, a
bool a yes/no, an Enum one of its possible values, a date a day. The population loader, the budget
builder, the API's readers and the OpenAPI schemas all read ``inputs()``; what the variables cannot
say is the small table below (units, who must give what, plausibility bounds).

Adding an input is adding a variable (with a reference to the decision): every interface then takes it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from openfisca_kz_housing.variables.housing_aid import PUBLIC_TENURES

DECISION = "56/2-VI"  # maslikhat decision on housing aid, Altai district (law/README.md)

# --- what the variables cannot say -----------------------------------------------------------------
UNITS = {"dwelling_area": "area"}  # float inputs that are not money (tenge a month)
# Must be given to judge one household (decision 56/2-VI, Annex 1: area item 12, tenure item 1, the
# expenses of item 1); rent_expense too for the tenures whose rent counts (RENT_TENURES).
REQUIRED_IN_REQUEST = ("dwelling_area", "tenure", "maintenance_expense", "heating_expense", "utility_expense")
# Columns a population file must have (an absent expense column is a documented default of 0).
REQUIRED_COLUMNS = ("dwelling_area", "dwelling_rooms", "dwelling_kind", "tenure")
# Annex 1, item 1, third direction: the tenures whose rent counts, by name (the rule's own tuple, not a copy).
RENT_TENURES = tuple(member.name for member in PUBLIC_TENURES)
# Facts of the application (items 6, 10, 11) a population or a request may leave out: the model's own
# defaults then apply (no date given: applied in time; a first application), with no notice.
APPLICATION_FACTS = ("housing_aid_application_date", "housing_aid_repeat_application")
# Plausibility bounds (docs/budget.md): values no real household reaches; they keep float32 figures exact.
MAX_MONEY = 1e10  # tenge a month, any income or bill: about 10,000 times a high salary in Kazakhstan
MAX_AREA = 10_000.0  # m2 of one dwelling
MAX_COUNT = 1_000  # living rooms
BOUNDS = {"money": (0.0, False, MAX_MONEY), "area": (0.0, True, MAX_AREA), "count": (0, False, MAX_COUNT)}
DTYPES = {"money": np.float32, "area": np.float32, "count": np.int32, "enum": np.int16, "bool": np.bool_,
          "date": "datetime64[D]"}
HELP = {"money": "tenge a month, >= 0", "area": "m2, > 0", "count": "whole number >= 0", "bool": "true/false",
        "date": "YYYY-MM-DD"}


@dataclass(frozen=True)
class Input:
    """One input variable as every reader needs it."""

    name: str
    entity: str  # "household" | "person"
    kind: str  # money, area, count, bool, enum, date
    default: object  # the variable's default (an Enum member for enums)
    label: str
    reference: str
    documentation: str = ""
    enum: type | None = None

    @property
    def minimum(self):
        return BOUNDS[self.kind][0] if self.kind in BOUNDS else None

    @property
    def strict_minimum(self) -> bool:
        return BOUNDS[self.kind][1] if self.kind in BOUNDS else False

    @property
    def maximum(self):
        return BOUNDS[self.kind][2] if self.kind in BOUNDS else None

    @property
    def dtype(self):
        return DTYPES[self.kind]

    @property
    def values(self) -> tuple[str, ...]:
        """The names an enum input accepts."""
        return tuple(self.enum.__members__) if self.enum is not None else ()

    @property
    def required_in_request(self) -> bool:
        return self.name in REQUIRED_IN_REQUEST

    @property
    def required_column(self) -> bool:
        return self.name in REQUIRED_COLUMNS

    @property
    def stored_default(self):
        """The default as stored in the arrays (enum index, numpy date)."""
        if self.enum is not None:
            return self.default.index
        if self.kind == "date":
            return np.datetime64(self.default, "D")
        return self.default


def _kind(variable) -> str:
    value_type = variable.value_type
    if value_type is float:
        return UNITS.get(variable.name, "money")
    if value_type is int:
        return "count"
    if value_type is bool:
        return "bool"
    if value_type.__name__ == "date":
        return "date"
    if value_type.__name__ == "Enum":
        return "enum"
    raise TypeError(f"input {variable.name}: value type {value_type} has no kind in model_inputs.py")


def _source_order(variable):
    path, _, line = variable.get_introspection_data()
    return (path, line)


def derive(tax_benefit_system) -> tuple[Input, ...]:
    """The housing-aid inputs of ``tax_benefit_system``, households first, each entity in source order."""
    found = []
    for variable in tax_benefit_system.variables.values():
        if variable.formulas or variable.entity.key not in ("household", "person"):
            continue
        if DECISION not in str(variable.reference or ""):
            continue
        kind = _kind(variable)
        found.append(Input(
            name=variable.name,
            entity=variable.entity.key,
            kind=kind,
            default=variable.default_value,
            label=variable.label or variable.name,
            reference=" ".join(variable.reference) if isinstance(variable.reference, list) else variable.reference,
            documentation=(variable.documentation or "").strip(),
            enum=variable.possible_values if kind == "enum" else None,
        ))
    found.sort(key=lambda i: (i.entity != "household", _source_order(tax_benefit_system.variables[i.name])))
    return tuple(found)


@functools.cache
def inputs() -> dict[str, Input]:
    """The inputs of the law in force (reforms add no input), by name."""
    from openfisca_kz_housing import tax_benefit_system

    return {item.name: item for item in derive(tax_benefit_system())}


@functools.cache
def household_inputs() -> dict[str, Input]:
    return {name: item for name, item in inputs().items() if item.entity == "household"}


@functools.cache
def person_inputs() -> dict[str, Input]:
    return {name: item for name, item in inputs().items() if item.entity == "person"}


def income_variables() -> tuple[str, ...]:
    """The person inputs: the incomes of item 3 (salary, pension, social_benefits, other_income)."""
    return tuple(person_inputs())


def names_of_kind(*kinds: str, entity: str = "household") -> tuple[str, ...]:
    """The inputs of ``entity`` whose kind is one of ``kinds``, in source order (e.g. "money": the expenses)."""
    return tuple(name for name, item in inputs().items() if item.entity == entity and item.kind in kinds)


@functools.cache
def enums() -> dict[str, type]:
    """Enum inputs -> their Enum class (the budget encodes them as EnumArray)."""
    return {name: item.enum for name, item in inputs().items() if item.enum is not None}


def rent_counts(tenure_codes) -> np.ndarray:
    """Item 1, third direction, on stored tenure codes (Tenure indexes): true where a rent counts."""
    return np.isin(tenure_codes, [member.index for member in PUBLIC_TENURES])


def api_kind(item: Input):
    """The API readers' kind: money, area, count, bool, date, or the Enum class itself."""
    return item.enum if item.enum is not None else item.kind
