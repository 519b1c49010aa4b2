"""POST /entitlement (one request, a few households, explained) and POST /entitlements (batches).

Both judge the month of ``date`` by the rules in force on its first day (the contract's convention) and
name the act that answered (revision registry); both refuse to compute on missing required inputs.
"""

from __future__ import annotations

import numpy as np
from flask import Blueprint, current_app, jsonify, request

from openfisca_kz_housing import model_inputs, revisions
from openfisca_kz_housing.api import engine, explain, i18n, inputs, reform_support
from openfisca_kz_housing.api.errors import ApiError, describe_type
from openfisca_kz_housing.api.inputs_values import household_input
from openfisca_kz_housing.api.openapi_entitlement import OPENAPI_PATHS, OPENAPI_SCHEMAS
from openfisca_kz_housing.enums import DwellingKind, Tenure

__all__ = ["blueprint", "OPENAPI_PATHS", "OPENAPI_SCHEMAS"]  # create_app reads all three

blueprint = Blueprint("entitlement", __name__)

TENURES = [member.name for member in Tenure]
# the household's money inputs (model_inputs.py): maintenance, heating, rent, utility, telephone (item 1)
EXPENSES = model_inputs.names_of_kind("money")


def _body() -> dict:
    body = request.get_json(force=True)
    if not isinstance(body, dict):
        raise ApiError(
            "body_not_object",
            got=describe_type(body),
            example='{"date": "2021-05-01", "persons": {...}, "households": {...}}',
        )
    return body


def _computed_names(tax_benefit_system):
    cache = current_app.extensions["kz_housing"]
    if "computed" not in cache:
        cache["computed"] = {name for name, v in tax_benefit_system.variables.items() if v.formulas}
    return cache["computed"]


def _check_required(population, act, reform) -> None:
    """Item 1-3, 12 inputs must be given when some rule is in force (the baseline's or a reform's)."""
    if act is None and reform is None:
        return
    missing, count = inputs.missing_inputs(population)
    if count:
        raise ApiError("missing_inputs", count=count, extra={"missing": missing, "missing_count": count})


def act_block(act, lang: str, day=None):
    """The act as JSON; ``instrument_title`` is the title in force on ``day`` (default: the act's in-force day)."""
    if act is None:
        return None
    out = act.as_dict()
    out["changes"] = act.changes.get(lang, act.changes.get("en"))
    out["instrument_title"] = revisions.instrument().title_on(day or act.in_force, lang)
    return out


def context(date, month: str, lang: str) -> dict:
    """What every answer says about the law on the date: the act, or none, and a later change."""
    instrument = revisions.instrument()
    first_day = f"{month}-01"
    act = instrument.act_on(first_day)
    change = instrument.next_change_after(first_day)
    later = None
    if change is not None and change.in_force.isoformat()[:7] == month:
        later = {
            "act": act_block(change, lang),
            "takes_effect": change.in_force.isoformat(),
            "message": explain.later_sentence(change, lang),
        }
    return {
        "date": date.isoformat(),
        "month": month,
        "judged_on": first_day,
        "in_force": act is not None,
        "act": act_block(act, lang, first_day),
        "no_decision_in_force": None if act else explain.act_sentence(None, month, lang),
        "later_change_in_month": later,
    }, act


def _decision_value(figures, name: str, i: int, in_force: bool):
    """A figure that is a parameter of the decision (None when the system applies no decision), rounded to
    6 decimals: the model holds it in float32 (0.1 reads back as 0.10000000149011612)."""
    return round(float(figures[name][i]), 6) if in_force else None


def household_rows(tax_benefit_system, population, figures, lang: str, explain_steps: bool, act) -> list[dict]:
    """One answer per household (single endpoint: with figures and explanation), read from the model."""
    rows = []
    for i, household_id in enumerate(population.household_ids):
        kind = figures["dwelling_kind"][i]
        in_force = bool(figures["housing_aid_in_force"][i])
        share = _decision_value(figures, "housing_aid_income_share", i, in_force)
        per_person = _decision_value(figures, "housing_aid_norm_per_person", i, in_force)
        floor = _decision_value(figures, "housing_aid_one_room_floor", i, in_force)
        codes = engine.reasons_of(figures, i)
        row = {
            "id": household_id,
            "month": population.month,
            "housing_aid": round(float(figures["housing_aid"][i]), 2),
            "eligible": bool(figures["housing_aid_eligible"][i]),
            "ineligibility_reasons": explain.reason_entries(codes, lang),
            "figures": {
                "income_quarter": population.income_months,
                "income_quarter_total": round(float(figures["housing_aid_income_quarter_total"][i]), 2),
                "income_base": round(float(figures["housing_aid_income_base"][i]), 2),
                "income_share": share,
                "expense_limit": round(float(figures["housing_aid_expense_limit"][i]), 2),
                "members": int(figures["members"][i]),
                "norm_per_person": per_person,
                "one_room": bool(figures["housing_aid_one_room"][i]),
                "one_room_floor": floor,
                "norm_area": round(float(figures["housing_aid_norm_area"][i]), 2),
                "dwelling_area": round(float(figures["dwelling_area"][i]), 2),
                "area_scale": round(float(figures["housing_aid_area_scale"][i]), 6),
                "expenses": {name: round(float(figures[name][i]), 2) for name in EXPENSES},
                "accepted_expenses": round(float(figures["housing_aid_accepted_expenses"][i]), 2),
                "tenure": TENURES[int(figures["tenure"][i])],
                "rent_counted": bool(figures["housing_aid_rent_counts"][i]),
                "counted_rent": round(float(figures["housing_aid_counted_rent"][i]), 2),
                "application_date": _application_date(population, i),
                "application_covers_month": bool(figures["housing_aid_application_covers_month"][i]),
            },
            "warnings": _warnings(population, figures, i, kind, lang),
        }
        if explain_steps:
            row["explanation"] = explain.household_steps(row, act, lang, in_force=in_force)
        rows.append(row)
    return rows


def _application_date(population, i: int):
    values = household_input(population, inputs.APPLICATION_DATE)
    if values is None or not population.given[inputs.APPLICATION_DATE][i]:
        return None
    return str(values[i])  # YYYY-MM-DD


WARN = {
    "rent_not_counted": {
        "en": "rent_expense ({rent} tenge) was not counted: Annex 1, item 1 (third direction) counts payment for use "
        "of a dwelling only for tenants of the state housing fund or of a private dwelling leased by the akimat.",
        "kk": "rent_expense ({rent} теңге) есепке алынбады: 1-қосымшаның 1-тармағы (үшінші бағыт) тұрғынжайды "
        "пайдаланғаны үшін төлемді тек мемлекеттік тұрғын үй қорынан берілген немесе жергілікті атқарушы орган "
        "жеке тұрғын үй қорынан жалдаған тұрғынжайдың жалдаушыларына есептейді.",
        "ru": "rent_expense ({rent} тенге) не учтена: приложение 1, пункт 1 (третье направление) учитывает плату за "
        "пользование жилищем только для нанимателей жилища из государственного жилищного фонда или жилища, "
        "арендованного местным исполнительным органом в частном жилищном фонде.",
    },
    "rooms": {
        "en": "dwelling_rooms was not given: the dwelling is not treated as a one-room flat (item 12).",
        "kk": "dwelling_rooms берілмеген: тұрғын үй бір бөлмелі пәтер ретінде қаралмайды (12-тармақ).",
        "ru": "dwelling_rooms не указано: жилище не считается однокомнатной квартирой (пункт 12).",
    },
}


def _warnings(population, figures, i, kind, lang):
    out = []
    if figures["housing_aid_rent_not_counted"][i]:
        rent = explain.money(figures["rent_expense"][i], lang)
        message = WARN["rent_not_counted"][lang].format(rent=rent)
        out.append({"code": "rent_not_counted", "item": "1", "message": message})
    if kind == DwellingKind.apartment.index and not population.given["dwelling_rooms"][i]:
        out.append({"code": "rooms_not_given", "message": WARN["rooms"][lang]})
    return out


@blueprint.route("/entitlement", methods=["POST"])
def entitlement():
    """One or a few households on a date: aid, eligibility, figures, act and explanation."""
    lang, state, tax_benefit_system, body, reform = _read_request()
    population = inputs.read_situation(body, _computed_names(tax_benefit_system), state["max_households_single"])
    answer, act = context(population.date, population.month, lang)
    _check_required(population, act, reform)
    figures = engine.compute(tax_benefit_system, population, extra=EXPENSES)
    rows = household_rows(tax_benefit_system, population, figures, lang, True, act)
    answer["households"] = {str(row.pop("id")): row for row in rows}
    if reform is not None:
        reformed = engine.compute(reform.system, population, extra=EXPENSES)
        reform_rows = household_rows(reform.system, population, reformed, lang, True, act)
        note = {
            "item": None,
            "text": explain.T["reform"][lang].format(name=reform.name, description=reform.description),
        }
        for row in reform_rows:
            row["explanation"].insert(0, note)
        answer["reform"] = {
            **reform.describe(),
            "households": {str(row.pop("id")): row for row in reform_rows},
        }
    answer["model"] = state["model"]
    answer["lang"] = lang
    return jsonify(answer)


def _read_request():
    """What both entitlement routes read first: the language, the app state, the JSON body (only the
    known keys) and the inline reform, if any."""
    lang = i18n.request_language()
    state = current_app.extensions["kz_housing"]
    tax_benefit_system = state["tax_benefit_system"]
    body = _body()
    _check_keys(body, ("date", "application_date", "persons", "households", "reform"))
    return lang, state, tax_benefit_system, body, reform_support.read_reform(body, tax_benefit_system)


def _check_keys(body: dict, allowed) -> None:
    for key in body:
        if key not in allowed:
            raise ApiError("unknown_key", field=str(key)[:60], allowed=", ".join(allowed))


BATCH_COLUMNS = {
    "housing_aid": "housing_aid",
    "eligible": "housing_aid_eligible",
    "income_base": "housing_aid_income_base",
    "expense_limit": "housing_aid_expense_limit",
    "norm_area": "housing_aid_norm_area",
    "accepted_expenses": "housing_aid_accepted_expenses",
}


def batch_columns(population, figures) -> dict:
    out = {"id": list(population.household_ids)}
    for key, name in BATCH_COLUMNS.items():
        array = figures[name]
        out[key] = array.tolist() if array.dtype == bool else np.round(array.astype(np.float64), 2).tolist()
    flagged = np.zeros(population.count, dtype=bool)
    for code in engine.REASONS:
        flagged |= figures[f"housing_aid_reason_{code}"]
    out["ineligibility_reasons"] = [
        engine.reasons_of(figures, i) if flagged[i] else [] for i in range(population.count)
    ]
    return out


def _records(columns: dict) -> list[dict]:
    keys = list(columns)
    return [dict(zip(keys, values)) for values in zip(*(columns[k] for k in keys))]


@blueprint.route("/entitlements", methods=["POST"])
def entitlements():
    """Many households in one request (records or columns), built from arrays."""
    lang, state, tax_benefit_system, body, reform = _read_request()
    population, shape = inputs.read_batch(body, _computed_names(tax_benefit_system), state["max_households_batch"])
    answer, act = context(population.date, population.month, lang)
    _check_required(population, act, reform)
    figures = engine.compute(tax_benefit_system, population, figures=engine.BATCH_FIGURES)
    columns = batch_columns(population, figures)
    answer["count"] = population.count
    answer["total_housing_aid"] = round(float(np.sum(figures["housing_aid"], dtype=np.float64)), 2)
    answer["households"] = columns if shape == "columns" else _records(columns)
    if reform is not None:
        reformed = engine.compute(reform.system, population, figures=engine.BATCH_FIGURES)
        reform_columns = batch_columns(population, reformed)
        answer["reform"] = {
            **reform.describe(),
            "total_housing_aid": round(float(np.sum(reformed["housing_aid"], dtype=np.float64)), 2),
            "households": reform_columns if shape == "columns" else _records(reform_columns),
        }
    answer["reasons"] = {code: explain.REASON_TEXT[code][lang] for code in engine.REASONS}
    answer["model"] = state["model"]
    answer["lang"] = lang
    return jsonify(answer)
