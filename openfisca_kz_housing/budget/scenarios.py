"""Scenarios of a budget run: the law as it was (baseline) and reforms applied to it.

A scenario is a :class:`~openfisca_kz_housing.reforms.LoadedReform` with its system (``.system``):
the baseline has kind "baseline"; each reform comes through ``load_reform`` (a data reform file
``.yaml``/``.yml``/``.json``, an inline dict, a code reform's short name or dotted path). ``.key`` names
the scenario in tables, columns and file headers; ``.name`` is the reform's own title. A reform that
cannot be loaded raises ReformError.
"""

from __future__ import annotations

from openfisca_kz_housing.reforms import LoadedReform, load_reform


def baseline(tax_benefit_system) -> LoadedReform:
    return LoadedReform(
        name="The law as it was",
        description="decision 56/2-VI and its revisions, each month under the act in force on its first day",
        kind="baseline",
        source="openfisca_kz_housing",
        system=tax_benefit_system,
        key="baseline",
    )


def load(source, tax_benefit_system) -> LoadedReform:
    """One reform scenario from a file, a dict or a dotted path, applied to ``tax_benefit_system``."""
    return load_reform(source).applied_to(tax_benefit_system)


def scenarios(tax_benefit_system, reform_sources=()) -> list[LoadedReform]:
    """The baseline followed by each reform; keys are made unique."""
    out = [baseline(tax_benefit_system)]
    for source in reform_sources:
        scenario = load(source, tax_benefit_system)
        keys = {s.key for s in out}
        base, k = scenario.key, 2
        while scenario.key in keys:
            scenario.key, k = f"{base}_{k}", k + 1
        out.append(scenario)
    return out
