"""The strict JSON reader (api/json_io.py, issue 10 'never a 500') reads the same values on its fast path."""

from __future__ import annotations

import pytest

from openfisca_kz_housing.api.errors import ApiError
from openfisca_kz_housing.api.json_io import MAX_EXACT_DIGITS, StrictJSONProvider


@pytest.fixture(scope="module")
def read():
    from flask import Flask

    return StrictJSONProvider(Flask(__name__)).loads


@pytest.mark.parametrize("digits", [1, MAX_EXACT_DIGITS, MAX_EXACT_DIGITS + 1, 400, 5000])
def test_integer_literals_exact_up_to_fifteen_digits_then_floats(read, digits):
    """Up to 15 digits an integer is an exact int; a longer one is read as a float (inf beyond float range),
    whichever path the reader takes (the per-integer hook runs only when such a run of digits exists)."""
    literal = "9" * digits
    value = read(f'{{"n": {literal}, "s": "x"}}'.encode())["n"]
    if digits <= MAX_EXACT_DIGITS:
        assert type(value) is int and value == int(literal)
    else:
        assert type(value) is float and value == float(literal)


def test_a_long_digit_run_in_a_string_changes_no_number(read):
    """A 20-digit id in a string sends the reader down the hook path: the numbers read the same."""
    assert read(b'{"id": "12345678901234567890", "n": 42, "f": 1.5}') == {
        "id": "12345678901234567890", "n": 42, "f": 1.5
    }


def test_a_lone_surrogate_is_refused_with_its_place(read):
    """Escaped (\\ud800): no answer could repeat it in UTF-8, so the reader refuses it and names the place."""
    with pytest.raises(ApiError) as caught:
        read(b'{"a": ["ok", "x\\ud800"]}')
    assert caught.value.code == "lone_surrogate" and caught.value.field == "body.a[1]"
