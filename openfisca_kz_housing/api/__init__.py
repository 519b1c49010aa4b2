"""The web API: the stock OpenFisca Web API plus our routes, with JSON errors that are never a 500.

``create_app()`` builds on ``openfisca_web_api.app.create_app(tax_benefit_system)``, so /calculate,
/trace, /spec, /parameters, /parameter/<id>, /variables, /variable/<id> and /entities keep working;
then it registers every Flask ``Blueprint`` named ``blueprint`` found in the modules of
``openfisca_kz_housing/api/routes/`` and merges their optional ``OPENAPI_PATHS`` (and
``OPENAPI_SCHEMAS``) into /spec. Limits: ``MAX_CONTENT_LENGTH`` (body size, 413 JSON),
``max_households_single`` (/entitlement) and ``max_households_batch`` (/entitlements).
"""

from __future__ import annotations

import copy
import importlib
import importlib.metadata
import logging
import os
import pkgutil
import re
import uuid

from flask import jsonify, request
from openfisca_core.errors import ParameterNotFoundError
from werkzeug.exceptions import HTTPException

from openfisca_kz_housing.api import i18n, json_io, openapi, stock_guard
from openfisca_kz_housing.api.errors import ApiError, from_domain

log = logging.getLogger("gunicorn.error")

MAX_BODY_BYTES = int(os.environ.get("KZ_HOUSING_MAX_BODY_BYTES", 16 * 1024 * 1024))
MAX_HOUSEHOLDS_SINGLE = int(os.environ.get("KZ_HOUSING_MAX_HOUSEHOLDS_SINGLE", 100))
MAX_HOUSEHOLDS_BATCH = int(os.environ.get("KZ_HOUSING_MAX_HOUSEHOLDS_BATCH", 20_000))
# The stock /calculate and /trace build situations in O(n^2): 2,000 households take about 1 s, 20,000
# take 12-20 s. Beyond this many entries of one entity (persons included) they get a 400.
MAX_STOCK_ENTITIES = int(os.environ.get("KZ_HOUSING_MAX_STOCK_ENTITIES", 5_000))
STOCK_COMPUTE_ROUTES = ("/calculate", "/trace")
JSON_METHODS = ("POST", "PUT", "PATCH")
_WRONG_PERIOD = re.compile(
    r"Unable to compute variable '(?P<name>[^']+)' for period (?P<period>\S+?): "
    r"'[^']+' must be computed for a whole (?P<unit>\w+)"
)


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        return "unknown"


def create_app(tax_benefit_system=None, *, max_body_bytes: int = MAX_BODY_BYTES,
               max_households_single: int = MAX_HOUSEHOLDS_SINGLE, max_households_batch: int = MAX_HOUSEHOLDS_BATCH):
    """The Flask application (see the module docstring)."""
    from openfisca_web_api.app import create_app as create_stock_app

    from openfisca_kz_housing import tax_benefit_system as shared_system

    tax_benefit_system = tax_benefit_system or shared_system()
    if not tax_benefit_system.open_api_config:  # the stock /spec's examples (else a "no example" text)
        tax_benefit_system.open_api_config = openapi.stock_examples()
    app = create_stock_app(tax_benefit_system)
    app.json = json_io.StrictJSONProvider(app)  # strict reading, never NaN/Infinity in an answer
    app.json.sort_keys = False  # keep the answer in reading order
    app.json.ensure_ascii = False  # Flask >= 2.3 ignores JSON_AS_ASCII: keep Kazakh and Russian readable
    app.config["MAX_CONTENT_LENGTH"] = max_body_bytes
    app.extensions["kz_housing"] = {
        "tax_benefit_system": tax_benefit_system,
        "max_households_single": max_households_single,
        "max_households_batch": max_households_batch,
        "max_body_bytes": max_body_bytes,
        "max_stock_entities": MAX_STOCK_ENTITIES,
        "body_limits": {},  # path -> bytes, from the routes' BODY_LIMITS
        "model": {
            "package": "openfisca-kz-housing",
            "version": _version("openfisca-kz-housing"),
            "openfisca_core": _version("openfisca-core"),
        },
    }
    _drop_stock_slash_redirect(app)
    _install_json_parsing(app)
    _install_error_handlers(app)
    _install_stock_error_compaction(app)
    modules = register_routes(app)
    _install_spec(app, modules)
    _install_variable_labels(app)
    return app


def _drop_stock_slash_redirect(app) -> None:
    """The stock app answers any path ending in "/" with a 302 HTML redirect (a POST is lost on the way,
    and /parameter/ redirects to a 404). Its URL map already ignores a trailing slash: drop the redirect."""
    app.before_request_funcs[None] = [
        function for function in app.before_request_funcs.get(None, [])
        if not (function.__name__ == "before_request" and function.__module__ == "openfisca_web_api.app")
    ]


def _install_variable_labels(app) -> None:
    """/variable/<id> also gives the variable's label in English, Kazakh and Russian (variable_labels.yaml)."""
    from openfisca_kz_housing.labels import variable_labels

    stock_view = app.view_functions["get_variable"]

    def get_variable(id):
        response = stock_view(id)
        body = response.get_json()
        translated = variable_labels().get(id)
        if isinstance(body, dict) and translated:
            body["labels"] = {"en": body.get("label"), "kk": translated.get("kk"), "ru": translated.get("ru")}
            body["label_in_language"] = body["labels"].get(i18n.request_language()) or body.get("label")
        return jsonify(body)

    app.view_functions["get_variable"] = get_variable


def register_routes(app) -> list:
    """Register the ``blueprint`` of every module of api/routes (sorted by name); return the modules."""
    from openfisca_kz_housing.api import routes

    modules = []
    for info in sorted(pkgutil.iter_modules(routes.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{routes.__name__}.{info.name}")
        blueprint = getattr(module, "blueprint", None)
        if blueprint is not None:
            app.register_blueprint(blueprint)
            modules.append(module)
            app.extensions["kz_housing"]["body_limits"].update(getattr(module, "BODY_LIMITS", {}))
    return modules


def _install_json_parsing(app) -> None:
    """Parse every JSON body once, before any view: bad JSON is a 400 (never the stock's 500)."""

    def refuse(error):
        detail = str(error) if error is not None else "the body is empty or not JSON"
        raise ApiError("invalid_json", field="body", detail=detail[:200])

    @app.before_request
    def parse_json_body():
        if request.method not in JSON_METHODS or request.blueprint == "pages":  # the pages post HTML forms
            return None
        request.on_json_loading_failed = refuse
        state = app.extensions["kz_housing"]
        limit = state["body_limits"].get(request.path.rstrip("/"))
        if limit is not None and (request.content_length or 0) > limit:  # a route with its own, smaller limit
            _drain_body()
            raise ApiError(
                "body_too_large", status=413, field="body", limit=limit, max_households=state["max_households_batch"]
            )
        if request.content_length is None and len(request.get_data(cache=True)) >= state["max_body_bytes"]:
            # a chunked body is cut at the limit by the input stream, not refused: refuse it here
            _drain_body()
            raise ApiError(
                "body_too_large",
                status=413,
                field="body",
                limit=state["max_body_bytes"],
                max_households=state["max_households_batch"],
            )
        try:
            body = request.get_json(force=True)
        except RecursionError:
            raise ApiError("invalid_json", field="body", detail="nested too deeply") from None
        path = request.path.rstrip("/")
        if path in STOCK_COMPUTE_ROUTES:
            stock_guard.check(body, path, state)
        return None


def _compact(value):
    """The stock error body with its padding removed: [null, null, ..., "message"] -> "message"."""
    if isinstance(value, dict):
        return {key: _compact(child) for key, child in value.items()}
    if isinstance(value, list):
        kept = [_compact(child) for child in value if child is not None]
        return kept[0] if len(kept) == 1 else kept
    return value


def _install_stock_error_compaction(app) -> None:
    """A year key on a monthly input makes the stock /calculate answer a 10 KB 400 of nulls: compact it."""

    @app.after_request
    def compact_stock_errors(response):
        if (response.status_code == 400 and request.path.rstrip("/") in ("/calculate", "/trace")
                and response.is_json and (response.content_length or 0) > 2000):
            body = response.get_json(silent=True)
            if isinstance(body, dict) and "code" not in body:
                response.set_data(app.json.dumps(_compact(body)))
        return response


DRAIN_LIMIT = 64 * 1024 * 1024


def _drain_body() -> None:
    """Read and drop what is left of a refused body (at most 64 MiB), so that a client that sends the
    whole body before reading gets the 413 instead of a reset connection."""
    stream = request.environ.get("wsgi.input")
    left = min(request.content_length or DRAIN_LIMIT, DRAIN_LIMIT)
    try:
        while stream is not None and left > 0:
            chunk = stream.read(min(65536, left))
            if not chunk:
                break
            left -= len(chunk)
    except (OSError, ValueError):
        pass


def _error_response(error: ApiError):
    response = jsonify(error.body())
    response.status_code = error.status
    return response


def _install_error_handlers(app) -> None:
    state = app.extensions["kz_housing"]

    @app.errorhandler(ApiError)
    def api_error(error):
        return _error_response(error)

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.response is not None:  # the stock views abort() with a ready JSON response
            return error.response
        code = error.code or 400
        if code == 404:
            api = ApiError("not_found", status=404, path=request.path[:200])
        elif code == 405:
            allowed = ", ".join(sorted(m for m in (error.valid_methods or []) if m not in ("HEAD", "OPTIONS")))
            api = ApiError(
                "method_not_allowed",
                status=405,
                method=request.method,
                path=request.path[:200],
                allowed=allowed or "GET",
            )
        elif code == 413:
            _drain_body()
            api = ApiError(
                "body_too_large",
                status=413,
                field="body",
                limit=state["max_body_bytes"],
                max_households=state["max_households_batch"],
            )
        elif code >= 500:
            return _internal(error)
        else:
            api = ApiError("bad_request", status=code, detail=(error.description or error.name)[:300])
        return _error_response(api)

    from openfisca_kz_housing.dates import DateFormatError
    from openfisca_kz_housing.deadlines import DeadlineError
    from openfisca_kz_housing.reforms.errors import ReformError

    @app.errorhandler(ReformError)
    @app.errorhandler(DeadlineError)
    @app.errorhandler(DateFormatError)
    def domain_error(error):
        """A lower layer refused the request's data: one mapping (api.errors.from_domain)."""
        return _error_response(from_domain(error))

    @app.errorhandler(ParameterNotFoundError)
    def parameter_not_found(error):
        """A formula read a parameter on a date where it has no value (before the act, or repealed)."""
        return _error_response(ApiError("parameter_not_in_force", field=error.variable_name or error.name,
                                        parameter=error.name, date=str(error.instant_str)))

    @app.errorhandler(MemoryError)
    def out_of_memory(error):
        """The worker's memory cap (gunicorn_conf.post_fork) was reached: the request asked too much."""
        return _error_response(ApiError("too_much_memory", status=413, batch=state["max_households_batch"]))

    @app.errorhandler(Exception)
    def any_error(error):
        if isinstance(error, ValueError):
            match = _WRONG_PERIOD.search(str(error))
            if match:
                unit = match["unit"]
                example = {"month": "2021-05", "year": "2021", "day": "2021-05-01"}.get(unit, "2021-05")
                return _error_response(
                    ApiError(
                        "stock_wrong_period",
                        field=match["name"],
                        name=match["name"],
                        period=match["period"],
                        unit=unit,
                        example=example,
                    )
                )
        if request.path.rstrip("/") in ("/calculate", "/trace"):
            # Errors inside the stock JSON builder or a calculation come from the situation sent.
            return _error_response(ApiError("situation_error", detail=f"{type(error).__name__}: {str(error)[:300]}"))
        return _internal(error)


def _internal(error):
    error_id = uuid.uuid4().hex[:12]
    log.exception("Unexpected error %s on %s %s", error_id, request.method, request.path, exc_info=error)
    response = jsonify(ApiError("internal_error", status=500, error_id=error_id).body())
    response.status_code = 500
    return response


def _all_variable_labels(app) -> dict:
    """Every variable's label in en, kk and ru (``x-variable-labels`` of /spec)."""
    from openfisca_kz_housing.labels import variable_labels

    system = app.extensions["kz_housing"]["tax_benefit_system"]
    translated = variable_labels()
    return {name: {"en": variable.label, **{lang: translated.get(name, {}).get(lang) for lang in ("kk", "ru")}}
            for name, variable in sorted(system.variables.items())}


def _install_spec(app, modules) -> None:
    """/spec: the stock OpenAPI document plus our routes (paths, schemas, examples)."""
    stock_view = app.view_functions["get_spec"]
    extra_paths, extra_schemas = {}, {}
    for module in modules:
        extra_paths.update(getattr(module, "OPENAPI_PATHS", {}) or {})
        extra_schemas.update(getattr(module, "OPENAPI_SCHEMAS", {}) or {})
    cache = {}

    def get_spec():
        if "spec" not in cache:
            spec = stock_view().get_json()
            cache["spec"] = openapi.merge(spec, extra_paths, extra_schemas)
            cache["spec"]["x-variable-labels"] = _all_variable_labels(app)
        spec = copy.copy(cache["spec"])
        spec["servers"] = [{"url": request.host_url.rstrip("/")}]
        return jsonify(spec)

    app.view_functions["get_spec"] = get_spec
