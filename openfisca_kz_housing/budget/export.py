"""Write a run's tables as CSV files and one XLSX workbook, and its charts as PNG.

Every file name starts with ``SYNTHETIC_`` when the population is synthetic, and the workbook's first
sheet ("About") says so, with the population, months, take-up, seed, scenarios and the acts in force.

From Python (the pages call these too):
  * ``export(run, tables, out_dir, lang)`` writes the whole set into ``out_dir`` at once (a temporary
    folder first, then moved into place: a failure leaves the previous set; files of an earlier run
    this run does not produce are removed; see ``output_set``) and returns the paths;
  * ``write_files(run, tables, folder, lang)`` writes the set into an existing folder, as it goes;
  * ``csv_zip(run, tables)`` and ``workbook_bytes(run, tables, lang)`` give the downloads as bytes.

CSV files keep their machine-readable snake_case headers (a public contract); a text cell starting with
``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is written with a leading ``'`` so that a
spreadsheet never runs it as a formula; numbers are never quoted (a negative number stays a number).
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from pathlib import Path

from openfisca_kz_housing.budget import output_set, workbook
from openfisca_kz_housing.budget.run import BudgetRun
from openfisca_kz_housing.budget.workbook import SHEET_TITLES, NonFiniteError, columns  # noqa: F401 (importable here)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABLE_KEYS = ("monthly", "quarterly", "yearly", "by_income_decile", "by_tenure", "by_household_size",
              "comparison", "households")
CHART_NAMES = ("chart_cost_per_month.png", "chart_by_income_decile.png", "chart_winners_losers.png")


def prefix(run: BudgetRun) -> str:
    return "SYNTHETIC_" if run.population.synthetic else ""


def output_names(prefix_text: str = "") -> list[str]:
    """Every file name ``export`` can write (with ``prefix_text``): the set an earlier run may have left."""
    names = [f"budget_{key}.csv" for key in TABLE_KEYS] + ["budget_about.csv", "budget.xlsx", *CHART_NAMES]
    return [prefix_text + name for name in names]


def about_rows(run: BudgetRun, lang: str = "en") -> list[list]:
    return workbook.about_rows(run, lang)


def safe_cell(value):
    """A CSV cell: numbers as they are (never inf/NaN), text escaped against formula injection."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NonFiniteError(f"a table holds {value}: nothing was written")
        return round(value, 2)
    if isinstance(value, int):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_row(row: dict) -> dict:
    cells = {key: safe_cell(value) for key, value in row.items()}
    if cells.get("household_size") == 6:
        cells["household_size"] = "6+"  # the group "six or more" (by_household_size)
    return cells


def rounded(rows: list[dict]) -> list[dict]:
    """Money and counts to 2 decimals for the files (sums were taken in float64 beforehand)."""
    return [_csv_row(row) for row in rows]


def csv_text(rows: list[dict]) -> str:
    stream = io.StringIO(newline="")
    if rows:
        writer = csv.DictWriter(stream, fieldnames=columns(rows), restval="")
        writer.writeheader()
        writer.writerows(rounded(rows))
    return stream.getvalue()


def write_csv(path: Path, rows: list[dict]) -> None:
    Path(path).write_bytes(csv_text(rows).encode("utf-8"))


def about_csv(run: BudgetRun) -> str:
    stream = io.StringIO(newline="")
    csv.writer(stream).writerows([["item", "value"], *[[safe_cell(c) for c in row] for row in about_rows(run)]])
    return stream.getvalue()


def csv_files(run: BudgetRun, tables: dict) -> dict:
    """File name -> CSV text of every table, and the About table."""
    p = prefix(run)
    files = {f"{p}budget_{key}.csv": csv_text(rows) for key, rows in tables.items()}
    files[f"{p}budget_about.csv"] = about_csv(run)
    return files


def write_xlsx(path, run: BudgetRun, tables: dict, lang: str = "en") -> None:
    workbook.save(path, run, tables, lang)


def workbook_bytes(run: BudgetRun, tables: dict, lang: str = "en") -> bytes:
    """The workbook as bytes (for a download)."""
    stream = io.BytesIO()
    workbook.save(stream, run, tables, lang)
    return stream.getvalue()


def csv_zip(run: BudgetRun, tables: dict) -> bytes:
    """Every CSV table in one ZIP archive, as bytes (for a download)."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_files(run, tables).items():
            archive.writestr(name, text.encode("utf-8"))
    return stream.getvalue()


def write_files(run: BudgetRun, tables: dict, folder, lang: str = "en") -> list[Path]:
    """Write the CSV files, the workbook and the charts into ``folder`` (as it goes); return the paths."""
    out = Path(folder)
    written = []
    for name, text in csv_files(run, tables).items():
        (out / name).write_bytes(text.encode("utf-8"))
        written.append(out / name)
    book = out / f"{prefix(run)}budget.xlsx"
    write_xlsx(book, run, tables, lang)
    written.append(book)
    from openfisca_kz_housing.budget import charts

    written += charts.draw_all(run, tables, out, prefix(run), lang=lang)
    return written


def export(run: BudgetRun, tables: dict, out_dir, lang: str = "en") -> list[Path]:
    """Write the whole set into ``out_dir`` at once (see ``output_set``); return the paths written."""
    workbook.headers.check_lang(lang)
    legacy = output_names("") + output_names("SYNTHETIC_")
    return output_set.replace_set(out_dir, lambda folder: write_files(run, tables, folder, lang), legacy)
