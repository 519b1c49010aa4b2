"""Web API route ``/diff`` (issue 4): what changed between two dates, or under a reform.

Auto-registered by the API of issue 3 (it registers every ``blueprint`` of ``api/routes/`` and merges
``OPENAPI_PATHS`` into ``/spec``).

* ``GET /diff?from=2021-06-01&to=2023-01-01[&lang=en|kk|ru]``: parameters whose value differs, with acts.
* ``POST /diff`` with ``{"reform": <data reform> | [<data reform or code reform name>, ...],
  "date": "2023-06-01" (optional), "lang": "en"}``: what the reform changes against the law.
  Only inline data reforms (JSON objects) and the names of this package's code reforms are accepted:
  never a file path or another dotted path.
Errors are HTTP 400 with ``{"error", "code": "invalid_reform", "field", "message", "lang"}`` (the shape of
the API's other errors; messages in English); a body over 100 KB is HTTP 413.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from openfisca_kz_housing.reforms import CODE_REFORMS, ReformError
from openfisca_kz_housing.reforms import diff as differ
from openfisca_kz_housing.reforms.schema import DATA_REFORM_SCHEMA

MAX_BODY_BYTES = 100_000
blueprint = Blueprint("kz_housing_diff", __name__)


def _error(error: ReformError, status: int = 400):
    response = jsonify(error.as_dict())
    response.status_code = status
    return response


@blueprint.get("/diff")
def diff_dates():
    unknown = sorted(set(request.args) - {"from", "to", "lang"})
    try:
        if unknown:
            raise ReformError(f"unknown query parameter {', '.join(unknown)}; use from, to and lang", unknown[0])
        for key in ("from", "to"):
            if not request.args.get(key):
                raise ReformError("is missing; e.g. /diff?from=2021-06-01&to=2023-01-01", key)
        return jsonify(differ.diff_dates(request.args["from"], request.args["to"], lang=request.args.get("lang", "en")))
    except ReformError as error:
        return _error(error)


@blueprint.post("/diff")
def diff_reform():
    if (request.content_length or 0) > MAX_BODY_BYTES:
        return _error(ReformError(f"the body is larger than {MAX_BODY_BYTES} bytes", "body"), 413)
    body = request.get_json(silent=True)
    try:
        if not isinstance(body, dict):
            raise ReformError('send a JSON object: {"reform": {...}, "date": "2023-06-01"}', "body")
        unknown = sorted(set(body) - {"reform", "date", "lang"})
        if unknown:
            raise ReformError(f"unknown key {', '.join(unknown)}; use reform, date and lang", unknown[0])
        reforms = body.get("reform")
        reforms = reforms if isinstance(reforms, list) else [reforms]
        if not reforms or reforms == [None]:
            raise ReformError("is missing: give an inline data reform {name, description, changes}", "reform")
        for i, reform in enumerate(reforms):
            if not (isinstance(reform, dict) or (isinstance(reform, str) and reform in CODE_REFORMS)):
                raise ReformError(
                    "must be an inline data reform (a JSON object) or the name of a code reform: "
                    + ", ".join(sorted(CODE_REFORMS)),
                    f"reform[{i}]",
                )
        return jsonify(differ.diff_reform(reforms, body.get("date"), lang=body.get("lang", "en")))
    except ReformError as error:
        return _error(error)


_ERROR = {"description": "Invalid request: the message names the field and the fix",
          "content": {"application/json": {"schema": {
              "type": "object",
              "properties": {"error": {"type": "string"}, "code": {"type": "string"},
                             "field": {"type": "string", "nullable": True}, "message": {"type": "string"},
                             "lang": {"type": "string"}}}}}}
OPENAPI_PATHS = {
    "/diff": {
        "get": {
            "summary": "Parameters whose value differs between two dates, with the acts that changed them",
            "tags": ["Reforms"],
            "parameters": [
                {"name": "from", "in": "query", "required": True, "schema": {"type": "string", "format": "date"},
                 "example": "2021-06-01"},
                {"name": "to", "in": "query", "required": True, "schema": {"type": "string", "format": "date"},
                 "example": "2023-01-01"},
                {"name": "lang", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": list(differ.LANGUAGES), "default": "en"}},
            ],
            "responses": {"200": {"description": "from, to, parameters [{parameter, label, unit, old, new, "
                                                 "old_act, new_act, changed_by}], acts"},
                          "400": _ERROR},
        },
        "post": {
            "summary": "What a reform changes against the law (parameters and formulas), on a date or over time",
            "tags": ["Reforms"],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {
                    "type": "object",
                    "required": ["reform"],
                    "properties": {
                        "reform": {"description": "an inline data reform, a code reform name, or a list of them "
                                                  "(applied in order)",
                                   "oneOf": [{"$ref": "#/components/schemas/DataReform"},
                                             {"type": "string", "enum": sorted(CODE_REFORMS)},
                                             {"type": "array", "items": {}}]},
                        "date": {"type": "string", "format": "date"},
                        "lang": {"type": "string", "enum": list(differ.LANGUAGES)},
                    },
                }, "example": {
                    "reform": DATA_REFORM_SCHEMA["example"], "date": "2023-06-01"}}},
            },
            "responses": {"200": {"description": "date, reforms [{name, description, kind, source}], parameters, "
                                                 "variables"},
                          "400": _ERROR, "413": {"description": "body larger than 100 KB"}},
        },
    },
}

# Merged into /spec components by the API of issue 3; other routes may reference it too.
OPENAPI_SCHEMAS = {"DataReform": DATA_REFORM_SCHEMA}
