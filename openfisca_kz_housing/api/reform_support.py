"""Inline data reforms on /entitlement and /entitlements: ``"reform": {name, description, changes}``.

The reform is read by ``openfisca_kz_housing.reforms.load_reform`` (issue 4): a dict is data only,
never imported code; file paths and dotted paths are refused here. The reformed system is applied to
the baseline once and cached (by the reform's canonical JSON): a ``LoadedReform`` carrying it
(``.system``, ``.describe()``), and the answer shows baseline and reform side by side. A
``ReformError`` becomes a 400 naming the reform's field and the fix.
"""

from __future__ import annotations

import functools
import json

from openfisca_kz_housing.api.errors import ApiError, describe_type, from_domain
from openfisca_kz_housing.reforms import ReformError, load_reform
from openfisca_kz_housing.reforms.schema import EXAMPLE_REFORM

CACHE_SIZE = 32


def read_reform(body: dict, tax_benefit_system):
    """The request's reform applied to the baseline, or None when the body has no ``reform``."""
    if "reform" not in body or body["reform"] is None:
        return None
    document = body["reform"]
    if not isinstance(document, dict):
        raise ApiError("wrong_type", field="reform", expected="an inline data reform (a JSON object)",
                       got=describe_type(document), example=json.dumps(EXAMPLE_REFORM, ensure_ascii=False))
    try:
        key = json.dumps(document, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):  # pragma: no cover - parsed JSON always serialises
        raise ApiError("invalid_reform", field="reform", detail="the reform cannot be serialised") from None
    return _applied(key, id(tax_benefit_system), tax_benefit_system)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _applied(key: str, system_id: int, tax_benefit_system):
    try:
        return load_reform(json.loads(key)).applied_to(tax_benefit_system)
    except ReformError as error:
        raise from_domain(error, prefix="reform") from None
