"""The calculator's form, read into the body of POST /entitlement, and the engine's answer read back.

The page computes nothing itself: ``entitlement(body)`` sends the body through the application's own
POST /entitlement (the same view, checks and error handlers as an API client meets), and an error's
``field`` (a JSON path such as ``households.household.dwelling_area``) is mapped back to the form's
element id so that the message is shown next to that field.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from flask import current_app

from openfisca_kz_housing import model_inputs
from openfisca_kz_housing.api import inputs
from openfisca_kz_housing.web import text

HOUSEHOLD_ID = "household"
INCOMES = inputs.INCOME_VARIABLES  # salary, pension, social_benefits, other_income
# the form's fields are the model's household inputs (model_inputs.py), by kind
EXPENSES = model_inputs.names_of_kind("money")
NUMBERS = model_inputs.names_of_kind("area", "count", "money")
SELECTS = model_inputs.enums()  # dwelling_kind, tenure
# owns_other_dwelling (default false), resident_in_district (default true)
CHECKBOXES = {name: model_inputs.inputs()[name].default for name in model_inputs.names_of_kind("bool")}
MAX_MEMBERS = 12
_MEMBER_KEY = re.compile(r"^member-(\d{1,4})-")  # at most 4 digits: MAX_MEMBERS is far below
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def person_id(index: int) -> str:
    return f"member-{index}"


def iso_date(raw: str) -> str:
    """'2022-01-01', '2022-01' (its first day) or '01.01.2022' -> '2022-01-01'; other text unchanged
    (the engine then says what is wrong with it)."""
    raw = (raw or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}", raw):
        return raw + "-01"
    match = _DMY.match(raw)
    if match:
        return f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    return raw


def quarter_of(raw_date: str) -> list[str] | None:
    """The three income months (item 3) of the date, from the API's own reader; None if no date."""
    try:
        date = datetime.date.fromisoformat(iso_date(raw_date))
    except ValueError:
        return None
    return inputs.quarter_months(inputs.month_of(date))


def member_indexes(form) -> list[int]:
    found = sorted({int(m[1]) for key in form for m in [_MEMBER_KEY.match(key)] if m})
    return (found or [0])[:MAX_MEMBERS]


@dataclass
class Calculation:
    """What the page shows: the form as typed, the engine's answer or its errors by element id."""

    form: dict
    members: list
    months: list | None
    body: dict | None = None
    answer: dict | None = None
    errors: dict = field(default_factory=dict)  # element id -> [message]
    general_errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def household(self):
        return (self.answer or {}).get("households", {}).get(HOUSEHOLD_ID)


def read_form(form) -> Calculation:
    """The form (a MultiDict or dict of strings) as typed, plus the body of POST /entitlement."""
    values = {key: form.get(key, "") for key in form}
    members = member_indexes(form)
    months = quarter_of(values.get("date", ""))
    calc = Calculation(values, members, months)
    body = {"date": iso_date(values.get("date", "")), "persons": {}, "households": {}}
    for index in members:
        person = {}
        for source in INCOMES:
            same = _number(calc, f"member-{index}-{source}")
            by_month = {}
            for k, month in enumerate(months or []):
                own = _number(calc, f"member-{index}-{source}-m{k}")
                amount = own if own is not None else same
                if amount is not None:
                    by_month[month] = amount
            if by_month:
                person[source] = by_month
        body["persons"][person_id(index)] = person
    household = {"applicant": person_id(members[0]), "other_members": [person_id(i) for i in members[1:]]}
    for name in NUMBERS:
        value = _number(calc, name)
        if value is not None:
            household[name] = value
    for name in SELECTS:
        if values.get(name):
            household[name] = values[name]
    for name in CHECKBOXES:
        household[name] = name in form and form.get(name) not in ("", "0", "false")
    body["households"][HOUSEHOLD_ID] = household
    application_date = values.get("application_date", "").strip()
    if application_date:
        body["application_date"] = iso_date(application_date)
    calc.body = body
    return calc


def _number(calc: Calculation, key: str):
    value = text.parse_number(calc.form.get(key, ""))
    if isinstance(value, str):
        calc.errors.setdefault(key, []).append(text.t("not_a_number"))
        return None
    return value


def entitlement(body: dict, lang: str) -> tuple[int, dict]:
    """POST /entitlement through the application itself (same view, checks and error handlers)."""
    client = current_app.test_client()
    response = client.post(f"/entitlement?lang={lang}", json=body, headers={"Accept-Language": lang})
    return response.status_code, response.get_json(silent=True) or {}


def calculate(form, lang: str) -> Calculation:
    """Read the form, ask the engine, and sort its answer or its errors by element id."""
    calc = read_form(form)
    if calc.errors:
        return calc
    status, answer = entitlement(calc.body, lang)
    if status == 400 and answer.get("code") == "unknown_key" and answer.get("field") == "application_date":
        # the API of this branch does not take the application date yet: compute without it, and say so
        calc.body.pop("application_date", None)
        calc.notes.append(text.t("application_date_pending"))
        status, answer = entitlement(calc.body, lang)
    if status == 200:
        calc.answer = answer
        return calc
    if answer.get("code") == "missing_inputs":
        for entry in answer.get("missing", []):
            key = element_id(entry.get("field"), calc)
            months = ", ".join(entry.get("months", []))
            message = text.t("income_required" if key and key.endswith("-salary") else "field_required", months=months)
            _attach(calc, key, message)
        calc.general_errors.insert(0, answer.get("error", ""))
        return calc
    message = answer.get("error") or f"HTTP {status}"
    if answer.get("fix"):
        message += " " + answer["fix"]
    key = element_id(answer.get("field"), calc)
    if key and answer.get("field"):  # the JSON path means nothing to a clerk: name the field instead
        message = message.replace(answer["field"], f"«{field_label(key)}»")
    _attach(calc, key, message)
    return calc


def field_label(key: str) -> str:
    """The label a form element shows (the model's label, or the page's own word)."""
    if key in ("date", "application_date"):
        return text.t(key)
    match = re.match(r"^member-(\d+)-(\w+?)(?:-m\d)?$", key)
    if match:
        return f"{text.t('member')} {int(match[1]) + 1}: {text.variable_label(match[2])}"
    return text.variable_label(key)


def _attach(calc: Calculation, key: str | None, message: str) -> None:
    if key:
        calc.errors.setdefault(key, []).append(message)
    else:
        calc.general_errors.append(message)


def element_id(path: str | None, calc: Calculation) -> str | None:
    """The form element that a JSON path of the request names (None when none does)."""
    if not path:
        return None
    parts = path.split(".")
    if parts[0] in ("date", "application_date"):
        return parts[0]
    if parts[0] == "households" and len(parts) >= 3:
        name = parts[2].split("[")[0]
        if name in NUMBERS or name in SELECTS or name in CHECKBOXES or name == "application_date":
            return name
        return None
    if parts[0] == "persons" and len(parts) >= 2:
        index = parts[1].removeprefix("member-")
        if len(parts) >= 3 and parts[2] in INCOMES:
            if len(parts) >= 4 and calc.months and parts[3] in calc.months:
                own = f"member-{index}-{parts[2]}-m{calc.months.index(parts[3])}"
                if calc.form.get(own, "").strip():
                    return own
            return f"member-{index}-{parts[2]}"
        return f"member-{index}-salary"
    return None
