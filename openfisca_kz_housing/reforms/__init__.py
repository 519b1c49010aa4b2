"""Reforms of the Altai housing aid: as code (this package) or as data (YAML/JSON), bounded in time.

The one entry point::

    from openfisca_kz_housing.reforms import load_reform, ReformError
    from openfisca_kz_housing import tax_benefit_system

    reform = load_reform("examples/reforms/share_8pct_2023.yaml")   # or a dict, or a dotted path
    reformed = reform.apply(tax_benefit_system())                    # a new TaxBenefitSystem
    print(reform.name, "-", reform.description)

``source`` may be:
  * a ``dict``: an inline data reform, already parsed (what the web API passes). Data only: nothing in
    it is ever imported or executed;
  * a path to a ``.yaml`` / ``.yml`` / ``.json`` data reform (read with ``yaml.safe_load`` / ``json``);
  * a dotted path to a code reform class of this package,
    ``openfisca_kz_housing.reforms.<module>.<class>``, or its short name (``lower_income_share``);
  * a ``Reform`` subclass (Python API only), or an already loaded ``LoadedReform``.

Every problem raises :class:`ReformError` (a ``ValueError``) whose message names the field and the fix.
The baseline is never modified; the 2024 repeal survives every reform (tests/test_reforms_repeal.py).
"""

from __future__ import annotations

import copy
import functools
import importlib
import inspect
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from openfisca_core.reforms import Reform

from openfisca_kz_housing.reforms import data as _data
from openfisca_kz_housing.reforms.errors import ReformError

__all__ = ["ReformError", "LoadedReform", "load_reform", "apply_reforms", "CODE_REFORMS", "code_reform_names"]

PACKAGE = "openfisca_kz_housing.reforms"
# Short name -> dotted path of every code reform shipped in this package.
CODE_REFORMS = {
    "lower_income_share": f"{PACKAGE}.lower_income_share.lower_income_share",
    "area_norm_15": f"{PACKAGE}.area_norm_15.area_norm_15",
    "aid_cap_mrp": f"{PACKAGE}.aid_cap_mrp.aid_cap_mrp",
    "private_tenants_eligible": f"{PACKAGE}.private_tenants_eligible.private_tenants_eligible",
}
DATA_SUFFIXES = (".yaml", ".yml", ".json")
MAX_FILE_BYTES = 1_000_000
_DOTTED = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")


def code_reform_names() -> list[str]:
    return sorted(CODE_REFORMS)


@dataclass
class LoadedReform:
    """A reform ready to apply: ``.apply(baseline)`` returns a new TaxBenefitSystem.

    ``kind`` is "code" or "data"; ``source`` is the file path, the dotted path, or "inline" for a dict.
    The returned system carries ``applied_reforms``: a tuple of ``info()`` dicts, one per reform
    stacked on it, so that any output built from it can show each reform's name and description.
    """

    name: str
    description: str
    kind: str
    source: str
    reform_class: type = field(repr=False)
    spec: _data.DataReform | None = field(default=None, repr=False)

    def info(self) -> dict:
        """What every output that used this reform shows: name, description, kind, source."""
        return {"name": self.name, "description": self.description, "kind": self.kind, "source": self.source}

    def as_dict(self) -> dict:
        """``info()`` plus, for a data reform, its normalised changes (dates as ISO strings)."""
        out = self.info()
        if self.spec is not None:
            out["changes"] = self.spec.as_dict()["changes"]
        return out

    def apply(self, baseline):
        """A new TaxBenefitSystem: ``baseline`` with this reform. ``baseline`` itself is not changed."""
        if self.spec is not None:
            self.spec.check(baseline.parameters)  # the baseline may differ from the one checked at load
        try:
            reformed = self.reform_class(baseline)
        except ReformError:
            raise
        except Exception as error:  # an OpenFisca error while building: report it as the reform's fault
            raise ReformError(f"reform {self.name!r} could not be applied: {error}") from error
        if self.spec is not None:
            _data.check_consistency(reformed.parameters, baseline.parameters, self.name)
        reformed.applied_reforms = tuple(getattr(baseline, "applied_reforms", ())) + (self.info(),)
        return reformed


def load_reform(source) -> LoadedReform:
    """Load a code or data reform (see the module docstring for what ``source`` may be)."""
    if isinstance(source, LoadedReform):
        return source
    if isinstance(source, dict):
        return _from_data(source, "inline")
    if inspect.isclass(source):
        return _from_class(source, f"{source.__module__}.{source.__qualname__}")
    if isinstance(source, Path):
        return _from_file(source)
    if not isinstance(source, str) or not source.strip():
        raise ReformError(
            "a reform is a dict (data reform), a .yaml/.yml/.json file path, or a dotted path "
            f"{PACKAGE}.<module>.<class>; got {type(source).__name__}",
            "reform",
        )
    text = source.strip()
    if text.lower().endswith(DATA_SUFFIXES):
        return _from_file(Path(text))
    if Path(text).is_file():
        raise ReformError(f"{text!r}: a data reform file must end in .yaml, .yml or .json", "reform")
    if text in CODE_REFORMS:
        text = CODE_REFORMS[text]
    if _DOTTED.match(text):
        return _from_dotted(text)
    raise ReformError(
        f"{text!r} is neither a .yaml/.yml/.json file nor a code reform; code reforms: "
        + ", ".join(code_reform_names()),
        "reform",
    )


def apply_reforms(baseline, sources):
    """Stack several reforms in order on ``baseline``: returns (reformed system, [LoadedReform])."""
    loaded = [load_reform(source) for source in sources]
    system = baseline
    for reform in loaded:
        system = reform.apply(system)
    return system, loaded


def _from_data(document: dict, source: str) -> LoadedReform:
    spec = _data.parse(document)
    spec.check(_validation_parameters())  # early, clear errors; checked again on apply

    def modify(parameters):
        return spec.modify(parameters)

    def apply(self):
        self.modify_parameters(modifier_function=modify)

    reform_class = type("data_reform", (Reform,), {"name": spec.name, "__doc__": spec.description, "apply": apply})
    return LoadedReform(spec.name, spec.description, "data", source, reform_class, spec)


@functools.cache
def _validation_parameters():
    """The baseline's parameters plus those the shipped code reforms add (so that a data reform meant
    to be stacked on, e.g., aid_cap_mrp can name monthly_cap_mrp). Values of the law are unchanged."""
    from openfisca_kz_housing import tax_benefit_system
    from openfisca_kz_housing.reforms import aid_cap_mrp, private_tenants_eligible

    parameters = copy.deepcopy(tax_benefit_system().parameters)
    for add_parameters in (aid_cap_mrp.add_parameters, private_tenants_eligible.add_parameters):
        parameters = add_parameters(parameters)
    return parameters


def _from_file(path: Path) -> LoadedReform:
    if path.is_dir():
        raise ReformError(f"{str(path)!r} is a folder, not a reform file; give the path of a .yaml, .yml or .json file",
                          "reform")
    if path.suffix.lower() not in DATA_SUFFIXES:
        raise ReformError(f"{str(path)!r}: a data reform file must end in .yaml, .yml or .json", "reform")
    if not path.is_file():
        raise ReformError(f"no such file: {str(path)!r}", "reform")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ReformError(f"{str(path)!r} is larger than {MAX_FILE_BYTES} bytes; a reform is a short file", "reform")
    text = path.read_text(encoding="utf-8")
    try:
        document = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        detail = " ".join(str(error).split())  # PyYAML's message spans lines: one line
        raise ReformError(f"{str(path)!r} is not valid {path.suffix[1:].upper()}: {detail}", "reform") from None
    try:
        return _from_data(document, str(path))
    except ReformError as error:
        raise ReformError(error.message, error.field, source=str(path), hint=error.hint) from None


def _from_dotted(dotted: str) -> LoadedReform:
    if not dotted.startswith(PACKAGE + "."):
        raise ReformError(
            f"{dotted!r}: only code reforms of this package can be named by a dotted path "
            f"({PACKAGE}.<module>.<class>; shipped: {', '.join(code_reform_names())}). "
            "Write anything else as a data reform (.yaml/.json).",
            "reform",
        )
    module_name, _, class_name = dotted.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise ReformError(
            f"{dotted!r}: no module {module_name!r}; shipped code reforms: " + ", ".join(CODE_REFORMS.values()),
            "reform",
        ) from None
    reform_class = getattr(module, class_name, None)
    if reform_class is None:
        raise ReformError(f"{dotted!r}: module {module_name!r} has no {class_name!r}", "reform")
    return _from_class(reform_class, dotted)


def _from_class(reform_class, source: str) -> LoadedReform:
    if not (inspect.isclass(reform_class) and issubclass(reform_class, Reform)):
        raise ReformError(f"{source!r} is not an OpenFisca Reform class", "reform")
    description = " ".join((reform_class.__doc__ or "").split())  # one paragraph
    if not description:
        raise ReformError(f"{source!r} has no docstring: a reform must say what it changes and from when", "reform")
    name = getattr(reform_class, "name", None) or reform_class.__name__
    return LoadedReform(name, description, "code", source, reform_class, None)
