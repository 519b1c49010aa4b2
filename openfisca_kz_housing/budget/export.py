"""Write a run's tables as CSV files and one XLSX workbook, and its charts as PNG.

Every file name starts with ``SYNTHETIC_`` when the population is synthetic, and the workbook's first
sheet ("About") says so, with the population, months, take-up, scenarios and the acts in force.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from openfisca_kz_housing import revisions
from openfisca_kz_housing.budget.run import BudgetRun

SHEET_TITLES = {
    "monthly": "Monthly",
    "quarterly": "Quarterly",
    "yearly": "Yearly",
    "by_income_decile": "By income decile",
    "by_tenure": "By tenure",
    "by_household_size": "By household size",
    "comparison": "Baseline vs reforms",
}


def prefix(run: BudgetRun) -> str:
    return "SYNTHETIC_" if run.population.synthetic else ""


def about_rows(run: BudgetRun) -> list[list]:
    population = run.population
    rows = []
    if population.synthetic:
        rows.append(["WARNING", "SYNTHETIC DATA: not real households. The figures exercise the rules; they are no estimate."])
    rows += [
        ["Population", population.label],
        ["Description", population.description],
        ["Households file", population.files.get("households", "")],
        ["Persons file", population.files.get("persons", "")],
        ["Households", population.household_count],
        ["Persons", population.person_count],
        ["Months", f"{run.months[0]} to {run.months[-1]} ({len(run.months)} months)"],
        ["Take-up", f"{run.take_up:g} (share of entitled households that claim; seeded draw, seed {run.seed})"],
        ["Money", "tenge; sums in float64, weighted by the household weight"],
        ["Rules", "Altai district housing aid, maslikhat decision 56/2-VI and its revisions; a month is judged by the act in force on its first day"],
        ["Created", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")],
    ]
    for scenario in run.scenarios:
        rows.append([f"Scenario {scenario.key}", f"{scenario.name} ({scenario.kind}, {scenario.source}): {scenario.description}"])
    for act in revisions.instrument().acts:
        rows.append([f"Act {act.id}", f"{act.kind}, in force {act.in_force} ({act.in_force_basis})"])
    for note in population.notes:
        rows.append(["Note", note])
    return rows


def rounded(rows: list[dict]) -> list[dict]:
    """Money and counts to 2 decimals for the files (sums were taken in float64 beforehand)."""
    return [{key: round(value, 2) if isinstance(value, float) else value for key, value in row.items()} for row in rows]


def columns(rows: list[dict]) -> list[str]:
    """Every column of the rows, in order of first appearance (reform rows have more than baseline rows)."""
    return list(dict.fromkeys(key for row in rows for key in row))


def write_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as stream:
        if not rows:
            return
        writer = csv.DictWriter(stream, fieldnames=columns(rows), restval="")
        writer.writeheader()
        writer.writerows(rounded(rows))


def write_xlsx(path: Path, run: BudgetRun, tables: dict) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    about = workbook.create_sheet("About")
    for row in about_rows(run):
        about.append(row)
    for key, title in SHEET_TITLES.items():
        rows = tables.get(key)
        if not rows:
            continue
        sheet = workbook.create_sheet(title)
        if run.population.synthetic:
            sheet.append(["SYNTHETIC DATA"])
        names = columns(rows)
        sheet.append(names)
        for row in rounded(rows):
            sheet.append([row.get(name) for name in names])
    workbook.save(path)


def export(run: BudgetRun, tables: dict, out_dir) -> list[Path]:
    """Write the CSV files, the workbook and the charts into ``out_dir``; return the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    p = prefix(run)
    written = []
    for key, rows in tables.items():
        path = out / f"{p}budget_{key}.csv"
        write_csv(path, rows)
        written.append(path)
    about = out / f"{p}budget_about.csv"
    with open(about, "w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([["item", "value"], *about_rows(run)])
    written.append(about)
    workbook = out / f"{p}budget.xlsx"
    write_xlsx(workbook, run, tables)
    written.append(workbook)
    from openfisca_kz_housing.budget import charts

    written += charts.draw_all(run, tables, out, p)
    return written
