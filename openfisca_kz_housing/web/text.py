"""Language and words of the pages: ``?lang=`` first, then the ``lang`` cookie, then Accept-Language
(read as the API reads it: ``api.i18n``, region tags such as ``ru-RU`` or ``kk-KZ`` included).

Page text comes from ``strings.yaml``; labels of variables and parameters from the model's own label
files (``openfisca_kz_housing.labels`` for variables, ``reforms.diff.describe_parameter`` for parameters).
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path

import yaml
from flask import current_app, g, request
from markupsafe import Markup

from openfisca_kz_housing import labels
from openfisca_kz_housing.api import i18n

LANGUAGES = ("kk", "ru", "en")  # the order of the language switch
NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
COOKIE = "lang"
COOKIE_AGE = 365 * 24 * 3600
STRINGS_PATH = Path(__file__).with_name("strings.yaml")


@functools.cache
def strings() -> dict:
    with open(STRINGS_PATH, encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def page_language() -> str:
    """The page's language; remembers an explicit ``?lang=`` (the cookie is set after the request)."""
    if "page_lang" in g:
        return g.page_lang
    chosen = i18n.normalise(request.args.get("lang") or request.form.get("lang"))
    if chosen:
        g.set_lang_cookie = chosen != request.cookies.get(COOKIE)
    else:
        chosen = i18n.normalise(request.cookies.get(COOKIE)) or i18n.header_language() or i18n.DEFAULT
    g.page_lang = chosen
    g.lang = chosen  # the API's own messages (ApiError.body) follow the page
    return chosen


def remember_language(response):
    """after_request: keep an explicitly chosen language in a cookie for a year."""
    if g.get("set_lang_cookie"):
        response.set_cookie(COOKIE, g.page_lang, max_age=COOKIE_AGE, samesite="Lax", httponly=True)
    return response


def t(key: str, **params) -> str:
    """A page string in the page's language (English when a translation is missing)."""
    entry = strings()[key]
    text = entry.get(page_language()) or entry.get("en") or key
    return text.format(**params) if params else text


def system():
    return current_app.extensions["kz_housing"]["tax_benefit_system"]


def variable_label(name: str) -> str:
    """A variable's label from the model's label files; its trailing unit in brackets is kept."""
    return labels.variable_label(system(), name, page_language())


def parameter_label(path: str) -> str:
    """A parameter's label in the page's language (its metadata: label, label_kk, label_ru)."""
    from openfisca_kz_housing.parameter_paths import walk
    from openfisca_kz_housing.reforms.diff import describe_parameter

    return describe_parameter(path, walk(system().parameters, path), page_language())["label"]


def enum_label(enum_class, name: str) -> str:
    lang = page_language()
    if lang == "en":
        return enum_class[name].value
    return strings()[f"enum_{name}"][lang]


def money(value, decimals: int = 2) -> str:
    """5800.0 -> '5 800' ; 6666.67 -> '6 666,67' (kk/ru) or '6 666.67' (en): spaces group thousands."""
    value = float(value)
    text = f"{value:,.{decimals}f}".replace(",", " ")
    if decimals and text.endswith("." + "0" * decimals):
        text = text[: -decimals - 1]
    if page_language() != "en":
        text = text.replace(".", ",")
    return text


def number(value) -> str:
    value = float(value)
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if page_language() != "en" else text


_SPACES = re.compile(r"[\s\u00a0\u202f']")


def parse_number(text: str):
    """'5 800,50' -> 5800.5; '' -> None; anything else -> the text itself (the engine refuses it)."""
    text = (text or "").strip()
    if not text:
        return None
    cleaned = _SPACES.sub("", text).replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return text
    if not math.isfinite(value):  # 'nan', '1e400': the engine refuses the text, with its message
        return text
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def lang_query(code: str) -> str:
    """The current query string with ``lang`` set to ``code`` (the language switch keeps the rest)."""
    from urllib.parse import urlencode

    args = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    return urlencode([*args, ("lang", code)])


def month_label(source: str, k: int, months) -> Markup:
    """'<income label> — <month>' for the month-by-month fields (the month is renamed when the date changes)."""
    month = months[k] if months else t("month_n", n=k + 1)
    return Markup('{} — <span class="month-name" data-k="{}">{}</span>').format(variable_label(source), k, month)


def enum_text(name: str, value: str) -> str:
    from openfisca_kz_housing.enums import DwellingKind, Tenure

    kind = {"dwelling_kind": DwellingKind, "tenure": Tenure}.get(name)
    try:
        return enum_label(kind, value) if kind else value
    except KeyError:
        return value


def template_globals() -> dict:
    lang = page_language()
    return {
        "lang": lang,
        "languages": [(code, NAMES[code]) for code in LANGUAGES],
        "t": t,
        "vlabel": variable_label,
        "plabel": parameter_label,
        "money": money,
        "number": number,
        "model": current_app.extensions["kz_housing"]["model"],
        "lang_query": lang_query,
        "month_label": month_label,
        "enum_text": enum_text,
    }
