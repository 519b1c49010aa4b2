"""The README's example household, and helpers to compute a situation over a range of months."""

from __future__ import annotations

from openfisca_core import periods

from openfisca_kz_housing import revisions, simulation, tax_benefit_system  # noqa: F401 (re-exported for callers)
from openfisca_kz_housing.dates import month_range  # noqa: F401 (re-exported for callers)


def example_situation(months: list[str]) -> dict:
    """Two persons in a 54 m2 two-room flat they own, with the same incomes and bills every month.

    Incomes are filled for the three months before the first one too (item 3: the preceding quarter).
    """
    first = periods.period(months[0])
    income_months = [str(first.offset(-k)) for k in range(6, 0, -1)] + months
    return {
        "persons": {
            "aigerim": {"salary": {m: 70_000 for m in income_months}},
            "bolat": {"pension": {m: 45_000 for m in income_months}},
        },
        "households": {
            "household": {
                "applicant": "aigerim",
                "other_members": ["bolat"],
                "dwelling_area": {m: 54 for m in months},
                "dwelling_rooms": {m: 2 for m in months},
                "maintenance_expense": {m: 3_500 for m in months},
                "heating_expense": {m: 14_000 for m in months},
                "utility_expense": {m: 6_500 for m in months},
            }
        },
    }


def example_timeline(months: list[str]) -> list[dict]:
    """The example household's figures for each month, with the act in force on its first day."""
    example = simulation.from_situation(tax_benefit_system(), example_situation(months))
    rows = []
    for month in months:
        act = revisions.act_in_force(periods.period(month).start)
        rows.append(
            {
                "month": month,
                "in_force": bool(example.calculate("housing_aid_in_force", month)[0]),
                "act": act.id if act else None,
                "income_base": float(example.calculate("housing_aid_income_base", month)[0]),
                "limit": float(example.calculate("housing_aid_expense_limit", month)[0]),
                "accepted": float(example.calculate("housing_aid_accepted_expenses", month)[0]),
                "aid": float(example.calculate("housing_aid", month)[0]),
            }
        )
    return rows
