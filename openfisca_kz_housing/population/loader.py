"""Read and validate a population: a households table and a persons table, CSV or Parquet.

A population is a directory holding one ``*households.csv|parquet`` and one ``*persons.csv|parquet``
file (and optionally ``population.json``: ``{"name": ..., "synthetic": true, "description": ...}``).
Columns are named as the model's variables (decision 56/2-VI inputs, see ``HOUSEHOLD_COLUMNS`` and
``PERSON_COLUMNS``). Monthly variation: without a ``month`` column every value holds for every month;
with one, a row gives the entity's values *from that month on*, until its next row (months before the
first row take the first row's values). Every problem is reported as file, row, column and reason in a
``PopulationError``; nothing is silently dropped or defaulted cell by cell (an absent optional column
takes its documented default, reported in ``Population.notes``).

Validation is vectorised (pyarrow/numpy) so that a million households load in about a second.
"""

from __future__ import annotations

import bisect
import csv
import ctypes
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from openfisca_kz_housing.dates import is_month, month_ordinal, ordinal_month  # noqa: F401 (re-exported)
from openfisca_kz_housing.enums import DwellingKind, Tenure

MAX_PROBLEMS_PER_COLUMN = 20
ROLES = ("applicant", "other_member")
TRUE_WORDS = ("true", "1", "yes")
FALSE_WORDS = ("false", "0", "no")
NUMBER_PATTERN = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
NOT_GIVEN_DATE = np.datetime64("1970-01-01", "D")  # variables/application.py: not given, applied in time
RENT_TENURES = (Tenure.state_housing_tenant.index, Tenure.akimat_leased_tenant.index)  # Annex 1, item 1


@dataclass(frozen=True)
class Column:
    """How one column is read: kind (id, month, number, integer, enum, bool, role) and its rules."""

    kind: str
    help: str
    required: bool = False
    default: object = None
    minimum: float | None = None
    strict_minimum: bool = False
    enum: type | None = None
    per_entity: bool = False  # must be the same on every monthly row of the entity


def _money(help_text):
    return Column("number", help_text + " (tenge a month, >= 0; default 0)", default=0.0, minimum=0)


HOUSEHOLD_COLUMNS = {
    "household_id": Column("id", "identifier of the household (text or whole number)", required=True),
    "month": Column("month", "YYYY-MM: the row applies from this month on (optional column)"),
    "dwelling_area": Column("number", "useful area of the dwelling, m2 (> 0)", required=True, minimum=0, strict_minimum=True),
    "dwelling_rooms": Column("integer", "number of living rooms (0 = unknown)", required=True, minimum=0),
    "dwelling_kind": Column("enum", "apartment, individual_house or dormitory_room", required=True, enum=DwellingKind),
    "tenure": Column(
        "enum",
        "owner, state_housing_tenant, akimat_leased_tenant or private_tenant",
        required=True,
        enum=Tenure,
    ),
    "owns_other_dwelling": Column("bool", "owns another dwelling in Kazakhstan: true/false (default false)", default=False),
    "resident_in_district": Column("bool", "registered and living in the district: true/false (default true)", default=True),
    "maintenance_expense": _money("condominium management and maintenance"),
    "heating_expense": _money("heating"),
    "rent_expense": _money("rent of a state-fund or akimat-leased dwelling"),
    "utility_expense": _money("other utilities, accepted amount"),
    "telephone_fee_increase": _money("compensable telephone fee increase"),
    "housing_aid_application_date": Column(
        "date",
        "YYYY-MM-DD filing date of the application covering the month (optional column; an empty cell or no "
        "column: applied in time; items 10-11)",
    ),
    "weight": Column(
        "number",
        "how many real households this row stands for (> 0; default 1)",
        default=1.0,
        minimum=0,
        strict_minimum=True,
        per_entity=True,
    ),
}

PERSON_COLUMNS = {
    "person_id": Column("id", "identifier of the person (required with a month column; default: row number)"),
    "household_id": Column("id", "the household_id of the person's household", required=True, per_entity=True),
    "month": Column("month", "YYYY-MM: the row applies from this month on (optional column)"),
    "role": Column(
        "role", "applicant or other_member (default: the first person listed is the applicant)", per_entity=True
    ),
    "salary": _money("salary"),
    "pension": _money("pensions"),
    "social_benefits": _money("countable social benefits"),
    "other_income": _money("other countable income"),
}

INCOME_COLUMNS = ("salary", "pension", "social_benefits", "other_income")


@dataclass(frozen=True)
class Problem:
    """One reason to refuse a population; ``row`` is the 1-based data row (the header is not a row)."""

    file: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self):
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
            if self.file.endswith(".csv"):
                where += f" (line {self.row + 1})"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.reason}"


class PopulationError(ValueError):
    """The population files were refused; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = "\n".join(f"  - {p}" for p in self.problems[:100])
        more = f"\n  ... and {len(self.problems) - 100} more" if len(self.problems) > 100 else ""
        super().__init__(f"The population was refused ({len(self.problems)} problem(s)):\n{shown}{more}")


@dataclass
class Series:
    """An input's values over time: ``arrays[i]`` holds from month ordinal ``starts[i]`` on.

    With no ``starts`` the single array holds for every month. Months before the first start take the
    first array. Arrays are shared, not copied, between months (OpenFisca's set_input keeps them).
    """

    arrays: tuple
    starts: tuple = ()

    def at(self, ordinal: int) -> np.ndarray:
        return self.arrays[max(bisect.bisect_right(self.starts, ordinal) - 1, 0)]

    @property
    def constant(self) -> bool:
        return len(self.arrays) == 1


@dataclass
class Population:
    """A validated population, as arrays ordered by household (first appearance) and person."""

    name: str
    synthetic: bool
    files: dict
    household_ids: pa.Array
    person_ids: pa.Array
    person_household: np.ndarray  # household index of each person (intp)
    person_role: np.ndarray  # 0 applicant, 1 other member (int8)
    weight: np.ndarray  # float64, one per household
    household_inputs: dict = field(default_factory=dict)  # variable -> Series
    person_inputs: dict = field(default_factory=dict)  # variable -> Series
    notes: list = field(default_factory=list)
    description: str = ""

    @property
    def household_count(self) -> int:
        return len(self.weight)

    @property
    def person_count(self) -> int:
        return len(self.person_household)

    @property
    def household_size(self) -> np.ndarray:
        if getattr(self, "_size", None) is None:
            self._size = np.bincount(self.person_household, minlength=self.household_count)
        return self._size

    @property
    def label(self) -> str:
        return f"SYNTHETIC population '{self.name}'" if self.synthetic else f"population '{self.name}'"


# --------------------------------------------------------------------------------------------- reading


def _find_table(directory: Path, kind: str, problems: list) -> Path | None:
    found = sorted(
        p
        for p in directory.iterdir()
        if p.is_file() and p.suffix.lower() in (".csv", ".parquet") and p.stem.lower().endswith(kind)
    )
    if not found:
        problems.append(
            Problem(str(directory), None, None, f"no {kind} table: add a file named {kind}.csv or {kind}.parquet")
        )
        return None
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        problems.append(Problem(str(directory), None, None, f"several {kind} tables ({names}): keep exactly one"))
        return None
    return found[0]


def _read_csv(path: Path) -> pa.Table:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        first_line = stream.readline()
    if not first_line.strip():
        raise ValueError("the file is empty: the first line must name the columns")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    header = next(csv.reader([first_line], delimiter=delimiter))
    header = [name.strip() for name in header]
    if any(not name for name in header):
        raise ValueError("a column has no name in the header line")
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise ValueError(f"column(s) named twice in the header: {', '.join(duplicates)}")
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=header, skip_rows=1),
        parse_options=pacsv.ParseOptions(delimiter=delimiter),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in header},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    return table


class _Source:
    """A table read column by column: Parquet columns are read on demand, CSV columns are dropped
    once parsed, so that only one raw column is in memory at a time."""

    def __init__(self, path: Path):
        self.path = path
        if path.suffix.lower() == ".csv":
            self.table = _read_csv(path)
            self.parquet = None
            self.column_names = list(self.table.column_names)
            self.num_rows = self.table.num_rows
        else:
            self.table = None
            self.parquet = pq.ParquetFile(path)
            self.column_names = list(self.parquet.schema_arrow.names)
            self.num_rows = self.parquet.metadata.num_rows

    def column(self, name: str) -> pa.ChunkedArray:
        if self.parquet is not None:
            return self.parquet.read(columns=[name], use_threads=False).column(0)
        return self.table.column(name)

    def release(self, name: str) -> None:
        if self.table is not None and name in self.table.column_names:
            self.table = self.table.drop_columns([name])


def _read_table(path: Path, problems: list) -> _Source | None:
    try:
        return _Source(path)
    except (pa.ArrowException, ValueError, OSError, UnicodeDecodeError) as error:
        kind = "CSV (UTF-8, comma- or semicolon-separated)" if path.suffix.lower() == ".csv" else "Parquet"
        problems.append(Problem(path.name, None, None, f"cannot be read as {kind}: {error}"))
        return None


# ------------------------------------------------------------------------------------------- parsing


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
                self.reject(values < spec.minimum, lambda r: f"{values[r]:g} is negative; it must be {spec.minimum:g} or more")
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
            np.isnat(values), lambda r: f"{self.value(r)} is not a date from 1971 to 2199; write YYYY-MM-DD, e.g. 2023-06-27"
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
        if table.num_rows > 100_000:
            release_freed_memory()  # the raw column is gone: give its pages back before reading the next
    return out


# -------------------------------------------------------------------------------------- entity tables


def _text_if_mixed(a: pa.Array, b: pa.Array) -> tuple[pa.Array, pa.Array]:
    if a.type == b.type:
        return a, b
    return a.cast(pa.string()), b.cast(pa.string())


@dataclass
class _Entities:
    """Rows grouped by entity: ``row_entity[r]`` is the entity index of row r (first appearance order).

    ``identity`` is true when every row is its own entity (no month column, no duplicate id): then
    the per-entity arrays are the columns themselves, with no copy.
    """

    ids: pa.Array
    row_entity: np.ndarray | None  # None when identity
    first_row: np.ndarray | None  # None when identity
    months: np.ndarray | None  # month ordinal per row, or None
    identity: bool = False

    def row_of(self, entity) -> int:
        """The 0-based row where the entity first appears."""
        return int(entity) if self.identity else int(self.first_row[entity])


def _all_distinct(ids: pa.Array) -> bool:
    if pa.types.is_integer(ids.type) and ids.null_count == 0:
        values = ids.to_numpy()
        if len(values) < 2 or np.all(values[1:] > values[:-1]):  # the usual case: increasing ids
            return True
        ordered = np.sort(values)
        return not np.any(ordered[1:] == ordered[:-1])
    return pc.count_distinct(ids).as_py() == len(ids)


def _lookup(values: pa.Array, keys: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Position of each value in ``keys`` (distinct) and whether it was found (numpy for integers)."""
    if pa.types.is_integer(values.type) and pa.types.is_integer(keys.type) and values.null_count == 0:
        v, k = values.to_numpy(), keys.to_numpy()
        if v.dtype != k.dtype:
            v, k = v.astype(np.int64), k.astype(np.int64)
        order = None if len(k) < 2 or np.all(k[1:] > k[:-1]) else np.argsort(k, kind="stable")
        ordered = k if order is None else k[order]
        position = np.searchsorted(ordered, v)
        np.minimum(position, len(k) - 1, out=position)
        found = ordered[position] == v
        if order is not None:
            position = order[position]
        return position, found
    index = pc.index_in(values, value_set=keys)
    found = ~index.is_null().to_numpy(zero_copy_only=False)
    return index.fill_null(0).to_numpy(zero_copy_only=False).astype(np.intp), found


def _group_rows(file: str, kind: str, ids: pa.Array, months, problems: list) -> _Entities:
    if months is None and _all_distinct(ids):
        return _Entities(ids, None, None, None, identity=True)
    unique = pc.unique(ids)
    row_entity = pc.index_in(ids, value_set=unique).to_numpy(zero_copy_only=False).astype(np.intp)
    first_row = np.full(len(unique), -1, dtype=np.intp)
    first_row[row_entity[::-1]] = np.arange(len(row_entity))[::-1]
    key = row_entity if months is None else row_entity.astype(np.int64) * 100_000 + (months - months.min())
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    repeated = np.zeros(len(key), dtype=bool)
    repeated[order[1:]] = sorted_key[1:] == sorted_key[:-1]
    for row in np.flatnonzero(repeated)[:MAX_PROBLEMS_PER_COLUMN]:
        entity = row_entity[row]
        what = f"{kind} {ids[int(row)].as_py()!r}" + ("" if months is None else f" for month {ordinal_month(int(months[row]))}")
        problems.append(
            Problem(file, int(row) + 1, f"{kind}_id", f"duplicate id: {what} already appears at row {first_row[entity] + 1}")
        )
    if repeated.sum() > MAX_PROBLEMS_PER_COLUMN:
        problems.append(Problem(file, None, f"{kind}_id", f"{repeated.sum() - MAX_PROBLEMS_PER_COLUMN:,} more duplicate ids"))
    return _Entities(unique, row_entity, first_row, months)


def _check_constant(file: str, name: str, values: np.ndarray, group: _Entities, problems: list) -> None:
    if group.months is None:
        return
    changed = values != values[group.first_row[group.row_entity]]
    for row in np.flatnonzero(changed)[:MAX_PROBLEMS_PER_COLUMN]:
        problems.append(
            Problem(file, int(row) + 1, name, f"differs from the entity's first row (row {group.first_row[group.row_entity[row]] + 1}); it must not change over months")
        )


def _series(values: np.ndarray, group: _Entities, dtype) -> Series:
    """Per-entity arrays over time (step function of the monthly rows)."""
    if group.months is None:
        per_entity = values if group.identity else values[group.first_row]
        return Series((np.ascontiguousarray(per_entity, dtype=dtype),))
    if not hasattr(group, "_plan"):
        months = group.months
        key = group.row_entity.astype(np.int64) * 100_000 + (months - months.min())
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        starts_of_entity = np.searchsorted(sorted_key, np.arange(len(group.ids), dtype=np.int64) * 100_000)
        plan = []
        for month in np.unique(months):
            probe = np.arange(len(group.ids), dtype=np.int64) * 100_000 + (month - months.min())
            position = np.maximum(np.searchsorted(sorted_key, probe, side="right") - 1, starts_of_entity)
            plan.append((int(month), order[position]))
        group._plan = plan
    arrays, starts = [], []
    for month, rows in group._plan:
        array = np.ascontiguousarray(values[rows], dtype=dtype)
        if arrays and np.array_equal(array, arrays[-1]):
            continue
        arrays.append(array)
        starts.append(month)
    return Series(tuple(arrays), tuple(starts))


# ------------------------------------------------------------------------------------------ the loader


def _dtype_of(spec: Column):
    kinds = {"number": np.float32, "integer": np.int32, "enum": np.int16, "bool": np.bool_, "date": "datetime64[D]"}
    return kinds[spec.kind]


def load_population(directory) -> Population:
    """Read, validate and arrange a population directory; raise ``PopulationError`` listing every problem.

    Arrow buffers are taken from the system allocator while loading: it hands freed memory back at
    once, which keeps the peak low on millions of rows (Arrow's default pool keeps it).
    """
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        return _load(Path(directory))
    finally:
        pa.set_memory_pool(previous)
        release_freed_memory()


def release_freed_memory() -> None:
    """Hand memory freed while loading back to the operating system (glibc ``malloc_trim``; no-op elsewhere)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _load(directory: Path) -> Population:
    problems: list[Problem] = []
    if not directory.is_dir():
        raise PopulationError([Problem(str(directory), None, None, "no such directory (give the folder holding households and persons tables)")])
    meta = {}
    meta_path = directory / "population.json"
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (ValueError, OSError) as error:
            problems.append(Problem(meta_path.name, None, None, f"not valid JSON: {error}"))
    paths = {kind: _find_table(directory, kind, problems) for kind in ("households", "persons")}
    tables = {kind: _read_table(path, problems) for kind, path in paths.items() if path is not None}
    if problems or len(tables) < 2:
        raise PopulationError(problems)

    hfile, pfile = paths["households"].name, paths["persons"].name
    htable, ptable = tables["households"], tables["persons"]
    _check_columns(hfile, htable, HOUSEHOLD_COLUMNS, problems)
    _check_columns(pfile, ptable, PERSON_COLUMNS, problems)
    if not any(name in ptable.column_names for name in INCOME_COLUMNS):
        problems.append(
            Problem(pfile, None, None, f"no income column: add at least one of {', '.join(INCOME_COLUMNS)} (missing income would be read as 0 and overstate aid)")
        )
    if "month" in ptable.column_names and "person_id" not in ptable.column_names:
        problems.append(Problem(pfile, None, "person_id", "required when the persons table has a month column"))
    for file, table in ((hfile, htable), (pfile, ptable)):
        if table.num_rows == 0:
            problems.append(Problem(file, None, None, "the table has no rows"))
    if "household_id" not in htable.column_names or "household_id" not in ptable.column_names or min(htable.num_rows, ptable.num_rows) == 0:
        raise PopulationError(problems)

    # every column is checked, so that one run lists every problem of the files
    h = _parse_columns(hfile, htable, HOUSEHOLD_COLUMNS, problems)
    p = _parse_columns(pfile, ptable, PERSON_COLUMNS, problems)
    if any(problem.column in ("household_id", "person_id", "month") for problem in problems):
        raise PopulationError(problems)  # rows cannot be grouped into households and persons

    if "person_id" not in p:
        p["person_id"] = pa.array(np.arange(1, ptable.num_rows + 1))
    households = _group_rows(hfile, "household", h["household_id"], h.get("month"), problems)
    persons = _group_rows(pfile, "person", p["person_id"], p.get("month"), problems)
    for name in ("weight",):
        if name in h:
            _check_constant(hfile, name, h[name], households, problems)
    for name in ("role",):
        if name in p:
            _check_constant(pfile, name, p[name], persons, problems)

    # the person -> household link (constant over months)
    link_ids, household_ids = _text_if_mixed(p["household_id"], households.ids)
    if persons.months is not None:
        index, found = _lookup(link_ids, household_ids)
        _check_constant(pfile, "household_id", np.where(found, index, -1), persons, problems)
    person_household, found = _lookup(
        link_ids if persons.identity else link_ids.take(pa.array(persons.first_row)), household_ids
    )
    missing = ~found
    for person in np.flatnonzero(missing)[:MAX_PROBLEMS_PER_COLUMN]:
        row = persons.row_of(person)
        problems.append(
            Problem(pfile, int(row) + 1, "household_id", f"person without household: household_id {link_ids[int(row)].as_py()!r} is not in {hfile}")
        )
    if missing.sum() > MAX_PROBLEMS_PER_COLUMN:
        problems.append(Problem(pfile, None, "household_id", f"{missing.sum() - MAX_PROBLEMS_PER_COLUMN:,} more persons without household"))
    sizes = np.bincount(person_household[~missing] if missing.any() else person_household, minlength=len(households.ids))
    for household in np.flatnonzero(sizes == 0)[:MAX_PROBLEMS_PER_COLUMN]:
        row = households.row_of(household)
        problems.append(
            Problem(hfile, int(row) + 1, "household_id", f"household without members: no row of {pfile} has household_id {households.ids[int(household)].as_py()!r}")
        )
    if (sizes == 0).sum() > MAX_PROBLEMS_PER_COLUMN:
        problems.append(Problem(hfile, None, "household_id", f"{(sizes == 0).sum() - MAX_PROBLEMS_PER_COLUMN:,} more households without members"))

    # roles: at most one applicant (entities.py); without a role column the first person listed applies
    if "role" in p:
        role = (p["role"] if persons.identity else p["role"][persons.first_row]).astype(np.int8)
        candidates = np.flatnonzero(role == 0)
        applicants = np.bincount(person_household[candidates], minlength=len(households.ids))
        seen = np.zeros(len(households.ids), dtype=np.int64)
        for person in candidates[applicants[person_household[candidates]] > 1]:
            seen[person_household[person]] += 1
            if seen[person_household[person]] > 1:
                problems.append(
                    Problem(pfile, persons.row_of(person) + 1, "role", "a second applicant in the same household: a household has at most one applicant")
                )
    else:
        role = np.ones(len(persons.ids), dtype=np.int8)
        first_member = np.full(len(households.ids), -1, dtype=np.intp)
        first_member[person_household[::-1]] = np.arange(len(person_household) - 1, -1, -1)
        role[first_member[first_member >= 0]] = 0
    if problems:
        raise PopulationError(sorted(problems, key=lambda q: (q.file != hfile, q.row or 0)))

    notes = []
    population = Population(
        name=meta.get("name", directory.name),
        synthetic=bool(meta.get("synthetic")) or "synthetic" in (hfile + pfile).lower(),
        description=meta.get("description", ""),
        files={"households": str(paths["households"]), "persons": str(paths["persons"])},
        household_ids=households.ids,
        person_ids=persons.ids,
        person_household=person_household,
        person_role=role,
        weight=(h["weight"] if households.identity else h["weight"][households.first_row])
        if "weight" in h
        else np.broadcast_to(np.float64(1), (len(households.ids),)),  # read-only, no memory
        notes=notes,
    )
    population._size = sizes
    for spec_table, values, group, target, file in (
        (HOUSEHOLD_COLUMNS, h, households, population.household_inputs, hfile),
        (PERSON_COLUMNS, p, persons, population.person_inputs, pfile),
    ):
        for name, spec in spec_table.items():
            if spec.kind in ("id", "month", "role") or name == "weight":
                continue
            if name in values:
                target[name] = _series(values[name], group, _dtype_of(spec))
            elif spec.kind == "date":
                continue  # optional input without a default series: the model's own default applies
            else:
                count = len(group.ids)
                target[name] = Series((np.full(count, spec.default, dtype=_dtype_of(spec)),))
                notes.append(f"{file}: no column '{name}'; every row takes the default {spec.default!r}")
    rent_note = _rent_not_counted_note(h, hfile)
    if rent_note:
        notes.append(rent_note)
    return population


def _rent_not_counted_note(h: dict, file: str) -> str | None:
    """Rows giving a rent that does not count (Annex 1, item 1, third direction): a notice, not an error."""
    if "rent_expense" not in h or "tenure" not in h:
        return None
    rows = (h["rent_expense"] > 0) & ~np.isin(h["tenure"], RENT_TENURES)
    count = int(rows.sum())
    if not count:
        return None
    return (
        f"{file}: {count:,} rows give rent_expense with a tenure whose rent does not count (owner or private_tenant): "
        "decision 56/2-VI, Annex 1, item 1 (third direction) counts payment for use of a dwelling only for "
        "state_housing_tenant and akimat_leased_tenant, so their rent is left out of the accepted expenses"
    )
