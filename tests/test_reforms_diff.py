"""``kz-housing diff`` and the /diff route: parameters that differ between dates or under a reform (issue 4)."""

import json
from pathlib import Path

import pytest

from openfisca_kz_housing import cli
from openfisca_kz_housing.reforms import ReformError
from openfisca_kz_housing.reforms.diff import diff_dates, diff_reform

SHARE = "local.east_kazakhstan.altai_district.housing_aid.income_share"
MRP = "national.monthly_calculation_index"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reforms"
STEPS = str(EXAMPLES / "share_steps_2023.yaml")
SHARE_8 = str(EXAMPLES / "share_8pct_2023.yaml")


def by_path(items):
    return {item["parameter"]: item for item in items}


def test_dates_list_budget_figures_with_their_acts():
    result = diff_dates("2021-06-01", "2023-01-01")
    changed = by_path(result["parameters"])
    # Housing-aid values are the same 10 %/18 m2 on both dates (carried), so only national figures differ.
    assert set(changed) == {MRP, "national.minimum_wage", "national.subsistence_minimum"}
    mrp = changed[MRP]
    assert (mrp["old"], mrp["new"]) == (2917, 3450)
    assert [(s["date"], s["value"]) for s in mrp["changed_by"]] == [
        ("2022-01-01", 3063), ("2022-04-01", 3180), ("2023-01-01", 3450)]
    assert "2023-2025" in mrp["new_act"] and "2022-2024" in mrp["changed_by"][1]["act"]
    assert [a["id"] for a in result["acts"]] == ["23/2-VII"]


def test_dates_across_the_repeal():
    changed = by_path(diff_dates("2023-06-01", "2024-06-01")["parameters"])
    share = changed[SHARE]
    assert (share["old"], share["new"], share["new_act"]) == (0.1, None, "12/4-VIII")
    flag = changed["local.east_kazakhstan.altai_district.housing_aid.in_force"]
    assert (flag["old"], flag["new"]) == (True, False)
    assert flag["changed_by"] == [{"date": "2024-03-16", "value": False, "act": "12/4-VIII", "status": "repealed",
                                   "in_force_basis": "estimated from adoption",
                                   "note": "decision 56/2-VI ceases to apply (repealed by 12/4-VIII of 06.03.2024)"}]


def test_same_date_is_empty_and_reversed_dates_are_refused():
    assert diff_dates("2023-06-01", "2023-06-01")["parameters"] == []
    with pytest.raises(ReformError, match="give the earlier date first"):
        diff_dates("2023-01-01", "2022-01-01")
    with pytest.raises(ReformError, match="not a valid date"):
        diff_dates("2023-13-01", "2024-01-01")


def test_reform_on_a_date_and_over_time():
    one_day = diff_reform(STEPS, "2023-08-01")
    assert one_day["reforms"][0]["name"] == "Income share lowered in two steps"
    assert by_path(one_day["parameters"])[SHARE]["reform"] == 0.08
    periods = by_path(diff_reform(STEPS)["parameters"])[SHARE]["periods"]
    assert [(p["start"], p["stop"], p["baseline"], p["reform"], p["baseline_act"]) for p in periods] == [
        ("2023-01-01", "2023-06-30", 0.1, 0.09, "23/2-VII"),
        ("2023-07-01", "2023-12-13", 0.1, 0.08, "23/2-VII"),
        ("2023-12-14", "2024-03-15", 0.1, 0.08, "7/3-VIII"),
    ]


def test_structural_reform_lists_replaced_formula_and_added_parameter():
    result = diff_reform("private_tenants_eligible", "2023-06-01")
    assert [v["variable"] for v in result["variables"]] == ["housing_aid_eligible"]
    added = by_path(result["parameters"])["local.east_kazakhstan.altai_district.housing_aid.private_tenants_eligible"]
    assert added["added_by_reform"] and added["reform"] is True and added["baseline"] is None
    assert diff_reform("private_tenants_eligible", "2024-06-01")["parameters"] == []  # nothing after the repeal


def test_cli_dates(capsys):
    assert cli.main(["diff", "2021-06-01", "2023-01-01"]) == 0
    out = capsys.readouterr().out
    assert "national.monthly_calculation_index" in out and "2022-04-01  3,180 tenge" in out
    assert "23/2-VII" in out


def test_cli_reform_json_names_the_reform(capsys):
    assert cli.main(["diff", "2023-06-01", "--reform", SHARE_8, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["reforms"][0]["name"] == "Income share 8 % in 2023"
    assert by_path(result["parameters"])[SHARE]["reform"] == 0.08


def test_cli_text_shows_name_and_description(capsys):
    assert cli.main(["diff", "--reform", "aid_cap_mrp"]) == 0
    out = capsys.readouterr().out
    assert "Reform: Cap on the monthly aid: 5 MRP" in out and "assumption" in out
    assert "housing_aid: formula replaced" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["diff", "2023-01-01"], "give two dates"),
        (["diff", "2023-01-01", "2024-01-01", "--reform", "aid_cap_mrp"], "give one date"),
        (["diff", "2023-01-01", "--reform", "missing.yaml"], "no such file"),
        (["diff", "2024-01-01", "2023-01-01"], "give the earlier date first"),
    ],
)
def test_cli_errors(argv, message, capsys):
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err


def test_cli_list(capsys):
    assert cli.main(["diff", "--list"]) == 0
    assert SHARE in capsys.readouterr().out


def test_months_and_languages():
    result = diff_dates("2023-06", "2024-06", lang="kk")
    assert (result["from"], result["to"]) == ("2023-06-01", "2024-06-01")
    share = by_path(result["parameters"])[SHARE]
    assert share["label"].startswith("Аз қамтылған")
    assert [a["id"] for a in result["acts"]] == ["7/3-VIII", "12/4-VIII"]
    with pytest.raises(ReformError, match="unknown language"):
        diff_dates("2023-06", "2024-06", lang="fr")
