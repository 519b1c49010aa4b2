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


class SocialCategory(Enum):
    """The socially protected groups of resolution 2/516, Regulation, item 8 (Almaty housing queue)."""

    none = "Not in a socially protected group"
    wwii_veteran = "1) Disabled veteran or participant of the Great Patriotic War (no income test)"
    wwii_equivalent = "1-1) Person equated to disabled veterans and participants of the Great Patriotic War"
    disability_group_1_2 = "2) Disabled person of group 1 or 2"
    family_with_disabled_child = "3) Family having or raising disabled children"
    severe_chronic_illness = "4) Person with a severe form of a chronic disease on the Government's list"
    pensioner_by_age = "5) Old-age pensioner"
    orphan_under_29 = "6) Orphan or child left without parental care, under 29 (extended by conscript service)"
    oralman = "7) Oralman (ethnic Kazakh repatriate)"
    disaster_victim = "8) Person who lost the dwelling in an ecological disaster or a natural or man-made emergency"
    large_family = "9) Large family"
    family_of_deceased_on_duty = (
        "10) Family of a person who died on state or public duty, military service, saving lives or protecting law "
        "and order"
    )
    incomplete_family = "11) Incomplete (single-parent) family"


class HousingQueueGround(Enum):
    """On which ground of item 8 of resolution 2/516 a family may be registered (the first that holds)."""

    none = "No ground of item 8"
    wwii_veteran = "Disabled veteran or participant of the Great Patriotic War"
    low_income_social_category = "Low-income socially protected group (income below 3.1 × subsistence minimum)"
    public_sector_worker = "Civil servant, budget-organisation employee, serviceman or elected state official"
    sole_dwelling_in_emergency = "Only dwelling declared to be in an emergency state"
