"""What the code reforms share: the decision's parameter node and the last day before the repeal."""

from __future__ import annotations

import datetime

from openfisca_core.parameters import Parameter

from openfisca_kz_housing import revisions
from openfisca_kz_housing.parameter_paths import DECISION, walk
from openfisca_kz_housing.reforms import tree

__all__ = ["DECISION", "add_reform_parameter", "decision_start", "last_day_before_repeal", "reform_value",
           "set_bounded"]


def last_day_before_repeal() -> datetime.date:
    """2024-03-15: the day before repeal 12/4-VIII takes effect (from the revision registry)."""
    return revisions.instrument("altai_housing_aid").end - datetime.timedelta(days=1)


def decision_start() -> datetime.date:
    """2019-12-06: the original 56/2-VI's (estimated) in-force date (from the revision registry)."""
    return revisions.instrument("altai_housing_aid").start


def code_metadata(name: str, note: str) -> dict:
    return {"act": f"reform: {name}", "status": "reform", "in_force_basis": "reform assumption", "note": note}


def add_reform_parameter(
    parameters, name: str, start, value, reform_name: str, note: str, description: str, metadata: dict
):
    """Add ``<decision>.<name>``: ``value`` from ``start``, no value from the repeal on (the repeal act,
    its date and basis read from the revision registry). Idempotent: an existing child is kept."""
    node = walk(parameters, DECISION)
    if name in node.children:
        return parameters
    repeal = revisions.instrument("altai_housing_aid").acts[-1]
    assert repeal.kind == "repeal", "the registry's last act of 56/2-VI is its repeal"
    parameter = Parameter(
        f"{DECISION}.{name}",
        data={
            "description": description,
            "metadata": metadata,
            "values": {
                start.isoformat(): {"value": value, "metadata": code_metadata(reform_name, note)},
                repeal.in_force.isoformat(): {
                    "value": None,
                    "metadata": {
                        "act": repeal.id,
                        "status": "repealed",
                        "in_force_basis": repeal.in_force_basis,
                        "note": "decision 56/2-VI is repealed: the reform's parameter ends with it",
                    },
                },
            },
        },
    )
    node.add_child(name, parameter)
    return parameters


def set_bounded(parameters, path: str, start, stop, value, name: str, note: str):
    """Set ``path`` to ``value`` from ``start`` to ``stop`` (both included) and return ``parameters``."""
    tree.bounded_update(tree.resolve(parameters, path), start, stop, value, code_metadata(name, note))
    return parameters


def reform_value(parameters, period, name: str):
    """The value of ``<decision>.<name>`` on the month's first day, or None when it has none then
    (the code reform that adds it is not applied, the day is before its start or after the repeal)."""
    return walk(parameters(period.start), f"{DECISION}.{name}")
