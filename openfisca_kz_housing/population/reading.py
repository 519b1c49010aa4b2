"""Finding and reading the two tables of a population directory (CSV or Parquet), column by column."""

from __future__ import annotations

import csv
import ctypes
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from openfisca_kz_housing.population.problems import Problem


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



def release_freed_memory() -> None:
    """Hand memory freed while loading back to the operating system (glibc ``malloc_trim``; no-op elsewhere)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass

