"""Reading and changing the dated parameter tree safely (no unbounded update, metadata kept).

OpenFisca's ``Parameter.update(start=..., value=...)`` without ``stop`` rewrites every later value and
so silently deletes the 2024 repeal (../shared/ENGINEERING.md). Every reform of this package changes
values through :func:`bounded_update`, which always has a stop and keeps the act metadata of the
value it restores after the stop, so that a diff can still name the acts.
"""

from __future__ import annotations

import datetime
import difflib

from openfisca_core import periods
from openfisca_core.parameters import Parameter, ParameterNode

from openfisca_kz_housing import dates
from openfisca_kz_housing.parameter_paths import DECISION, walk
from openfisca_kz_housing.reforms.errors import ReformError


def is_absent(value) -> bool:
    """True for a repealed / missing value (``null``; also the string 'None' some YAML files load)."""
    return value is None or (isinstance(value, str) and value.strip() in ("None", "null", ""))


def leaves(node: ParameterNode, prefix: str = "") -> dict[str, Parameter]:
    """Every leaf parameter under ``node``, keyed by its full dotted path."""
    out = {}
    for key, child in node.children.items():
        path = f"{prefix}{key}"
        if isinstance(child, ParameterNode):
            out.update(leaves(child, path + "."))
        else:
            out[path] = child
    return out


def resolve(root: ParameterNode, path, field: str = "parameter") -> Parameter:
    """The leaf parameter at ``path``, or a ReformError suggesting close names."""
    if not isinstance(path, str) or not path.strip():
        raise ReformError(
            f"must be a parameter path written with dots, e.g. '{DECISION}.income_share'", field,
            reason="unknown_parameter",
        )
    path = path.strip()
    node = walk(root, path)
    if isinstance(node, Parameter):
        return node
    all_leaves = leaves(root)
    if isinstance(node, ParameterNode):
        inside = sorted(p for p in all_leaves if p.startswith(path + "."))
        raise ReformError(
            f"{path!r} is a group of parameters, not one parameter; name one of: {', '.join(inside)}", field,
            reason="parameter_group", suggestions=inside,
        )
    close = _suggest(path, all_leaves)
    hint = f" Did you mean: {', '.join(close)}?" if close else " No parameter has a close name."
    raise ReformError(f"unknown parameter {path!r}.{hint}", field, reason="unknown_parameter", suggestions=close,
                      hint="parameter_list")


def _suggest(path: str, all_leaves) -> list[str]:
    """Close full paths, then leaves with the same or a close last name."""
    names = list(all_leaves)
    last_names = {}
    for name in names:
        last_names.setdefault(name.rsplit(".", 1)[-1], []).append(name)
    close = difflib.get_close_matches(path, names, n=3, cutoff=0.6)
    for last in difflib.get_close_matches(path.rsplit(".", 1)[-1], list(last_names), n=3, cutoff=0.6):
        close += last_names[last]
    return list(dict.fromkeys(close))


def parse_date(value, field: str, *, month_means_first_day: bool = False) -> datetime.date:
    """A reform's date, read by the one strict reader (``dates.parse_day``: YYYY-MM-DD); ReformError otherwise."""
    try:
        return dates.parse_day(
            value, field, first_year=1900, last_year=2100, month_means_first_day=month_means_first_day
        )
    except dates.DateFormatError as error:
        raise ReformError(error.message, field) from None


def entries(parameter: Parameter) -> list:
    """The parameter's dated values, oldest first (OpenFisca keeps them newest first)."""
    return sorted(parameter.values_list, key=lambda entry: entry.instant_str)


def entry_at(parameter: Parameter, date) -> object | None:
    """The dated value governing ``date`` (None before the first one)."""
    day = str(date)[:10]
    current = None
    for entry in entries(parameter):
        if entry.instant_str <= day:
            current = entry
    return current


def value_at(parameter: Parameter, date):
    """The value on ``date``, or None when there is none (before the first value, or repealed)."""
    entry = entry_at(parameter, date)
    if entry is None or is_absent(entry.value):
        return None
    return entry.value


def bounded_update(parameter: Parameter, start, stop, value, metadata: dict) -> None:
    """Set ``value`` from ``start`` to ``stop`` (both days included) and nothing else.

    ``stop`` is required: the value in force on the day after ``stop`` (the later revision, or the
    repeal) is restored together with its act metadata.
    """
    if stop is None:
        raise ValueError("bounded_update needs a stop date: an open update would delete the repeal")
    start, stop = str(start)[:10], str(stop)[:10]
    after = (datetime.date.fromisoformat(stop) + datetime.timedelta(days=1)).isoformat()
    restored = entry_at(parameter, after)
    restored_metadata = dict(restored.metadata) if restored is not None else {}
    parameter.update(start=periods.instant(start), stop=periods.instant(stop), value=value)
    for entry in parameter.values_list:
        if entry.instant_str == start:
            entry.metadata = {**parameter.metadata, **metadata}
        elif entry.instant_str == after and restored is not None and not entry.metadata:
            entry.metadata = restored_metadata
    # A value restored after the stop where none existed before is "no value": say so.
    for entry in parameter.values_list:
        if entry.instant_str == after and restored is None:
            entry.metadata = {**parameter.metadata, "act": None, "note": "no value before the reform either"}
