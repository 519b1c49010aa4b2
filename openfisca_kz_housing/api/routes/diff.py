"""Web API route ``/diff`` (issue 4): what changed between two dates, or under a reform.

Auto-registered by the API of issue 3 (it registers every ``blueprint`` of ``api/routes/`` and merges
``OPENAPI_PATHS`` into ``/spec``).

* ``GET /diff?from=2021-06-01&to=2023-01-01[&lang=en|kk|ru]``: parameters whose value differs, with acts.
* ``POST /diff`` with ``{"reform": <data reform> | [<data reform or code reform name>, ...],
  "date": "2023-06-01" (optional), "lang": "en"}``: what the reform changes against the law.
  Only inline data reforms (JSON objects) and the names of this package's code reforms are accepted:
  never a file path or another dotted path.
Errors are HTTP 400 in the shape and language of the API's other errors (``{"error", "code", "field",
"fix", "lang"}``); a body over 100 KB is HTTP 413.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from openfisca_kz_housing import dates
from openfisca_kz_housing.api.errors import ApiError, describe_type
from openfisca_kz_housing.api.query import check_query, read_lang
from openfisca_kz_housing.reforms import CODE_REFORMS
from openfisca_kz_housing.reforms import diff as differ
from openfisca_kz_housing.reforms.schema import DATA_REFORM_SCHEMA

MAX_BODY_BYTES = 100_000
BODY_LIMITS = {"/diff": MAX_BODY_BYTES}  # checked by the app before the body is read
blueprint = Blueprint("kz_housing_diff", __name__)
EXAMPLE_GET = "/diff?from=2021-06-01&to=2023-01-01"
EXAMPLE_POST = '{"reform": {"name": "...", "description": "...", "changes": [...]}, "date": "2023-06-01"}'


@blueprint.after_app_request
def _keep_message(response):
    """/diff errors kept a ``message`` key before they took the API's shape: it stays, equal to ``error``."""
    if request.path.rstrip("/") == "/diff" and response.status_code >= 400 and response.is_json:
        body = response.get_json(silent=True)
        if isinstance(body, dict) and "error" in body and "message" not in body:
            body["message"] = body["error"]
            response.set_data(current_app.json.dumps(body))
    return response


@blueprint.get("/diff")
def diff_dates():
    # A ReformError (bad date, dates swapped) becomes a 400 in api.errors.from_domain.
    lang = check_query(("from", "to", "lang"), example=EXAMPLE_GET)
    for key in ("from", "to"):
        if not request.args.get(key):
            raise ApiError("missing_field", field=key, hint=f"Give two dates YYYY-MM-DD, for example {EXAMPLE_GET}.")
    for key in ("from", "to"):  # a month means its first day
        dates.parse_day(request.args[key], key, month_means_first_day=True)
    return jsonify(differ.diff_dates(request.args["from"], request.args["to"], lang=lang))


@blueprint.post("/diff")
def diff_reform():
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise ApiError("body_too_large", status=413, field="body", limit=MAX_BODY_BYTES, max_households=0)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError("body_not_object", field="body", got=describe_type(body), example=EXAMPLE_POST)
    unknown = sorted(set(body) - {"reform", "date", "lang"})
    if unknown:
        raise ApiError("unknown_key", field=unknown[0][:60], allowed="reform, date, lang")
    lang = read_lang(body.get("lang"))
    reforms = body.get("reform")
    reforms = reforms if isinstance(reforms, list) else [reforms]
    if not reforms or reforms == [None]:
        raise ApiError("missing_field", field="reform", hint="Give an inline data reform {name, description, changes}.")
    for i, reform in enumerate(reforms):
        if not (isinstance(reform, dict) or (isinstance(reform, str) and reform in CODE_REFORMS)):
            raise ApiError(
                "invalid_reform",
                field=f"reform[{i}]",
                detail="must be an inline data reform (a JSON object) "
                "or the name of a code reform: " + ", ".join(sorted(CODE_REFORMS)),
            )
    date = body.get("date")
    if date is not None and not isinstance(date, str):
        raise ApiError(
            "wrong_type",
            field="date",
            expected="a date string YYYY-MM-DD",
            got=describe_type(date),
            example='"2023-06-01"',
        )
    if date is not None:
        dates.parse_day(date, "date", month_means_first_day=True)
    return jsonify(differ.diff_reform(reforms, date, lang=lang))


_ERROR = {
    "description": "Invalid request: the message names the field and the fix",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "error": {"type": "string"},
                    "code": {"type": "string"},
                    "field": {"type": "string", "nullable": True},
                    "fix": {"type": "string"},
                    "lang": {"type": "string"},
                },
            }
        }
    },
}
OPENAPI_PATHS = {
    "/diff": {
        "get": {
            "summary": "Parameters whose value differs between two dates, with the acts that changed them",
            "tags": ["Reforms"],
            "parameters": [
                {
                    "name": "from",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string", "format": "date"},
                    "example": "2021-06-01",
                },
                {
                    "name": "to",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string", "format": "date"},
                    "example": "2023-01-01",
                },
                {
                    "name": "lang",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": list(differ.LANGUAGES), "default": "en"},
                },
            ],
            "responses": {
                "200": {
                    "description": "from, to, parameters [{parameter, label, unit, old, new, "
                    "old_act, new_act, changed_by}], acts"
                },
                "400": _ERROR,
            },
        },
        "post": {
            "summary": "What a reform changes against the law (parameters and formulas), on a date or over time",
            "tags": ["Reforms"],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["reform"],
                            "properties": {
                                "reform": {
                                    "description": "an inline data reform, a code reform name, or a list of them "
                                    "(applied in order)",
                                    "oneOf": [
                                        {"$ref": "#/components/schemas/DataReform"},
                                        {"type": "string", "enum": sorted(CODE_REFORMS)},
                                        {"type": "array", "items": {}},
                                    ],
                                },
                                "date": {"type": "string", "format": "date"},
                                "lang": {"type": "string", "enum": list(differ.LANGUAGES)},
                            },
                        },
                        "example": {"reform": DATA_REFORM_SCHEMA["example"], "date": "2023-06-01"},
                    }
                },
            },
            "responses": {
                "200": {"description": "date, reforms [{name, description, kind, source}], parameters, variables"},
                "400": _ERROR,
                "413": {"description": "body larger than 100 KB"},
            },
        },
    },
}

# Merged into /spec components by the API of issue 3; other routes may reference it too.
OPENAPI_SCHEMAS = {"DataReform": DATA_REFORM_SCHEMA}
