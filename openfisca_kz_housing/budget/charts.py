"""PNG charts of a budget run (matplotlib, Agg backend: no display needed).

  * cost per month of every scenario across the revision timeline, each act's in-force date marked;
  * cost and recipients by income decile;
  * winners, losers and unchanged households of each reform (by income decile).
Charts of a synthetic population carry "SYNTHETIC DATA" in their title and a watermark.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from openfisca_kz_housing import revisions  # noqa: E402


def _title(run, text: str) -> str:
    return f"SYNTHETIC DATA - {text}" if run.population.synthetic else text


def _mark(run, figure) -> None:
    if run.population.synthetic:
        figure.text(0.5, 0.5, "SYNTHETIC", fontsize=60, color="grey", alpha=0.12, ha="center", va="center", rotation=25)


def _month_date(month: str) -> datetime.date:
    return datetime.date(int(month[:4]), int(month[5:7]), 1)


def cost_per_month(run, tables: dict, path: Path) -> Path:
    figure, axes = plt.subplots(figsize=(11, 5.5))
    dates = [_month_date(m) for m in run.months]
    for scenario in run.scenarios:
        cost = [row["cost_tenge"] / 1e6 for row in tables["monthly"] if row["scenario"] == scenario.key]
        axes.step(dates, cost, where="post", label=scenario.key, linewidth=1.8)
    first, last = dates[0], dates[-1]
    after_last = datetime.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    shown = [act for act in revisions.instrument().acts if first <= act.in_force < after_last]
    for k, act in enumerate(shown):
        color = "firebrick" if act.kind == "repeal" else "dimgray"
        axes.axvline(act.in_force, color=color, linestyle="--", linewidth=0.9)
        axes.annotate(
            f"{act.id}\n{act.in_force:%d.%m.%Y}" + (" (repeal)" if act.kind == "repeal" else ""),
            xy=(act.in_force, 1.0 - 0.09 * (k % 2)),
            xycoords=("data", "axes fraction"),
            xytext=(3, -4),
            textcoords="offset points",
            fontsize=7,
            va="top",
            color=color,
        )
    axes.set_ylabel("million tenge a month")
    axes.set_title(_title(run, f"Housing aid cost per month, {run.population.name} (take-up {run.take_up:g})"))
    axes.legend(loc="lower left", fontsize=8)
    axes.grid(alpha=0.3)
    figure.text(
        0.01,
        0.01,
        "Dashed lines: in-force dates of the acts (most are estimates, see revisions.yaml). "
        "A month is judged by the act in force on its first day; income is the quarter before (item 3).",
        fontsize=7,
        color="dimgray",
    )
    _mark(run, figure)
    figure.tight_layout(rect=(0, 0.03, 1, 1))
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def by_decile(run, tables: dict, path: Path) -> Path:
    rows = tables["by_income_decile"]
    names = [s.key for s in run.scenarios]
    deciles = list(dict.fromkeys(row["income_decile"] for row in rows))
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
    width = 0.8 / len(names)
    for j, name in enumerate(names):
        cost = [row["cost_tenge"] / 1e6 for row in rows if row["scenario"] == name]
        recipients = [row["recipient_households"] for row in rows if row["scenario"] == name]
        x = [k + (j - (len(names) - 1) / 2) * width for k in range(len(deciles))]
        left.bar(x, cost, width, label=name)
        right.bar(x, recipients, width, label=name)
    for axes, label in ((left, "cost over the period, million tenge"), (right, "recipient households")):
        axes.set_xticks(range(len(deciles)), deciles)
        axes.set_xlabel("income decile (monthly countable income per member; D1 poorest)")
        axes.set_ylabel(label)
        axes.grid(axis="y", alpha=0.3)
    left.legend(fontsize=8)
    figure.suptitle(_title(run, f"Housing aid by income decile, {run.months[0]} to {run.months[-1]}"))
    _mark(run, figure)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def winners_losers(run, tables: dict, path: Path) -> Path:
    rows = tables["by_income_decile"]
    reforms = [s.key for s in run.reforms]
    figure, axes_list = plt.subplots(1, len(reforms), figsize=(max(8, 6 * len(reforms)), 5.5), squeeze=False)
    for axes, name in zip(axes_list[0], reforms):
        mine = [row for row in rows if row["scenario"] == name]
        labels = [row["income_decile"] for row in mine]
        winners = [row["winner_households"] for row in mine]
        losers = [row["loser_households"] for row in mine]
        unchanged = [row["households"] - w - lo for row, w, lo in zip(mine, winners, losers)]
        axes.bar(labels, winners, label="winners", color="seagreen")
        axes.bar(labels, losers, bottom=winners, label="losers", color="firebrick")
        axes.bar(labels, unchanged, bottom=[w + lo for w, lo in zip(winners, losers)], label="unchanged", color="lightgray")
        axes.set_title(f"{name}", fontsize=10)
        axes.set_xlabel("income decile")
        axes.set_ylabel("households")
        axes.legend(fontsize=8)
    figure.suptitle(
        _title(run, "Winners and losers against the law as it was")
        + f"\n(households whose aid over {run.months[0]} to {run.months[-1]} changes by at least 1 tenge)",
        fontsize=11,
    )
    _mark(run, figure)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def draw_all(run, tables: dict, out: Path, prefix: str) -> list[Path]:
    paths = [
        cost_per_month(run, tables, out / f"{prefix}chart_cost_per_month.png"),
        by_decile(run, tables, out / f"{prefix}chart_by_income_decile.png"),
    ]
    if run.reforms:
        paths.append(winners_losers(run, tables, out / f"{prefix}chart_winners_losers.png"))
    return paths
