"""Take-up is drawn per household from its id and the seed (issue 10, §6).

Before, the draw reused the synthetic generator's own seed and stream, so it repeated the household-size
draw: at --take-up 0.8 households of 1-3 persons all claimed and none of 5 or more did, and the 2023
cost was 0.63 of the full cost. Now the cost ratio is close to the rate in every household size, and the
draw does not depend on row order or file format.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from openfisca_kz_housing.budget import scenarios, take_up
from openfisca_kz_housing.budget.run import run_budget
from openfisca_kz_housing.examples import month_range, tax_benefit_system
from openfisca_kz_housing.population import bundled_population_dir, load_population


@pytest.fixture(scope="module")
def full_2023():
    """The bundled SYNTHETIC district in 2023 with every entitled household claiming."""
    population = load_population(bundled_population_dir())
    run = run_budget(population, month_range("2023-01", "2023-12"), scenarios.scenarios(tax_benefit_system()))
    return population, run.aid["baseline"].sum(axis=0, dtype=np.float64)


@pytest.mark.parametrize("seed", [take_up.DEFAULT_SEED, 1, 2**64 - 1])
def test_cost_ratio_is_the_take_up_rate_in_every_household_size(full_2023, seed):
    population, aid = full_2023
    claims = take_up.claimants(population.household_ids, 0.8, seed)
    size = np.minimum(population.household_size, 5)
    assert aid[claims].sum() / aid.sum() == pytest.approx(0.8, abs=0.03)
    for k in range(1, 6):  # 1, 2, 3, 4, 5+
        mine = size == k
        assert aid[mine].sum() > 0
        assert aid[claims & mine].sum() / aid[mine].sum() == pytest.approx(0.8, abs=0.07), f"size {k}"
        assert claims[mine].mean() == pytest.approx(0.8, abs=0.03), f"size {k}"


def test_the_draw_follows_the_id_not_the_row_nor_the_format():
    ids = np.arange(1, 5001)
    claims = take_up.claimants(ids, 0.3, seed=5)
    order = np.random.default_rng(0).permutation(len(ids))
    assert (take_up.claimants(ids[order], 0.3, seed=5) == claims[order]).all()  # rows shuffled
    as_text = pa.array([str(i) for i in ids])
    assert (take_up.claimants(as_text, 0.3, seed=5) == claims).all()  # "17" in a CSV, 17 in Parquet
    assert (take_up.claimants(ids, 0.3, seed=6) != claims).any()  # the seed matters
    assert 0.27 < claims.mean() < 0.33
    assert take_up.claimants(ids[:10], 1.0).all() and not take_up.claimants(ids[:10], 0.0).any()


@pytest.mark.parametrize("seed", [-1, 2**64, 1.5, "7", True])
def test_bad_seeds_and_rates_are_refused(seed):
    with pytest.raises(ValueError, match="seed"):
        take_up.claimants([1, 2], 0.5, seed)
    for rate in (-0.1, 1.5, float("nan"), "x"):
        with pytest.raises(ValueError, match="between 0 and 1"):
            take_up.claimants([1, 2], rate, 1)


def test_the_run_says_which_seed_it_used(tmp_path, capsys):
    from openfisca_kz_housing import cli

    out = tmp_path / "out"
    code = cli.main(["budget", "--from", "2023-01", "--to", "2023-01", "--take-up", "0.8", "--seed", "42",
                     "--out", str(out), "--no-progress", "--household-table", "no"])
    assert code == 0
    assert "Take-up 0.8: seed 42" in capsys.readouterr().out
