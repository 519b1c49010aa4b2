"""Baseline and reform side by side for one situation (the Python API; the web API may reuse it).

    from openfisca_kz_housing.reforms.compare import compare_situation
    result = compare_situation(situation, ["examples/reforms/share_8pct_2023.yaml"],
                               months=["2023-06"], variables=["housing_aid"])
    result["variables"]["housing_aid"]["household"]["2023-06"]
    # {'baseline': 6666.67, 'reform': 8966.67, 'difference': 2300.0}

``situation`` is an OpenFisca JSON situation (``persons``, ``households``) as for ``/calculate``.
Every result carries ``reforms``: the name, description, kind and source of each reform applied.
Built by the one simulation builder (``openfisca_kz_housing.simulation.from_situation``), as every
other interface; meant for a few households (a situation is read value by value).
"""

from __future__ import annotations

import numpy as np

from openfisca_kz_housing import simulation as builder
from openfisca_kz_housing.reforms import ReformError, apply_reforms

DEFAULT_VARIABLES = ("housing_aid_in_force", "housing_aid_eligible", "housing_aid")


def compare_situation(situation: dict, reforms, months, variables=DEFAULT_VARIABLES, baseline=None) -> dict:
    """Compute ``variables`` for each month under the baseline and under ``reforms`` (applied in order)."""
    from openfisca_kz_housing import tax_benefit_system

    baseline = baseline or tax_benefit_system()
    sources = reforms if isinstance(reforms, (list, tuple)) else [reforms]
    reformed, loaded = apply_reforms(baseline, sources)
    unknown = [name for name in variables if name not in baseline.variables and name not in reformed.variables]
    if unknown:
        raise ReformError(f"unknown variable {', '.join(unknown)}", "variables")
    simulations = {
        side: builder.from_situation(system, situation)
        for side, system in (("baseline", baseline), ("reform", reformed))
    }
    out = {}
    for name in variables:
        variable = reformed.variables.get(name) or baseline.variables[name]
        population = simulations["baseline"].get_variable_population(name)
        ids = list(population.ids)
        by_entity = {entity_id: {} for entity_id in ids}
        for month in months:
            values = {side: _plain(sim.calculate(name, month)) for side, sim in simulations.items()}
            for i, entity_id in enumerate(ids):
                row = {"baseline": values["baseline"][i], "reform": values["reform"][i]}
                if variable.value_type in (float, int):
                    row["difference"] = round(row["reform"] - row["baseline"], 2)
                by_entity[entity_id][month] = row
        out[name] = by_entity
    return {"reforms": [reform.info() for reform in loaded], "months": list(months), "variables": out}


def _plain(array) -> list:
    if hasattr(array, "decode_to_str"):
        return [str(v) for v in array.decode_to_str()]
    if array.dtype == bool:
        return [bool(v) for v in array]
    if np.issubdtype(array.dtype, np.floating):
        return [round(float(v), 2) for v in array]
    return [v.item() if hasattr(v, "item") else v for v in array]
