"""Lower income share: the family pays 8 % of its income instead of 10 %, 2023-01-01 to 2024-03-15.

Changes decision 56/2-VI, Annex 1, item 2 (the decision's parameter ``income_share``): 0.08 from 2023-01-01 to the
day before repeal 12/4-VIII (2024-03-15, from the revision registry). The 7/3-VIII value of
2023-12-14 (10 %) is replaced within that window; the repeal of 2024-03-16 is untouched. 8 % is the
share Balkhash applies and Karaganda city moved to (../shared/law/README.md, section 1).
"""

import datetime

from openfisca_core.reforms import Reform

from openfisca_kz_housing.reforms.common import DECISION, last_day_before_repeal, set_bounded

START = datetime.date(2023, 1, 1)
SHARE = 0.08


class lower_income_share(Reform):
    """Income share 8 % instead of 10 % (decision 56/2-VI, Annex 1, item 2) from 2023-01-01 to 2024-03-15,
    the day before the repeal; the repeal of 2024-03-16 is untouched."""

    name = "Income share 8 % from 2023-01-01"

    def apply(self):
        def modify(parameters):
            return set_bounded(
                parameters, f"{DECISION}.income_share", START, last_day_before_repeal(), SHARE,
                self.name, "8 % of the family's income instead of 10 % (item 2)",
            )

        self.modify_parameters(modifier_function=modify)
