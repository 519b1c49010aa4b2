"""``kz-housing budget`` end to end on small populations (issue 6)."""

from __future__ import annotations

import csv

import pytest

from openfisca_kz_housing import cli

# Two households of tests/yaml/budget/several_households.yaml, as population files: incomes and bills
# constant, so February 2021 gives 6,666.67 and 4,000 tenge (decision 56/2-VI, items 2 and 12).
HOUSEHOLDS = """household_id,dwelling_area,dwelling_rooms,dwelling_kind,tenure,maintenance_expense,heating_expense,\
rent_expense,utility_expense
owners_flat,54,2,apartment,owner,3500,14000,0,6500
dormitory_tenant,20,1,dormitory_room,state_housing_tenant,0,4000,2000,3000
"""
PERSONS = """person_id,household_id,role,salary,pension
aigerim,owners_flat,applicant,70000,0
bolat,owners_flat,other_member,0,45000
dana,dormitory_tenant,applicant,0,50000
"""


def read_csv(path):
    with open(path, encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture
def population(tmp_path):
    folder = tmp_path / "district"
    folder.mkdir()
    (folder / "households.csv").write_text(HOUSEHOLDS, encoding="utf-8")
    (folder / "persons.csv").write_text(PERSONS, encoding="utf-8")
    return folder


def test_budget_on_a_small_population(population, tmp_path, capsys):
    out = tmp_path / "out"
    code = cli.main(
        [
            "budget",
            "--population",
            str(population),
            "--from",
            "2021-02",
            "--to",
            "2021-03",
            "--out",
            str(out),
            "--no-progress",
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "2021" in printed and "SYNTHETIC" not in printed
    monthly = read_csv(out / "budget_monthly.csv")
    assert [row["month"] for row in monthly] == ["2021-02", "2021-03"]
    assert float(monthly[0]["cost_tenge"]) == pytest.approx(6666.67 + 4000, abs=0.5)
    assert monthly[0]["act_in_force"] == "63/2-VI"
    households = read_csv(out / "budget_households.csv")
    assert float(households[0]["aid_baseline_tenge"]) == pytest.approx(2 * 6666.67, abs=1)
    for name in ("budget.xlsx", "chart_cost_per_month.png", "chart_by_income_decile.png", "budget_by_tenure.csv"):
        assert (out / name).stat().st_size > 0


def test_budget_on_the_synthetic_district_is_labelled(tmp_path, capsys):
    out = tmp_path / "out"
    code = cli.main(
        ["budget", "--from", "2024-01", "--to", "2024-04", "--take-up", "0.8", "--out", str(out), "--no-progress"]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "SYNTHETIC DATA" in printed
    assert (out / "SYNTHETIC_budget.xlsx").exists() and (out / "SYNTHETIC_chart_cost_per_month.png").exists()
    monthly = read_csv(out / "SYNTHETIC_budget_monthly.csv")
    assert monthly[-1]["act_in_force"] == "not in force" and float(monthly[-1]["cost_tenge"]) == 0
    from openpyxl import load_workbook

    about = load_workbook(out / "SYNTHETIC_budget.xlsx", read_only=True)["About"]
    assert "SYNTHETIC" in str(next(about.iter_rows(values_only=True)))


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--from", "2021-13"], "write it as YYYY-MM"),
        (["--from", "2022-01", "--to", "2021-01"], "is after the last month"),
        (["--take-up", "1.5"], "between 0 and 1"),
        (["--reform", "no_such_module.Reform"], "no_such_module.Reform"),
        (["--reform", "missing_reform.yaml"], "missing_reform.yaml"),
    ],
)
def test_bad_arguments_exit_2(population, tmp_path, capsys, arguments, message):
    code = cli.main(["budget", "--population", str(population), "--out", str(tmp_path / "out"), *arguments])
    assert code == 2
    error = capsys.readouterr().err
    assert message in error and "Traceback" not in error


def test_bad_population_exits_2_with_the_messages(population, tmp_path, capsys):
    (population / "households.csv").write_text(HOUSEHOLDS.replace("state_housing_tenant", "renter"), encoding="utf-8")
    code = cli.main(["budget", "--population", str(population), "--out", str(tmp_path / "out")])
    assert code == 2
    error = capsys.readouterr().err
    assert "households.csv, row 2 (line 3), column 'tenure': 'renter' is not allowed" in error


def test_budget_with_a_data_reform_and_a_code_reform(population, tmp_path, capsys):
    """Two reforms in one run (issue 4's load_reform): the 8 % share of 2023 raises the aid of item 2."""
    from pathlib import Path

    pytest.importorskip("openfisca_kz_housing.reforms")
    data_reform = Path(__file__).resolve().parent.parent / "examples" / "reforms" / "share_8pct_2023.yaml"
    out = tmp_path / "out"
    code = cli.main(
        [
            "budget",
            "--population",
            str(population),
            "--from",
            "2023-04",
            "--to",
            "2023-04",
            "--out",
            str(out),
            "--reform",
            str(data_reform),
            "lower_income_share",
            "--no-progress",
        ]
    )
    assert code == 0, capsys.readouterr().err
    comparison = read_csv(out / "budget_comparison.csv")
    assert [row["reform"] for row in comparison] == ["share_8pct_2023", "lower_income_share"]
    assert [row["kind"] for row in comparison] == ["data", "code"]
    for row in comparison:
        # 2 % of the income base: 115,000 and 50,000 tenge (constant incomes) -> 2,300 + 1,000
        assert float(row["cost_change_tenge"]) == pytest.approx(3300, abs=1)
        assert float(row["winner_households"]) == 2
    assert (out / "chart_winners_losers.png").exists()
