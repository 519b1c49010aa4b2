"""Inline data reforms on /entitlement and /entitlements (``"reform": {...}``), when issue 4 is merged.

The reform is loaded with ``openfisca_kz_housing.reforms.load_reform`` (dicts are data only, never
imported code) and applied to the baseline; the answer then carries baseline and reform side by side.
Without the reforms package, a request with ``reform`` gets a 400 saying so.
"""

from __future__ import annotations

from dataclasses import dataclass

from openfisca_kz_housing.api.errors import ApiError


@dataclass
class AppliedReform:
    name: str
    description: str
    system: object

    def describe(self) -> dict:
        return {"name": self.name, "description": self.description}


def read_reform(body: dict, tax_benefit_system):
    """The reform of the request applied to the baseline, or None when the body has no ``reform``."""
    if "reform" not in body or body["reform"] is None:
        return None
    raise ApiError("invalid_reform", field="reform", detail="this server has no reform support (the reforms package is not installed).")
