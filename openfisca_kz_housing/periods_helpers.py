"""Kept for imports from earlier versions: item 3's quarter is defined in ``openfisca_kz_housing.dates``."""

from openfisca_kz_housing.dates import preceding_quarter  # noqa: F401
