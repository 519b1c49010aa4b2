"""The data-reform format, written once: an OpenAPI 3.0 schema (served by /spec) from which the JSON
Schema that validates every data reform is derived (``validation_schema``; structure.py maps its errors
to messages naming the field and the fix). What a schema cannot say (real dates, overlaps, a path
listed twice, values against the law) is checked in data.py and checks.py."""

from __future__ import annotations

import copy
import functools

from openfisca_kz_housing.parameter_paths import DECISION

MAX_CHANGES = 100
MAX_VALUES = 100
MAX_NAME = 200
MAX_DESCRIPTION = 5000
NOT_BLANK = r"\S"  # at least one character that is not a space
EXAMPLE_PARAMETER = f"{DECISION}.income_share"
EXAMPLE_REFORM = {
    "name": "Income share 8 % in 2023",
    "description": "What if families paid 8 % of their income in 2023?",
    "changes": [{"parameter": EXAMPLE_PARAMETER,
                 "values": [{"start": "2023-01-01", "stop": "2023-12-31", "value": 0.08}]}],
}
DATE = {"type": "string", "format": "date", "example": "2023-01-01"}

DATA_REFORM_SCHEMA = {
    "type": "object",
    "description": "A data reform: dated parameter values, checked against the law, never executed "
                   "(docs/reforms.md). Periods may not run past a repeal or, without a stop, over later "
                   "revisions unless the change says allow_past_repeal: true.",
    "required": ["name", "description", "changes"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": MAX_NAME, "pattern": NOT_BLANK},
        "description": {"type": "string", "minLength": 1, "maxLength": MAX_DESCRIPTION, "pattern": NOT_BLANK},
        "metadata": {"type": "object", "description": "free notes (author, date), not interpreted"},
        "changes": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_CHANGES,
            "items": {
                "type": "object",
                "required": ["parameter", "values"],
                "additionalProperties": False,
                "properties": {
                    "parameter": {"type": "string", "pattern": NOT_BLANK, "example": EXAMPLE_PARAMETER},
                    "values": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": MAX_VALUES,
                        "items": {
                            "type": "object",
                            "required": ["start", "value"],
                            "additionalProperties": False,
                            "properties": {
                                "start": DATE,
                                "stop": {**DATE, "nullable": True, "example": "2023-12-31",
                                         "description": "last day the value applies (included)"},
                                "value": {"description": "a number in the parameter's unit (a share as a "
                                                         "fraction: 0.08) or true/false for a flag",
                                          "oneOf": [{"type": "number"}, {"type": "boolean"}]},
                                "note": {"type": "string", "nullable": True},
                            },
                        },
                    },
                    "allow_past_repeal": {"type": "boolean", "default": False},
                    "note": {"type": "string", "nullable": True},
                },
            },
        },
    },
    "example": EXAMPLE_REFORM,
}


@functools.cache
def validation_schema() -> dict:
    """``DATA_REFORM_SCHEMA`` as JSON Schema: OpenAPI's ``nullable: true`` becomes a ``null`` type."""
    return _json_schema(copy.deepcopy(DATA_REFORM_SCHEMA))


def _json_schema(node):
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _json_schema(value) for key, value in node.items() if key not in ("nullable", "example")}
    if node.get("nullable"):
        out["type"] = [node["type"], "null"]
    return out
