"""Populations for budget simulations: a households table and a persons table (CSV or Parquet).

``load_population(directory)`` reads and validates them (see ``loader.py`` and ``docs/budget.md``);
``synthetic.py`` generates the bundled SYNTHETIC Altai district (``bundled_population_dir()``).
"""

from openfisca_kz_housing.population.loader import (  # noqa: F401
    HOUSEHOLD_COLUMNS,
    PERSON_COLUMNS,
    Population,
    PopulationError,
    Problem,
    Series,
    load_population,
    month_ordinal,
    ordinal_month,
)


def bundled_population_dir():
    """The directory of the bundled SYNTHETIC Altai district (see ``synthetic.py``)."""
    from openfisca_kz_housing.population.synthetic import bundled_population_dir as where

    return where()
