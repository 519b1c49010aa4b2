"""The repeal survives every reform: no aid from 2024-04, housing_aid_in_force false (12/4-VIII of 06.03.2024,
in force 2024-03-16, estimated) under every shipped code reform, every example data reform and all
code reforms stacked."""

from pathlib import Path

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_kz_housing.examples import month_range, tax_benefit_system
from openfisca_kz_housing.reforms import CODE_REFORMS, apply_reforms, tree

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reforms"
# Example data reforms that name a parameter added by a code reform are stacked after it.
PREREQUISITES = {"cap_3mrp_after_aid_cap.yaml": ["aid_cap_mrp"]}
MONTHS = month_range("2024-03", "2025-01")
AFTER_REPEAL = MONTHS[1:]  # 2024-04 .. 2025-01


def stacks():
    yield pytest.param(list(CODE_REFORMS), id="all-code-reforms-stacked")
    for name in sorted(CODE_REFORMS):
        yield pytest.param([name], id=name)
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix in (".yaml", ".yml", ".json"):
            yield pytest.param(PREREQUISITES.get(path.name, []) + [str(path)], id=path.name)


def test_examples_exist():
    assert len([p for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".json")]) >= 5


def situation(tenure):
    income_months = month_range("2023-10", "2025-01")
    return {
        "persons": {"a": {"salary": {m: 30_000 for m in income_months}}, "b": {}},
        "households": {
            "h": {
                "applicant": "a",
                "other_members": ["b"],
                "tenure": {m: tenure for m in MONTHS},
                "dwelling_area": {m: 60 for m in MONTHS},
                "dwelling_rooms": {m: 2 for m in MONTHS},
                "rent_expense": {m: 30_000 for m in MONTHS},
                "heating_expense": {m: 25_000 for m in MONTHS},
                "utility_expense": {m: 9_000 for m in MONTHS},
            }
        },
    }


@pytest.mark.parametrize("sources", stacks())
def test_no_aid_after_the_repeal(sources):
    reformed, _ = apply_reforms(tax_benefit_system(), sources)
    node = reformed.parameters.local.east_kazakhstan.altai_district.housing_aid
    ends_early = any("end_aid" in str(source) for source in sources)  # that example stops the aid in 2023
    assert node.in_force("2024-03-15") is not ends_early
    for day in ("2024-03-16", "2024-04-01", "2025-06-01"):
        assert node.in_force(day) is False, day
    for tenure in ("owner", "private_tenant"):
        simulation = SimulationBuilder().build_from_entities(reformed, situation(tenure))
        # 2024-03 is still governed by 7/3-VIII (its first day is before the repeal): aid is paid.
        assert simulation.calculate("housing_aid_in_force", "2024-03")[0] == (not ends_early)
        for month in AFTER_REPEAL:
            assert not simulation.calculate("housing_aid_in_force", month)[0], (tenure, month)
            assert not simulation.calculate("housing_aid_eligible", month)[0], (tenure, month)
            assert simulation.calculate("housing_aid", month)[0] == 0, (tenure, month)


def test_the_test_can_fail_a_reform_that_removes_the_repeal():
    """A reform written with allow_past_repeal that keeps the decision alive does pay aid after 2024-03:
    the check above would catch such a reform among the shipped ones."""
    path = "local.east_kazakhstan.altai_district.housing_aid."
    keep = {"start": "2024-03-16", "stop": "2024-12-31"}
    document = {
        "name": "No repeal in 2024",
        "description": "What if 56/2-VI had stayed in force through 2024?",
        "changes": [
            {"parameter": path + name, "values": [dict(keep, value=value)], "allow_past_repeal": True}
            for name, value in [
                ("in_force", True), ("income_share", 0.1), ("area_norm.per_person", 18),
                ("area_norm.per_person_lower_bound", 15), ("area_norm.one_room_floor", 30),
            ]
        ],
    }
    reformed, _ = apply_reforms(tax_benefit_system(), [document])
    simulation = SimulationBuilder().build_from_entities(reformed, situation("owner"))
    assert simulation.calculate("housing_aid_in_force", "2024-04")[0]
    assert simulation.calculate("housing_aid", "2024-04")[0] > 0
    assert not simulation.calculate("housing_aid_in_force", "2025-01")[0]


@pytest.mark.parametrize("sources", stacks())
def test_every_parameter_after_the_repeal_is_the_law(sources):
    """No reform leaves a value behind after 2024-03-16: each parameter equals the law's (or has none)."""
    baseline = tax_benefit_system()
    reformed, _ = apply_reforms(baseline, sources)
    law = tree.leaves(baseline.parameters)
    for path, parameter in tree.leaves(reformed.parameters).items():
        for day in ("2024-03-16", "2024-06-01", "2026-06-01"):
            expected = tree.value_at(law[path], day) if path in law else None
            assert tree.value_at(parameter, day) == expected, (path, day)
