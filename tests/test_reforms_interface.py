"""The interface other issues use: load_reform(source) -> LoadedReform, ReformError (issue 4)."""

import json

import pytest
import yaml

from openfisca_kz_housing.examples import tax_benefit_system
from openfisca_kz_housing.reforms import CODE_REFORMS, LoadedReform, ReformError, apply_reforms, load_reform

SHARE = "local.east_kazakhstan.altai_district.housing_aid.income_share"
SHARE_8_2023 = {
    "name": "Income share 8 % in 2023",
    "description": "What if families paid 8 % of their income in 2023?",
    "changes": [{"parameter": SHARE, "values": [{"start": "2023-01-01", "stop": "2023-12-31", "value": 0.08}]}],
}


def share_on(system, day):
    return system.parameters(day).local.east_kazakhstan.altai_district.housing_aid.income_share


def test_reform_error_is_a_value_error():
    assert issubclass(ReformError, ValueError)


def test_dict_is_a_data_reform_and_applies_within_its_period():
    reform = load_reform(SHARE_8_2023)
    assert (reform.name, reform.kind, reform.source) == ("Income share 8 % in 2023", "data", "inline")
    assert reform.description.startswith("What if")
    reformed = reform.apply(tax_benefit_system())
    assert share_on(reformed, "2022-12-31") == pytest.approx(0.10)
    assert share_on(reformed, "2023-01-01") == pytest.approx(0.08)
    assert share_on(reformed, "2023-12-31") == pytest.approx(0.08)
    assert share_on(reformed, "2024-01-01") == pytest.approx(0.10)  # 7/3-VIII value restored
    assert reformed.applied_reforms == (reform.info(),)


def test_baseline_is_not_modified():
    baseline = tax_benefit_system()
    load_reform(SHARE_8_2023).apply(baseline)
    assert share_on(baseline, "2023-06-01") == pytest.approx(0.10)
    assert not hasattr(baseline, "applied_reforms")


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_files(tmp_path, suffix):
    path = tmp_path / f"reform{suffix}"
    path.write_text(json.dumps(SHARE_8_2023) if suffix == ".json" else yaml.safe_dump(SHARE_8_2023))
    reform = load_reform(str(path))
    assert reform.kind == "data" and reform.source == str(path)
    assert share_on(reform.apply(tax_benefit_system()), "2023-06-01") == pytest.approx(0.08)


@pytest.mark.parametrize("short", sorted(CODE_REFORMS))
def test_code_reforms_by_dotted_path_and_short_name(short):
    by_path = load_reform(CODE_REFORMS[short])
    assert by_path.kind == "code" and by_path.source == CODE_REFORMS[short]
    assert load_reform(short).reform_class is by_path.reform_class
    assert by_path.name and "2024" in by_path.description
    assert isinstance(by_path, LoadedReform)


def test_dotted_path_outside_the_package_is_refused():
    with pytest.raises(ReformError, match="only code reforms of this package"):
        load_reform("os.system")


def test_strings_in_a_dict_are_never_imported():
    document = dict(SHARE_8_2023, changes=[{"parameter": "os.system", "values": [{"start": "2023-01-01", "value": 1}]}])
    with pytest.raises(ReformError, match="unknown parameter 'os.system'"):
        load_reform(document)


def test_stacking():
    reformed, loaded = apply_reforms(tax_benefit_system(), ["aid_cap_mrp", SHARE_8_2023])
    assert [r.kind for r in loaded] == ["code", "data"]
    assert [r["name"] for r in reformed.applied_reforms] == [loaded[0].name, loaded[1].name]


def test_as_dict_echoes_the_normalised_changes():
    out = load_reform(SHARE_8_2023).as_dict()
    assert out["changes"] == [{"parameter": SHARE, "allow_past_repeal": False,
                               "values": [{"start": "2023-01-01", "stop": "2023-12-31", "value": 0.08}]}]
    assert set(out) == {"name", "description", "kind", "source", "changes"}


def test_reform_values_carry_the_reform_name_as_act():
    reformed = load_reform(SHARE_8_2023).apply(tax_benefit_system())
    parameter = reformed.parameters.local.east_kazakhstan.altai_district.housing_aid.income_share
    acts = {entry.instant_str: entry.metadata.get("act") for entry in parameter.values_list}
    assert acts["2023-01-01"] == "reform: Income share 8 % in 2023"
    assert acts["2024-01-01"] == "7/3-VIII"  # the law's value restored after the stop keeps its act
    assert acts["2024-03-16"] == "12/4-VIII"
