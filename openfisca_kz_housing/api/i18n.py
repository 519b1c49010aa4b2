"""Languages of the API's answers: English (default), Kazakh, Russian.

The language is chosen by ``?lang=`` first, then by the ``Accept-Language`` header (its first known
language by quality), else English. ``kz`` is accepted as an alias of ``kk``.
"""

from __future__ import annotations

LANGUAGES = ("en", "kk", "ru")
DEFAULT = "en"
_ALIASES = {"kz": "kk", "kaz": "kk", "rus": "ru", "eng": "en"}


def normalise(tag: str | None) -> str | None:
    """'ru-RU' -> 'ru', 'KZ' -> 'kk'; None when the tag names no language we speak."""
    if not tag:
        return None
    base = tag.strip().lower().replace("_", "-").split("-")[0]
    base = _ALIASES.get(base, base)
    return base if base in LANGUAGES else None


def from_accept_language(header: str | None) -> str | None:
    """The best language of an Accept-Language header that we speak (quality order, then order)."""
    if not header:
        return None
    choices = []
    for position, part in enumerate(header.split(",")):
        pieces = part.strip().split(";")
        quality = 1.0
        for piece in pieces[1:]:
            piece = piece.strip()
            if piece.startswith("q="):
                try:
                    quality = float(piece[2:])
                except ValueError:
                    quality = 0.0
        language = normalise(pieces[0])
        if language and quality > 0:
            choices.append((-quality, position, language))
    return min(choices)[2] if choices else None


def choose(query_lang: str | None, accept_language: str | None) -> str:
    return normalise(query_lang) or from_accept_language(accept_language) or DEFAULT


def request_language() -> str:
    """The language of the current Flask request (``?lang=`` then ``Accept-Language``)."""
    from flask import g, has_request_context, request

    if not has_request_context():
        return DEFAULT
    if "lang" not in g:
        g.lang = choose(request.args.get("lang"), request.headers.get("Accept-Language"))
    return g.lang
