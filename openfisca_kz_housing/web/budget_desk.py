"""The budget desk (``/budget``): the budget package's own run, tables and exports, behind a form.

Nothing is re-implemented here: populations are read by ``population.load_population``, reforms by
``budget.scenarios`` (the same loader as ``kz-housing budget --reform``), the run by
``budget.run.run_budget`` and the tables by ``budget.results``. The page answers with the headline
tables; the full tables, the workbook, the CSV files and the charts are written in the background into
a run folder shared by every worker (downloads wait for them).
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import shutil
import tempfile
import threading
import time
import uuid
import zipfile
from pathlib import Path

import numpy as np
import yaml
from flask import abort, make_response, render_template, request, send_file

from openfisca_kz_housing.api import gunicorn_conf
from openfisca_kz_housing.parameter_paths import DECISION
from openfisca_kz_housing.web import blueprint, text

MAX_UPLOAD_BYTES = 8 * 1024 * 1024  # a population file; the reform file has its own limit (1 MB)
MAX_REFORM_BYTES = 1_000_000
RUNS_KEPT_SECONDS = 6 * 3600
# A download waits for the background export at most WAIT_FOR_FILES_SECONDS, inside one request's time:
# the workers' timeout (api/gunicorn_conf.py ``timeout``, KZ_HOUSING_TIMEOUT, 15 s; deploy/serve.py runs
# gunicorn with it) and nginx's proxy_read_timeout (15 s in deploy/nginx.conf, 30 s in nginx-local.conf).
# Two thirds of the workers' timeout, at most 10 s; then a page asks to reload (tests/web/test_budget_wait.py).
WAIT_FOR_FILES_SECONDS = min(10.0, (gunicorn_conf.timeout or 15) * 2 / 3)
RETRY_AFTER_SECONDS = 5  # the not-ready page's Retry-After and the wait it suggests
DEFAULT_FROM, DEFAULT_TO = "2020-01", "2024-12"
HOUSEHOLD_TABLE_LIMIT = 200_000  # as the command line: one row per household only below this
RUN_ID = re.compile(r"^[0-9a-f]{32}$")
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
SHORT_FORM = {  # form field -> (parameter path, factor from the form's unit to the parameter's)
    "sf_income_share": (f"{DECISION}.income_share", 0.01),
    "sf_per_person": (f"{DECISION}.area_norm.per_person", 1.0),
    "sf_one_room_floor": (f"{DECISION}.area_norm.one_room_floor", 1.0),
}
CHARTS = ("cost_per_month", "by_income_decile", "winners_losers")


def runs_root() -> Path:
    root = Path(tempfile.gettempdir()) / "kz-housing-pages-runs"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _forget_old_runs() -> None:
    limit = time.time() - RUNS_KEPT_SECONDS
    for folder in runs_root().iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


@functools.cache
def bundled_population():
    """The bundled SYNTHETIC district, read once per worker (read-only afterwards)."""
    from openfisca_kz_housing.population import bundled_population_dir, load_population

    return load_population(bundled_population_dir())


@functools.lru_cache(maxsize=8)
def _code_scenario(name: str):
    from openfisca_kz_housing import tax_benefit_system
    from openfisca_kz_housing.budget import scenarios

    return scenarios.load(name, tax_benefit_system())


def key_of(scenario) -> str:
    """A scenario's short identifier (its column in the tables)."""
    return scenario.key


def title_of(scenario) -> str:
    """A scenario's title for people (the reform's own name)."""
    return scenario.name or scenario.key


_warming = threading.Lock()


def warm_up() -> None:
    """Read the district and apply the built-in reforms in the background when the form is shown, so
    that the officer's first run does not wait for them (each worker does it once)."""
    from openfisca_kz_housing.reforms import CODE_REFORMS

    def work():
        with _warming:
            bundled_population()
            for name in CODE_REFORMS:
                try:
                    _code_scenario(name)
                except Exception:  # noqa: BLE001 - a reform that fails is reported when it is chosen
                    continue

    if not _warming.locked():
        threading.Thread(target=work, name="budget-warm-up", daemon=True).start()


def write_outputs(run, tables: dict, out: Path, lang: str) -> list[Path]:
    """The workbook, CSV files and charts of a run, in ``lang``: the budget package's own export, the same
    files as ``kz-housing budget --lang`` (written into a temporary folder, then moved into place)."""
    from openfisca_kz_housing.budget import export

    return export.export(run, tables, out, lang=lang)


# ------------------------------------------------------------------------------------------ the form


class Refused(Exception):
    """The form cannot be run; ``errors`` maps element ids to messages, ``problems`` are file rows."""

    def __init__(self, errors=None, problems=None):
        super().__init__("refused")
        self.errors = errors or {}
        self.problems = problems or []


def _month(form, key: str, default: str, errors: dict) -> str:
    value = (form.get(key) or "").strip() or default
    if not MONTH.match(value):
        errors.setdefault(key, []).append(text.t("bad_month"))
    return value


def _save_upload(storage, folder: Path, stem: str, suffixes, limit: int, key: str, errors: dict):
    if storage is None or not storage.filename:
        return None
    suffix = Path(storage.filename).suffix.lower()
    if suffix not in suffixes:
        errors.setdefault(key, []).append(text.t("wrong_file_type") if stem != "reform" else "YAML / JSON")
        return None
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}{suffix}"
    data = storage.stream.read(limit + 1)
    if len(data) > limit:
        errors.setdefault(key, []).append(text.t("file_too_large", mib=round(limit / 2**20, 1)))
        return None
    path.write_bytes(data)
    return path


def short_form_reform(form, errors: dict) -> dict | None:
    """The data reform described by the short form (None when it is empty): the same document as a
    reform file, with bounded dates (the 2024 repeal survives, docs/reforms.md)."""
    from openfisca_kz_housing.reforms.common import decision_start, last_day_before_repeal

    changes = []
    start = (form.get("sf_start") or "").strip() or decision_start().isoformat()
    stop = (form.get("sf_stop") or "").strip() or last_day_before_repeal().isoformat()
    for key, (path, factor) in SHORT_FORM.items():
        value = text.parse_number(form.get(key, ""))
        if value is None:
            continue
        if isinstance(value, str):
            errors.setdefault(key, []).append(text.t("not_a_number"))
            continue
        dated = {"start": start, "stop": stop, "value": round(value * factor, 6)}
        changes.append({"parameter": path, "values": [dated]})
    if not changes:
        return None
    name = (form.get("sf_name") or "").strip() or "Reform from the budget desk"
    described = ", ".join(f"{c['parameter'].rsplit('.', 1)[1]} = {c['values'][0]['value']}" for c in changes)
    return {"name": name[:120], "description": f"{described}, {start} to {stop}", "changes": changes}


def read_form(form, files, folder: Path) -> dict:
    """Everything a run needs, or ``Refused`` with every message by element id."""
    from openfisca_kz_housing import tax_benefit_system
    from openfisca_kz_housing.budget import scenarios
    from openfisca_kz_housing.examples import month_range
    from openfisca_kz_housing.population import PopulationError, load_population
    from openfisca_kz_housing.reforms import CODE_REFORMS, ReformError

    errors: dict = {}
    start, stop = _month(form, "from", DEFAULT_FROM, errors), _month(form, "to", DEFAULT_TO, errors)
    months = None
    if not errors:
        try:
            months = month_range(start, stop)
        except ValueError as error:
            errors.setdefault("to", []).append(str(error))
    take_up = text.parse_number(form.get("take_up", "")) if form.get("take_up", "").strip() else 1.0
    if isinstance(take_up, str) or not 0 <= take_up <= 1:
        errors.setdefault("take_up", []).append(text.t("bad_take_up"))
    seed_text = (form.get("seed") or "").strip()
    seed = None
    if seed_text:
        if re.fullmatch(r"\d{1,9}", seed_text):
            seed = int(seed_text)
        else:
            errors.setdefault("seed", []).append(text.t("bad_integer"))

    chosen = [name for name in form.getlist("reform") if name in CODE_REFORMS]
    sources = [(name, "reforms") for name in chosen]
    reform_file = _save_upload(files.get("reform_file"), folder, "reform", (".yaml", ".yml", ".json"),
                               MAX_REFORM_BYTES, "reform_file", errors)
    if reform_file is not None:
        sources.append((str(reform_file), "reform_file"))
    short = short_form_reform(form, errors)
    if short is not None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "reform_short_form.yaml").write_text(yaml.safe_dump(short, allow_unicode=True, sort_keys=False),
                                                       encoding="utf-8")
        sources.append((short, "short-form"))
    system = tax_benefit_system()
    loaded = [scenarios.baseline(system)]
    for source, key in sources:
        try:
            scenario = _code_scenario(source) if key == "reforms" else scenarios.load(source, system)
        except ReformError as error:
            errors.setdefault(key, []).append(str(error))
            continue
        keys = {key_of(s) for s in loaded}
        if key_of(scenario) in keys:
            scenario = _renamed(scenario, keys)
        loaded.append(scenario)

    problems = []
    if form.get("population") == "upload":
        households = _save_upload(files.get("households"), folder / "population", "households", (".csv", ".parquet"),
                                  MAX_UPLOAD_BYTES, "households", errors)
        persons = _save_upload(files.get("persons"), folder / "population", "persons", (".csv", ".parquet"),
                               MAX_UPLOAD_BYTES, "persons", errors)
        if households is None or persons is None:
            if "households" not in errors and "persons" not in errors:
                errors.setdefault("households", []).append(text.t("missing_files"))
            population = None
        else:
            uploaded = {"households": files["households"].filename, "persons": files["persons"].filename}
            try:
                population = load_population(folder / "population")
            except PopulationError as error:
                problems = [_problem_row(p, uploaded) for p in error.problems]
                population = None
    else:
        population = bundled_population()
    if errors or problems:
        raise Refused(errors, problems)
    from openfisca_kz_housing.budget.run import DEFAULT_SEED

    return {"population": population, "months": months, "scenarios": loaded, "take_up": float(take_up),
            "seed": DEFAULT_SEED if seed is None else seed, "short_form": short}


def _renamed(scenario, keys):
    """The same scenario under a key not yet taken (as ``budget.scenarios.scenarios`` does)."""
    import copy

    scenario = copy.copy(scenario)
    base, k = scenario.key, 2
    while scenario.key in keys:
        scenario.key, k = f"{base}_{k}", k + 1
    return scenario


def _problem_row(problem, uploaded: dict) -> dict:
    name = Path(problem.file).name
    for kind, original in uploaded.items():
        if name.startswith(kind):
            name = f"{original} ({text.t(kind + '_file')})"
    return {"file": name, "row": problem.row, "column": problem.column, "reason": problem.reason}


# ------------------------------------------------------------------------------------------ the run


def summarise(run) -> dict:
    """What the page shows: per year law vs reforms, deciles, winners and losers, the law's total."""
    from openfisca_kz_housing.budget import results

    totals = results.household_totals(run)
    groups = results.groupings(run)
    yearly = results.period_table(run, "year")
    names = [key_of(s) for s in run.scenarios]
    years = []
    for year in dict.fromkeys(row["year"] for row in yearly):
        cells = {row["scenario"]: row for row in yearly if row["year"] == year}
        years.append({"year": year, "acts": cells[names[0]]["act_in_force"], "cells": [cells[n] for n in names]})
    total = float(np.sum([row["cost_tenge"] for row in yearly if row["scenario"] == names[0]], dtype=np.float64))
    deciles = results.group_table(run, "income_decile", groups, totals)
    by_decile = {}
    for row in deciles:
        by_decile.setdefault(row["income_decile"], {})[row["scenario"]] = row
    return {
        "names": names,
        "titles": {key_of(s): title_of(s) for s in run.scenarios},
        "years": years,
        "total": total,
        "scenario_totals": {n: float(sum(r["cost_tenge"] for r in yearly if r["scenario"] == n)) for n in names},
        "deciles": by_decile,
        "comparison": results.comparison_table(run, totals) if run.reforms else [],
    }


def _export_in_background(run, folder: Path, lang: str) -> None:
    def work():
        from openfisca_kz_housing.budget import results

        try:
            tables = results.all_tables(run, households=run.population.household_count < HOUSEHOLD_TABLE_LIMIT)
            written = write_outputs(run, tables, folder / "files", lang)
            with zipfile.ZipFile(folder / "tables.zip.part", "w", zipfile.ZIP_DEFLATED) as archive:
                for path in written:
                    if path.suffix == ".csv":
                        archive.write(path, path.name)
            (folder / "tables.zip.part").rename(folder / "tables.zip")
            (folder / "done.part").write_text(json.dumps([p.name for p in written]), encoding="utf-8")
            (folder / "done.part").rename(folder / "done")  # whole or absent: the downloads read it
        except Exception as error:  # noqa: BLE001 - shown to whoever asks for the files
            (folder / "failed").write_text(f"{type(error).__name__}: {error}", encoding="utf-8")

    threading.Thread(target=work, name=f"budget-export-{folder.name}", daemon=True).start()


@blueprint.route("/budget", methods=["GET", "POST"])
def budget_page():
    from openfisca_kz_housing.budget.run import run_budget
    from openfisca_kz_housing.reforms import CODE_REFORMS

    lang = text.page_language()
    form = request.form if request.method == "POST" else {}
    context = {"page": "budget", "form": form, "errors": {}, "problems": [], "result": None,
               "code_reforms": sorted(CODE_REFORMS), "chosen": form.getlist("reform") if form else [],
               "mib": MAX_UPLOAD_BYTES // 2**20, "short_form": {key: path for key, (path, _) in SHORT_FORM.items()},
               "default_from": DEFAULT_FROM, "default_to": DEFAULT_TO}
    if request.method == "GET" and bundled_population.cache_info().currsize == 0:
        warm_up()
    if request.method == "POST":
        _forget_old_runs()
        run_id = uuid.uuid4().hex
        folder = runs_root() / run_id
        started = time.perf_counter()
        try:
            chosen = read_form(request.form, request.files, folder)
        except Refused as refused:
            shutil.rmtree(folder, ignore_errors=True)
            context.update(errors=refused.errors, problems=refused.problems)
            return render_template("pages/budget.html", **context), 400
        run = run_budget(chosen["population"], chosen["months"], chosen["scenarios"], take_up=chosen["take_up"],
                         seed=chosen["seed"])
        summary = summarise(run)
        folder.mkdir(parents=True, exist_ok=True)
        population = chosen["population"]
        context["result"] = {
            "id": run_id, "summary": summary, "synthetic": population.synthetic, "label": population.label,
            "households": population.household_count, "persons": population.person_count,
            "start": run.months[0], "stop": run.months[-1], "take_up": run.take_up,
            "seconds": round(time.perf_counter() - started, 2), "has_reforms": bool(run.reforms),
            "short_form": chosen["short_form"] is not None,
            "notes": population.notes,
        }
        response = make_response(render_template("pages/budget.html", **context))
        # The export starts once the page is sent: under gevent's workers (make serve) a thread is a
        # greenlet, and CPU-bound work started earlier would hold the answer until it was done.
        response.call_on_close(lambda: _export_in_background(run, folder, lang))
        return response
    return render_template("pages/budget.html", **context)


@blueprint.errorhandler(413)
def _too_large(_error):
    """Files over the application's body limit: the form again, saying so (not the API's JSON)."""
    from openfisca_kz_housing.reforms import CODE_REFORMS

    text.page_language()
    limit = round(request.max_content_length / 2**20, 1) if request.max_content_length else MAX_UPLOAD_BYTES // 2**20
    errors = {"households": [text.t("file_too_large", mib=limit)]}
    context = {"page": "budget", "form": {}, "errors": errors, "problems": [], "result": None,
               "code_reforms": sorted(CODE_REFORMS), "chosen": [], "mib": MAX_UPLOAD_BYTES // 2**20,
               "short_form": {key: path for key, (path, _) in SHORT_FORM.items()},
               "default_from": DEFAULT_FROM, "default_to": DEFAULT_TO}
    return render_template("pages/budget.html", **context), 413


def _run_folder(run_id: str) -> Path:
    if not RUN_ID.match(run_id):
        abort(404)
    folder = runs_root() / run_id
    if not folder.is_dir():
        abort(404)
    return folder


def _wait_for_files(folder: Path) -> list[str] | None:
    """The names of the run's written files; None when still being written after WAIT_FOR_FILES_SECONDS."""
    deadline = time.monotonic() + WAIT_FOR_FILES_SECONDS
    while True:
        if (folder / "done").exists():
            return json.loads((folder / "done").read_text(encoding="utf-8"))
        if (folder / "failed").exists():
            abort(500)
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.2)


def _files_not_ready():
    """503 with a page in the page's language: the files are still being written, reload in a moment."""
    text.page_language()
    page = render_template("pages/files_pending.html", page="budget", seconds=RETRY_AFTER_SECONDS,
                           hours=RUNS_KEPT_SECONDS // 3600, again=request.full_path.rstrip("?"))
    response = make_response(page, 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@blueprint.route("/budget/runs/<run_id>/<kind>")
def budget_file(run_id: str, kind: str):
    """A run's downloads: ``workbook`` (XLSX), ``tables`` (CSV zip), ``reform`` (YAML), ``chart-<name>``."""
    folder = _run_folder(run_id)
    if kind == "reform":
        path = folder / "reform_short_form.yaml"
        if not path.exists():
            abort(404)
        return send_file(path, mimetype="application/yaml", as_attachment=True, download_name="reform.yaml")
    names = _wait_for_files(folder)
    if names is None:
        return _files_not_ready()
    if kind == "tables":
        return send_file(folder / "tables.zip", mimetype="application/zip", as_attachment=True,
                         download_name=_prefixed(names, "budget_tables.zip"))
    if kind == "workbook":
        found = [n for n in names if n.endswith(".xlsx")]
        if not found:
            abort(404)
        return send_file(folder / "files" / found[0], as_attachment=True, download_name=found[0],
                         mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if kind.startswith("chart-") and kind[6:] in CHARTS:
        found = [n for n in names if n.endswith(f"chart_{kind[6:]}.png")]
        if not found:
            abort(404)
        return send_file(folder / "files" / found[0], mimetype="image/png", max_age=3600)
    abort(404)


def _prefixed(names: list[str], name: str) -> str:
    return ("SYNTHETIC_" + name) if any(n.startswith("SYNTHETIC_") for n in names) else name


def today() -> str:
    return datetime.date.today().isoformat()
