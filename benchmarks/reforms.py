"""Benchmark: computing housing aid for a population under each shipped reform, against the baseline
and against a hand-written numpy version of the 8 % reform (same process, same data).

    .venv/bin/python benchmarks/reforms.py [households]   # default 100,000 households x 12 months of 2023

Prints seconds and ratios; a script, not a timed test. Figures are noisy on a shared machine.
"""

import sys
import time

import numpy as np
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_kz_housing.examples import month_range, tax_benefit_system
from openfisca_kz_housing.reforms import CODE_REFORMS, load_reform

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
MONTHS = month_range("2023-01", "2023-12")
INCOME_MONTHS = month_range("2022-10", "2023-12")
rng = np.random.default_rng(4)
salary = rng.integers(20_000, 200_000, N).astype(np.float32)
area = rng.integers(18, 90, N).astype(np.float32)
rooms = np.clip((area // 20).astype(np.int32), 1, 4)
heating = (area * 250).astype(np.float32)
maintenance = (area * 60).astype(np.float32)
utility = rng.integers(3_000, 12_000, N).astype(np.float32)
tenure = rng.choice(np.array(["owner", "state_housing_tenant", "private_tenant"]), N, p=[0.8, 0.1, 0.1])
rent = np.where(tenure != "owner", 25_000, 0).astype(np.float32)


def simulate(system):
    builder = SimulationBuilder()
    builder.create_entities(system)
    ids = [f"p{i}" for i in range(N)]
    builder.declare_person_entity("person", ids)
    household_ids = np.array([f"h{i}" for i in range(N)])
    households = builder.declare_entity("household", household_ids)
    # The assignment must be household IDs: integer positions would be matched against the IDs sorted
    # as strings (h0, h1, h10, ...) and scramble who lives where.
    builder.join_with_persons(households, household_ids, ["applicant"] * N)
    simulation = builder.build(system)
    for month in INCOME_MONTHS:
        simulation.set_input("salary", month, salary)
    tenure_enum = system.variables["tenure"].possible_values
    encoded = np.select([tenure == "owner", tenure == "state_housing_tenant"],
                        [tenure_enum.owner.index, tenure_enum.state_housing_tenant.index],
                        tenure_enum.private_tenant.index)
    for month in MONTHS:
        for name, values in (("dwelling_area", area), ("dwelling_rooms", rooms), ("heating_expense", heating),
                             ("maintenance_expense", maintenance), ("utility_expense", utility),
                             ("rent_expense", rent)):
            simulation.set_input(name, month, values)
        simulation.set_input("tenure", month, tenure_enum.encode(encoded))
    start = time.perf_counter()
    total = sum(np.sum(simulation.calculate("housing_aid", month), dtype=np.float64) for month in MONTHS)
    return time.perf_counter() - start, total


def numpy_share_8():
    """The same rule, hand-written: one person, norm max(18, floor), share 8 % (no dates, no cache)."""
    start = time.perf_counter()
    total = 0.0
    for _ in MONTHS:
        floor = np.where(rooms == 1, area, 30)
        scale = np.minimum(1, np.maximum(18, floor) / area)
        accepted = (maintenance + heating + rent) * scale + utility
        eligible = tenure != "private_tenant"
        total += np.sum(np.where(eligible, np.maximum(0, accepted - 0.08 * salary), 0), dtype=np.float64)
    return time.perf_counter() - start, total


base_seconds, base_total = simulate(tax_benefit_system())
numpy_seconds, numpy_total = numpy_share_8()
print(f"{N:,} households x {len(MONTHS)} months (compute only, after building from arrays)")
print(f"{'scenario':28} {'seconds':>8} {'x baseline':>10} {'x numpy':>8} {'aid 2023 (mln tenge)':>21}")
print(
    f"{'numpy, share 8 %':28} {numpy_seconds:8.3f} {numpy_seconds / base_seconds:10.2f} {1:8.2f} "
    f"{numpy_total / 1e6:21.1f}"
)
print(
    f"{'baseline (law)':28} {base_seconds:8.3f} {1:10.2f} {base_seconds / numpy_seconds:8.2f} {base_total / 1e6:21.1f}"
)
for name in sorted(CODE_REFORMS):
    reform = load_reform(name)
    start = time.perf_counter()
    system = reform.apply(tax_benefit_system())
    applied = time.perf_counter() - start
    seconds, total = simulate(system)
    print(
        f"{name:28} {seconds:8.3f} {seconds / base_seconds:10.2f} {seconds / numpy_seconds:8.2f} {total / 1e6:21.1f}"
        f"   (apply {applied * 1000:.1f} ms)"
    )
