"""Every variable has an English label (OpenFisca's `label`) and Kazakh and Russian labels
(variable_labels.yaml); every legal variable cites its act in `reference`."""

import pytest

from openfisca_kz_housing import labels
from openfisca_kz_housing.examples import tax_benefit_system

VARIABLES = sorted(tax_benefit_system().variables)


@pytest.mark.parametrize("name", VARIABLES)
def test_variable_has_three_labels_and_a_reference(tbs, name):
    variable = tbs.variables[name]
    assert variable.label
    assert variable.reference, f"{name} cites no act"
    for language in ("kk", "ru"):
        text = labels.variable_label(tbs, name, language)
        assert any("\u0400" <= ch <= "\u04ff" for ch in text), f"{name}: {language} label is not Cyrillic"


def test_no_label_for_a_variable_that_does_not_exist(tbs):
    assert set(labels.variable_labels()) <= set(tbs.variables)


def test_unknown_language_is_refused_clearly(tbs):
    with pytest.raises(ValueError, match="use one of en, kk, ru"):
        labels.variable_label(tbs, "housing_aid", "fr")
