"""openfisca-kz-housing: Kazakhstan's housing law as code, on OpenFisca.

``CountryTaxBenefitSystem`` holds the entities, the variables (``variables/``) and the dated parameters
(``parameters/``) of the Altai district housing aid (maslikhat decision 56/2-VI, 2019-2024).
"""

import functools
import os
import warnings

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_kz_housing import entities, situation_examples

try:  # openfisca-core 46.0.1 raises TypeError on this warning unless it is filtered (ENGINEERING.md)
    from openfisca_core.experimental import MemoryConfigWarning

    warnings.filterwarnings("ignore", category=MemoryConfigWarning)
except ImportError:  # pragma: no cover
    pass

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
PARAMETERS_DIR = os.path.join(PACKAGE_DIR, "parameters")
VARIABLES_DIR = os.path.join(PACKAGE_DIR, "variables")


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """The law in force, as OpenFisca runs it."""

    def __init__(self):
        super().__init__(entities.entities)
        self.add_variables_from_directory(VARIABLES_DIR)
        self.load_parameters(PARAMETERS_DIR)
        # The stock web API's examples (/spec, as in country-template): `openfisca serve` and `make serve`.
        from openfisca_kz_housing.reforms.schema import EXAMPLE_PARAMETER  # the decision's path, named once

        self.open_api_config = {
            "variable_example": "housing_aid",
            "parameter_example": EXAMPLE_PARAMETER,
            "simulation_example": situation_examples.couple,
        }


@functools.cache
def tax_benefit_system() -> CountryTaxBenefitSystem:
    """One shared, read-only instance of the law in force (building it takes about a second).
    Reforms never modify it: they return new systems."""
    return CountryTaxBenefitSystem()
