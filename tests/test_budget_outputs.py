"""The budget's outputs as a budget officer opens them (issue 12) and written safely (issue 10, §5).

* The workbook: number formats with thousands separators and fixed decimals, frozen header rows,
  headers in words in the chosen language, years and household sizes as numbers, the per-household
  sheet (cut at Excel's row limit, said in "About"), an About sheet saying what was run.
* CSV cells that a spreadsheet would run as a formula are escaped; numbers stay numbers.
* A run's files replace the previous set at once: an injected failure leaves it intact; files an
  earlier run wrote and this one does not are removed; a user's own files are never touched.
* Charts: cost axes from 0, act labels inside the frame above the line, identical reforms both
  visible and said to coincide, legends off the bars.
"""

from __future__ import annotations

import csv
import io
import zipfile

import numpy as np
import pytest
from openpyxl import load_workbook

from openfisca_kz_housing.budget import charts, export, results, scenarios, workbook
from openfisca_kz_housing.budget.run import run_budget
from openfisca_kz_housing.examples import month_range, tax_benefit_system
from openfisca_kz_housing.population import load_population

# Households of tests/yaml/budget/several_households.yaml (items 2 and 12 of decision 56/2-VI), with ids
# a spreadsheet would read as formulas, and a third household of 6 persons (the size group "6+").
HOUSEHOLDS = """household_id,dwelling_area,dwelling_rooms,dwelling_kind,tenure,\
maintenance_expense,heating_expense,rent_expense,utility_expense
=HYPERLINK("http://x"),54,2,apartment,owner,3500,14000,0,6500
-17,20,1,dormitory_room,state_housing_tenant,0,4000,2000,3000
@big,90,4,individual_house,owner,0,20000,0,15000
"""
PERSONS = "person_id,household_id,role,salary,pension\n" + "\n".join(
    [
        'aigerim,"=HYPERLINK(""http://x"")",applicant,70000,0',
        'bolat,"=HYPERLINK(""http://x"")",other_member,0,45000',
        "dana,-17,applicant,0,50000",
    ]
    + [f"p{k},@big,{'applicant' if k == 0 else 'other_member'},{30000 if k < 2 else 0},0" for k in range(6)]
) + "\n"


@pytest.fixture(scope="module")
def population(tmp_path_factory):
    folder = tmp_path_factory.mktemp("district")
    (folder / "households.csv").write_text(HOUSEHOLDS, encoding="utf-8")
    (folder / "persons.csv").write_text(PERSONS, encoding="utf-8")
    return load_population(folder)


def make_run(population, reforms=(), months=("2023-03", "2023-05"), take_up=1.0):
    chosen = scenarios.scenarios(tax_benefit_system(), list(reforms))
    run = run_budget(population, month_range(*months), chosen, take_up=take_up, seed=7)
    return run, results.all_tables(run)


@pytest.fixture(scope="module")
def two_reforms(population):
    """The same reform twice (lower_income_share, item 2): two scenarios with identical figures."""
    return make_run(population, ["lower_income_share", "lower_income_share"], ("2022-10", "2024-06"))


def test_workbook_formats_languages_and_about(two_reforms, tmp_path):
    run, tables = two_reforms
    path = tmp_path / "budget.xlsx"
    workbook.save(path, run, tables, lang="ru")
    book = load_workbook(path)
    assert book.sheetnames[0] == "About" and "Households" in book.sheetnames
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Месяцы"].startswith("2022-10 to 2024-06")
    assert about["Реформы"] == "lower_income_share, lower_income_share_2"
    assert about["Зерно жеребьёвки обращающихся"] == "7" and about["Семьи"] == 3
    assert "openfisca-kz-housing" in about["Версия модели"] and about["Создано"].endswith("UTC")
    # what the reform changes, labelled with the parameter's label_ru (item 2: the income share)
    share = tax_benefit_system().parameters.local.east_kazakhstan.altai_district.housing_aid.income_share
    changes = [row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)
               if row[0] == "Сценарий lower_income_share_2" and "→" in str(row[1])]
    assert changes and all(text.startswith(share.metadata["label_ru"]) and "0.1 → 0.08" in text for text in changes)
    yearly = book["Yearly"]
    assert yearly.freeze_panes == "A3"  # title row and header row stay in view
    heads = [cell.value for cell in yearly[2]]
    assert heads[:3] == ["Сценарий", "Год", "Действующее решение (решения)"] and "Расходы (тенге)" in heads
    cost_column = heads.index("Расходы (тенге)") + 1
    year_cell, cost_cell = yearly.cell(3, 2), yearly.cell(3, cost_column)
    assert isinstance(year_cell.value, int) and year_cell.number_format == "0"  # a year, as a number, no separator
    assert isinstance(cost_cell.value, (int, float)) and cost_cell.number_format == "#,##0.00"
    assert yearly.column_dimensions["C"].width >= len("Действующее решение (решения)")
    sizes = book["By household size"]
    size_cells = [row[1] for row in sizes.iter_rows(min_row=3)]
    assert [c.value for c in size_cells[:6]] == [1, 2, 3, 4, 5, 6] and size_cells[5].number_format == '[>=6]0"+";0'
    households = book["Households"]
    ids = [row[0].value for row in households.iter_rows(min_row=3)]
    assert ids == ['=HYPERLINK("http://x")', "-17", "@big"]  # text, never a formula
    assert all(row[0].data_type == "s" for row in households.iter_rows(min_row=3))
    assert households.freeze_panes == "A3"
    recipients = book["Monthly"].cell(3, [c.value for c in book["Monthly"][2]].index("Семьи-получатели") + 1)
    assert recipients.number_format == "#,##0"


def test_workbook_in_kazakh_and_cut_at_the_row_limit(two_reforms, tmp_path):
    run, tables = two_reforms
    path = tmp_path / "budget.xlsx"
    workbook.save(path, run, tables, lang="kk", limit=4)  # stands for Excel's 1,048,576 rows
    book = load_workbook(path)
    assert [c.value for c in book["Yearly"][2]][:2] == ["Сценарий", "Жыл"]
    assert book["Households"].max_row == 4
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert "the first 2" in about["Отбасылар кестесі"] and "every household is in the CSV" in about["Отбасылар кестесі"]
    with pytest.raises(ValueError, match="unknown language"):
        workbook.save(tmp_path / "x.xlsx", run, tables, lang="fr")


def test_csv_cells_are_escaped_against_formulas_and_numbers_stay_numbers(two_reforms, population):
    run, tables = two_reforms
    rows = list(csv.DictReader(io.StringIO(export.csv_text(tables["households"]))))
    assert [row["household_id"] for row in rows] == ["'=HYPERLINK(\"http://x\")", "'-17", "'@big"]
    assert export.safe_cell(-1234.5) == -1234.5 and export.safe_cell("+7 701") == "'+7 701"
    assert export.safe_cell("\t=1") == "'\t=1" and export.safe_cell("owner") == "owner"
    # a real reform lowers no one's aid here; a negative number written from a table stays a number
    text = export.csv_text([{"reform": "-x", "cost_change_tenge": -5.5}])
    assert text.splitlines()[1] == "'-x,-5.5"
    with pytest.raises(export.NonFiniteError):
        export.csv_text([{"cost_tenge": float("inf")}])
    sizes = list(csv.DictReader(io.StringIO(export.csv_text(tables["by_household_size"]))))
    assert [row["household_size"] for row in sizes[:6]] == ["1", "2", "3", "4", "5", "6+"]


def test_downloads_from_python(two_reforms):
    """The pages' downloads: the CSV tables in one ZIP, and the workbook as bytes."""
    run, tables = two_reforms
    with zipfile.ZipFile(io.BytesIO(export.csv_zip(run, tables))) as archive:
        names = set(archive.namelist())
        assert {"budget_yearly.csv", "budget_comparison.csv", "budget_about.csv"} <= names
        assert archive.read("budget_yearly.csv").decode("utf-8").startswith("scenario,year,")
    book = load_workbook(io.BytesIO(export.workbook_bytes(run, tables, lang="kk")))
    assert book.sheetnames[0] == "About"


def _snapshot(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_failed_export_leaves_the_previous_set_intact(population, tmp_path, monkeypatch, capfd):
    run, tables = make_run(population)
    out = tmp_path / "out"
    written = export.export(run, tables, out)
    assert {p.name for p in written} <= set(export.output_names())
    before = _snapshot(out)

    def broken(*args, **kwargs):
        raise RuntimeError("injected: the charts fail after the tables and the workbook were written")

    monkeypatch.setattr(charts, "draw_all", broken)
    with pytest.raises(RuntimeError, match="injected"):
        export.export(run, tables, out)
    assert _snapshot(out) == before  # same files, same bytes: no half-set
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # the temporary folder is gone
    captured = capfd.readouterr()
    assert "Exception ignored" not in captured.err and "Traceback" not in captured.err


def test_a_failure_while_moving_puts_everything_back(population, tmp_path, monkeypatch):
    import os

    from openfisca_kz_housing.budget import output_set

    run, tables = make_run(population)
    out = tmp_path / "out"
    export.export(run, tables, out)
    before = _snapshot(out)
    real_replace, calls = os.replace, []

    def flaky(source, target):
        calls.append(target)
        if len(calls) == 20:  # after the old files were moved aside and some new ones placed
            raise OSError("injected: disk full")
        return real_replace(source, target)

    monkeypatch.setattr(output_set.os, "replace", flaky)
    with pytest.raises(OSError, match="disk full"):
        export.export(run, tables, out)
    monkeypatch.setattr(output_set.os, "replace", real_replace)
    assert _snapshot(out) == before


def test_files_of_an_earlier_run_do_not_linger_and_user_files_stay(population, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "my_notes.txt").write_text("mine", encoding="utf-8")
    (out / "budget_draft.csv").write_text("mine too", encoding="utf-8")
    with_reform = export.export(*make_run(population, ["lower_income_share"]), out)
    assert "budget_comparison.csv" in {p.name for p in with_reform} and (out / "chart_winners_losers.png").exists()
    export.export(*make_run(population), out)
    names = {p.name for p in out.iterdir()}
    assert "budget_comparison.csv" not in names and "chart_winners_losers.png" not in names
    assert {"my_notes.txt", "budget_draft.csv", "budget_yearly.csv", "budget.xlsx"} <= names
    assert (out / "my_notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_manifest_cannot_make_the_tool_delete_other_files(population, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    (out / "precious.txt").write_text("keep", encoding="utf-8")
    (out / ".kz-housing-budget-files.json").write_text('{"files": ["../precious.txt", "precious.txt/../x", ".x"]}')
    export.export(*make_run(population), out)
    assert outside.read_text(encoding="utf-8") == "keep" and (out / "precious.txt").exists()


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_cost_chart_axis_labels_and_coinciding_reforms(two_reforms):
    run, tables = two_reforms
    figure = charts.cost_per_month_figure(run, tables, "en")
    try:
        axes = figure.axes[0]
        assert axes.get_ylim()[0] == 0
        lines = axes.get_lines()[: len(run.scenarios)]
        assert len({line.get_linestyle() for line in lines}) == 3 and len({line.get_marker() for line in lines}) == 3
        legend = [text.get_text() for text in axes.get_legend().get_texts()]
        assert legend[2] == "lower_income_share_2 (same as lower_income_share)"
        renderer = figure.canvas.get_renderer()
        frame = axes.get_window_extent(renderer)
        labels = [text for text in axes.texts if (text.get_gid() or "").startswith("act-")]
        assert len(labels) == 3  # 23/2-VII (2022-11), 7/3-VIII (2023-12) and the repeal (2024-03)
        boxes = [text.get_window_extent(renderer) for text in labels]
        top = max(max(line.get_ydata()) for line in lines)
        line_top = axes.transData.transform((0, top))[1]
        for k, box in enumerate(boxes):
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 + 0.5 and box.y1 <= frame.y1 + 0.5
            assert box.y0 > line_top  # above the highest cost: never on the line
            assert not any(_overlaps(box, other) for other in boxes[k + 1 :])
        assert not _overlaps(axes.get_legend().get_window_extent(renderer), frame)
    finally:
        charts.plt.close(figure)


def test_bar_charts_start_at_0_and_legends_cover_no_bar(two_reforms):
    run, tables = two_reforms
    for make in (charts.by_decile_figure, charts.winners_losers_figure):
        figure = make(run, tables, "ru")
        try:
            renderer = figure.canvas.get_renderer()
            legends = [axes.get_legend() for axes in figure.axes if axes.get_legend() is not None]
            assert legends
            for axes in figure.axes:
                assert axes.get_ylim()[0] == 0
                for legend in legends:
                    box = legend.get_window_extent(renderer)
                    assert not any(_overlaps(box, bar.get_window_extent(renderer)) for bar in axes.patches)
        finally:
            charts.plt.close(figure)


def test_every_figure_written_is_finite(two_reforms):
    run, tables = two_reforms
    for rows in tables.values():
        for row in rows:
            assert all(np.isfinite(v) for v in row.values() if isinstance(v, float))


def test_a_workbook_that_fails_midway_leaves_no_writer_behind(two_reforms, tmp_path):
    """An exception while the sheets are written: raised, and nothing printed at exit (issue 10, §5)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from openfisca_kz_housing.budget import workbook\n"
        "from tests.test_budget_outputs import failing_save\n"
        "failing_save(sys.argv[1])\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=300,
                          cwd=str(__import__("pathlib").Path(__file__).parent.parent))
    assert done.returncode == 0, done.stderr
    assert "raised" in done.stdout
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr


def failing_save(folder):
    """Save a workbook whose households sheet holds a value openpyxl cannot write (a set)."""
    from pathlib import Path

    from openfisca_kz_housing.population import load_population

    (Path(folder) / "households.csv").write_text(HOUSEHOLDS, encoding="utf-8")
    (Path(folder) / "persons.csv").write_text(PERSONS, encoding="utf-8")
    run, tables = make_run(load_population(folder))
    tables["households"][1]["claims"] = {"not", "a", "cell"}
    try:
        workbook.save(Path(folder) / "budget.xlsx", run, tables)
    except (ValueError, TypeError):
        print("raised")


def test_no_inf_or_nan_is_ever_written(two_reforms, tmp_path):
    """A non-finite figure is a bug: nothing is written, neither CSV nor workbook."""
    run, tables = two_reforms
    broken = {key: [dict(row) for row in rows] for key, rows in tables.items()}
    broken["yearly"][0]["cost_tenge"] = float("nan")
    with pytest.raises(export.NonFiniteError):
        export.csv_zip(run, broken)
    with pytest.raises(export.NonFiniteError):
        workbook.save(tmp_path / "budget.xlsx", run, broken)
    out = tmp_path / "out"
    with pytest.raises(export.NonFiniteError):
        export.export(run, broken, out)
    assert list(out.iterdir()) == []


def test_long_sheets_written_directly_read_as_openpyxl_writes_them(two_reforms, tmp_path, monkeypatch):
    """The households sheet past FAST_ROWS rows is written as XML directly: same values, types, formats."""
    run, tables = two_reforms
    households = [dict(row) for row in tables["households"]]
    households[2]["tenure"] = "private_tenant"
    households[1]["household_id"] = "a <b> & 'c'"  # escaped in the XML
    tables = dict(tables, households=households)

    def cells(path):
        sheet = load_workbook(path)["Households"]
        return [[(c.value, c.data_type, c.number_format) for c in row] for row in sheet.iter_rows()]

    monkeypatch.setattr(workbook, "FAST_ROWS", 10**9)  # every row through openpyxl
    workbook.save(tmp_path / "slow.xlsx", run, tables, "kk")
    monkeypatch.setattr(workbook, "FAST_ROWS", 1)  # rows after the first written directly
    workbook.save(tmp_path / "fast.xlsx", run, tables, "kk")
    slow, fast = cells(tmp_path / "slow.xlsx"), cells(tmp_path / "fast.xlsx")
    assert fast == slow and len(fast) == 2 + len(households)
    assert fast[3][0][:2] == ("a <b> & 'c'", "s") and fast[4][1][2] == "#,##0"
    households[0]["household_id"] = "bell\x07"  # a control character XML cannot hold is dropped
    book = load_workbook(io.BytesIO(export.workbook_bytes(run, tables, "ru")))  # bytes too
    assert book["Households"].max_row == 2 + len(households)
