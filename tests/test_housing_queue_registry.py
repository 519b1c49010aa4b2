"""The Almaty housing queue's dates: registry (revisions.yaml) and parameter files agree.

Resolution 2/516, item 3 (applied 10 days after first publication, estimated from registration
09.07.2012) and the repeal 2/512 of 19.06.2013 (estimated from adoption).
"""

import datetime
from pathlib import Path

import yaml

from openfisca_kz_housing import revisions
from openfisca_kz_housing.examples import tax_benefit_system

PARAMETERS = Path(revisions.__file__).with_name("parameters") / "local" / "almaty" / "housing_queue"


def test_registry_dates_and_bases():
    queue = revisions.instrument("almaty_housing_queue")
    assert [a.id for a in queue.acts] == ["2/516", "2/512"]
    original, repeal = queue.acts
    assert original.registered == datetime.date(2012, 7, 9) and original.registration_number == "942"
    assert original.in_force == original.registered + datetime.timedelta(days=10)
    assert original.in_force_basis == "estimated from registration"
    assert repeal.kind == "repeal" and repeal.in_force == repeal.adopted + datetime.timedelta(days=10)
    assert repeal.in_force_basis == "estimated from adoption"
    assert (queue.start, queue.end) == (datetime.date(2012, 7, 19), datetime.date(2013, 6, 29))
    assert revisions.act_in_force("2012-07-18", "almaty_housing_queue") is None
    assert revisions.act_in_force("2013-06-28", "almaty_housing_queue").id == "2/516"
    assert revisions.act_in_force("2013-06-29", "almaty_housing_queue") is None
    # The housing-aid instrument is still the default of the generic API.
    assert revisions.instrument().key == "altai_housing_aid"


def test_parameter_values_cite_registry_acts():
    queue = revisions.instrument("almaty_housing_queue")
    files = sorted(p for p in PARAMETERS.glob("*.yaml") if p.name != "index.yaml")
    assert {"in_force", "income_multiplier", "service_term_calendar_days"} <= {p.stem for p in files}
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        meta = data["metadata"]
        for key in ("label", "label_kk", "label_ru", "unit", "reference"):
            assert meta.get(key), f"{path.name}: metadata.{key} missing"
        for date, entry in data["values"].items():
            act = queue.act(entry["metadata"]["act"])
            assert act.in_force == date, f"{path.name} {date}: act {act.id} is in force on {act.in_force}"
            assert entry["metadata"]["in_force_basis"] == act.in_force_basis
            assert entry["metadata"]["status"] and entry["metadata"]["note"]
            if act.kind == "repeal":
                assert entry["value"] in (None, False)


def test_multiplier_is_dated_and_repealed():
    parameters = tax_benefit_system().parameters
    node = parameters.local.almaty.housing_queue
    assert node.income_multiplier("2012-07-19") == 3.1
    assert node.income_multiplier("2013-06-28") == 3.1
    assert node.income_multiplier("2013-06-29") is None  # repealed: never read by a formula
    assert node.in_force("2012-07-19") and node.in_force("2013-06-28")
    assert not node.in_force("2013-06-29")


def test_every_month_2011_2014_answers_without_error():
    """Outside the resolution's life: not eligible, not in force, never an error (a WWII veteran)."""
    from openfisca_core.simulation_builder import SimulationBuilder

    from openfisca_kz_housing.examples import month_range

    months = month_range("2011-01", "2014-12")
    situation = {
        "persons": {"a": {}},
        "households": {"h": {"applicant": ["a"], "social_category": {m: "wwii_veteran" for m in months}}},
    }
    simulation = SimulationBuilder().build_from_entities(tax_benefit_system(), situation)
    eligible = [m for m in months if simulation.calculate("housing_queue_eligible", m)[0]]
    in_force = [m for m in months if simulation.calculate("housing_queue_in_force", m)[0]]
    assert eligible == in_force == month_range("2012-08", "2013-06")
