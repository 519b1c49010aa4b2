"""Languages of the API's answers: English (default), Kazakh, Russian.

The language is chosen by ``?lang=`` first, then by the ``Accept-Language`` header (werkzeug's
``LanguageAccept.best_match``: quality order, ``ru-RU`` matches ``ru``), else English. ``kz`` is
accepted as an alias of ``kk``.
"""

from __future__ import annotations

from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

LANGUAGES = ("en", "kk", "ru")
DEFAULT = "en"
_ALIASES = {"kz": "kk", "kaz": "kk", "rus": "ru", "eng": "en"}
_OFFERED = (*LANGUAGES, *_ALIASES)


def normalise(tag: str | None) -> str | None:
    """'ru-RU' -> 'ru', 'KZ' -> 'kk'; None when the tag names no language we speak."""
    if not tag or not isinstance(tag, str):
        return None
    base = tag.strip().lower().replace("_", "-").split("-")[0]
    base = _ALIASES.get(base, base)
    return base if base in LANGUAGES else None


def best_of(accept: LanguageAccept | None) -> str | None:
    """The language we speak that the client prefers most, or None. Tags are cut to their language
    first ("ru-RU;q=1, kk;q=0.5" -> ru: werkzeug would take the exact "kk" over the regional "ru-RU")."""
    if not accept:
        return None
    bases = LanguageAccept([(value.replace("_", "-").split("-")[0], quality) for value, quality in accept])
    return normalise(bases.best_match(_OFFERED))


def choose(query_lang: str | None, accept_language: str | None) -> str:
    """``?lang=`` first, then the Accept-Language header, else English."""
    header = parse_accept_header(accept_language, LanguageAccept) if accept_language else None
    return normalise(query_lang) or best_of(header) or DEFAULT


def header_language() -> str | None:
    """The current Flask request's Accept-Language choice (``best_of``), or None: the API and the pages."""
    from flask import request

    return best_of(request.accept_languages)


def request_language() -> str:
    """The language of the current Flask request (``?lang=``, then Accept-Language)."""
    from flask import g, has_request_context, request

    if not has_request_context():
        return DEFAULT
    if "lang" not in g:
        g.lang = normalise(request.args.get("lang")) or header_language() or DEFAULT
    return g.lang
