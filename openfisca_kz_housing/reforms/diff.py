"""What changed: the parameters whose value differs between two dates, or between a reform and the law.

Both functions return JSON-ready dicts (for the command line and the web API alike):

* :func:`diff_dates` — every parameter whose value in force on ``date_from`` differs from the one in
  force on ``date_to``, old and new, with the dated values (and their acts, from the per-value
  metadata ``act``) that made the change in between;
* :func:`diff_reform` — every parameter whose value under the reform(s) differs from the baseline, on
  one date or over the whole timeline (periods), plus the variables whose formula the reform replaces.
"""

from __future__ import annotations

import datetime

from openfisca_kz_housing import revisions
from openfisca_kz_housing.reforms import tree
from openfisca_kz_housing.reforms.errors import ReformError

LANGUAGES = ("en", "kk", "ru")


def _jsonable(value):
    if tree.is_absent(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def describe_parameter(path: str, parameter, lang: str) -> dict:
    """{parameter, label (in ``lang``, else English, else the description), unit}."""
    metadata = parameter.metadata or {}
    label_key = "label" if lang == "en" else f"label_{lang}"
    return {
        "parameter": path,
        "label": metadata.get(label_key) or metadata.get("label") or parameter.description,
        "unit": metadata.get("unit"),
    }


def _entry_dict(entry) -> dict:
    metadata = entry.metadata or {}
    return {
        "date": entry.instant_str,
        "value": _jsonable(entry.value),
        "act": metadata.get("act"),
        "status": metadata.get("status"),
        "in_force_basis": metadata.get("in_force_basis"),
        "note": metadata.get("note"),
    }


def _act_of(parameter, day) -> str | None:
    entry = tree.entry_at(parameter, day)
    return (entry.metadata or {}).get("act") if entry is not None else None


def diff_dates(date_from, date_to, tax_benefit_system=None, lang: str = "en") -> dict:
    """Parameters whose value in force differs between ``date_from`` and ``date_to`` (from <= to)."""
    start, stop = (
        tree.parse_date(date_from, "from", month_means_first_day=True),
        tree.parse_date(date_to, "to", month_means_first_day=True),
    )
    if start > stop:
        raise ReformError(f"{start} is after {stop}; give the earlier date first", "from")
    if lang not in LANGUAGES:
        raise ReformError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}", "lang")
    system = tax_benefit_system or _default_system()
    changes = []
    for path, parameter in sorted(tree.leaves(system.parameters).items()):
        old, new = tree.value_at(parameter, start), tree.value_at(parameter, stop)
        if old == new and type(old) is type(new):
            continue
        steps, previous = [], tree.entry_at(parameter, start)
        for entry in tree.entries(parameter):
            if start.isoformat() < entry.instant_str <= stop.isoformat():
                before = None if previous is None or tree.is_absent(previous.value) else previous.value
                now = None if tree.is_absent(entry.value) else entry.value
                if before != now:
                    steps.append(_entry_dict(entry))
                previous = entry
        changes.append(
            {
                **describe_parameter(path, parameter, lang),
                "old": _jsonable(old),
                "new": _jsonable(new),
                "old_act": _act_of(parameter, start),
                "new_act": _act_of(parameter, stop),
                "changed_by": steps,
            }
        )
    acts = []
    for instrument in revisions.load_registry().values():
        for act in instrument.acts:
            if start < act.in_force <= stop:
                acts.append(
                    {
                        "instrument": instrument.key,
                        "id": act.id,
                        "kind": act.kind,
                        "in_force": act.in_force.isoformat(),
                        "in_force_basis": act.in_force_basis,
                        "changes": act.changes.get(lang) or act.changes.get("en"),
                    }
                )
    return {"from": start.isoformat(), "to": stop.isoformat(), "parameters": changes, "acts": acts}


def diff_reform(reforms, date=None, baseline=None, lang: str = "en") -> dict:
    """Differences between ``baseline`` (default: the law) and the same with ``reforms`` applied in order.

    ``reforms`` is one source or a list of sources for ``load_reform`` (dict, file, dotted path, ...).
    With ``date``: the values in force that day. Without: every period where a value differs.
    """
    from openfisca_kz_housing.reforms import apply_reforms

    if lang not in LANGUAGES:
        raise ReformError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}", "lang")
    sources = reforms if isinstance(reforms, (list, tuple)) else [reforms]
    if not sources:
        raise ReformError("give at least one reform", "reform")
    baseline = baseline or _default_system()
    reformed, loaded = apply_reforms(baseline, sources)
    day = tree.parse_date(date, "date", month_means_first_day=True) if date is not None else None
    base_leaves, reform_leaves = tree.leaves(baseline.parameters), tree.leaves(reformed.parameters)
    parameters = []
    for path in sorted(set(base_leaves) | set(reform_leaves)):
        base, new = base_leaves.get(path), reform_leaves.get(path)
        described = describe_parameter(path, new or base, lang)
        described["added_by_reform"] = base is None
        described["removed_by_reform"] = new is None
        if day is not None:
            old_value = tree.value_at(base, day) if base is not None else None
            new_value = tree.value_at(new, day) if new is not None else None
            if old_value == new_value and type(old_value) is type(new_value):
                continue
            parameters.append(
                {
                    **described,
                    "baseline": _jsonable(old_value),
                    "reform": _jsonable(new_value),
                    "baseline_act": _act_of(base, day) if base is not None else None,
                    "reform_act": _act_of(new, day) if new is not None else None,
                }
            )
        else:
            periods = differing_periods(base, new)
            if periods:
                parameters.append({**described, "periods": periods})
    variables = []
    for name in sorted(set(baseline.variables) | set(reformed.variables)):
        before, after = baseline.variables.get(name), reformed.variables.get(name)
        if before is after:
            continue
        change = "added" if before is None else "removed" if after is None else "formula replaced"
        variables.append(
            {
                "variable": name,
                "change": change,
                "label": getattr(after or before, "label", None),
                "reference": getattr(after or before, "reference", None),
            }
        )
    return {
        "date": day.isoformat() if day else None,
        "reforms": [reform.info() for reform in loaded],
        "parameters": parameters,
        "variables": variables,
    }


def differing_periods(base, new) -> list[dict]:
    """The periods [start, stop] (stop None = open) where two versions of a parameter differ."""
    instants = sorted({e.instant_str for p in (base, new) if p is not None for e in p.values_list})
    out = []
    for i, instant in enumerate(instants):
        old_value = tree.value_at(base, instant) if base is not None else None
        new_value = tree.value_at(new, instant) if new is not None else None
        if old_value == new_value and type(old_value) is type(new_value):
            continue
        stop = (
            (datetime.date.fromisoformat(instants[i + 1]) - datetime.timedelta(days=1)).isoformat()
            if i + 1 < len(instants)
            else None
        )
        segment = {
            "start": instant,
            "stop": stop,
            "baseline": _jsonable(old_value),
            "reform": _jsonable(new_value),
            "baseline_act": _act_of(base, instant) if base is not None else None,
            "reform_act": _act_of(new, instant) if new is not None else None,
        }
        last = out[-1] if out else None
        if (
            last
            and last["stop"] is not None
            and (datetime.date.fromisoformat(last["stop"]) + datetime.timedelta(days=1)).isoformat() == instant
            and all(last[k] == segment[k] for k in ("baseline", "reform", "baseline_act", "reform_act"))
        ):
            last["stop"] = stop
        else:
            out.append(segment)
    return out


def _default_system():
    from openfisca_kz_housing import tax_benefit_system

    return tax_benefit_system()
