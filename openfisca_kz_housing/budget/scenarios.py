"""Scenarios of a budget run: the law as it was (baseline) and reforms applied to it.

Reforms come through ``openfisca_kz_housing.reforms.load_reform`` (issue 4): a data reform file
(``.yaml``/``.yml``/``.json``), an inline dict, or the dotted path of a code reform class. When that
module is not installed, dotted paths to ``openfisca_core.reforms.Reform`` subclasses still work and data
reform files are refused with a message saying so.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path


class ScenarioError(ValueError):
    """A reform could not be loaded; the message says which and how to fix it."""


@dataclass
class Scenario:
    name: str  # short identifier: file stem or class name (used in column and file headers)
    description: str
    kind: str  # "baseline" | "code" | "data"
    source: str
    tax_benefit_system: object
    title: str = ""  # the reform's own name, for people


def short_name(source, title: str) -> str:
    """'examples/reforms/share_8pct_2023.yaml' -> 'share_8pct_2023'; a dotted path -> its class."""
    if isinstance(source, (str, Path)):
        text = str(source).strip()
        if text.lower().endswith((".yaml", ".yml", ".json")):
            return Path(text).stem
        return text.rpartition(".")[2]
    slug = re.sub(r"[^0-9a-z]+", "_", (title or "reform").lower()).strip("_")
    return slug[:40] or "reform"


def baseline(tax_benefit_system) -> Scenario:
    return Scenario(
        name="baseline",
        description="decision 56/2-VI and its revisions, each month under the act in force on its first day",
        kind="baseline",
        source="openfisca_kz_housing",
        tax_benefit_system=tax_benefit_system,
        title="The law as it was",
    )


def _load_code_reform(source: str):
    """Fallback without issue 4: import ``package.module.ClassName`` (an OpenFisca Reform subclass)."""
    from openfisca_core.reforms import Reform

    module_name, _, attribute = source.rpartition(".")
    if not module_name:
        raise ScenarioError(f"reform {source!r}: give a file (.yaml, .yml, .json) or a dotted path package.module.ReformClass")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise ScenarioError(f"reform {source!r}: cannot import module {module_name!r} ({error})") from None
    reform = getattr(module, attribute, None)
    if not (isinstance(reform, type) and issubclass(reform, Reform)):
        raise ScenarioError(f"reform {source!r}: {attribute!r} in {module_name} is not an OpenFisca Reform class")
    return reform


def load(source, tax_benefit_system) -> Scenario:
    """One reform scenario from a file, a dict or a dotted path, applied to ``tax_benefit_system``."""
    try:
        from openfisca_kz_housing.reforms import ReformError, load_reform
    except ImportError:
        load_reform = None
    if load_reform is not None:
        try:
            loaded = load_reform(source)
            reformed = loaded.apply(tax_benefit_system)
        except ReformError as error:  # its message names the reform, the field and the fix
            raise ScenarioError(f"--reform: {error}") from None
        return Scenario(
            name=short_name(source, loaded.name),
            description=loaded.description or "",
            kind=loaded.kind,
            source=str(loaded.source if loaded.source is not None else source),
            tax_benefit_system=reformed,
            title=loaded.name,
        )
    if not isinstance(source, str) or source.lower().endswith((".yaml", ".yml", ".json")):
        raise ScenarioError(
            f"reform {source!r}: data reforms need openfisca_kz_housing.reforms (issue 4), not installed here; "
            "give the dotted path of a code reform class instead"
        )
    reform = _load_code_reform(source)
    try:
        reformed = reform(tax_benefit_system)
    except Exception as error:  # a reform's own code failed: say which one
        raise ScenarioError(f"reform {source!r} failed to apply: {error}") from None
    doc = (reform.__doc__ or "").strip().splitlines()
    return Scenario(
        name=short_name(source, reform.__name__),
        description=doc[0] if doc else "",
        kind="code",
        source=source,
        tax_benefit_system=reformed,
        title=getattr(reform, "name", None) or reform.__name__,
    )


def loaded_name(source) -> str:
    return source.get("name", "inline reform") if isinstance(source, dict) else str(source)


def scenarios(tax_benefit_system, reform_sources=()) -> list[Scenario]:
    """The baseline followed by each reform; names are made unique."""
    out = [baseline(tax_benefit_system)]
    for source in reform_sources:
        scenario = load(source, tax_benefit_system)
        names = {s.name for s in out}
        base, k = scenario.name, 2
        while scenario.name in names:
            scenario.name, k = f"{base}_{k}", k + 1
        out.append(scenario)
    return out
