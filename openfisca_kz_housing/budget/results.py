"""Budget tables from a run: totals by month, quarter and year; by income decile, tenure and size;
baseline against each reform. Every sum is taken in float64 and weighted by the household ``weight``.

Definitions (also in docs/budget.md):
  * cost: aid paid over the period (tenge), after take-up;
  * recipient households / persons: households with aid > 0 in at least one month of the period
    (persons: their members);
  * paid household-months: the number of (household, month) pairs with aid > 0;
  * entitled cost / household-months: the same before take-up (every entitled household claiming);
  * average monthly aid: cost / paid household-months;
  * income decile: households ranked by their average monthly countable income per member over the
    months simulated (from the inputs), in ten groups of equal weight; tenure and size as in the first
    month simulated;
  * winners / losers: households whose aid over the whole period rises / falls by at least 1 tenge
    under the reform (smaller changes are float32 rounding and count as unchanged).
"""

from __future__ import annotations

import numpy as np

from openfisca_kz_housing import model_inputs, revisions
from openfisca_kz_housing.budget.run import BudgetRun
from openfisca_kz_housing.enums import Tenure
from openfisca_kz_housing.population.loader import month_ordinal

CHANGE_THRESHOLD = 1.0  # tenge over the period


def period_of(month: str, unit: str) -> str:
    year, m = month[:4], int(month[5:7])
    if unit == "month":
        return month
    if unit == "quarter":
        return f"{year}-Q{(m - 1) // 3 + 1}"
    return int(year)  # a number, not text (workbook, pages)


def act_of(month: str) -> str:
    act = revisions.act_in_force(f"{month}-01")
    return act.id if act else "not in force"


def _weighted(run: BudgetRun):
    weight = run.population.weight
    return weight, weight * run.population.household_size


def period_table(run: BudgetRun, unit: str = "month") -> list[dict]:
    weight, person_weight = _weighted(run)
    keys = [period_of(m, unit) for m in run.months]
    rows = []
    for scenario in run.scenarios:
        aid = run.aid[scenario.key]
        monthly_cost = aid.astype(np.float64) @ weight  # one product for every month (float64: ENGINEERING.md)
        for key in dict.fromkeys(keys):
            index = [i for i, k in enumerate(keys) if k == key]
            cost = sum(float(monthly_cost[i]) for i in index)
            paid_any = np.zeros(aid.shape[1], dtype=bool)
            paid_months = 0.0
            for i in index:
                paid = aid[i] > 0
                paid_any |= paid
                paid_months += float(weight[paid].sum())
            acts = list(dict.fromkeys(act_of(run.months[i]) for i in index))
            rows.append(
                {
                    "scenario": scenario.key,
                    unit: key,
                    "act_in_force": " then ".join(acts),
                    "months": len(index),
                    "cost_tenge": cost,
                    "recipient_households": float(weight[paid_any].sum()),
                    "recipient_persons": float(person_weight[paid_any].sum()),
                    "paid_household_months": paid_months,
                    "average_monthly_aid_tenge": cost / paid_months if paid_months else 0.0,
                    # before take-up: what the period would cost if every entitled household claimed
                    "entitled_cost_tenge": float(sum(run.entitled_cost[scenario.key][i] for i in index)),
                    "entitled_household_months": float(sum(run.entitled_households[scenario.key][i] for i in index)),
                }
            )
    return rows


def household_totals(run: BudgetRun) -> dict:
    """Aid over the whole period per household and scenario (float64)."""
    return {name: aid.sum(axis=0, dtype=np.float64) for name, aid in run.aid.items()}


def income_per_member(run: BudgetRun) -> np.ndarray:
    """Average monthly countable income per member over the months simulated (float64)."""
    population = run.population
    total = np.zeros(population.household_count, dtype=np.float64)
    cache = {}
    for month in run.months:
        ordinal = month_ordinal(month)
        arrays = tuple(population.person_inputs[name].at(ordinal) for name in model_inputs.income_variables())
        key = tuple(id(a) for a in arrays)
        if key not in cache:
            person = np.sum([a.astype(np.float64) for a in arrays], axis=0)
            cache[key] = np.bincount(population.person_household, weights=person, minlength=population.household_count)
        total += cache[key]
    return total / len(run.months) / np.maximum(population.household_size, 1)


def deciles(values: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Decile 1-10 of each household by ``values``, groups of equal total weight (ties by order)."""
    order = np.argsort(values, kind="stable")
    share = np.cumsum(weight[order]) / weight.sum()
    out = np.empty(len(values), dtype=np.int64)
    out[order] = np.minimum(np.ceil(share * 10 - 1e-9).astype(np.int64), 10)
    return np.maximum(out, 1)


def groupings(run: BudgetRun) -> dict:
    """Group label arrays and their label names: decile, tenure, household size."""
    population = run.population
    first = month_ordinal(run.months[0])
    income = income_per_member(run)
    decile = deciles(income, population.weight)
    tenure = population.household_inputs["tenure"].at(first).astype(np.int64)
    size = np.minimum(population.household_size, 6) - 1
    return {
        "income_decile": (decile - 1, [f"D{k}" for k in range(1, 11)], income),
        "tenure": (tenure, [member.name for member in Tenure], None),
        "household_size": (size, [1, 2, 3, 4, 5, 6], None),  # 6: six or more (written "6+" in the CSV)
    }


def group_table(run: BudgetRun, group: str, groups=None, totals=None) -> list[dict]:
    groups = groups or groupings(run)
    totals = totals or household_totals(run)
    labels, names, income = groups[group]
    weight, person_weight = _weighted(run)
    count = len(names)

    def by_group(values):
        return np.bincount(labels, weights=values, minlength=count)

    households = by_group(weight)
    persons = by_group(person_weight)
    base = totals[run.baseline.key]
    base_cost = by_group(base * weight)
    rows = []
    for scenario in run.scenarios:
        total = totals[scenario.key]
        aid = run.aid[scenario.key]
        paid_months = np.zeros(len(weight))
        for i in range(len(run.months)):
            paid_months += aid[i] > 0
        cost = by_group(total * weight)
        recipients = by_group(weight * (total > 0))
        months_paid = by_group(weight * paid_months)
        delta = total - base
        winners = by_group(weight * (delta >= CHANGE_THRESHOLD))
        losers = by_group(weight * (delta <= -CHANGE_THRESHOLD))
        for k, name in enumerate(names):
            row = {
                "scenario": scenario.key,
                group: name,
                "households": households[k],
                "persons": persons[k],
                "cost_tenge": cost[k],
                "recipient_households": recipients[k],
                "average_monthly_aid_tenge": cost[k] / months_paid[k] if months_paid[k] else 0.0,
            }
            if income is not None:
                inside = labels == k
                row["income_per_member_from"] = float(income[inside].min()) if inside.any() else 0.0
                row["income_per_member_to"] = float(income[inside].max()) if inside.any() else 0.0
            if scenario is not run.baseline:
                row["cost_change_tenge"] = cost[k] - base_cost[k]
                row["winner_households"] = winners[k]
                row["loser_households"] = losers[k]
            rows.append(row)
    return rows


def comparison_table(run: BudgetRun, totals=None) -> list[dict]:
    totals = totals or household_totals(run)
    weight, person_weight = _weighted(run)
    base = totals[run.baseline.key]
    base_cost = float(np.dot(base, weight))
    rows = []
    for scenario in run.reforms:
        total = totals[scenario.key]
        delta = total - base
        winners, losers = delta >= CHANGE_THRESHOLD, delta <= -CHANGE_THRESHOLD
        unchanged = ~winners & ~losers
        cost = float(np.dot(total, weight))
        rows.append(
            {
                "reform": scenario.key,
                "title": scenario.name,
                "kind": scenario.kind,
                "source": scenario.source,
                "description": scenario.description,
                "baseline_cost_tenge": base_cost,
                "reform_cost_tenge": cost,
                "cost_change_tenge": cost - base_cost,
                "cost_change_percent": 100 * (cost - base_cost) / base_cost if base_cost else 0.0,
                "winner_households": float(weight[winners].sum()),
                "winner_persons": float(person_weight[winners].sum()),
                "loser_households": float(weight[losers].sum()),
                "loser_persons": float(person_weight[losers].sum()),
                "unchanged_households": float(weight[unchanged].sum()),
                "average_gain_tenge": float(np.dot(delta[winners], weight[winners]) / weight[winners].sum())
                if winners.any()
                else 0.0,
                "average_loss_tenge": float(np.dot(delta[losers], weight[losers]) / weight[losers].sum())
                if losers.any()
                else 0.0,
            }
        )
    return rows


def household_table(run: BudgetRun, groups=None, totals=None) -> list[dict]:
    groups = groups or groupings(run)
    totals = totals or household_totals(run)
    population = run.population
    ids = population.household_ids.to_pylist()
    decile = groups["income_decile"][0] + 1
    tenure_names = groups["tenure"][1]
    tenure = groups["tenure"][0]
    months_paid = {name: (aid > 0).sum(axis=0) for name, aid in run.aid.items()}
    rows = []
    for h in range(population.household_count):
        row = {
            "household_id": ids[h],
            "persons": int(population.household_size[h]),
            "weight": float(population.weight[h]),
            "tenure": tenure_names[tenure[h]],
            "income_decile": int(decile[h]),
            "claims": bool(run.claims[h]),
        }
        for name in run.aid:
            row[f"aid_{name}_tenge"] = float(totals[name][h])
            row[f"months_paid_{name}"] = int(months_paid[name][h])
        rows.append(row)
    return rows


def all_tables(run: BudgetRun, households: bool = True) -> dict:
    """Every table, keyed by a short name (the export file and sheet names)."""
    totals = household_totals(run)
    groups = groupings(run)
    tables = {
        "monthly": period_table(run, "month"),
        "quarterly": period_table(run, "quarter"),
        "yearly": period_table(run, "year"),
        "by_income_decile": group_table(run, "income_decile", groups, totals),
        "by_tenure": group_table(run, "tenure", groups, totals),
        "by_household_size": group_table(run, "household_size", groups, totals),
    }
    if run.reforms:
        tables["comparison"] = comparison_table(run, totals)
    if households:
        tables["households"] = household_table(run, groups, totals)
    return tables


def headline(run: BudgetRun, tables: dict) -> str:
    """The table printed at the end of a run: per year, cost and recipients of every scenario."""
    lines = []
    label = run.population.label
    if run.population.synthetic:
        lines.append("*** SYNTHETIC DATA: not real households; figures exercise the rules, they are no estimate ***")
    lines.append(
        f"Housing aid, {label}: {run.population.household_count:,} households, "
        f"{run.population.person_count:,} persons; "
        f"{run.months[0]} to {run.months[-1]}; take-up {run.take_up:g}"
    )
    names = [s.key for s in run.scenarios]
    header = f"{'year':6} {'act(s) in force':32}" + "".join(f" {n[:22]:>22}" for n in names)
    if len(names) > 1:
        header += "".join(f" {('change ' + n)[:22]:>22}" for n in names[1:])
    lines.append("Cost (million tenge) / recipient households:")
    lines.append(header)
    yearly = tables["yearly"]
    for year in dict.fromkeys(row["year"] for row in yearly):
        cells = {row["scenario"]: row for row in yearly if row["year"] == year}
        base = cells[names[0]]
        line = f"{year!s:6} {base['act_in_force'][:32]:32}"
        for n in names:
            line += f" {cells[n]['cost_tenge'] / 1e6:11,.2f} / {cells[n]['recipient_households']:8,.0f}"
        for n in names[1:]:
            line += f" {(cells[n]['cost_tenge'] - base['cost_tenge']) / 1e6:+22,.2f}"
        lines.append(line)
    for row in tables.get("comparison", []):
        lines.append(
            f"{row['reform']} ({row['title']}): {row['cost_change_tenge'] / 1e6:+,.2f} million tenge "
            f"({row['cost_change_percent']:+.1f} %); "
            f"winners {row['winner_households']:,.0f} households, losers {row['loser_households']:,.0f}, "
            f"unchanged {row['unchanged_households']:,.0f}"
        )
    return "\n".join(lines)
