"""The data-reform format as an OpenAPI 3.0 schema (for /spec; the checks themselves are in data.py)."""

from openfisca_kz_housing.reforms import data

DATE = {"type": "string", "format": "date", "example": "2023-01-01"}

DATA_REFORM_SCHEMA = {
    "type": "object",
    "description": "A data reform: dated parameter values, checked against the law, never executed "
                   "(docs/reforms.md). Periods may not run past a repeal or, without a stop, over later "
                   "revisions unless the change says allow_past_repeal: true.",
    "required": ["name", "description", "changes"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": data.MAX_NAME},
        "description": {"type": "string", "minLength": 1, "maxLength": data.MAX_DESCRIPTION},
        "metadata": {"type": "object", "description": "free notes (author, date), not interpreted"},
        "changes": {
            "type": "array",
            "minItems": 1,
            "maxItems": data.MAX_CHANGES,
            "items": {
                "type": "object",
                "required": ["parameter", "values"],
                "additionalProperties": False,
                "properties": {
                    "parameter": {"type": "string",
                                  "example": "local.east_kazakhstan.altai_district.housing_aid.income_share"},
                    "values": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": data.MAX_VALUES,
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
                                "note": {"type": "string"},
                            },
                        },
                    },
                    "allow_past_repeal": {"type": "boolean", "default": False},
                    "note": {"type": "string"},
                },
            },
        },
    },
    "example": {
        "name": "Income share 8 % in 2023",
        "description": "What if families paid 8 % of their income in 2023?",
        "changes": [{"parameter": "local.east_kazakhstan.altai_district.housing_aid.income_share",
                     "values": [{"start": "2023-01-01", "stop": "2023-12-31", "value": 0.08}]}],
    },
}
