"""Python API: baseline and reform side by side for one household (hand-computed, decision 56/2-VI)."""

from pathlib import Path

import pytest

from openfisca_kz_housing.examples import example_situation, month_range
from openfisca_kz_housing.reforms import ReformError
from openfisca_kz_housing.reforms.compare import compare_situation

SHARE_8 = str(Path(__file__).resolve().parents[1] / "examples" / "reforms" / "share_8pct_2023.yaml")


def test_share_8pct_2023_on_the_example_household():
    # Example household: income 115,000 a month; accepted 18,166.67 (item 1, norm 36/54 under item 12).
    # 2023-06: limit 8 % -> 9,200, aid 8,966.67 (baseline 10 % -> 11,500, aid 6,666.67); 2024-01: back to 10 %.
    months = ["2022-12", "2023-06", "2024-01", "2024-04"]
    result = compare_situation(example_situation(month_range("2022-12", "2024-04")), SHARE_8, months,
                               variables=["housing_aid", "housing_aid_in_force", "housing_aid_act"])
    assert result["reforms"][0]["name"] == "Income share 8 % in 2023"
    aid = result["variables"]["housing_aid"]["household"]
    assert aid["2022-12"] == {"baseline": pytest.approx(6666.67, abs=0.02), "reform": pytest.approx(6666.67, abs=0.02),
                              "difference": pytest.approx(0, abs=0.02)}
    assert aid["2023-06"]["reform"] == pytest.approx(8966.67, abs=0.02)
    assert aid["2023-06"]["difference"] == pytest.approx(2300, abs=0.02)
    assert aid["2024-01"]["difference"] == pytest.approx(0, abs=0.02)
    assert aid["2024-04"] == {"baseline": 0, "reform": 0, "difference": 0}
    assert result["variables"]["housing_aid_in_force"]["household"]["2024-04"] == {"baseline": False, "reform": False}
    assert result["variables"]["housing_aid_act"]["household"]["2023-06"]["reform"] == "decision_23_2_VII"


def test_unknown_variable():
    with pytest.raises(ReformError, match="unknown variable nope"):
        compare_situation(example_situation(["2023-06"]), SHARE_8, ["2023-06"], variables=["nope"])
