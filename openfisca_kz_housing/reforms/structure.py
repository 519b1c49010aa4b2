"""The shape of a data reform, checked with ``jsonschema`` against reforms/schema.py.

Each schema error becomes a ReformError naming the field (``changes[0].values[1].stop``) and the fix,
the first one in document order (unknown keys of a mapping before its fields). The type of a
``value`` is left to checks.check_value, which knows the parameter's unit and so gives the better
message (a share written "8 %", a number in quotes, null).
"""

from __future__ import annotations

import datetime
import difflib
import functools

import jsonschema

from openfisca_kz_housing.reforms import schema, tree
from openfisca_kz_housing.reforms.errors import ReformError

# Document order of the fields (the order in which a reader fixes them).
FIELD_ORDER = ("name", "description", "metadata", "changes", "parameter", "start", "value", "stop", "note",
               "allow_past_repeal", "values")
EXAMPLES = {"name": "a short title, e.g. 'Income share 8 % in 2023'",
            "description": "one or two sentences saying what the reform asks"}
LIST_OF = {"changes": "{parameter, values: [{start, stop, value}]}",
           "values": "{start: YYYY-MM-DD, stop: YYYY-MM-DD, value: ...}"}
AT_MOST = {"changes": "changes per reform", "values": "dated values"}
ITEM_IS = {"changes": "a mapping with parameter and values", "values": "a mapping {start, stop, value}"}
MISSING = {
    "parameter": f"is missing; write the parameter's dotted path, e.g. {schema.EXAMPLE_PARAMETER}",
    "start": "is missing; write the first day the value applies, YYYY-MM-DD",
    "value": "is missing; write the value that applies from start to stop",
}


def _is_text_or_date(checker, instance) -> bool:
    """YAML reads 2023-01-01 as a date: it stands for the ISO string the schema describes."""
    return isinstance(instance, (str, datetime.date))


@functools.cache
def _validator():
    base = jsonschema.validators.validator_for(schema.validation_schema())
    checker = base.TYPE_CHECKER.redefine("string", _is_text_or_date)
    return jsonschema.validators.extend(base, type_checker=checker)(schema.validation_schema())


def validate(document) -> None:
    """Raise the first ReformError of ``document``'s shape (keys, types, lengths); return if none."""
    if not isinstance(document, dict):
        raise ReformError(
            f"a data reform is a mapping with name, description and changes; got {type(document).__name__}")
    errors = [error for error in _validator().iter_errors(document) if not _left_to_the_unit(error)]
    if errors:
        location, error = min(((_location(error), error) for error in errors), key=lambda pair: _order(pair[0]))
        raise _reform_error(location, error)


def field_name(location) -> str | None:
    """('changes', 0, 'values', 1, 'stop') -> 'changes[0].values[1].stop'."""
    out = ""
    for part in location:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or None


def _left_to_the_unit(error) -> bool:
    path = list(error.absolute_path)
    return bool(path) and path[-1] == "value" and error.validator != "required"


def _location(error) -> tuple:
    path = tuple(error.absolute_path)
    if error.validator == "required":
        return path + (_missing(error),)
    return path


def _missing(error) -> str:
    return next(key for key in error.validator_value if key not in error.instance)


def _order(location) -> tuple:
    return tuple((0, part) if isinstance(part, int) else (1, FIELD_ORDER.index(part) if part in FIELD_ORDER else 99)
                 for part in location)


def _reform_error(location: tuple, error) -> ReformError:
    field = field_name(location)
    if error.validator == "additionalProperties":
        return ReformError(_unknown_keys(error.instance, sorted(error.schema["properties"])), field)
    return ReformError(_message(location, error), field)


def _message(location: tuple, error) -> str:
    key, instance, kind = location[-1], error.instance, error.validator
    missing = kind == "required" or instance is None
    if isinstance(key, int):  # an item of changes or values that is no mapping
        return f"must be {ITEM_IS[location[-2]]}"
    if key in EXAMPLES:
        if kind == "maxLength":
            return f"is {len(instance)} characters long; keep it under {error.validator_value}"
        if kind == "type" and not missing:
            return f"must be text; got {type(instance).__name__}. Write {EXAMPLES[key]}"
        return f"is missing; every reform needs a {key}: {EXAMPLES[key]}"
    if key in LIST_OF:
        if kind == "maxItems":
            return f"at most {error.validator_value} {AT_MOST[key]}; got {len(instance)}"
        return f"must be a non-empty list of {LIST_OF[key]}"
    if key in MISSING and (missing or key == "parameter"):
        return MISSING[key]
    if key in ("start", "stop"):
        tree.parse_date(instance, field_name(location))  # raises its message: not a date, YYYY-MM-DD
    if key == "metadata":
        return "must be a mapping (free notes such as author, date); or leave it out"
    if key == "allow_past_repeal":
        return f"must be true or false; got {instance!r}"
    if key == "note":
        on = "value" if "values" in location else "change"
        return f"must be text (a short comment on this {on}); or leave it out"
    return error.message  # pragma: no cover - every keyword of the schema is mapped above


def _unknown_keys(mapping: dict, allowed: list) -> str:
    hints = []
    for key in sorted(str(k) for k in mapping if k not in allowed):
        close = difflib.get_close_matches(key, allowed, n=1)
        hints.append(f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    return f"unknown key {', '.join(hints)}; allowed keys are {', '.join(allowed)}"
