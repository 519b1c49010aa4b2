"""One budget run: every scenario over every month, take-up applied, timings recorded."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

import numpy as np

from openfisca_kz_housing.budget import simulation
from openfisca_kz_housing.budget import take_up as take_up_draw
from openfisca_kz_housing.budget.take_up import DEFAULT_SEED
from openfisca_kz_housing.population.loader import Population
from openfisca_kz_housing.reforms import LoadedReform


@dataclass
class BudgetRun:
    """The monthly aid of every household under every scenario, after take-up."""

    population: Population
    months: list
    scenarios: list
    aid: dict  # scenario key -> (months x households) float32, tenge a month, after take-up
    take_up: float
    seed: int
    claims: np.ndarray  # bool per household: would claim aid it is entitled to
    timings: dict = field(default_factory=dict)
    # before take-up, per scenario and month (weighted): households entitled to aid > 0, and their aid
    entitled_households: dict = field(default_factory=dict)
    entitled_cost: dict = field(default_factory=dict)

    @property
    def baseline(self) -> LoadedReform:
        return self.scenarios[0]

    @property
    def reforms(self) -> list:
        return self.scenarios[1:]


def claimants(household_ids, take_up: float, seed: int = DEFAULT_SEED) -> np.ndarray:
    """Which households claim (``budget.take_up``: a draw per household from its id and the seed).

    ``household_ids`` may also be a count (ids 1..count), as before. The same households claim in every
    month and every scenario, so that a reform's winners and losers are real changes, not draws.
    """
    if isinstance(household_ids, (int, np.integer)):
        household_ids = np.arange(1, int(household_ids) + 1)
    return take_up_draw.claimants(household_ids, take_up, seed)


def run_budget(
    population: Population,
    months: list,
    scenarios: list,
    take_up: float = 1.0,
    seed: int | None = DEFAULT_SEED,
    progress: bool = False,
) -> BudgetRun:
    """Build one array-based simulation per scenario (sharing the entity arrays) and compute every month.

    ``seed`` None means ``DEFAULT_SEED``; the run records the seed it used (``BudgetRun.seed``).
    """
    seed = take_up_draw.check_seed(DEFAULT_SEED if seed is None else seed)
    claims = claimants(population.household_ids, take_up, seed)
    timings = {"build": 0.0, "compute": 0.0}
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(months) * len(scenarios), unit="month", file=sys.stderr, desc="housing aid")
    frame = None
    aid, entitled_households, entitled_cost = {}, {}, {}
    try:
        for scenario in scenarios:
            start = time.perf_counter()
            frame = frame or simulation.frame_of(population, scenario.system)
            sim = simulation.build_simulation(scenario.system, population, months, frame)
            timings["build"] += time.perf_counter() - start
            start = time.perf_counter()
            if bar is not None:
                bar.set_postfix_str(scenario.key)
            result = simulation.compute(sim, months, bar)
            weight = population.weight
            entitled_households[scenario.key] = np.array([float(weight[row > 0].sum()) for row in result])
            entitled_cost[scenario.key] = np.array([float(np.dot(row.astype(np.float64), weight)) for row in result])
            if take_up < 1:
                result *= claims
            aid[scenario.key] = result
            timings["compute"] += time.perf_counter() - start
            del sim
    finally:
        if bar is not None:
            bar.close()
    return BudgetRun(
        population,
        list(months),
        list(scenarios),
        aid,
        take_up,
        seed,
        claims,
        timings,
        entitled_households,
        entitled_cost,
    )
