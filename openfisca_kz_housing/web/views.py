"""Routes of the pages: ``/`` (for browsers; API clients keep the stock JSON welcome), ``/calculator``
(and its print sheet), ``/changes``. The budget desk is in ``budget_desk.py``."""

from __future__ import annotations

import datetime

from flask import jsonify, render_template, request

from openfisca_kz_housing import revisions
from openfisca_kz_housing.api.errors import from_domain
from openfisca_kz_housing.dates import DateFormatError
from openfisca_kz_housing.enums import DwellingKind, Tenure
from openfisca_kz_housing.reforms import CODE_REFORMS, ReformError
from openfisca_kz_housing.reforms import diff as differ
from openfisca_kz_housing.web import blueprint, calculator, text


@blueprint.before_request
def _choose_language():
    text.page_language()


blueprint.after_request(text.remember_language)


@blueprint.app_context_processor
def _globals():
    from flask import g

    return text.template_globals() if "page_lang" in g else {}


def home():
    """``/``: the home page for a browser; the stock OpenFisca JSON welcome (HTTP 300) for API clients."""
    if request.accept_mimetypes.best_match(["application/json", "text/html"]) != "text/html":
        return stock_root()
    text.page_language()
    response = blueprint_response(render_template("pages/index.html", acts=revisions.instrument().acts, page="home"))
    return response


stock_root = None  # the stock view, kept for API clients (set when the blueprint is registered)


def blueprint_response(body):
    from flask import make_response

    return text.remember_language(make_response(body))


@blueprint.record_once
def _replace_root(state):
    global stock_root
    app = state.app
    stock_root = app.view_functions.get("get_root")
    if stock_root is not None:
        app.view_functions["get_root"] = home
    else:  # pragma: no cover - an app without the stock root
        app.add_url_rule("/", "pages_home", home)


def _options():
    lang = text.page_language()
    return {
        "dwelling_kind": [(m.name, text.enum_label(DwellingKind, m.name)) for m in DwellingKind],
        "tenure": [(m.name, text.enum_label(Tenure, m.name)) for m in Tenure],
        "lang": lang,
    }


def _render_calculator(calc, template="pages/calculator.html"):
    return render_template(
        template, calc=calc, options=_options(), incomes=calculator.INCOMES, expenses=calculator.EXPENSES,
        page="calculator", today=datetime.date.today().isoformat(), blank=calculator.read_form({}),
        now=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    )


@blueprint.route("/calculator", methods=["GET", "POST"])
def calculator_page():
    lang = text.page_language()
    if request.method == "POST" and request.form.get("action") != "switch":
        calc = calculator.calculate(request.form, lang)
    else:
        source = request.form if request.method == "POST" else {}
        calc = calculator.read_form(source)
        calc.errors.clear()
    return _render_calculator(calc)


@blueprint.route("/calculator/print", methods=["POST"])
def calculator_print():
    """A one-page calculation sheet of the same calculation, for a clerk to sign and file."""
    calc = calculator.calculate(request.form, text.page_language())
    if calc.answer is None:
        return _render_calculator(calc), 400
    return _render_calculator(calc, "pages/print.html")


@blueprint.route("/calculator/quarter")
def calculator_quarter():
    """The income quarter (item 3) of a date, so that the form can name the months; from the API's reader."""
    months = calculator.quarter_of(request.args.get("date", ""))
    return jsonify({"months": months})


@blueprint.route("/changes")
def changes_page():
    """What changed between two dates, or under a built-in reform: the /diff data made readable."""
    lang = text.page_language()
    args = request.args
    mode = "reform" if args.get("reform") else "dates"
    date_from = args.get("from", "2021-06-01")
    date_to = args.get("to", "2023-01-01")
    on_date = args.get("date", "")
    result, error = None, None
    try:
        if mode == "reform":
            name = args["reform"]
            if name not in CODE_REFORMS:
                raise ReformError("unknown reform; choose one of the list", "reform")
            result = differ.diff_reform([name], on_date or None, lang=lang)
        else:
            result = differ.diff_dates(date_from, date_to, lang=lang)
    except (ReformError, DateFormatError) as problem:  # the API's one error path, in the page's language
        body = from_domain(problem).body(lang)
        error = {"field": body["field"], "message": f"{body['error']} {body['fix']}"}
    return render_template(
        "pages/changes.html", page="changes", mode=mode, result=result, error=error, date_from=date_from,
        date_to=date_to, on_date=on_date, reforms=sorted(CODE_REFORMS), chosen_reform=args.get("reform", ""),
    )
