"""The pages for people (issue 12): ``/``, ``/calculator``, ``/budget``, ``/changes`` (openfisca_kz_housing.web)."""

from openfisca_kz_housing.web import blueprint  # noqa: F401  (registered by create_app)
