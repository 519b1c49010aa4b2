"""The revision registry (revisions.yaml) and its agreement with the dated parameters.

Decision 56/2-VI and every act that changed it enters into force 10 calendar days after its first
official publication (item 3 of each act). Publication dates are unknown, so each in-force date is an
estimate whose basis is recorded (../shared/law/README.md).
"""

import datetime

import pytest

from openfisca_kz_housing import revisions
from openfisca_kz_housing.enums import HousingAidAct
from openfisca_kz_housing.parameter_paths import walk
from openfisca_kz_housing.variables.housing_aid import act_member_name

ALTAI = revisions.instrument("altai_housing_aid")
TEN_DAYS = datetime.timedelta(days=10)


def test_the_registry_lists_the_original_four_amendments_and_the_repeal():
    assert [act.id for act in ALTAI.acts] == ["56/2-VI", "63/2-VI", "3/5-VII", "23/2-VII", "7/3-VIII", "12/4-VIII"]
    assert [act.kind for act in ALTAI.acts] == ["original"] + ["amendment"] * 4 + ["repeal"]
    assert [act.adopted.isoformat() for act in ALTAI.acts] == [
        "2019-11-20", "2020-04-03", "2021-03-26", "2022-10-21", "2023-12-04", "2024-03-06",
    ]


@pytest.mark.parametrize("act", ALTAI.acts, ids=lambda act: act.id)
def test_each_in_force_date_follows_its_stated_basis(act):
    """published + 10 days; else registration + 10; else adoption + 10 (law README, 'Revisions')."""
    if act.published:
        assert act.in_force_basis == "published"
        assert act.in_force == act.published + TEN_DAYS
    elif act.registered:
        assert act.in_force_basis == "estimated from registration"
        assert act.in_force == act.registered + TEN_DAYS
    else:
        assert act.in_force_basis == "estimated from adoption"
        assert act.in_force == act.adopted + TEN_DAYS


def test_known_registrations_are_recorded():
    assert ALTAI.act("56/2-VI").registered == datetime.date(2019, 11, 26)
    assert ALTAI.act("56/2-VI").registration_number == "6311"
    assert ALTAI.act("23/2-VII").registered == datetime.date(2022, 10, 22)
    assert ALTAI.act("23/2-VII").adilet_id == "V22VL030285"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2019-12-05", None),
        ("2019-12-06", "56/2-VI"),
        ("2020-04-12", "56/2-VI"),
        ("2020-04-13", "63/2-VI"),
        ("2021-04-04", "63/2-VI"),
        ("2021-04-05", "3/5-VII"),
        ("2022-10-31", "3/5-VII"),
        ("2022-11-01", "23/2-VII"),
        ("2023-12-13", "23/2-VII"),
        ("2023-12-14", "7/3-VIII"),
        ("2024-03-15", "7/3-VIII"),
        ("2024-03-16", None),
        ("2012-01-01", None),
        ("2026-12-31", None),
    ],
)
def test_the_act_in_force_on_each_side_of_every_boundary(date, expected):
    act = revisions.act_in_force(date)
    assert (act.id if act else None) == expected


def test_next_change_tells_a_later_act_in_the_same_month():
    assert revisions.instrument().next_change_after("2020-04-01").id == "63/2-VI"
    assert revisions.instrument().next_change_after("2024-03-01").id == "12/4-VIII"
    assert revisions.instrument().next_change_after("2024-04-01") is None


def _decision_parameters(tbs):
    node = walk(tbs.parameters, ALTAI.parameters)
    return [p for p in node.get_descendants() if not hasattr(p, "children")]


def test_every_decision_parameter_is_dated_at_every_act_and_names_it(tbs):
    """Values are dated at the registry's in-force dates and reference the act (with the same basis)."""
    by_date = {act.in_force.isoformat(): act for act in ALTAI.acts}
    parameters = _decision_parameters(tbs)
    assert len(parameters) >= 5
    for parameter in parameters:
        dates = sorted(value.instant_str for value in parameter.values_list)
        assert dates == sorted(by_date), parameter.name
        for value in parameter.values_list:
            act = by_date[value.instant_str]
            assert value.metadata["act"] == act.id, (parameter.name, value.instant_str)
            assert value.metadata["in_force_basis"] == act.in_force_basis, (parameter.name, value.instant_str)


def test_values_of_revisions_whose_text_is_missing_are_marked_carried(tbs):
    for parameter in _decision_parameters(tbs):
        for value in parameter.values_list:
            act = ALTAI.act(value.metadata["act"])
            if act.kind == "repeal":
                assert value.metadata["status"] == "repealed"
                assert value.value in (None, False), parameter.name
            elif not act.text_available:
                assert value.metadata["status"] in ("carried", "estimate", "in_text"), parameter.name
                if value.metadata["status"] == "carried":
                    assert "carried from the 2023 text" in value.metadata["note"]


def test_the_act_enumeration_names_every_act_that_can_govern_a_month():
    governing = {act_member_name(act.id) for act in ALTAI.acts if act.kind != "repeal"}
    assert governing == {member.name for member in HousingAidAct} - {"none"}


def test_a_malformed_registry_is_refused_with_the_entry_named(tmp_path):
    bad = tmp_path / "revisions.yaml"
    text = revisions.REGISTRY_PATH.read_text(encoding="utf-8").replace(
        "in_force_basis: estimated from adoption", "in_force_basis: guessed", 1
    )
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="63/2-VI: in_force_basis must be one of"):
        revisions.load_registry(bad)
