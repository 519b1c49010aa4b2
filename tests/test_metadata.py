"""Every parameter carries labels in three languages, a unit, a reference, and per value the act and the
basis of its in-force date (PolicyEngine's discipline; the project's standard in README "Conventions")."""

import pytest

from openfisca_kz_housing.examples import tax_benefit_system
from openfisca_kz_housing.revisions import IN_FORCE_BASES

STATUSES = {"in_text", "carried", "estimate", "repealed", "reported", "unverified", "interpretation"}
PARAMETERS = [p for p in tax_benefit_system().parameters.get_descendants() if not hasattr(p, "children")]
NODES = [p for p in tax_benefit_system().parameters.get_descendants() if hasattr(p, "children")]


def test_there_are_parameters_to_check():
    assert len(PARAMETERS) >= 8


@pytest.mark.parametrize("parameter", PARAMETERS, ids=lambda p: p.name)
def test_parameter_has_labels_unit_and_reference(parameter):
    metadata = parameter.metadata
    assert parameter.description, "a description"
    for key in ("label", "label_kk", "label_ru", "unit"):
        assert metadata.get(key), f"metadata.{key} is missing"
    assert any("\u0400" <= ch <= "\u04ff" for ch in metadata["label_kk"]), "label_kk in Cyrillic Kazakh"
    assert any("\u0400" <= ch <= "\u04ff" for ch in metadata["label_ru"]), "label_ru in Cyrillic Russian"
    references = metadata.get("reference")
    assert isinstance(references, list) and references, "metadata.reference is a non-empty list"
    assert all(ref.get("title") for ref in references), "each reference has a title naming the act"


@pytest.mark.parametrize("parameter", PARAMETERS, ids=lambda p: p.name)
def test_every_value_names_its_act_and_in_force_basis(parameter):
    for value in parameter.values_list:
        where = f"{parameter.name} at {value.instant_str}"
        assert value.metadata.get("act"), f"{where}: metadata.act"
        assert value.metadata.get("in_force_basis") in IN_FORCE_BASES, f"{where}: metadata.in_force_basis"
        assert value.metadata.get("status") in STATUSES, f"{where}: metadata.status"


@pytest.mark.parametrize("node", NODES, ids=lambda p: p.name or "root")
def test_parameter_nodes_are_labelled(node):
    if not node.name:  # the root
        return
    assert node.description
    for key in ("label", "label_kk", "label_ru"):
        assert node.metadata.get(key), f"{node.name}: metadata.{key}"


def test_estimates_are_never_presented_as_law(tbs):
    floor = tbs.parameters.local.east_kazakhstan.altai_district.housing_aid.area_norm.one_room_floor
    assert "ESTIMATE" in floor.documentation
    assert {v.metadata["status"] for v in floor.values_list} == {"estimate", "repealed"}
    mrp = tbs.parameters.national.monthly_calculation_index
    assert mrp.get_at_instant("2017-06-01") == 2269
    assert [v.metadata["status"] for v in mrp.values_list if v.instant_str == "2017-01-01"] == ["unverified"]
