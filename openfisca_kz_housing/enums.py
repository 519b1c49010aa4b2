"""Enumerations shared by the variables, the API and the population loader (one class each)."""

from openfisca_core.indexed_enums import Enum


class DwellingKind(Enum):
    apartment = "Apartment (flat)"
    individual_house = "Individual house"
    dormitory_room = "Room in a dormitory"


class Tenure(Enum):
    owner = "Owner"
    state_housing_tenant = "Tenant (sub-tenant) of a dwelling from the state housing fund"
    akimat_leased_tenant = "Tenant (sub-tenant) of a private dwelling leased by the local executive body (akimat)"
    private_tenant = "Tenant of a private dwelling not leased by the akimat"


class HousingAidAct(Enum):
    none = "No housing-aid decision in force"
    decision_56_2_VI = "Decision 56/2-VI of 20.11.2019 (original)"
    decision_63_2_VI = "Decision 63/2-VI of 03.04.2020 (new Annex 1)"
    decision_3_5_VII = "Decision 3/5-VII of 26.03.2021 (new Annex 1)"
    decision_23_2_VII = "Decision 23/2-VII of 21.10.2022 (new title, item 1 and Annex 1)"
    decision_7_3_VIII = "Decision 7/3-VIII of 04.12.2023 (new Annex 1)"
