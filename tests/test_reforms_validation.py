"""Every validation error of data reforms: refused with a message naming the field and the fix (issue 4)."""

import copy

import pytest

from openfisca_kz_housing.examples import tax_benefit_system
from openfisca_kz_housing.reforms import ReformError, load_reform

P = "local.east_kazakhstan.altai_district.housing_aid."
VALID = {
    "name": "Share 8 % in 2023",
    "description": "Income share 8 % during 2023 (item 2).",
    "changes": [
        {"parameter": P + "income_share", "values": [{"start": "2023-01-01", "stop": "2023-12-31", "value": 0.08}]}
    ],
}


def with_change(**change):
    document = copy.deepcopy(VALID)
    document["changes"][0].update(change)
    return document


def with_value(**value):
    document = copy.deepcopy(VALID)
    document["changes"][0]["values"][0].update(value)
    return document


def without(document, *path):
    document = copy.deepcopy(document)
    target = document
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return document


CASES = {
    # name / description / shape
    "missing name": (without(VALID, "name"), "name", "is missing; every reform needs a name"),
    "blank description": (dict(VALID, description="  "), "description", "every reform needs a description"),
    "not a mapping": (["a list"], "reform", "a reform is a dict (data reform)"),
    "no changes": (dict(VALID, changes=[]), "changes", "non-empty list"),
    "unknown top key": (dict(VALID, chnages=[]), None, "unknown key 'chnages' (did you mean 'changes'?)"),
    "unknown value key": (with_value(stpo="2023-12-31"), "changes[0].values[0]", "did you mean 'stop'?"),
    "parameter listed twice": (
        dict(VALID, changes=VALID["changes"] * 2),
        "changes[1].parameter",
        "already changed by changes[0]",
    ),
    # unknown paths, with suggestions
    "unknown path": (
        with_change(parameter=P + "income_shar"),
        "changes[0].parameter",
        "unknown parameter 'local.east_kazakhstan.altai_district.housing_aid.income_shar'. "
        "Did you mean: local.east_kazakhstan.altai_district.housing_aid.income_share",
    ),
    "short name": (
        with_change(parameter="income_share"),
        "changes[0].parameter",
        "Did you mean: " + P + "income_share",
    ),
    "group, not a parameter": (
        with_change(parameter=P + "area_norm"),
        "changes[0].parameter",
        "is a group of parameters, not one parameter; name one of",
    ),
    "python path is only a name": (with_change(parameter="os.system"), "changes[0].parameter", "unknown parameter"),
    # types and units
    "share as percent": (with_value(value=8), "changes[0].values[0].value", "Did you mean 0.08 (8 %)?"),
    "share as text": (with_value(value="8%"), "changes[0].values[0].value", "write 0.08 for 8 %"),
    "share above 100": (with_value(value=250), "changes[0].values[0].value", "fraction between 0 and 1"),
    "share negative": (with_value(value=-0.1), "changes[0].values[0].value", "fraction between 0 and 1"),
    "share bool": (with_value(value=True), "changes[0].values[0].value", "takes a number"),
    "null value": (
        with_value(value=None),
        "changes[0].values[0].value",
        "set local.east_kazakhstan.altai_district.housing_aid.in_force to false",
    ),
    "nan": (with_value(value=float("nan")), "changes[0].values[0].value", "finite number"),
    "huge integer": (
        with_change(
            parameter="national.monthly_calculation_index",
            values=[{"start": "2023-01-01", "stop": "2023-12-31", "value": 10**400}],
        ),
        "changes[0].values[0].value",
        "finite number below 10^15",
    ),
    "area zero": (with_change(parameter=P + "area_norm.per_person"), None, None),  # placeholder, replaced below
    "flag as number": (
        with_change(parameter=P + "in_force", values=[{"start": "2023-01-01", "stop": "2023-06-30", "value": 1}]),
        "changes[0].values[0].value",
        "yes/no flag: write true or false; got 1",
    ),
    "money negative": (
        with_change(
            parameter="national.monthly_calculation_index",
            values=[{"start": "2023-01-01", "stop": "2023-12-31", "value": -5}],
        ),
        "changes[0].values[0].value",
        "cannot be negative",
    ),
    "allow flag not bool": (
        with_change(allow_past_repeal="yes please"),
        "changes[0].allow_past_repeal",
        "true or false",
    ),
    # dates
    "bad date": (with_value(start="2023-02-30"), "changes[0].values[0].start", "not a valid date; write YYYY-MM-DD"),
    "month instead of day": (with_value(start="2023-01"), "changes[0].values[0].start", "its first day: 2023-01-01"),
    "number in quotes": (with_value(value="0.08"), "changes[0].values[0].value", "without quotes"),
    "date with time": (with_value(start="2023-01-01T10:00"), "changes[0].values[0].start", "not a valid date"),
    "missing start": (without(VALID, "changes", 0, "values", 0, "start"), "changes[0].values[0].start", "is missing"),
    "missing value": (without(VALID, "changes", 0, "values", 0, "value"), "changes[0].values[0].value", "is missing"),
    "stop before start": (with_value(stop="2022-12-31"), "changes[0].values[0].stop", "is before start 2023-01-01"),
    "year out of range": (with_value(stop="3023-12-31"), "changes[0].values[0].stop", "outside 1900-2100"),
    # time: repeal, later revisions, no-law periods, overlaps
    "no stop over later revision and repeal": (
        without(VALID, "changes", 0, "values", 0, "stop"),
        "changes[0].values[0].stop",
        "has no stop, so from 2023-01-01 it would replace every later value",
    ),
    "stop past the repeal": (
        with_value(stop="2024-12-31"),
        "changes[0].values[0].stop",
        "past the repeal of 2024-03-16 (no value (repealed), act 12/4-VIII). End it on 2024-03-15",
    ),
    "starts after the repeal": (
        with_value(start="2024-06-01", stop="2024-12-31"),
        "changes[0].values[0].start",
        "after the repeal of 2024-03-16",
    ),
    "starts before the law": (
        with_value(start="2019-01-01", stop="2019-12-31"),
        "changes[0].values[0].start",
        "before the first value",
    ),
    "overlap": (
        with_change(
            values=[
                {"start": "2023-01-01", "stop": "2023-06-30", "value": 0.08},
                {"start": "2023-06-01", "stop": "2023-12-31", "value": 0.07},
            ]
        ),
        "changes[0].values[0]",
        "overlaps values[1] (2023-06-01 to 2023-12-31); make it end before the next one starts (stop: 2023-05-31)",
    ),
    "error names the value's own position": (
        with_change(
            values=[
                {"start": "2023-07-01", "stop": "2023-12-31", "value": 0.08},
                {"start": "2023-01-01", "stop": "2023-06-30", "value": 7},
            ]
        ),
        "changes[0].values[1].value",
        "Did you mean 0.07",
    ),
    "open period before another": (
        with_change(
            values=[
                {"start": "2023-07-01", "stop": "2023-12-31", "value": 0.08},
                {"start": "2023-01-01", "value": 0.07},
            ]
        ),
        "changes[0].values[1]",
        "overlaps values[0]",
    ),
}
CASES["area zero"] = (
    with_change(
        parameter=P + "area_norm.per_person", values=[{"start": "2023-01-01", "stop": "2023-12-31", "value": 0}]
    ),
    "changes[0].values[0].value",
    "area in square metres: a positive number",
)


@pytest.mark.parametrize("case", sorted(CASES))
def test_invalid_reform_is_refused_with_the_reason(case):
    document, field, message = CASES[case]
    with pytest.raises(ReformError) as caught:
        load_reform(document)
    assert caught.value.field == field
    assert message in str(caught.value)


def test_valid_reform_loads():
    assert load_reform(VALID).name == VALID["name"]


def test_allow_past_repeal_lets_a_period_replace_later_values():
    document = without(VALID, "changes", 0, "values", 0, "stop")
    document["changes"][0]["allow_past_repeal"] = True
    reformed = load_reform(document).apply(tax_benefit_system())
    assert reformed.parameters.local.east_kazakhstan.altai_district.housing_aid.income_share(
        "2025-01-01"
    ) == pytest.approx(0.08)
    # in_force still false after the repeal: a share alone does not bring the aid back
    assert reformed.parameters.local.east_kazakhstan.altai_district.housing_aid.in_force("2025-01-01") is False


def test_open_period_without_later_values_is_accepted():
    document = with_change(
        parameter="national.monthly_calculation_index", values=[{"start": "2026-06-01", "value": 4500}]
    )
    reformed = load_reform(document).apply(tax_benefit_system())
    assert reformed.parameters.national.monthly_calculation_index("2030-01-01") == 4500


def test_reviving_the_decision_needs_every_parameter():
    document = with_change(
        parameter=P + "in_force",
        allow_past_repeal=True,
        values=[{"start": "2024-03-16", "stop": "2024-12-31", "value": True}],
    )
    reform = load_reform(document)  # each change is valid on its own
    with pytest.raises(ReformError, match=r"in force on 2024-03-16 .* has no value then; give it a value"):
        reform.apply(tax_benefit_system())


def test_parameter_of_a_code_reform_needs_that_reform_first():
    document = with_change(
        parameter=P + "monthly_cap_mrp", values=[{"start": "2023-01-01", "stop": "2023-12-31", "value": 3}]
    )
    reform = load_reform(document)
    with pytest.raises(ReformError, match="exists only with code reform 'aid_cap_mrp': apply aid_cap_mrp before"):
        reform.apply(tax_benefit_system())
    stacked = reform.apply(load_reform("aid_cap_mrp").apply(tax_benefit_system()))
    assert stacked.parameters.local.east_kazakhstan.altai_district.housing_aid.monthly_cap_mrp("2023-06-01") == 3


@pytest.mark.parametrize(
    "source, message",
    [
        ("missing.yaml", "no such file"),
        ("openfisca_kz_housing.reforms.nothing_here.x", "no module"),
        ("openfisca_kz_housing.reforms.lower_income_share.nothing", "has no 'nothing'"),
        ("openfisca_kz_housing.reforms.common.DECISION", "is not an OpenFisca Reform class"),
        ("not a reform!", "neither a .yaml/.yml/.json file nor a code reform"),
        (42, "got int"),
    ],
)
def test_bad_sources(source, message):
    with pytest.raises(ReformError, match=message):
        load_reform(source)


def test_bad_yaml_and_json_files(tmp_path):
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("name: [unclosed\n")
    with pytest.raises(ReformError, match="is not valid YAML"):
        load_reform(str(bad_yaml))
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{'single': 'quotes'}")
    with pytest.raises(ReformError, match="is not valid JSON"):
        load_reform(str(bad_json))
    wrong = tmp_path / "reform.txt"
    wrong.write_text("name: x")
    with pytest.raises(ReformError, match="must end in .yaml, .yml or .json"):
        load_reform(str(wrong))


def test_yaml_tags_are_not_executed(tmp_path):
    evil = tmp_path / "evil.yaml"
    evil.write_text("name: !!python/object/apply:os.system ['echo pwned']\ndescription: x\nchanges: []\n")
    with pytest.raises(ReformError, match="is not valid YAML"):
        load_reform(str(evil))


def test_file_errors_name_the_file(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(
        "name: x\ndescription: y\nchanges:\n  - parameter: nope\n    values: [{start: 2023-01-01, value: 1}]\n"
    )
    with pytest.raises(ReformError) as caught:
        load_reform(str(path))
    assert str(path) in str(caught.value) and caught.value.field == "changes[0].parameter"


def test_a_ratio_above_one_is_not_taken_for_a_share():
    """Unit /1 is a share only when the law's values are fractions; a multiplier (3.1 x the subsistence
    minimum, Almaty queue item 8) may be above 1 but not negative."""
    from openfisca_core.parameters import Parameter

    from openfisca_kz_housing.reforms.data import check_value

    multiplier = Parameter(
        "x.income_multiplier", data={"metadata": {"unit": "/1"}, "values": {"2012-07-19": {"value": 3.1}}}
    )
    check_value(3.0, multiplier, "x.income_multiplier", "value")  # accepted
    with pytest.raises(ReformError, match="cannot be negative"):
        check_value(-1, multiplier, "x.income_multiplier", "value")
