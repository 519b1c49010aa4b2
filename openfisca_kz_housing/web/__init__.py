"""Pages for people (issue 12): a calculator, a budget desk and "what changed", in kk/ru/en.

Served by the same Flask application as the API (``api/routes/pages.py`` registers ``blueprint``).
Templates are Jinja, the CSS and the little JavaScript are served by the application (no CDN). No law
is written here: the calculator calls POST /entitlement, the budget desk the budget package, the
changes page the /diff functions; labels come from the model's label files (``labels.py``) and page
text from ``strings.yaml``.
"""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint(
    "pages",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/assets",
)

# The routes register on the blueprint when these modules are imported, so they come after it.
from openfisca_kz_housing.web import budget_desk, views  # noqa: E402, F401
