"""Merging our routes into the stock OpenAPI 3 document served at /spec."""

from __future__ import annotations

import copy

from openfisca_kz_housing.api.errors import CATALOG

COMMON_PARAMETERS = {
    "Lang": {
        "name": "lang",
        "in": "query",
        "required": False,
        "description": "Language of messages and explanations (else Accept-Language, else en).",
        "schema": {"type": "string", "enum": ["en", "kk", "ru"]},
        "example": "ru",
    }
}

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error", "code", "fix"],
    "properties": {
        "error": {"type": "string", "description": "What is wrong, in the requested language."},
        "code": {"type": "string", "enum": sorted(CATALOG), "description": "Stable error code."},
        "field": {"type": "string", "nullable": True, "description": "JSON path of the faulty field."},
        "fix": {"type": "string", "description": "How to fix the request, in the requested language."},
        "lang": {"type": "string", "enum": ["en", "kk", "ru"]},
        "missing": {
            "type": "array",
            "description": "For code missing_inputs: each missing input and its months.",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "months": {"type": "array", "items": {"type": "string"}},
                    "give": {"type": "string"},
                },
            },
        },
        "missing_count": {"type": "integer"},
    },
}

ERROR_EXAMPLE = {
    "error": "Required inputs are missing (1): see 'missing' for each field and month.",
    "code": "missing_inputs",
    "field": None,
    "fix": "Give each listed input for the months listed; an explicit 0 is a valid value.",
    "lang": "en",
    "missing": [
        {
            "field": "persons.bolat",
            "months": ["2021-02", "2021-03"],
            "give": "salary | pension | social_benefits | other_income",
        }
    ],
    "missing_count": 1,
}

COMMON_RESPONSES = {
    "Error": {
        "description": "A request the API refuses: what is wrong, which field, and how to fix it.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}, "example": ERROR_EXAMPLE}},
    }
}


def merge(spec: dict, paths: dict, schemas: dict) -> dict:
    """The stock spec with our paths, schemas, common parameters and responses (a new dict)."""
    spec = copy.deepcopy(spec)
    spec.setdefault("paths", {}).update(copy.deepcopy(paths))
    components = spec.setdefault("components", {})
    components.setdefault("schemas", {}).update(copy.deepcopy(schemas))
    components["schemas"]["Error"] = copy.deepcopy(ERROR_SCHEMA)
    components.setdefault("parameters", {}).update(copy.deepcopy(COMMON_PARAMETERS))
    components.setdefault("responses", {}).update(copy.deepcopy(COMMON_RESPONSES))
    tags = spec.setdefault("tags", [])
    if not any(tag.get("name") == "Housing aid" for tag in tags):
        tags.append(
            {
                "name": "Housing aid",
                "description": "Altai district housing aid (decision 56/2-VI, 2019-2024): "
                "entitlements on a date, with the act that answered.",
            }
        )
    return spec


def stock_examples() -> dict:
    """``open_api_config`` for the stock spec: the tax-benefit system's own (one source: its example
    variable, parameter and the /calculate situation of ``situation_examples/``)."""
    from openfisca_kz_housing import tax_benefit_system

    return copy.deepcopy(tax_benefit_system().open_api_config)
