"""Area norm 15 m2 a person instead of 18 m2, for the whole life of decision 56/2-VI (2019-12-06 to 2024-03-15).

Item 12 of Annex 1 adopts "at least 15 and at most 18 m2 of useful area per person". The baseline
applies the upper bound, 18 m2 (the project's reading). This reform applies the lower bound, 15 m2,
to the decision's parameter ``area_norm.per_person`` from the
original's in-force date (2019-12-06) to the day before repeal 12/4-VIII (2024-03-15), both from the
revision registry. The floor (not less than a one-room flat or a dormitory room) is unchanged.
"""

from openfisca_core.reforms import Reform

from openfisca_kz_housing.reforms.common import DECISION, decision_start, last_day_before_repeal, set_bounded

AREA_PER_PERSON = 15


class area_norm_15(Reform):
    """Area norm 15 m2 a person instead of 18 m2 (decision 56/2-VI, Annex 1, item 12: the lower bound of
    its 15-18 m2 range) over the decision's whole life, 2019-12-06 to 2024-03-15; the floor of a
    one-room flat or a dormitory room and the repeal of 2024-03-16 are untouched."""

    name = "Area norm 15 m2 a person"

    def apply(self):
        def modify(parameters):
            return set_bounded(
                parameters, f"{DECISION}.area_norm.per_person", decision_start(), last_day_before_repeal(),
                AREA_PER_PERSON, self.name, "the lower bound of item 12's range (15 m2) instead of 18 m2",
            )

        self.modify_parameters(modifier_function=modify)
