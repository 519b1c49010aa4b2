"""Strict JSON in and out, for every route (ours and the stock OpenFisca ones).

In: duplicate keys, the non-JSON constants ``NaN``/``Infinity`` and lone surrogates (``"\\ud800"``,
which no answer could repeat in UTF-8) are refused with a 400 naming the place; an integer literal
too long for an exact float is read as a float (``1e400`` digits become ``inf``), so that the field
checks refuse it as out of range instead of ``float()`` raising ``OverflowError``.
Out: never ``NaN`` or ``Infinity`` (written ``null``), never a lone surrogate (escaped).
"""

from __future__ import annotations

import json
import math
import re

from flask.json.provider import DefaultJSONProvider

from openfisca_kz_housing.api.errors import ApiError

MAX_EXACT_DIGITS = 15  # longer integer literals are read as floats
# Digits as "0", anything else as " ": a body without MAX_EXACT_DIGITS + 1 zeros in a row has no integer
# literal too long to be exact (bytes.translate and a substring search: a few ms on 3 MB, where a regex
# takes 80).
_DIGITS_AS_ZERO = bytes(48 if 48 <= b <= 57 else 32 for b in range(256))
_LONG_DIGIT_RUN = b"0" * (MAX_EXACT_DIGITS + 1)
_SURROGATE_HINT = re.compile(rb"\\u[dD][89a-fA-F]|\xed[\xa0-\xbf]")


def _pairs(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise ApiError("duplicate_key", field=safe_text(key)[:60])
        out[key] = value
    return out


def _integer(text: str):
    digits = len(text.lstrip("-"))
    return int(text) if digits <= MAX_EXACT_DIGITS else float(text)


def _constant(name: str):
    raise ApiError("invalid_json", field="body", detail=f"{name} is not a JSON number; send a finite number or null")


def safe_text(text: str) -> str:
    """``text`` with any lone surrogate escaped (\\ud800), so that it encodes to UTF-8."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def find_lone_surrogate(value, path: str = "body") -> str | None:
    """The JSON path of the first string (or key) holding a lone surrogate, else None."""
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if safe_text(item) is not item:
                return where
        elif isinstance(item, dict):
            for key, child in item.items():
                if safe_text(key) is not key:
                    return f"{where}.{safe_text(key)[:40]}"
                stack.append((child, f"{where}.{key}"))
        elif isinstance(item, list):
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(item))
    return None


def _finite(value):
    """``value`` with every NaN or infinity replaced by None (a copy, made only when needed)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(child) for key, child in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(child) for child in value]
    return value


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider with the strict reading and the always-valid writing described above."""

    def loads(self, s, **kwargs):
        raw = s if isinstance(s, bytes) else s.encode("utf-8", "surrogatepass")
        kwargs.setdefault("object_pairs_hook", _pairs)
        if _LONG_DIGIT_RUN in raw.translate(_DIGITS_AS_ZERO):  # a Python call per integer only if needed
            kwargs.setdefault("parse_int", _integer)
        kwargs.setdefault("parse_constant", _constant)
        value = json.loads(s, **kwargs)
        if (b"\\u" in raw or b"\xed" in raw) and _SURROGATE_HINT.search(raw):  # substring tests first: fast
            where = find_lone_surrogate(value)
            if where is not None:
                raise ApiError("lone_surrogate", field=where)
        return value

    def dumps(self, obj, **kwargs):
        kwargs.setdefault("default", self.default)
        kwargs.setdefault("ensure_ascii", self.ensure_ascii)
        kwargs.setdefault("sort_keys", self.sort_keys)
        try:
            text = json.dumps(obj, allow_nan=False, **kwargs)
        except ValueError:  # a NaN or an infinity somewhere: JSON has no such number
            text = json.dumps(_finite(obj), allow_nan=False, **kwargs)
        return safe_text(text)
