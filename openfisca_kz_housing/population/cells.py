"""Reading cells: each column converted to numpy, every bad cell reported (vectorised with pyarrow).

Bounds and kinds come from the column table (``columns.py``, itself built from ``model_inputs.py``).
"""

from __future__ import annotations

import difflib
import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from openfisca_kz_housing.dates import is_month, month_ordinal
from openfisca_kz_housing.population.columns import ROLES, Column
from openfisca_kz_housing.population.problems import Problem
from openfisca_kz_housing.population.reading import _Source, release_freed_memory

MAX_PROBLEMS_PER_COLUMN = 20
LARGE_TABLE_ROWS = 500_000  # above it, freed pages go back to the system after each column (peak memory)
TRUE_WORDS = ("true", "1", "yes")
FALSE_WORDS = ("false", "0", "no")
NUMBER_PATTERN = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"
FIRST_YEAR, LAST_YEAR = 1900, 2200  # years of a 'month' column
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
NOT_GIVEN_DATE = np.datetime64("1970-01-01", "D")  # variables/application.py: not given, applied in time


class _ColumnReader:
    """Converts one column to numpy, recording bad rows (vectorised; details for the first few)."""

    def __init__(self, file: str, name: str, column: pa.ChunkedArray, problems: list):
        self.file, self.name, self.problems = file, name, problems
        self.column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
        if pa.types.is_large_string(self.column.type):
            self.column = self.column.cast(pa.string())
        self.is_dictionary = pa.types.is_dictionary(self.column.type)
        self.is_text = pa.types.is_string(self.column.type) or (
            self.is_dictionary and pa.types.is_string(self.column.type.value_type)
        )
        self.bad = np.zeros(len(self.column), dtype=bool)

    def reject(self, mask: np.ndarray, reason) -> None:
        """Mark the rows of ``mask`` bad; ``reason`` is a string or a function of the row index."""
        if not mask.any():  # the usual case: nothing to mark
            return
        mask = mask & ~self.bad
        rows = np.flatnonzero(mask)
        if not len(rows):
            return
        self.bad |= mask
        for row in rows[:MAX_PROBLEMS_PER_COLUMN]:
            text = reason(row) if callable(reason) else reason
            self.problems.append(Problem(self.file, int(row) + 1, self.name, text))
        if len(rows) > MAX_PROBLEMS_PER_COLUMN:
            first = reason(rows[0]) if callable(reason) else reason
            self.problems.append(
                Problem(
                    self.file,
                    None,
                    self.name,
                    f"{len(rows) - MAX_PROBLEMS_PER_COLUMN:,} more rows like row {rows[0] + 1} ({first})",
                )
            )

    def value(self, row) -> str:
        return repr(self.column[int(row)].as_py())

    def nulls(self) -> np.ndarray:
        if self.column.null_count == 0:
            return np.zeros(len(self.column), dtype=bool)
        return self.column.is_null().to_numpy(zero_copy_only=False)

    def empty(self) -> np.ndarray:
        mask = self.nulls()
        if self.is_text and not self.is_dictionary:
            blank = pc.equal(pc.utf8_trim_whitespace(self.column), "")
            mask = mask | pc.fill_null(blank, True).to_numpy(zero_copy_only=False)
        self.reject(mask, "empty cell: every cell must be filled (leave a column out to use its default)")
        return mask

    def wrong_type(self, expected: str) -> None:
        self.problems.append(
            Problem(self.file, None, self.name, f"the column holds {self.column.type} values; expected {expected}")
        )
        self.bad[:] = True

    # kinds --------------------------------------------------------------------------------------

    def number(self, spec: Column, dtype=None) -> np.ndarray:
        dtype = dtype or (np.int32 if spec.kind == "integer" else np.float32)
        col = self.column
        if self.is_dictionary:
            col = col.cast(col.type.value_type)
        if self.is_text:
            empty = self.empty()
            col = pc.utf8_trim_whitespace(col)
            ok = pc.fill_null(pc.match_substring_regex(col, NUMBER_PATTERN), False).to_numpy(zero_copy_only=False)
            self.reject(~ok & ~empty, lambda r: f"{self.value(r)} is not a number (write digits with a dot: 12.5)")
            values = pc.if_else(pa.array(ok), col, pa.scalar(None, pa.string())).cast(pa.float64())
            values = values.to_numpy(zero_copy_only=False)
        elif pa.types.is_integer(col.type) or pa.types.is_floating(col.type) or pa.types.is_decimal(col.type):
            self.empty()
            if pa.types.is_decimal(col.type):
                col = col.cast(pa.float64())
            values = col.to_numpy(zero_copy_only=False)
        else:
            self.wrong_type("numbers")
            return np.zeros(len(col), dtype=dtype)
        if values.dtype.kind == "f":
            self.reject(~np.isfinite(values), lambda r: f"{self.value(r)} is not a finite number")
            if self.bad.any():
                values = np.where(self.bad, 0, values)
            if spec.kind == "integer":
                self.reject(values != np.round(values), lambda r: f"{self.value(r)} is not a whole number")
        if spec.minimum is not None:
            if spec.strict_minimum:
                self.reject(values <= spec.minimum, lambda r: f"{values[r]:g} must be greater than {spec.minimum:g}")
            else:
                self.reject(values < spec.minimum,
                            lambda r: f"{values[r]:g} is negative; it must be {spec.minimum:g} or more")
        if spec.maximum is not None:
            self.reject(
                values > spec.maximum,
                lambda r: f"{values[r]:g} is not plausible: at most {spec.maximum:,.0f} (bounds in docs/budget.md)",
            )
        if self.bad.any():
            values = np.where(self.bad, 0, values)
        return values.astype(dtype, copy=False)

    def words(self, allowed: tuple, explain: str) -> np.ndarray:
        """Index of each value in ``allowed`` (case-insensitive, spaces trimmed); rejects anything else.

        Works on the column's dictionary (its distinct values), then maps the rows: fast on millions.
        """
        if not self.is_text:
            self.empty()
            self.wrong_type("text")
            return np.zeros(len(self.column), dtype=np.int16)
        encoded = self.column if self.is_dictionary else pc.dictionary_encode(self.column)
        distinct = pc.utf8_lower(pc.utf8_trim_whitespace(encoded.dictionary))
        index = pc.index_in(distinct, value_set=pa.array(allowed)).to_numpy(zero_copy_only=False)
        known = ~np.isnan(index) if index.dtype.kind == "f" else np.ones(len(index), dtype=bool)
        mapping = np.where(known, np.nan_to_num(index, nan=0), -1).astype(np.int16)
        blank = pc.equal(distinct, "").to_numpy(zero_copy_only=False).astype(bool)
        mapping[blank] = -2
        nulls = self.nulls()
        codes = np.full(len(self.column), -2, dtype=np.int16)
        if len(mapping):
            indices = encoded.indices.fill_null(0).to_numpy(zero_copy_only=False)
            codes = np.where(nulls, -2, mapping[indices]).astype(np.int16)
        self.reject(codes == -2, "empty cell: every cell must be filled (leave a column out to use its default)")
        self.reject(codes == -1, lambda r: f"{self.value(r)} is not allowed; {explain}")
        return np.maximum(codes, 0)

    def enum(self, spec: Column) -> np.ndarray:
        names = tuple(spec.enum.__members__)
        return self.words(names, "use one of: " + ", ".join(names))

    def role(self) -> np.ndarray:
        return self.words(ROLES, "use applicant or other_member")

    def boolean(self) -> np.ndarray:
        if pa.types.is_boolean(self.column.type):
            self.empty()
            return self.column.fill_null(False).to_numpy(zero_copy_only=False).astype(bool)
        if pa.types.is_integer(self.column.type):
            self.empty()
            values = self.column.fill_null(0).to_numpy(zero_copy_only=False)
            self.reject((values != 0) & (values != 1), lambda r: f"{self.value(r)} is not a yes/no value; use 1 or 0")
            return values == 1
        index = self.words(TRUE_WORDS + FALSE_WORDS, "use true or false (or 1/0, yes/no)")
        return index < len(TRUE_WORDS)

    def ident(self) -> pa.Array:
        col = self.column
        if self.is_dictionary:
            col = col.cast(col.type.value_type)
        if self.is_text:
            col = pc.utf8_trim_whitespace(col)
            self.column = col
        self.empty()
        if self.is_text or pa.types.is_integer(col.type):
            return col
        self.wrong_type("identifiers (text or whole numbers)")
        return col

    def date(self) -> np.ndarray:
        """YYYY-MM-DD dates as datetime64[D]; an empty cell is "not given" (1970-01-01, the model's sentinel)."""
        col = self.column
        if pa.types.is_date(col.type) or pa.types.is_timestamp(col.type):
            values = col.cast(pa.date32()).to_numpy(zero_copy_only=False).astype("datetime64[D]")
            return np.where(np.isnat(values), NOT_GIVEN_DATE, values)
        if not self.is_text:
            self.wrong_type("dates written YYYY-MM-DD")
            return np.full(len(col), NOT_GIVEN_DATE)
        encoded = col if self.is_dictionary else pc.dictionary_encode(col)
        parsed = []
        for text in encoded.dictionary.to_pylist():
            text = text.strip()
            if not text:
                parsed.append(NOT_GIVEN_DATE)
                continue
            try:
                day = np.datetime64(text, "D") if re.match(DATE_PATTERN, text) else None
            except ValueError:
                day = None
            parsed.append(day if day is not None and 1971 <= day.astype(object).year <= 2199 else np.datetime64("NaT"))
        table = np.array(parsed or [NOT_GIVEN_DATE], dtype="datetime64[D]")
        values = table[encoded.indices.fill_null(0).to_numpy(zero_copy_only=False)]
        values = np.where(self.nulls(), NOT_GIVEN_DATE, values)
        self.reject(
            np.isnat(values),
            lambda r: f"{self.value(r)} is not a date from 1971 to 2199; write YYYY-MM-DD, e.g. 2023-06-27"
        )
        return np.where(np.isnat(values), NOT_GIVEN_DATE, values)

    def month(self) -> np.ndarray:
        col = self.column
        if pa.types.is_date(col.type) or pa.types.is_timestamp(col.type):
            self.empty()
            year = pc.year(col).to_numpy(zero_copy_only=False)
            month = pc.month(col).to_numpy(zero_copy_only=False)
            return np.where(self.bad, 0, year * 12 + month - 1).astype(np.int64)
        if not self.is_text:
            self.empty()
            self.wrong_type("months written YYYY-MM")
            return np.zeros(len(col), dtype=np.int64)
        encoded = col if self.is_dictionary else pc.dictionary_encode(col)
        distinct = encoded.dictionary.to_pylist()
        ordinals = np.array(
            [month_ordinal(v.strip()) if is_month(v.strip()) else (-2 if not v.strip() else -1) for v in distinct]
            or [0],
            dtype=np.int64,
        )
        nulls = self.nulls()
        values = np.where(nulls, -2, ordinals[encoded.indices.fill_null(0).to_numpy(zero_copy_only=False)])
        self.reject(values == -2, "empty cell: every cell must be filled (leave a column out to use its default)")
        self.reject(values == -1, lambda r: f"{self.value(r)} is not a month; write YYYY-MM, e.g. 2021-04")
        outside = (values >= 0) & ((values < FIRST_YEAR * 12) | (values >= (LAST_YEAR + 1) * 12))
        self.reject(outside, lambda r: f"{self.value(r)} is not plausible: years {FIRST_YEAR} to {LAST_YEAR}")
        return np.maximum(values, 0)


def _check_columns(file: str, table: _Source, spec: dict, problems: list) -> None:
    for name in table.column_names:
        if name not in spec:
            close = difflib.get_close_matches(name, spec, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(
                Problem(file, None, name, f"unknown column{hint} Allowed columns: {', '.join(spec)}")
            )
    for name, column in spec.items():
        if column.required and name not in table.column_names:
            problems.append(Problem(file, None, name, f"required column missing ({column.help})"))


def _parse_columns(file: str, table: _Source, spec: dict, problems: list) -> dict:
    """Every known column present, converted to numpy (ids stay Arrow arrays)."""
    out = {}
    for name in table.column_names:
        column = spec.get(name)
        if column is None:
            continue
        reader = _ColumnReader(file, name, table.column(name), problems)
        table.release(name)
        if column.kind in ("number", "integer"):
            out[name] = reader.number(column, np.float64 if name == "weight" else None)
        elif column.kind == "enum":
            out[name] = reader.enum(column)
        elif column.kind == "role":
            out[name] = reader.role()
        elif column.kind == "bool":
            out[name] = reader.boolean()
        elif column.kind == "id":
            out[name] = reader.ident()
        elif column.kind == "month":
            out[name] = reader.month()
        elif column.kind == "date":
            out[name] = reader.date()
        del reader
        if table.num_rows > LARGE_TABLE_ROWS:
            release_freed_memory()  # the raw column is gone: give its pages back before reading the next
    return out
