"""The number of members of each household, counted once per simulation.

Decision 56/2-VI, Annex 1, item 12 (the area norm is per person) and the Almaty housing queue's income
per member (item 8) both divide or multiply by it. In an OpenFisca simulation the membership of each
household (who belongs to it, with which role) is fixed when the simulation is built and is the same
for every period: ``household.nb_persons()`` takes no period. So the count is an ETERNITY variable,
exactly equal to ``nb_persons()`` in every month, computed once instead of once a month (a count over
every person: about 20 ms a month on a million households).
"""

from openfisca_core.model_api import ETERNITY, Variable

from openfisca_kz_housing.entities import Household


class household_member_count(Variable):
    value_type = int
    entity = Household
    definition_period = ETERNITY
    label = "Number of members of the household (fixed for the whole simulation)"
    reference = "Decision 56/2-VI, Annex 1, item 12 (the norm is per person)"

    def formula(household, period):
        return household.nb_persons()
