"""Populations for budget simulations: a households table and a persons table (CSV or Parquet).

``load_population(directory)`` reads and validates them (see ``loader.py`` and ``docs/budget.md``);
``synthetic.py`` generates the bundled SYNTHETIC Altai district (``bundled_population_dir()``).
Modules: ``columns`` (the columns, from ``model_inputs``), ``reading`` (files), ``cells`` (cell checks
and bounds), ``grouping`` (households, persons, months), ``arrays`` (``Population``), ``loader`` (entry).
"""

from openfisca_kz_housing.population.loader import (  # noqa: F401
    Population,
    PopulationError,
    Problem,
    Series,
    load_population,
    month_ordinal,
    ordinal_month,
)


def __getattr__(name):  # HOUSEHOLD_COLUMNS and PERSON_COLUMNS are built from the model on first use
    if name in ("HOUSEHOLD_COLUMNS", "PERSON_COLUMNS", "INCOME_COLUMNS"):
        from openfisca_kz_housing.population import columns

        return getattr(columns, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def bundled_population_dir():
    """The directory of the bundled SYNTHETIC Altai district (see ``synthetic.py``)."""
    from openfisca_kz_housing.population.synthetic import bundled_population_dir as where

    return where()
