"""GET /revisions: the timeline of decision 56/2-VI (original, amendments, repeal); ``?date=`` gives
the act in force on that day (or none) and the next change after it. Data: ``revisions.yaml``."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from openfisca_kz_housing import revisions
from openfisca_kz_housing.api import explain, i18n
from openfisca_kz_housing.api.inputs_values import read_date
from openfisca_kz_housing.api.routes.entitlement import act_block

blueprint = Blueprint("revisions", __name__)


@blueprint.route("/revisions", methods=["GET"])
def get_revisions():
    lang = i18n.request_language()
    instrument = revisions.instrument()
    answer = {
        "instrument": instrument.key,
        "title": instrument.title[lang],
        "issuing_body": instrument.issuing_body[lang],
        "entry_into_force_rule": instrument.entry_into_force_rule,
        "parameters": instrument.parameters,
        "start": instrument.start.isoformat(),
        "end": instrument.end.isoformat() if instrument.end else None,
        "before": instrument.before,
        "after": instrument.after,
        "lang": lang,
    }
    if "date" in request.args:
        date = read_date({"date": request.args["date"]})
        act = instrument.act_on(date)
        change = instrument.next_change_after(date)
        answer.update({
            "date": date.isoformat(),
            "in_force": act is not None,
            "act": act_block(act, lang),
            "message": explain.no_act_on_day(date.isoformat(), lang) if act is None else None,
            "next_change": act_block(change, lang),
        })
    else:
        answer["acts"] = [act_block(act, lang) for act in instrument.acts]
    return jsonify(answer)


_ACT = {"type": "object", "description": "An act of the decision's history (revision registry).", "properties": {
    "id": {"type": "string"}, "kind": {"type": "string", "enum": ["original", "amendment", "repeal"]},
    "number": {"type": "string"}, "adopted": {"type": "string", "format": "date"},
    "registered": {"type": "string", "format": "date", "nullable": True},
    "registration_number": {"type": "string", "nullable": True},
    "published": {"type": "string", "format": "date", "nullable": True},
    "in_force": {"type": "string", "format": "date"},
    "in_force_basis": {"type": "string", "enum": list(revisions.IN_FORCE_BASES)},
    "adilet_id": {"type": "string", "nullable": True}, "adilet_url": {"type": "string", "nullable": True},
    "changes": {"type": "string"}, "instrument_title": {"type": "string"}}}

OPENAPI_SCHEMAS = {"Act": _ACT}

OPENAPI_PATHS = {
    "/revisions": {
        "get": {
            "tags": ["Housing aid"],
            "summary": "Timeline of decision 56/2-VI, or the act in force on a date",
            "operationId": "getRevisions",
            "parameters": [
                {
                    "name": "date",
                    "in": "query",
                    "required": False,
                    "description": (
                        "A day, YYYY-MM-DD: answer the act in force then (null outside the law) and the next change."
                    ),
                    "schema": {"type": "string", "format": "date"},
                    "example": "2021-05-01",
                },
                {"$ref": "#/components/parameters/Lang"},
            ],
            "responses": {
                "200": {
                    "description": "The timeline (without date) or the act in force on the date.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "acts": {"type": "array", "items": {"$ref": "#/components/schemas/Act"}},
                                    "act": {"allOf": [{"$ref": "#/components/schemas/Act"}], "nullable": True},
                                    "in_force": {"type": "boolean"},
                                },
                            },
                            "example": {
                                "date": "2021-05-01",
                                "in_force": True,
                                "act": {
                                    "id": "3/5-VII",
                                    "in_force": "2021-04-05",
                                    "in_force_basis": "estimated from adoption",
                                },
                            },
                        }
                    },
                },
                "400": {"$ref": "#/components/responses/Error"},
            },
        }
    }
}
