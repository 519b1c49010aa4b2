"""PNG charts of a budget run (matplotlib, Agg backend: no display needed), in en, kk or ru.

  * cost per month of every scenario across the revision timeline, each act's in-force date marked;
  * cost and recipients by income decile;
  * winners, losers and unchanged households of each reform (by income decile).
Cost axes start at 0. Act labels sit in a band above the highest cost, inside the frame, on as many
rows as needed so that they never overlap each other or the line. Every scenario has its own line
style and marker, so that two scenarios with the same figures both stay visible, and the legend says
which coincide. Legends sit outside the plotting area: they never cover a bar or a line.
Charts of a synthetic population carry "SYNTHETIC DATA" in their title and a watermark.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from openfisca_kz_housing import revisions  # noqa: E402
from openfisca_kz_housing.budget.headers import CHART, word  # noqa: E402

STYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 2, 5, 2)))
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def _title(run, text: str, lang: str) -> str:
    return f"{word(CHART, 'synthetic', lang)} - {text}" if run.population.synthetic else text


def _mark(run, figure) -> None:
    if run.population.synthetic:
        figure.text(0.5, 0.5, "SYNTHETIC", fontsize=60, color="grey", alpha=0.12, ha="center", va="center", rotation=25)


def _month_date(month: str) -> datetime.date:
    return datetime.date(int(month[:4]), int(month[5:7]), 1)


def coinciding(series: dict) -> dict:
    """Scenario key -> the earlier scenario whose figures are the same (to the tenge), if any."""
    same, names = {}, list(series)
    for k, name in enumerate(names):
        for earlier in names[:k]:
            if earlier not in same and all(abs(a - b) < 1e-6 for a, b in zip(series[name], series[earlier])):
                same[name] = earlier
                break
    return same


def label_rows(positions: list[float], widths: list[float]) -> list[int]:
    """A row for each label (x in axes fraction, left edge) so that labels of one row never overlap."""
    ends, rows = [], []
    for x, width in zip(positions, widths):
        row = next((r for r, end in enumerate(ends) if x > end + 0.01), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = x + width
        rows.append(row)
    return rows


def cost_per_month_figure(run, tables: dict, lang: str = "en"):
    """The figure (not saved; the tests measure it)."""
    figure, axes = plt.subplots(figsize=(11, 5.5))
    dates = [_month_date(m) for m in run.months]
    series = {
        s.key: [row["cost_tenge"] / 1e6 for row in tables["monthly"] if row["scenario"] == s.key]
        for s in run.scenarios
    }
    same = coinciding(series)
    for k, (name, cost) in enumerate(series.items()):
        label = name + (f" ({word(CHART, 'same_as', lang).format(same[name])})" if name in same else "")
        axes.step(
            dates, cost, where="post", label=label, linewidth=max(3.2 - 0.7 * k, 1.2),
            linestyle=STYLES[k % len(STYLES)],
            marker=MARKERS[k % len(MARKERS)], markersize=4, markevery=(k % 4, 4) if len(dates) > 8 else None,
            zorder=3 + k,
        )
    first, last = dates[0], dates[-1]
    after_last = datetime.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    axes.set_xlim(first, after_last)
    axes.set_ylabel(word(CHART, "cost_axis", lang))
    title = word(CHART, "cost_title", lang).format(population=run.population.name, take_up=f"{run.take_up:g}")
    axes.set_title(_title(run, title, lang), fontsize=11)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, borderaxespad=0)
    axes.grid(alpha=0.3)
    figure.text(0.01, 0.01, word(CHART, "cost_note", lang), fontsize=7, color="dimgray", wrap=True)
    top = max([max(c) for c in series.values() if c] + [0]) or 1.0
    axes.set_ylim(0, top * 1.25)
    figure.tight_layout(rect=(0, 0.03, 1, 1))
    _act_labels(run, axes, figure, first, after_last, top, lang)
    _mark(run, figure)
    return figure


def _act_labels(run, axes, figure, first, after_last, top: float, lang: str) -> None:
    """Each act's in-force date as a dashed line and a label in a band above the highest cost.

    Labels are measured as drawn, placed at their line (or ending at the frame when they would leave
    it) and spread over as many rows as needed so that none overlaps another; the cost axis is then
    raised so that the line stays below the band.
    """
    shown = [act for act in revisions.instrument().acts if first <= act.in_force < after_last]
    span = max((after_last - first).days, 1)
    renderer = figure.canvas.get_renderer()
    box = axes.get_window_extent(renderer)
    texts = []
    for act in shown:
        color = "firebrick" if act.kind == "repeal" else "dimgray"
        axes.axvline(act.in_force, color=color, linestyle="--", linewidth=0.9, zorder=1)
        label = f"{act.id} {act.in_force:%d.%m.%Y}"
        if act.kind == "repeal":
            label += f" ({word(CHART, 'repeal', lang)})"
        texts.append(axes.text(
            0, 1, label, transform=axes.transAxes, fontsize=7, va="top", ha="left", color=color, gid=f"act-{act.id}",
            zorder=2, bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 0.6},
        ))
    widths = [text.get_window_extent(renderer).width / box.width + 0.006 for text in texts]
    starts = [max(min((act.in_force - first).days / span + 0.004, 0.995 - width), 0.005)
              for act, width in zip(shown, widths)]
    rows = label_rows(starts, widths)
    row_height = (max([text.get_window_extent(renderer).height for text in texts] + [0]) + 5) / box.height
    for text, x, row in zip(texts, starts, rows):
        text.set_position((x, 1 - 0.012 - row_height * row))
    band = row_height * (max(rows) + 1) + 0.06 if rows else 0.05
    axes.set_ylim(0, top / (1 - band))  # the line stays below the band of labels


def by_decile_figure(run, tables: dict, lang: str = "en"):
    """The figure (not saved; the tests measure it)."""
    rows = tables["by_income_decile"]
    names = [s.key for s in run.scenarios]
    deciles = list(dict.fromkeys(row["income_decile"] for row in rows))
    figure, (left, right) = plt.subplots(1, 2, figsize=(13, 5))
    width = 0.8 / len(names)
    costs = {name: [row["cost_tenge"] / 1e6 for row in rows if row["scenario"] == name] for name in names}
    same = coinciding(costs)
    for j, name in enumerate(names):
        recipients = [row["recipient_households"] for row in rows if row["scenario"] == name]
        x = [k + (j - (len(names) - 1) / 2) * width for k in range(len(deciles))]
        label = name + (f" ({word(CHART, 'same_as', lang).format(same[name])})" if name in same else "")
        hatch = ("", "//", "..", "xx", "\\\\", "oo")[j % 6]
        left.bar(x, costs[name], width, label=label, hatch=hatch, edgecolor="white", linewidth=0.3)
        right.bar(x, recipients, width, label=label, hatch=hatch, edgecolor="white", linewidth=0.3)
    for axes, label in ((left, word(CHART, "period_cost_axis", lang)), (right, word(CHART, "recipients_axis", lang))):
        axes.set_xticks(range(len(deciles)), deciles)
        axes.set_ylabel(label)
        axes.set_ylim(bottom=0)
        axes.grid(axis="y", alpha=0.3)
    right.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, borderaxespad=0)
    figure.supxlabel(word(CHART, "decile_axis", lang), fontsize=9)
    title = word(CHART, "decile_title", lang).format(start=run.months[0], stop=run.months[-1])
    figure.suptitle(_title(run, title, lang))
    _mark(run, figure)
    figure.tight_layout()
    return figure


def winners_losers_figure(run, tables: dict, lang: str = "en"):
    """The figure (not saved; the tests measure it)."""
    rows = tables["by_income_decile"]
    reforms = [s.key for s in run.reforms]
    figure, axes_list = plt.subplots(1, len(reforms), figsize=(max(9, 6 * len(reforms) + 2), 5.5), squeeze=False)
    for axes, name in zip(axes_list[0], reforms):
        mine = [row for row in rows if row["scenario"] == name]
        labels = [row["income_decile"] for row in mine]
        winners = [row["winner_households"] for row in mine]
        losers = [row["loser_households"] for row in mine]
        unchanged = [row["households"] - w - lo for row, w, lo in zip(mine, winners, losers)]
        axes.bar(labels, winners, label=word(CHART, "winners", lang), color="seagreen")
        axes.bar(labels, losers, bottom=winners, label=word(CHART, "losers", lang), color="firebrick")
        axes.bar(labels, unchanged, bottom=[w + lo for w, lo in zip(winners, losers)],
                 label=word(CHART, "unchanged", lang), color="lightgray")
        axes.set_title(f"{name}", fontsize=10)
        axes.set_xlabel(word(CHART, "decile_short", lang))
        axes.set_ylabel(word(CHART, "households_axis", lang))
        axes.set_ylim(bottom=0)
    axes_list[0][-1].legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, borderaxespad=0)
    subtitle = word(CHART, "winners_subtitle", lang).format(start=run.months[0], stop=run.months[-1])
    figure.suptitle(_title(run, word(CHART, "winners_title", lang), lang) + "\n" + subtitle, fontsize=11)
    _mark(run, figure)
    figure.tight_layout()
    return figure


def _save(figure, path: Path) -> Path:
    try:
        figure.savefig(path, dpi=110)
    finally:
        plt.close(figure)
    return path


def cost_per_month(run, tables: dict, path: Path, lang: str = "en") -> Path:
    return _save(cost_per_month_figure(run, tables, lang), path)


def by_decile(run, tables: dict, path: Path, lang: str = "en") -> Path:
    return _save(by_decile_figure(run, tables, lang), path)


def winners_losers(run, tables: dict, path: Path, lang: str = "en") -> Path:
    return _save(winners_losers_figure(run, tables, lang), path)


def draw_all(run, tables: dict, out: Path, prefix: str, lang: str = "en") -> list[Path]:
    paths = [
        cost_per_month(run, tables, out / f"{prefix}chart_cost_per_month.png", lang),
        by_decile(run, tables, out / f"{prefix}chart_by_income_decile.png", lang),
    ]
    if run.reforms:
        paths.append(winners_losers(run, tables, out / f"{prefix}chart_winners_losers.png", lang))
    return paths
