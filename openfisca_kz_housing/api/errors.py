"""Errors the API answers with: always JSON, always 4xx for a bad request, in the client's language.

Every error body has the same shape::

    {"error": "<what is wrong>", "code": "<stable code>", "field": "<JSON path of the faulty field>",
     "fix": "<how to fix it>", "lang": "en", ...details}

``code`` is stable (clients may switch on it); ``error`` and ``fix`` are in the requested language.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from openfisca_kz_housing.api import i18n

# The messages live in messages.yaml beside this file (one place to change a message), read once here.
# CATALOG: code -> language -> (message, fix); both are str.format templates over the error's params.
# PHRASES: English fragments put into the templates (expected types, hints, units) -> (kk, ru).
_MESSAGES = yaml.safe_load((Path(__file__).parent / "messages.yaml").read_text(encoding="utf-8"))
CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    code: {lang: tuple(pair) for lang, pair in languages.items()} for code, languages in _MESSAGES["catalog"].items()
}
PHRASES: dict[str, tuple[str, str]] = {english: tuple(pair) for english, pair in _MESSAGES["phrases"].items()}
_GOT_PREFIXES = {"the string ": ("жол ", "строка "), "the number ": ("сан ", "число ")}


def translate(value, lang: str):
    """A template parameter in ``lang`` when it is one of the known English fragments."""
    if lang == "en" or not isinstance(value, str):
        return value
    index = 0 if lang == "kk" else 1
    if value in PHRASES:
        return PHRASES[value][index]
    for prefix, translations in _GOT_PREFIXES.items():
        if value.startswith(prefix):
            return translations[index] + value[len(prefix):]
    return value


class ApiError(Exception):
    """A request the API refuses: HTTP ``status``, stable ``code``, the faulty ``field`` and details."""

    def __init__(self, code: str, status: int = 400, field: str | None = None, extra: dict | None = None, **params):
        super().__init__(code)
        if code not in CATALOG:  # pragma: no cover - programming error
            raise KeyError(code)
        self.code = code
        self.status = status
        self.field = field
        self.params = {"field": field, **params}
        self.extra = extra or {}

    def body(self, lang: str | None = None) -> dict:
        lang = lang or i18n.request_language()
        message, fix = CATALOG[self.code].get(lang) or CATALOG[self.code]["en"]
        params = _SafeDict({key: translate(value, lang) for key, value in self.params.items() if key != "field"})
        params["field"] = self.field
        out = {
            "error": message.format_map(params),
            "code": self.code,
            "field": self.field,
            "fix": fix.format_map(params),
            "lang": lang,
        }
        label = _variable_label(self.params.get("name"), self.field, lang)
        if label:
            out["label"] = label  # the variable concerned, in the answer's language (variable_labels.yaml)
        out.update(self.extra)
        return {key: _safe(value) for key, value in out.items()}

    def __str__(self):
        return self.body("en")["error"]


def _variable_label(name, field, lang: str) -> str | None:
    """The label of the variable an error is about (its ``name``, else the last variable in ``field``)."""
    from openfisca_kz_housing.labels import variable_labels

    known = variable_labels()
    candidates = [name] if isinstance(name, str) else []
    if isinstance(field, str):
        candidates += reversed(re.split(r"[.\[\]]+", field))
    for candidate in candidates:
        if candidate in known:
            if lang != "en":
                return known[candidate].get(lang)
            from openfisca_kz_housing import tax_benefit_system

            variable = tax_benefit_system().variables.get(candidate)
            return variable.label if variable is not None else None
    return None


def _safe(value):
    """A string the answer can encode: a lone surrogate echoed from the request is escaped (\\ud800)."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8") if not value.isascii() else value
    return value


class _SafeDict(dict):
    def __missing__(self, key):
        return "" if key.startswith("opt_") else "{" + key + "}"  # opt_*: optional parts of a template


def describe_type(value) -> str:
    """The JSON type name of a parsed value, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "..."
        return f"the string {shown!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# The errors of the lower layers become API errors here, and only here ---------------------------

# What the API adds to a reform error's hint key (the reforms package names no interface).
REFORM_HINTS = {"parameter_list": " GET /parameters lists every parameter path."}


def from_domain(error, prefix: str | None = None) -> ApiError:
    """The ApiError of a ``ReformError``, ``DeadlineError`` or ``dates.DateFormatError``; ``prefix``
    is put before the error's field (e.g. "reform" for a reform inside a request body)."""
    from openfisca_kz_housing.dates import DateFormatError
    from openfisca_kz_housing.deadlines import FIRST_YEAR, LAST_YEAR, PROCEDURES, DeadlineError
    from openfisca_kz_housing.reforms.errors import ReformError

    field = error.field if not prefix else prefix + (f".{error.field}" if error.field and error.field != prefix else "")
    if isinstance(error, ReformError):
        return ApiError("invalid_reform", field=field, detail=error.message + REFORM_HINTS.get(error.hint, ""))
    if isinstance(error, DeadlineError):
        if error.reason == "unknown":
            return ApiError("unknown_enum", field=field, value=str(error.value)[:60], allowed=", ".join(PROCEDURES))
        years = f" ({FIRST_YEAR}-{LAST_YEAR})" if error.reason == "range" else ""
        return ApiError("invalid_date", field=field, value=repr(error.value)[:60], opt_years=years)
    if isinstance(error, DateFormatError):
        years = error.years if error.reason == "range" else ""
        return ApiError("invalid_date", field=field, value=repr(error.value)[:60], opt_years=years)
    raise TypeError(f"not a domain error: {error!r}")  # pragma: no cover - programming error
