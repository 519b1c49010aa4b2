"""Small helpers on OpenFisca periods used by the formulas."""

from openfisca_core import periods


def preceding_quarter(month):
    """The three months of the calendar quarter before the quarter containing ``month``.

    Decision 56/2-VI, Annex 1, item 3: income is taken "for the quarter preceding the quarter of
    application". For 2021-02 this is 2020-10 to 2020-12.
    """
    start = month.start
    first_month_of_quarter = periods.Instant((start.year, 3 * ((start.month - 1) // 3) + 1, 1))
    return periods.Period((periods.DateUnit.MONTH, first_month_of_quarter, 3)).offset(-3, periods.DateUnit.MONTH)
