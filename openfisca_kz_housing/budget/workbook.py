"""The budget workbook (XLSX) as a budget officer reads it.

One sheet per table (tab names fixed in English: ``SHEET_TITLES``), each with a title row in the chosen
language, a header row in words (``headers.column_header``), frozen above the data; numbers as numbers
with thousands separators and fixed decimals (money 2 decimals, counts 0 or 2), years and household
sizes as whole numbers (the last size group shows "6+"); columns wide enough for their contents; text
cells stored as text (never a formula). The first sheet, "About", says what was run. The per-household
table is a sheet too, cut at Excel's row limit (the About sheet then says so).
"""

from __future__ import annotations

import datetime
import io
import math
import numbers
import re
from importlib import metadata
from xml.sax.saxutils import escape

from openfisca_kz_housing import revisions
from openfisca_kz_housing.budget import headers

EXCEL_MAX_ROWS = 1_048_576
SHEET_TITLES = {
    "monthly": "Monthly",
    "quarterly": "Quarterly",
    "yearly": "Yearly",
    "by_income_decile": "By income decile",
    "by_tenure": "By tenure",
    "by_household_size": "By household size",
    "comparison": "Baseline vs reforms",
    "households": "Households",
}
MONEY, COUNT, FRACTIONAL_COUNT, WHOLE, PERCENT = "#,##0.00", "#,##0", "#,##0.00", "0", "0.00"
SIZE = '[>=6]0"+";0'  # household size: the group "6 or more" is stored as 6 and shown as 6+
WIDTH_SAMPLE = 2_000  # rows looked at to size a column
MAX_WIDTH = 60
FAST_ROWS = 2_000  # a table longer than this has its rows written by _FastRows
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters XML 1.0 cannot hold


def model_version() -> str:
    try:
        return metadata.version("openfisca-kz-housing")
    except metadata.PackageNotFoundError:
        return "unknown"


def about_rows(run, lang: str = "en", households_note: str | None = None) -> list[list]:
    """(item, value) rows describing the run: population, months, reforms, take-up, seed, model, date."""
    def w(key):
        return headers.word(headers.ABOUT, key, lang)

    population = run.population
    rows = []
    if population.synthetic:
        rows.append([w("WARNING"),
                     "SYNTHETIC DATA: not real households. The figures exercise the rules; they are no estimate."])
    reforms = ", ".join(s.key for s in run.reforms) or w("none")
    rows += [
        [w("Population"), population.label],
        [w("Description"), population.description],
        [w("Households file"), population.files.get("households", "")],
        [w("Persons file"), population.files.get("persons", "")],
        [w("Households"), population.household_count],
        [w("Persons"), population.person_count],
        [w("Months"), f"{run.months[0]} to {run.months[-1]} ({len(run.months)} months)"],
        [w("Reforms"), reforms],
        [w("Take-up"), f"{run.take_up:g} (share of entitled households that claim; a draw per household from its "
                       f"household_id and the seed)"],
        [w("Seed"), str(run.seed)],
        [w("Money"), "tenge; sums in float64, weighted by the household weight"],
        [w("Rules"), "Altai district housing aid, maslikhat decision 56/2-VI and its revisions; a month is judged "
                     "by the act in force on its first day"],
        [w("Model version"), f"openfisca-kz-housing {model_version()} (openfisca-core {_core_version()})"],
        [w("Created"), datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")],
    ]
    if households_note:
        rows.append([w("Household table"), households_note])
    for scenario in run.scenarios:
        rows.append([f"{w('Scenario')} {scenario.key}",
                     f"{scenario.name} ({scenario.kind}, {scenario.source}): {scenario.description}"])
        rows += [[f"{w('Scenario')} {scenario.key}", change] for change in parameter_changes(scenario, lang)]
    for act in revisions.instrument().acts:
        rows.append([f"{w('Act')} {act.id}", f"{act.kind}, in force {act.in_force} ({act.in_force_basis})"])
    for note in population.notes:
        rows.append([w("Note"), note])
    return rows


def parameter_changes(scenario, lang: str) -> list[str]:
    """What a reform changes, one line a parameter and period, labelled in ``lang`` (``label_kk``/``label_ru``
    of the parameters, through ``reforms.diff``); nothing for the baseline or a reform it cannot read."""
    if scenario.kind == "baseline":
        return []
    from openfisca_kz_housing.reforms import ReformError
    from openfisca_kz_housing.reforms.diff import diff_reform

    try:
        result = diff_reform([scenario], None, lang=lang)  # a LoadedReform: an inline reform too
    except (ReformError, ValueError, OSError):
        return []
    lines = []
    for item in result.get("parameters", []):
        for period in item.get("periods", []):
            stop = period.get("stop") or "…"
            lines.append(f"{item['label']}: {period['start']} – {stop}: {period['baseline']} → {period['reform']}")
    return lines


def _core_version() -> str:
    try:
        return metadata.version("openfisca-core")
    except metadata.PackageNotFoundError:
        return "unknown"


def columns(rows: list[dict]) -> list[str]:
    """Every column of the rows, in order of first appearance (reform rows have more than baseline rows)."""
    return list(dict.fromkeys(key for row in rows for key in row))


def number_format(name: str, values: list) -> str | None:
    """The Excel number format of a column, from its name (and whether its counts are whole)."""
    if name in ("year", "months", "income_decile") or name.startswith("months_paid_"):
        return WHOLE
    if name == "household_size":
        return SIZE
    if name == "cost_change_percent":
        return PERCENT
    if name.endswith("_tenge") or name.startswith("income_per_member"):
        return MONEY
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if not numbers:
        return None
    if name == "household_id":
        return WHOLE
    return COUNT if all(float(v).is_integer() for v in numbers) else FRACTIONAL_COUNT


def _shown(value, fmt) -> str:
    """About how the value reads in Excel (to size its column)."""
    if isinstance(value, bool) or value is None:
        return str(value or "")
    if isinstance(value, (int, float)):
        if fmt in (MONEY, FRACTIONAL_COUNT):
            return f"{value:,.2f}"
        if fmt == COUNT:
            return f"{value:,.0f}"
        if fmt == PERCENT:
            return f"{value:.2f}"
        return f"{value:g}+" if fmt == SIZE else str(value)
    return str(value)


def _width(texts) -> float:
    return min(max([len(t) for t in texts] + [6]) + 2, MAX_WIDTH)


def _cell(sheet, value, fmt=None, bold=False):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"  # text stays text: "=..." is never a formula
    elif fmt and isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.number_format = fmt
    if bold:
        cell.font = Font(bold=True)
    return cell


class NonFiniteError(ValueError):
    """A table holds inf or NaN: a bug upstream (the loader's bounds keep every input finite)."""


def _cell_value(name: str, value, lang: str):
    if name == "tenure" and value in headers.TENURE_VALUES:
        return headers.word(headers.TENURE_VALUES, value, lang)
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)  # a control character (e.g. in an id) cannot be stored in XML
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NonFiniteError(f"column {name} holds {value}: nothing was written")
        return round(value, 2)
    return value


def write_table(workbook, key: str, rows: list[dict], run, lang: str, limit: int = EXCEL_MAX_ROWS,
                pending: list | None = None) -> int:
    """One sheet for a table; returns the number of data rows written (at most ``limit`` minus the headers).

    A long table (more than ``FAST_ROWS``) has its first data row written by openpyxl and the others
    added to ``pending``, written later as the same XML (``_FastRows``): openpyxl takes about 1 s per
    10,000 rows of the households table, the direct path a tenth of that.
    """
    title = SHEET_TITLES[key]
    sheet = workbook.create_sheet(title)
    names = columns(rows)
    scenario_names = [s.key for s in run.scenarios]
    heads = [headers.column_header(name, lang, scenario_names) for name in names]
    top = [headers.word(headers.SHEETS, title, lang)]
    if run.population.synthetic:
        top.append(headers.word(headers.ABOUT, "SYNTHETIC DATA", lang))
    header_rows = 2
    kept = rows[: max(limit - header_rows, 0)]
    sample = kept[:WIDTH_SAMPLE]
    formats = {name: number_format(name, [row.get(name) for row in sample]) for name in names}
    for column, (name, head) in enumerate(zip(names, heads)):
        texts = [head] + [_shown(_cell_value(name, row.get(name), lang), formats[name]) for row in sample]
        sheet.column_dimensions[_letter(column)].width = _width(texts)
    sheet.freeze_panes = f"A{header_rows + 1}"
    sheet.append([_cell(sheet, " - ".join(top), bold=True)])
    sheet.append([_cell(sheet, head, bold=True) for head in heads])
    # One styled cell per column and kind of value, reused row after row: a write-only sheet writes each
    # row out as soon as it is appended, so this is safe, and several times faster than a cell per value.
    templates = {}
    slow = kept if pending is None or len(kept) <= FAST_ROWS else kept[:1]
    if len(slow) < len(kept):
        styles = {name: _cell(sheet, 0.0, formats[name]).style_id if formats[name] else 0 for name in names}
        pending.append(_FastRows(len(workbook.worksheets), names, styles, kept[1:], header_rows + 2, lang))
    for row in slow:
        cells = []
        for name in names:
            value = _cell_value(name, row.get(name), lang)
            key = (name, type(value))
            cell = templates.get(key)
            if cell is None:
                cell = templates[key] = _cell(sheet, value, formats[name])
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    return len(kept)


class _FastRows:
    """Rows of a long sheet written straight into the saved file's sheet XML, styled as openpyxl would."""

    def __init__(self, sheet_number, names, styles, rows, first_row, lang):
        self.part = f"xl/worksheets/sheet{sheet_number}.xml"
        self.names, self.styles, self.rows, self.first_row, self.lang = names, styles, rows, first_row, lang
        self.letters = [_letter(k) for k in range(len(names))]

    def chunks(self, size: int = 2_000):
        for start in range(0, len(self.rows), size):
            yield "".join(self._row(self.first_row + start + k, row)
                          for k, row in enumerate(self.rows[start:start + size])).encode("utf-8")

    def _row(self, number: int, row: dict) -> str:
        cells = []
        for name, letter in zip(self.names, self.letters):
            value = _cell_value(name, row.get(name), self.lang)
            where = f'{letter}{number}'
            if value is None:
                continue
            if isinstance(value, bool):
                cells.append(f'<c r="{where}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, numbers.Real):
                style = f' s="{self.styles[name]}"' if self.styles[name] else ""
                shown = str(int(value)) if isinstance(value, numbers.Integral) else repr(float(value))
                cells.append(f'<c r="{where}"{style} t="n"><v>{shown}</v></c>')
            else:
                text = escape(str(value))
                cells.append(f'<c r="{where}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
        return f'<row r="{number}">{"".join(cells)}</row>'


def _add_fast_rows(source: bytes, target, pending: list) -> None:
    """Copy the saved workbook ``source`` to ``target``, adding the pending rows before ``</sheetData>``."""
    import zipfile

    parts = {fast.part: fast for fast in pending}
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            data = original.read(item.filename)
            fast = parts.get(item.filename)
            if fast is None:
                out.writestr(item, data)
                continue
            head, tail = data.split(b"</sheetData>", 1)
            with out.open(item.filename, "w") as stream:
                stream.write(head)
                for chunk in fast.chunks():
                    stream.write(chunk)
                stream.write(b"</sheetData>" + tail)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def save(path, run, tables: dict, lang: str = "en", limit: int = EXCEL_MAX_ROWS) -> None:
    """Write the workbook to ``path`` (a path or a binary file object)."""
    from openpyxl import Workbook

    headers.check_lang(lang)
    workbook = Workbook(write_only=True)
    households = tables.get("households")
    note = None
    if households and len(households) > limit - 2:
        note = (f"{len(households):,} households: the sheet 'Households' holds the first {limit - 2:,} "
                f"(Excel's limit is {limit:,} rows); every household is in the CSV file")
    elif not households:
        note = "not written (see --household-table); the CSV tables hold every total"
    about = workbook.create_sheet("About")
    about.freeze_panes = "A2"
    rows = about_rows(run, lang, note)
    about.column_dimensions["A"].width = _width([str(r[0]) for r in rows])
    about.column_dimensions["B"].width = MAX_WIDTH + 40
    title = headers.word(headers.SHEETS, "About", lang)
    if run.population.synthetic:
        title = f"{headers.word(headers.ABOUT, 'SYNTHETIC DATA', lang)} - {title}"
    about.append([_cell(about, title, bold=True)])
    for item, value in rows:
        about.append([_cell(about, item, bold=True), _cell(about, value, COUNT if isinstance(value, int) else None)])
    pending = []
    try:
        for key in SHEET_TITLES:
            if tables.get(key):
                write_table(workbook, key, tables[key], run, lang, limit, pending)
        if not pending:
            workbook.save(path)
            return
        saved = io.BytesIO()
        workbook.save(saved)
    except BaseException:
        _abandon(workbook)
        raise
    _add_fast_rows(saved.getvalue(), path, pending)


def _abandon(workbook) -> None:
    """Finish the row writers of a workbook that failed and remove their temporary files, so that none
    is left for the interpreter to close at exit ("Exception ignored in ... _write_rows" on stderr)."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        for step in (getattr(sheet, "_rows", None), writer and writer.xf):
            try:
                if step is not None:
                    step.close()
            except Exception:  # noqa: BLE001 - the workbook is dropped; the first error is raised
                pass
        try:
            if writer is not None:
                writer.cleanup()
        except Exception:  # noqa: BLE001
            pass
