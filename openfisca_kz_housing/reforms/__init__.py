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

``LoadedReform`` is the one reform type of the package: ``reform.applied_to(baseline)`` returns the same
reform carrying the system it gives (``.system``), which is what the budget's scenarios and the web API's
inline reforms hold. Every problem raises :class:`ReformError` (a ``ValueError``) whose message names
the field and the fix, and no interface (each interface adds its own hint from ``reason``/``details``).
The baseline is never modified; the 2024 repeal survives every reform (tests/test_reforms_repeal.py).
"""

from __future__ import annotations

import copy
import dataclasses
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
from openfisca_kz_housing.reforms import tree
from openfisca_kz_housing.reforms.errors import ReformError

__all__ = ["ReformError", "LoadedReform", "load_reform", "apply_reforms", "CODE_REFORMS", "code_reform_names",
           "code_reform_parameters"]

PACKAGE = "openfisca_kz_housing.reforms"
# The one list of the code reforms shipped in this package: short name -> dotted path of the class.
# A code reform that adds parameters exposes ``add_parameters(parameters)`` beside its class: a data
# reform may then name them (stacked after it), and is told which reform to apply first otherwise.
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

    ``name`` is the reform's own title, ``kind`` "code", "data" or "baseline" (the law itself, in a budget
    run), ``source`` the file path, the dotted path, or "inline" for a dict. ``key`` is a short identifier
    for table columns and file headers (the file's stem, the class name). ``system`` is None until
    :meth:`applied_to` gives the reform with the system it makes. The returned system carries
    ``applied_reforms``: a tuple of ``info()`` dicts, one per reform stacked on it, so that any output
    built from it can show each reform's name and description.
    """

    name: str
    description: str
    kind: str
    source: str
    reform_class: type | None = field(default=None, repr=False)
    spec: _data.DataReform | None = field(default=None, repr=False)
    system: object = field(default=None, repr=False, compare=False)
    key: str = ""

    def __post_init__(self):
        if not self.key:
            self.key = short_name(self.source, self.name)

    def info(self) -> dict:
        """What every output that used this reform shows: name, description, kind, source."""
        return {"name": self.name, "description": self.description, "kind": self.kind, "source": self.source}

    def as_dict(self) -> dict:
        """``info()`` plus, for a data reform, its normalised changes (dates as ISO strings)."""
        out = self.info()
        if self.spec is not None:
            out["changes"] = self.spec.as_dict()["changes"]
        return out

    def describe(self) -> dict:
        """What an answer computed under this reform shows: name, description, kind and its changes
        (None for a code reform)."""
        return {"name": self.name, "description": self.description, "kind": self.kind,
                "changes": self.as_dict().get("changes")}

    def apply(self, baseline):
        """A new TaxBenefitSystem: ``baseline`` with this reform. ``baseline`` itself is not changed."""
        if self.reform_class is None:  # the baseline scenario: the law itself
            return baseline
        if self.spec is not None:  # the baseline may differ from the one checked at load
            self.spec.check(baseline.parameters, added_by=code_reform_parameters())
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

    def applied_to(self, baseline) -> LoadedReform:
        """This reform with ``system`` set to ``self.apply(baseline)``."""
        return dataclasses.replace(self, system=self.apply(baseline))


def short_name(source: str, name: str) -> str:
    """'examples/reforms/share_8pct_2023.yaml' -> 'share_8pct_2023'; a dotted path -> its class; an
    inline reform -> its name as a slug."""
    text = str(source).strip()
    if text.lower().endswith(DATA_SUFFIXES):
        return Path(text).stem
    if text != "inline":
        return text.rpartition(".")[2]
    slug = re.sub(r"[^0-9a-z]+", "_", (name or "reform").lower()).strip("_")
    return slug[:40] or "reform"


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
        "reform", reason="unknown_reform", known=code_reform_names(),
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
    spec.check(_validation_parameters()[0], added_by=code_reform_parameters())  # early; again on apply

    def modify(parameters):
        return spec.modify(parameters)

    def apply(self):
        self.modify_parameters(modifier_function=modify)

    reform_class = type("data_reform", (Reform,), {"name": spec.name, "__doc__": spec.description, "apply": apply})
    return LoadedReform(spec.name, spec.description, "data", source, reform_class, spec)


@functools.cache
def _validation_parameters() -> tuple:
    """The baseline's parameters plus those the shipped code reforms add (so that a data reform meant
    to be stacked on, e.g., aid_cap_mrp can name monthly_cap_mrp), and {added path: code reform}.
    Values of the law are unchanged."""
    from openfisca_kz_housing import tax_benefit_system

    parameters = copy.deepcopy(tax_benefit_system().parameters)
    added_by = {}
    for short, dotted in CODE_REFORMS.items():
        add_parameters = getattr(importlib.import_module(dotted.rpartition(".")[0]), "add_parameters", None)
        if add_parameters is not None:
            before = set(tree.leaves(parameters))
            parameters = add_parameters(parameters)
            added_by.update(dict.fromkeys(set(tree.leaves(parameters)) - before, short))
    return parameters, added_by


def code_reform_parameters() -> dict:
    """{path of a parameter that only a code reform adds: that reform's short name}."""
    return _validation_parameters()[1]


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
        raise ReformError(error.message, error.field, str(path), error.reason, hint=error.hint,
                          **error.details) from None


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
