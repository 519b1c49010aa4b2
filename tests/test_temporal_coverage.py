"""Temporal coverage (after Catala's housing-benefit tests): every month from 2012-01 to 2026-12 computes
without error, the in-force flag and the act agree with the registry, and every day maps to at most one
act. A month is judged by the rules in force on its first day."""

import datetime

import numpy as np
from openfisca_core import periods
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_kz_housing import revisions
from openfisca_kz_housing.examples import month_range

MONTHS = month_range("2012-01", "2026-12")
ALTAI = revisions.instrument("altai_housing_aid")


def _eligible_household(months):
    """One person in a 30 m2 one-room flat, 50,000 a month of salary, 9,000 of bills: aid when in force."""
    income_months = month_range("2011-10", months[-1])
    return {
        "persons": {"p": {"salary": {m: 50_000 for m in income_months}}},
        "households": {
            "h": {
                "applicant": "p",
                "dwelling_area": {m: 30 for m in months},
                "dwelling_rooms": {m: 1 for m in months},
                "heating_expense": {m: 6_000 for m in months},
                "utility_expense": {m: 3_000 for m in months},
            }
        },
    }


def test_every_month_2012_2026_computes_and_matches_the_registry(tbs):
    simulation = SimulationBuilder().build_from_entities(tbs, _eligible_household(MONTHS))
    in_force_months = []
    for month in MONTHS:
        first_day = periods.period(month).start.date
        act = ALTAI.act_on(first_day)
        in_force = simulation.calculate("housing_aid_in_force", month)
        aid = simulation.calculate("housing_aid", month)
        act_code = simulation.calculate("housing_aid_act", month).decode_to_str()[0]
        assert bool(in_force[0]) == (act is not None), month
        assert act_code == ("none" if act is None else "decision_" + act.id.replace("/", "_").replace("-", "_")), month
        # 9,000 accepted - 10 % of 50,000 = 4,000 while in force; 0 outside, never an error.
        assert np.isclose(aid[0], 4_000 if act else 0), month
        if act:
            in_force_months.append(month)
    assert in_force_months[0] == "2020-01"  # 56/2-VI in force 2019-12-06: December is judged on the 1st
    assert in_force_months[-1] == "2024-03"  # repeal 12/4-VIII in force 2024-03-16
    assert len(in_force_months) == 51


def test_every_day_has_at_most_one_act_and_none_outside_the_decision():
    day, last = datetime.date(2012, 1, 1), datetime.date(2026, 12, 31)
    governing = [act for act in ALTAI.acts if act.kind != "repeal"]
    while day <= last:
        candidates = [
            act
            for i, act in enumerate(ALTAI.acts)
            if act.kind != "repeal"
            and act.in_force <= day
            and (i + 1 == len(ALTAI.acts) or day < ALTAI.acts[i + 1].in_force)
        ]
        assert len(candidates) <= 1, day
        expected = candidates[0] if candidates else None
        assert ALTAI.act_on(day) is expected, day
        inside = ALTAI.start <= day < ALTAI.end
        assert (expected is not None) == inside, day
        day += datetime.timedelta(days=1)
    assert len(governing) == 5


def test_national_figures_cover_every_month_2012_2026(tbs):
    for month in MONTHS:
        national = tbs.parameters(periods.period(month).start).national
        assert national.subsistence_minimum > 0 and national.monthly_calculation_index > 0
        assert national.minimum_wage > 0
