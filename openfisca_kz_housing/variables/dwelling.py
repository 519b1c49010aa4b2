"""The dwelling and the family's right to it (decision 56/2-VI, Annex 1, items 1 and 12)."""

from openfisca_core.model_api import MONTH, Enum, Variable

from openfisca_kz_housing.entities import Household
from openfisca_kz_housing.enums import DwellingKind, Tenure


class dwelling_area(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Useful area of the dwelling (m2)"
    reference = "Decision 56/2-VI, Annex 1, item 12 (norm of useful area)"


class dwelling_rooms(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "Number of living rooms of the dwelling"
    reference = "Decision 56/2-VI, Annex 1, item 12 (not less than a one-room flat)"
    documentation = "0 means unknown: the dwelling is then not treated as a one-room flat."


class dwelling_kind(Variable):
    value_type = Enum
    possible_values = DwellingKind
    default_value = DwellingKind.apartment
    entity = Household
    definition_period = MONTH
    label = "Kind of dwelling"
    reference = "Decision 56/2-VI, Annex 1, item 12 (a one-room flat or a room in a dormitory)"


class tenure(Variable):
    value_type = Enum
    possible_values = Tenure
    default_value = Tenure.owner
    entity = Household
    definition_period = MONTH
    label = "On what right the family occupies the dwelling"
    reference = "Decision 56/2-VI, Annex 1, item 1"


class owns_other_dwelling(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = "The family owns another dwelling in Kazakhstan"
    reference = "Decision 56/2-VI, Annex 1, item 1 (the dwelling is their only one owned in Kazakhstan)"


class resident_in_district(Variable):
    value_type = bool
    default_value = True
    entity = Household
    definition_period = MONTH
    label = "The family is permanently registered and lives in Altai district"
    reference = "Decision 56/2-VI, Annex 1, item 1"
