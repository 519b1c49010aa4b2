"""One vocabulary for reforms and parameter paths (issue 11, item 6): the decision's node is named once
(revisions.yaml), paths are walked by one function, one reform type, one list of code reforms, reform
errors that name no interface (each interface adds its own hint)."""

from pathlib import Path

import pytest
import yaml

from openfisca_kz_housing import cli, revisions
from openfisca_kz_housing.budget import scenarios
from openfisca_kz_housing.examples import tax_benefit_system
from openfisca_kz_housing.parameter_paths import DECISION, QUEUE, walk
from openfisca_kz_housing.reforms import CODE_REFORMS, ReformError, code_reform_parameters, load_reform
from openfisca_kz_housing.reforms.schema import EXAMPLE_REFORM

PACKAGE = Path(__file__).resolve().parents[1] / "openfisca_kz_housing"
SHARE_8_FILE = Path(__file__).resolve().parents[1] / "examples" / "reforms" / "share_8pct_2023.yaml"
CAP_FILE = Path(__file__).resolve().parents[1] / "examples" / "reforms" / "cap_3mrp_after_aid_cap.yaml"


def test_the_decision_node_is_the_one_revisions_yaml_names():
    """56/2-VI's parameters live where the registry says; 2/516's too."""
    registry = yaml.safe_load(Path(revisions.REGISTRY_PATH).read_text(encoding="utf-8"))["instruments"]
    assert DECISION == registry["altai_housing_aid"]["parameters"]
    assert QUEUE == registry["almaty_housing_queue"]["parameters"]


def test_no_module_spells_the_decision_node():
    """The node is written once (revisions.yaml); code composes f"{DECISION}.<name>" and walks it with
    ``walk`` (the variables included)."""
    spelled = [
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
        if path.name != "parameter_paths.py"
        and ("east_kazakhstan.altai_district" in path.read_text(encoding="utf-8")
             or "local.almaty.housing_queue" in path.read_text(encoding="utf-8"))
    ]
    assert spelled == []


def test_walk_reads_the_dated_tree_and_the_values_at_an_instant():
    """Item 2's income share: 10 % in 2023 (7/3-VIII); nothing before 56/2-VI or after repeal 12/4-VIII."""
    parameters = tax_benefit_system().parameters
    assert walk(parameters, f"{DECISION}.income_share")("2023-06-01") == pytest.approx(0.10)
    assert walk(parameters("2023-06-01"), f"{DECISION}.income_share") == pytest.approx(0.10)
    assert walk(parameters("2019-01-01"), f"{DECISION}.income_share") is None  # before the original
    assert walk(parameters("2024-06-01"), f"{DECISION}.income_share") is None  # repealed: no value
    assert walk(parameters, f"{DECISION}.no_such_parameter") is None
    assert walk(parameters, f"{DECISION}.income_share.deeper") is None


def test_one_list_of_code_reforms_gives_the_parameters_they_add():
    """aid_cap_mrp adds the cap, private_tenants_eligible its flag: derived from CODE_REFORMS alone."""
    assert code_reform_parameters() == {
        f"{DECISION}.monthly_cap_mrp": "aid_cap_mrp",
        f"{DECISION}.private_tenants_eligible": "private_tenants_eligible",
    }
    assert set(code_reform_parameters().values()) <= set(CODE_REFORMS)


def test_one_reform_type_for_the_budget_and_the_api():
    """A budget scenario is the loaded reform with its system; its key names the columns and files."""
    system = tax_benefit_system()
    sources = [str(SHARE_8_FILE), "lower_income_share", "lower_income_share", EXAMPLE_REFORM]
    chosen = scenarios.scenarios(system, sources)
    assert [s.key for s in chosen] == ["baseline", "share_8pct_2023", "lower_income_share", "lower_income_share_2",
                                       "income_share_8_in_2023"]
    assert chosen[0].system is system and chosen[0].kind == "baseline"
    reform = chosen[1]
    assert reform.name == "Income share 8 % in 2023" and reform.kind == "data"
    assert reform.system.parameters("2023-06-01").local.east_kazakhstan.altai_district.housing_aid.income_share \
        == pytest.approx(0.08)
    assert reform.describe()["changes"][0]["values"][0]["value"] == 0.08
    assert load_reform("lower_income_share").describe()["changes"] is None  # a code reform: no data changes


def test_the_readme_call_still_returns_a_system():
    """README: load_reform(...).apply(tbs) returns a new TaxBenefitSystem."""
    reformed = load_reform(str(SHARE_8_FILE)).apply(tax_benefit_system())
    assert reformed is not tax_benefit_system() and hasattr(reformed, "parameters")


def test_reform_errors_name_no_interface_but_carry_a_reason():
    """A web client must not be told to pass --reform: the machine-readable part says what is missing."""
    document = yaml.safe_load(CAP_FILE.read_text(encoding="utf-8"))
    with pytest.raises(ReformError) as caught:
        load_reform(document).apply(tax_benefit_system())
    assert caught.value.reason == "needs_code_reform" and caught.value.details == {"reform": "aid_cap_mrp"}
    assert "--reform" not in str(caught.value) and "kz-housing" not in str(caught.value)
    with pytest.raises(ReformError) as caught:
        load_reform({**EXAMPLE_REFORM, "changes": [{**EXAMPLE_REFORM["changes"][0], "parameter": "zzz.qqq"}]})
    assert caught.value.reason == "unknown_parameter" and caught.value.details == {"suggestions": []}
    assert "kz-housing" not in str(caught.value)


def test_the_command_line_adds_its_own_hints(tmp_path, capsys):
    """kz-housing says which flags to pass; the reform layer does not."""
    assert cli.main(["diff", "2023-06-01", "--reform", str(CAP_FILE)]) == 2
    assert "(e.g. --reform aid_cap_mrp --reform <this file>)" in capsys.readouterr().err
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text(yaml.safe_dump({**EXAMPLE_REFORM, "changes": [
        {**EXAMPLE_REFORM["changes"][0], "parameter": "zzz.qqq"}]}))
    assert cli.main(["diff", "--reform", str(unknown)]) == 2
    assert "Run `kz-housing diff --list`" in capsys.readouterr().err
    assert cli.main(["budget", "--from", "2023-01", "--to", "2023-02", "--reform", str(CAP_FILE),
                     "--out", str(tmp_path / "out"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "--reform: " in err and "(e.g. --reform aid_cap_mrp --reform <this file>)" in err


@pytest.mark.parametrize("document, field, message", [
    ({**EXAMPLE_REFORM, "name": 5}, "name", "must be text; got int"),
    ({**EXAMPLE_REFORM, "name": "x" * 300}, "name", "is 300 characters long; keep it under 200"),
    ({**EXAMPLE_REFORM, "changes": {}}, "changes", "must be a non-empty list"),
    ({**EXAMPLE_REFORM, "changes": [EXAMPLE_REFORM["changes"][0]] * 101}, "changes", "at most 100 changes"),
    ({**EXAMPLE_REFORM, "changes": [[1]]}, "changes[0]", "must be a mapping with parameter and values"),
    ({**EXAMPLE_REFORM, "metadata": [1]}, "metadata", "must be a mapping (free notes"),
    ({**EXAMPLE_REFORM, "changes": [{**EXAMPLE_REFORM["changes"][0], "note": 5}]}, "changes[0].note",
     "must be text (a short comment on this change)"),
    ({**EXAMPLE_REFORM, "changes": [{**EXAMPLE_REFORM["changes"][0], "values": [[1]]}]}, "changes[0].values[0]",
     "must be a mapping {start, stop, value}"),
    ({**EXAMPLE_REFORM, "changes": [{**EXAMPLE_REFORM["changes"][0], "values": [{"start": 5, "value": 0.08}]}]},
     "changes[0].values[0].start", "5 is not a valid date; write YYYY-MM-DD"),
    ({**EXAMPLE_REFORM, "changes": [{**EXAMPLE_REFORM["changes"][0],
                                    "values": [{"start": "2023-01-01", "stop": "2023-06-30", "value": 0.08,
                                                "note": 1}]}]},
     "changes[0].values[0].note", "must be text (a short comment on this value)"),
    ({"description": "d", "changes": [], "foo": 1}, None, "unknown key 'foo'"),  # unknown keys first
])
def test_schema_errors_become_the_same_clear_messages(document, field, message):
    """jsonschema finds the error; the message still names the field and the fix (never jsonschema's)."""
    with pytest.raises(ReformError) as caught:
        load_reform(document)
    assert caught.value.field == field and message in caught.value.message
    assert "is not of type" not in caught.value.message and "is a required property" not in caught.value.message


def test_a_null_note_and_stop_are_allowed_as_before():
    """OpenAPI's nullable stop (no stop) and an empty note are accepted."""
    change = {**EXAMPLE_REFORM["changes"][0], "note": None,
              "values": [{"start": "2023-01-01", "stop": "2023-12-31", "value": 0.08, "note": None}]}
    assert load_reform({**EXAMPLE_REFORM, "changes": [change]}).kind == "data"
