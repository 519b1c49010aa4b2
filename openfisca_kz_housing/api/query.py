"""The checks of our routes' own query parameters and of ``lang``, in one place.

A route that reads its query (``/deadlines``, ``/diff``) refuses an unknown parameter (400
``unknown_parameter``) and an unknown ``lang`` (400 ``unknown_enum``, field ``lang``), through the API's
one error path (``errors.ApiError``, texts in ``messages.yaml``), in the request's language.
"""

from __future__ import annotations

from flask import g, request

from openfisca_kz_housing.api import i18n
from openfisca_kz_housing.api.errors import ApiError


def read_lang(value) -> str:
    """The answer's language from a query's or a body's ``lang``: absent, the request's language;
    a language we do not speak (or not a string) is refused. Later errors speak the language read."""
    if value is None:
        return i18n.request_language()
    lang = i18n.normalise(value) if isinstance(value, str) else None
    if lang is None:
        raise ApiError("unknown_enum", field="lang", value=str(value)[:20], allowed=", ".join(i18n.LANGUAGES))
    g.lang = lang
    return lang


def check_query(allowed: tuple[str, ...], example: str) -> str:
    """Refuse query parameters not in ``allowed`` (``lang`` included there) and an unknown ``lang``;
    return the answer's language."""
    unknown = sorted(set(request.args) - set(allowed))
    if unknown:
        raise ApiError("unknown_parameter", field=unknown[0][:60], allowed=", ".join(allowed), example=example)
    return read_lang(request.args.get("lang"))
