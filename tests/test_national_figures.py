"""National figures of the republican budget laws (../shared/law/README.md, section 3), including the
mid-year changes of 2020-04-01 and 2022-04-01."""

import pytest

NATIONAL_TABLE = [
    # from,       ПМ,     МРП,   МЗП
    ("2012-01-01", 17439, 1618, 17439),
    ("2013-01-01", 18660, 1731, 18660),
    ("2014-01-01", 19966, 1852, 19966),
    ("2015-01-01", 21364, 1982, 21364),
    ("2016-01-01", 22859, 2121, 22859),
    ("2017-01-01", 24459, 2269, 24459),
    ("2018-01-01", 28284, 2405, 28284),
    ("2019-01-01", 29698, 2525, 42500),
    ("2020-01-01", 31183, 2651, 42500),
    ("2020-04-01", 32668, 2778, 42500),
    ("2021-01-01", 34302, 2917, 42500),
    ("2022-01-01", 36018, 3063, 60000),
    ("2022-04-01", 37389, 3180, 60000),
    ("2023-01-01", 40567, 3450, 70000),
    ("2024-01-01", 43407, 3692, 85000),
    ("2025-01-01", 46228, 3932, 85000),
    ("2026-01-01", 50851, 4325, 85000),
]


@pytest.mark.parametrize(("start", "pm", "mrp", "mzp"), NATIONAL_TABLE)
def test_figures_in_force_from_each_date(tbs, start, pm, mrp, mzp):
    national = tbs.parameters(start).national
    assert (national.subsistence_minimum, national.monthly_calculation_index, national.minimum_wage) == (pm, mrp, mzp)


@pytest.mark.parametrize(("before", "after"), [("2020-03-31", "2020-04-01"), ("2022-03-31", "2022-04-01")])
def test_mid_year_changes_take_effect_on_the_first_of_april(tbs, before, after):
    old, new = tbs.parameters(before).national, tbs.parameters(after).national
    assert new.subsistence_minimum > old.subsistence_minimum
    assert new.monthly_calculation_index > old.monthly_calculation_index
