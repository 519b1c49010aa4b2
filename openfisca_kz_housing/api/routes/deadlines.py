"""GET /deadlines?date=YYYY-MM-DD&procedure=housing_aid|housing_queue[&first=true|false]

Procedure deadlines from an application date (``openfisca_kz_housing.deadlines``): for housing aid
(Altai decision 56/2-VI, Annex 1, items 6, 9, 10, 11) and for the Almaty housing queue (resolution
2/516, items 10 and 17). A bad query (an unknown parameter or ``lang`` included: ``api/query.py``) answers
400 with JSON naming the field and the fix, in the error shape of the API: ``{"error", "code", "field",
"fix", "lang"}``. The texts of the answer (``notes``, ``first_month_basis``) are in the request's language
(``?lang=``, then Accept-Language; English by default, unchanged).
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from openfisca_kz_housing import deadlines
from openfisca_kz_housing.api.errors import ApiError, describe_type
from openfisca_kz_housing.api.query import check_query

blueprint = Blueprint("deadlines", __name__)

PARAMETERS = ("date", "procedure", "first", "lang")
TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no")


@blueprint.route("/deadlines", methods=["GET"])
def get_deadlines():
    lang = check_query(PARAMETERS, example="/deadlines?date=2023-03-20&procedure=housing_aid")
    date = request.args.get("date")
    if not date:
        raise ApiError(
            "missing_field",
            field="date",
            hint="Give the application date as ?date=YYYY-MM-DD, for example ?date=2023-03-20.",
        )
    first = request.args.get("first", "true").strip().lower()
    if first not in TRUE + FALSE:
        raise ApiError(
            "wrong_type",
            field="first",
            expected="true or false",
            got=describe_type(request.args["first"]),
            example="first=false",
        )
    # A DeadlineError (bad date, unknown procedure) becomes a 400 in api.errors.from_domain.
    result = deadlines.deadlines(
        date, procedure=request.args.get("procedure", "housing_aid"), first_application=first in TRUE, lang=lang
    )
    return jsonify(result.as_dict())


_DATE = {"type": "string", "format": "date"}
_COMMON = {
    "procedure": {"type": "string", "enum": list(deadlines.PROCEDURES)},
    "application_date": _DATE,
    "in_force": {
        "type": "boolean",
        "description": "Whether the act applies on the date (figures are given either way).",
    },
    "act": {"type": "string", "nullable": True, "description": "The act of the registry in force on the date."},
    "notes": {"type": "array", "items": {"type": "string"}, "description": "In the request's language (en, kk, ru)."},
}

OPENAPI_SCHEMAS = {
    "HousingAidDeadlines": {
        "type": "object",
        "properties": {
            **_COMMON,
            "first_application": {"type": "boolean"},
            "quarter_of_application": {"type": "string", "example": "2023-Q1"},
            "intake_cutoff": {**_DATE, "description": "Item 11: the 25th of the quarter's last month (included)."},
            "accepted_for_current_quarter": {"type": "boolean"},
            "quarter_applied_for": {"type": "string"},
            "first_month_of_aid": {
                "type": "string",
                "example": "2023-03",
                "description": (
                    "The first month the application covers, as the model covers it (variables/application.py): "
                    "item 10, a first application: the month of application; a repeat application: the first "
                    "month of its quarter (an interpretation, see repeat_covers_whole_quarter); item 11, filed after "
                    "the cut-off: the next quarter's first month."
                ),
            },
            "last_month_of_aid": {
                "type": "string",
                "example": "2023-03",
                "description": "The last month the application covers: the last month of quarter_applied_for (item 6).",
            },
            "repeat_covers_whole_quarter": {
                "type": "boolean",
                "description": (
                    "The interpretation switch procedure.repeat_application_covers_whole_quarter on the date: true, a "
                    "repeat application covers its whole quarter (item 10 fixes the month of application as the "
                    "start only for a first application)."
                ),
            },
            "first_month_basis": {"type": "string", "description": "In the request's language (en, kk, ru)."},
            "decision_due": {**_DATE, "description": "Item 9: the 8th working day after the application day."},
            "decision_working_days": {"type": "integer"},
            "apply_again_from": {
                **_DATE,
                "nullable": True,
                "description": "Item 6: null when the next quarter starts after the repeal.",
            },
            "apply_again_until": {**_DATE, "nullable": True, "description": "Item 6: never on or after the repeal."},
            "repealed_from": {
                **_DATE,
                "nullable": True,
                "description": "12/4-VIII in force (estimate, the earliest possible date).",
            },
            "after_repeal": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Deadlines falling on or after the repeal.",
            },
            "application_day_is_working_day": {"type": "boolean"},
        },
    },
    "HousingQueueDeadlines": {
        "type": "object",
        "properties": {
            **_COMMON,
            "due_date": {**_DATE, "description": "Item 10: application date + 30 calendar days."},
            "calendar_days": {"type": "integer"},
            "due_date_is_working_day": {"type": "boolean"},
            "due_date_moved_to_working_day": {
                **_DATE,
                "description": (
                    "Civil Code rule on terms: the next working day if the term ends on a day off (the literal term "
                    "is due_date)."
                ),
            },
            "answer_at_service_centre_by": {
                **_DATE,
                "description": "Item 17: the answer reaches the service centre one day before the term.",
            },
        },
    },
}

OPENAPI_PATHS = {
    "/deadlines": {
        "get": {
            "tags": ["Deadlines"],
            "summary": "Procedure deadlines from an application date (housing aid or housing queue)",
            "operationId": "getDeadlines",
            "parameters": [
                {
                    "name": "date",
                    "in": "query",
                    "required": True,
                    "schema": _DATE,
                    "example": "2023-03-20",
                    "description": "Application date (the day the complete file is received), YYYY-MM-DD.",
                },
                {
                    "name": "procedure",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": list(deadlines.PROCEDURES), "default": "housing_aid"},
                },
                {
                    "name": "first",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "boolean", "default": True},
                    "description": "Housing aid: a first application (true) or a repeat one (false).",
                },
            ],
            "responses": {
                "200": {
                    "description": "The deadlines.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "oneOf": [
                                    {"$ref": "#/components/schemas/HousingAidDeadlines"},
                                    {"$ref": "#/components/schemas/HousingQueueDeadlines"},
                                ]
                            },
                            "example": {
                                "procedure": "housing_aid",
                                "application_date": "2023-03-20",
                                "in_force": True,
                                "act": "23/2-VII",
                                "accepted_for_current_quarter": True,
                                "first_month_of_aid": "2023-03",
                                "last_month_of_aid": "2023-03",
                                "decision_due": "2023-04-04",
                                "apply_again_from": "2023-04-01",
                            },
                        }
                    },
                },
                "400": {
                    "description": "Bad query: the body names the field and the fix.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "error": {"type": "string"},
                                    "code": {"type": "string"},
                                    "field": {"type": "string"},
                                    "fix": {"type": "string"},
                                    "lang": {"type": "string"},
                                },
                            },
                            "example": {
                                "error": "date is required.",
                                "code": "missing_field",
                                "field": "date",
                                "fix": "Give the application date as ?date=YYYY-MM-DD, for example ?date=2023-03-20.",
                                "lang": "en",
                            },
                        }
                    },
                },
            },
        }
    }
}
