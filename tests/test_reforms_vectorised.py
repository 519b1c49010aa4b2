"""Code reforms on several households at once (as the budget computes them): each row gets its own answer."""

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_kz_housing.examples import tax_benefit_system
from openfisca_kz_housing.reforms import apply_reforms

Q1 = ["2023-01", "2023-02", "2023-03"]


def household(person, tenure, area, rooms, rent, heating, utility):
    m = "2023-06"
    return {"applicant": person, "tenure": {m: tenure}, "dwelling_area": {m: area}, "dwelling_rooms": {m: rooms},
            "rent_expense": {m: rent}, "heating_expense": {m: heating}, "utility_expense": {m: utility}}


SITUATION = {
    "persons": {
        "p1": {"pension": {m: 45_000 for m in Q1}},
        "p2": {"salary": {m: 60_000 for m in Q1}},
        "p3": {"salary": {m: 60_000 for m in Q1}},
        "p4": {"salary": {m: 400_000 for m in Q1}},
    },
    "households": {
        # owner, 40 m2 two rooms: accepted 24,000 x 30/40 + 8,000 = 26,000; limit 4,500 -> 21,500 (cap 17,250)
        "h1": household("p1", "owner", 40, 2, 0, 24_000, 8_000),
        # private tenant, 30 m2 one room: 40,000 + 8,000 + 5,000 = 53,000; limit 6,000 -> 47,000 (cap 17,250)
        "h2": household("p2", "private_tenant", 30, 1, 40_000, 8_000, 5_000),
        # state tenant, same bills: eligible in the law too
        "h3": household("p3", "state_housing_tenant", 30, 1, 40_000, 8_000, 5_000),
        # private tenant with a high income: limit 40,000 -> 13,000 (under the cap)
        "h4": household("p4", "private_tenant", 30, 1, 40_000, 8_000, 5_000),
    },
}


@pytest.mark.parametrize(
    "sources, expected",
    [
        ([], [21_500, 0, 47_000, 0]),
        (["private_tenants_eligible"], [21_500, 47_000, 47_000, 13_000]),
        (["aid_cap_mrp"], [17_250, 0, 17_250, 0]),
        (["private_tenants_eligible", "aid_cap_mrp"], [17_250, 17_250, 17_250, 13_000]),
    ],
)
def test_each_household_gets_its_own_amount(sources, expected):
    system, _ = apply_reforms(tax_benefit_system(), sources)
    simulation = SimulationBuilder().build_from_entities(system, SITUATION)
    assert list(simulation.calculate("housing_aid", "2023-06")) == pytest.approx(expected, abs=0.05)
