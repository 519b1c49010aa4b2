"""Shared fixtures: one tax-benefit system for the whole test session (it takes a second to build)."""

import pytest

from openfisca_kz_housing.examples import tax_benefit_system


@pytest.fixture(scope="session")
def tbs():
    return tax_benefit_system()
