"""OpenAPI 3 description of POST /entitlement and POST /entitlements, with examples."""

from __future__ import annotations

from openfisca_kz_housing import model_inputs
from openfisca_kz_housing.api.inputs_values import INCOME_VARIABLES

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
_money_by_month = {
    "type": "object",
    "additionalProperties": {"type": "number", "minimum": 0},
    "example": {"2021-01": 70000, "2021-02": 70000, "2021-03": 70000},
}


def _by_month_or_plain(schema: dict) -> dict:
    return {
        "oneOf": [
            schema,
            {
                "type": "object",
                "additionalProperties": schema,
                "description": "Values keyed by month YYYY-MM; must contain the judged month.",
            },
        ]
    }


def _need(item: model_inputs.Input) -> str:
    if item.required_in_request:
        return "Required"
    if item.name == "rent_expense":
        return "Required for " + " and ".join(model_inputs.RENT_TENURES)
    default = item.default.name if item.enum is not None else item.default
    return f"Optional, default {str(default).lower() if item.kind == 'bool' else default}"


def input_schema(item: model_inputs.Input) -> dict:
    """The JSON schema of one household input, from its variable (model_inputs.py): type, bounds, text."""
    if item.enum is not None:
        schema = {"type": "string", "enum": list(item.values)}
    elif item.kind == "bool":
        schema = {"type": "boolean"}
    elif item.kind == "date":
        schema = {"type": "string", "format": "date"}
    else:
        schema = {"type": "integer" if item.kind == "count" else "number", "minimum": item.minimum}
        if item.strict_minimum:
            schema["exclusiveMinimum"] = True
        schema["maximum"] = item.maximum
    schema["description"] = f"{item.label}. {_need(item)} ({item.reference})."
    return schema


HOUSEHOLD_VALUES = {
    name: _by_month_or_plain(input_schema(item)) for name, item in model_inputs.household_inputs().items()
}
APPLICATION_DATE_SCHEMA = {
    "type": "string",
    "format": "date",
    "example": "2023-06-27",
    "description": (
        "Optional filing date YYYY-MM-DD of the application covering the month (items 6, 10, 11). Not given: the "
        "family is taken to have applied in time. Filed on or before the 25th of its quarter's last month: covers "
        "that quarter from the month of filing; after it: the next quarter from its first month. A month not "
        "covered pays 0 with the reason not_covered_by_application (eligible stays item 1's answer). Example: "
        "filed 2023-06-27, June 2023 pays 0 and July 2023 pays on the second quarter's income."
    ),
}
HOUSEHOLD_VALUES["application_date"] = _by_month_or_plain(APPLICATION_DATE_SCHEMA)
HOUSEHOLD_VALUES["housing_aid_application_date"] = _by_month_or_plain(
    dict(APPLICATION_DATE_SCHEMA, description="The model's name of application_date (either may be given).")
)

EXAMPLE_SITUATION = {
    "date": "2021-05-01",
    "persons": {
        "aigerim": {"salary": {"2021-01": 70000, "2021-02": 70000, "2021-03": 70000}},
        "bolat": {"pension": {"2021-01": 45000, "2021-02": 45000, "2021-03": 45000}},
    },
    "households": {
        "household": {
            "applicant": "aigerim",
            "other_members": ["bolat"],
            "dwelling_area": 54,
            "dwelling_rooms": 2,
            "tenure": "owner",
            "maintenance_expense": 3500,
            "heating_expense": 14000,
            "utility_expense": 6500,
        }
    },
}

EXAMPLE_ANSWER = {
    "date": "2021-05-01",
    "month": "2021-05",
    "judged_on": "2021-05-01",
    "in_force": True,
    "act": {
        "id": "3/5-VII",
        "number": "3/5-VII",
        "kind": "amendment",
        "adopted": "2021-03-26",
        "in_force": "2021-04-05",
        "in_force_basis": "estimated from adoption",
        "adilet_id": None,
    },
    "no_decision_in_force": None,
    "later_change_in_month": None,
    "households": {
        "household": {
            "month": "2021-05",
            "housing_aid": 6666.67,
            "eligible": True,
            "ineligibility_reasons": [],
            "figures": {
                "income_base": 115000.0,
                "expense_limit": 11500.0,
                "norm_area": 36.0,
                "dwelling_area": 54.0,
                "area_scale": 0.666667,
                "accepted_expenses": 18166.67,
            },
            "explanation": [
                {
                    "item": "2",
                    "text": (
                        "Item 2: housing aid = accepted expenses 18 166.67 - limit 11 500.00 = 6 666.67 tenge a month."
                    ),
                }
            ],
            "warnings": [],
        }
    },
    "model": {"package": "openfisca-kz-housing", "version": "0.7.0", "openfisca_core": "46.0.1"},
    "lang": "en",
}

EXAMPLE_RECORDS = {
    "date": "2021-05-01",
    "households": [
        {
            "id": "h1",
            "dwelling_area": 54,
            "dwelling_rooms": 2,
            "tenure": "owner",
            "maintenance_expense": 3500,
            "heating_expense": 14000,
            "utility_expense": 6500,
            "members": [
                {"id": "aigerim", "salary": {"2021-01": 70000, "2021-02": 70000, "2021-03": 70000}},
                {"id": "bolat", "pension": {"2021-01": 45000, "2021-02": 45000, "2021-03": 45000}},
            ],
        },
    ],
}

EXAMPLE_COLUMNS = {
    "date": "2021-05-01",
    "households": {
        "id": ["h1", "h2"],
        "dwelling_area": [54, 30],
        "dwelling_rooms": [2, 1],
        "tenure": ["owner", "state_housing_tenant"],
        "maintenance_expense": [3500, 0],
        "heating_expense": [14000, 9000],
        "rent_expense": [0, 4000],
        "utility_expense": [6500, 3000],
    },
    "persons": {
        "household": ["h1", "h1", "h2"],
        "salary": {"2021-01": [70000, 0, 40000], "2021-02": [70000, 0, 40000], "2021-03": [70000, 0, 40000]},
        "pension": {"2021-01": [0, 45000, 0], "2021-02": [0, 45000, 0], "2021-03": [0, 45000, 0]},
    },
}

EXAMPLE_APPLICATION_DATE = {
    "date": "2023-06-01",
    "application_date": "2023-06-27",
    "households": [
        {
            "id": "late",
            "dwelling_area": 30,
            "dwelling_rooms": 1,
            "tenure": "owner",
            "maintenance_expense": 0,
            "heating_expense": 0,
            "utility_expense": 5000,
            "members": [{"id": "a", "salary": {"2023-01": 30000, "2023-02": 30000, "2023-03": 30000}}],
        },
        {
            "id": "in_time",
            "application_date": "2023-06-20",
            "dwelling_area": 30,
            "dwelling_rooms": 1,
            "tenure": "owner",
            "maintenance_expense": 0,
            "heating_expense": 0,
            "utility_expense": 5000,
            "members": [{"id": "b", "salary": {"2023-01": 30000, "2023-02": 30000, "2023-03": 30000}}],
        },
    ],
}

OPENAPI_SCHEMAS = {
    "EntitlementRequest": {
        "type": "object",
        "required": ["date", "persons", "households"],
        "properties": {
            "date": {
                "type": "string",
                "format": "date",
                "description": (
                    "The day asked about; its month is judged by the rules in force on the month's first day."
                ),
            },
            "persons": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "properties": {name: _money_by_month for name in INCOME_VARIABLES},
                    "additionalProperties": False,
                },
                "description": (
                    "Each person's countable income per month (item 3): for every month of the quarter before the "
                    "judged month's quarter, at least one of salary, pension, social_benefits, other_income (0 is "
                    "valid)."
                ),
            },
            "households": {
                "type": "object",
                "maxProperties": 100,
                "additionalProperties": {
                    "type": "object",
                    "required": ["applicant"],
                    "properties": {
                        "applicant": {"type": "string"},
                        "other_members": {"type": "array", "items": {"type": "string"}},
                        **HOUSEHOLD_VALUES,
                    },
                    "additionalProperties": False,
                },
            },
            "application_date": dict(
                APPLICATION_DATE_SCHEMA,
                description=(
                    "Optional: the application date of every household of the request that gives none of its own. "
                )
                + APPLICATION_DATE_SCHEMA["description"],
            ),
            "reform": {
                "type": "object",
                "description": (
                    "Optional inline data reform (issue 4 format); the answer then carries baseline and reform side "
                    "by side."
                ),
            },
        },
        "example": EXAMPLE_SITUATION,
    },
    "BatchRequest": {
        "type": "object",
        "required": ["date", "households"],
        "description": (
            "Records: households is an array, each with members (the first is the applicant). Columns: households is "
            "an object of arrays and persons an object of columns with 'household' (index or id of each person's "
            "household; the first person of a household is its applicant)."
        ),
        "properties": {
            "date": {"type": "string", "format": "date"},
            "application_date": dict(
                APPLICATION_DATE_SCHEMA,
                description=(
                    "Optional: for every household that gives none (records: 'application_date' per record; columns: "
                    "an 'application_date' column, null = not given)."
                ),
            ),
            "households": {
                "oneOf": [
                    {
                        "type": "array",
                        "maxItems": 20000,
                        "items": {
                            "type": "object",
                            "required": ["members"],
                            "properties": {
                                "id": {"type": "string"},
                                "members": {"type": "array", "items": {"type": "object"}},
                                **HOUSEHOLD_VALUES,
                            },
                        },
                    },
                    {"type": "object", "additionalProperties": {"type": "array", "items": {}}},
                ]
            },
            "persons": {
                "type": "object",
                "properties": {"household": {"type": "array", "items": {}}},
                "additionalProperties": {"type": "object"},
            },
            "reform": {"type": "object"},
        },
        "example": EXAMPLE_RECORDS,
    },
    "EntitlementAnswer": {
        "type": "object",
        "example": EXAMPLE_ANSWER,
        "properties": {
            "month": {"type": "string"},
            "in_force": {"type": "boolean"},
            "act": {"allOf": [{"$ref": "#/components/schemas/Act"}], "nullable": True},
            "households": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        "housing_aid": {"type": "number"},
                        "eligible": {"type": "boolean"},
                        "figures": {"type": "object"},
                        "explanation": {"type": "array", "items": {"type": "object"}},
                    },
                },
            },
        },
    },
}

OPENAPI_PATHS = {
    "/entitlement": {
        "post": {
            "tags": ["Housing aid"],
            "summary": "Housing aid of one or a few households on a date, with the act applied and an explanation",
            "operationId": "postEntitlement",
            "description": (
                "Judges the date's month by the rules in force on its first day and reports an act taking effect "
                "later in that month. Missing required inputs give a 400 listing them by month. At most 100 "
                "households. Optional application_date (top level or per household, YYYY-MM-DD; items 10-11): a month "
                "the application does not cover pays 0 with the reason not_covered_by_application. A rent given for a "
                "tenure whose rent does not count (item 1, third direction: only "
                + " and ".join(model_inputs.RENT_TENURES) + ") is left out with the warning rent_not_counted."
            ),
            "parameters": [{"$ref": "#/components/parameters/Lang"}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/EntitlementRequest"},
                        "example": EXAMPLE_SITUATION,
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "Per household: aid, eligibility and reasons, figures, act, explanation.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/EntitlementAnswer"},
                            "example": EXAMPLE_ANSWER,
                        }
                    },
                },
                "400": {"$ref": "#/components/responses/Error"},
                "413": {"$ref": "#/components/responses/Error"},
            },
        }
    },
    "/entitlements": {
        "post": {
            "tags": ["Housing aid"],
            "summary": "Housing aid of many households (records or columns), built from arrays",
            "operationId": "postEntitlements",
            "description": (
                "At most 20,000 households and 16 MiB per request. Answers in the shape asked (records or columns): "
                "housing_aid, eligible, income_base, expense_limit, norm_area, accepted_expenses, "
                "ineligibility_reasons (codes, explained in 'reasons')."
            ),
            "parameters": [{"$ref": "#/components/parameters/Lang"}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/BatchRequest"},
                        "examples": {
                            "records": {"value": EXAMPLE_RECORDS},
                            "columns": {"value": EXAMPLE_COLUMNS},
                            "application_date": {
                                "summary": "Items 10-11: filed after the cutoff, June pays 0",
                                "value": EXAMPLE_APPLICATION_DATE,
                            },
                        },
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "One result per household, in order.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "400": {"$ref": "#/components/responses/Error"},
                "413": {"$ref": "#/components/responses/Error"},
            },
        }
    },
}
