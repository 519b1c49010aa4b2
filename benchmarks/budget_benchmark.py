"""Benchmark of the budget simulation against a hand-written numpy implementation of the same rules.

    .venv/bin/python benchmarks/budget_benchmark.py [--cases district,million] [--repeat 3]

Cases (issue 6):
  district  the bundled SYNTHETIC Altai district (22,671 households, 66,374 persons), 60 months
            (2020-01 to 2024-12), the law as it was plus one parametric reform: the project's
            ``lower_income_share`` (income share 8 % from 2023-01-01 to the repeal);
  million   1,000,000 SYNTHETIC households (about 2.9 million persons, values constant over the
            months), 12 months (2023), the law as it was. Generated once (seeded) into a temporary
            folder, not timed.
Each (case, implementation) runs in its own subprocess, so that its peak memory is its own. End to end
= load (the same loader for both) + build (OpenFisca only: entities and set_input) + compute. Building
the tax-benefit system and applying the reform are reported apart ("system"): both implementations
need the (reformed) parameters. The parent checks that both agree to the tenge on every household and
month, and on the float64 totals.

Memory columns: "max RSS" is the process's peak resident memory (ru_maxrss, imports included, about
80 MB); "traced" is the peak of Python and numpy allocations (tracemalloc, run in a separate subprocess
so that tracing does not slow the timed run); Arrow buffers are outside both "traced" figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START = time.perf_counter()
HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent.parent))  # tests.support: the numpy yardstick, outside the package
MILLION_DIR = Path(tempfile.gettempdir()) / "openfisca_kz_housing_bench_1m_v1"
CASES = {
    "district": {"months": ("2020-01", "2024-12"), "reform": True},
    "million": {"months": ("2023-01", "2023-12"), "reform": False},
}


def peak_rss_mb() -> float:
    """Peak resident memory of this process: VmHWM (Linux; reset at exec, unlike ru_maxrss which a
    child inherits from a larger parent), else ru_maxrss."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(case: str, implementation: str, out: str, trace: bool) -> None:
    if trace:
        import tracemalloc

        tracemalloc.start()
    import numpy as np

    from openfisca_kz_housing.budget import scenarios, simulation
    from openfisca_kz_housing.examples import month_range, tax_benefit_system
    from openfisca_kz_housing.population import bundled_population_dir, load_population
    from tests.support import reference

    imported = time.perf_counter()
    rss_import = peak_rss_mb()
    spec = CASES[case]
    months = month_range(*spec["months"])
    t = time.perf_counter()
    systems = [("baseline", tax_benefit_system())]
    if spec["reform"]:
        from openfisca_kz_housing.reforms import load_reform  # income share 8 % from 2023-01-01

        systems.append(("lower_income_share", load_reform("lower_income_share").apply(tax_benefit_system())))
    system_time = time.perf_counter() - t

    t = time.perf_counter()
    population = load_population(bundled_population_dir() if case == "district" else MILLION_DIR)
    load_time = time.perf_counter() - t
    build_time = compute_time = 0.0
    results = {}
    if implementation == "openfisca":
        frame = None
        for name, system in systems:
            t = time.perf_counter()
            frame = frame or simulation.frame_of(population, system)
            sim = simulation.build_simulation(system, population, months, frame)
            build_time += time.perf_counter() - t
            t = time.perf_counter()
            results[name] = simulation.compute(sim, months)
            compute_time += time.perf_counter() - t
            del sim
    else:
        for name, system in systems:
            t = time.perf_counter()
            results[name] = reference.housing_aid_numpy(system, population, months)
            compute_time += time.perf_counter() - t
    report = {
        "case": case,
        "implementation": implementation,
        "households": population.household_count,
        "persons": population.person_count,
        "months": len(months),
        "scenarios": len(systems),
        "import_s": imported - START,
        "system_s": system_time,
        "load_s": load_time,
        "build_s": build_time,
        "compute_s": compute_time,
        "end_to_end_s": load_time + build_time + compute_time,
        "max_rss_mb": peak_rss_mb(),
        "rss_after_import_mb": rss_import,
    }
    if trace:
        import tracemalloc

        report["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    else:
        np.savez(out, **results)
    del scenarios
    print(json.dumps(report))


def run_child(case, implementation, trace=False) -> dict:
    out = Path(tempfile.gettempdir()) / f"kz_housing_bench_{os.getpid()}_{case}_{implementation}.npz"
    command = [sys.executable, str(HERE), "--child", case, implementation, str(out)] + (["--trace"] if trace else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"benchmark child failed ({case}, {implementation}):\n{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["result_file"] = str(out)
    return report


def ensure_million() -> None:
    meta = MILLION_DIR / "population.json"
    if meta.exists():
        return
    print(f"generating 1,000,000 SYNTHETIC households into {MILLION_DIR} (once, not timed)...", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "openfisca_kz_housing.population.synthetic",
            "--out",
            str(MILLION_DIR),
            "--households",
            "1000000",
            "--constant",
        ],
        check=True,
    )


def agree(a_file: str, b_file: str) -> tuple[float, float]:
    """Largest difference per household-month and of the float64 total, over every scenario."""
    import numpy as np

    a, b = np.load(a_file), np.load(b_file)
    worst = total = 0.0
    for name in a.files:
        worst = max(worst, float(np.abs(a[name].astype(np.float64) - b[name]).max()))
        total = max(total, abs(float(a[name].sum(dtype=np.float64)) - float(b[name].sum(dtype=np.float64))))
    return worst, total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="district,million")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per case and implementation (best kept)")
    parser.add_argument("--child", nargs=3, metavar=("CASE", "IMPLEMENTATION", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child, trace=args.trace)
        return 0

    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    if "million" in cases:
        ensure_million()
    failed = False
    print(
        f"budget benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
        f"best of {args.repeat}"
    )
    header = (
        f"{'case':9} {'impl':9} {'load':>6} {'build':>6} {'compute':>8} {'end-to-end':>10} {'ratio':>6} "
        f"{'max RSS':>8} {'traced':>7}  system/import"
    )
    print(header)
    summary = {}
    for case in cases:
        best = {}
        for implementation in ("numpy", "openfisca"):
            runs = [run_child(case, implementation) for _ in range(args.repeat)]
            report = min(runs, key=lambda r: r["end_to_end_s"])
            report["max_rss_mb"] = max(r["max_rss_mb"] for r in runs)
            report["traced_peak_mb"] = run_child(case, implementation, trace=True)["traced_peak_mb"]
            best[implementation] = report
        worst, total = agree(best["openfisca"]["result_file"], best["numpy"]["result_file"])
        ratio = best["openfisca"]["end_to_end_s"] / best["numpy"]["end_to_end_s"]
        for implementation in ("numpy", "openfisca"):
            r = best[implementation]
            shown_ratio = f"{ratio:6.2f}" if implementation == "openfisca" else f"{1:6.2f}"
            print(
                f"{case:9} {implementation:9} {r['load_s']:6.3f} {r['build_s']:6.3f} {r['compute_s']:8.3f} "
                f"{r['end_to_end_s']:10.3f} {shown_ratio} {r['max_rss_mb']:7.0f}M {r['traced_peak_mb']:6.0f}M  "
                f"{r['system_s']:.2f}/{r['import_s']:.2f} s"
            )
        o = best["openfisca"]
        print(
            f"  {case}: {o['households']:,} households, {o['persons']:,} persons, {o['months']} months, "
            f"{o['scenarios']} scenario(s); OpenFisca vs numpy: largest difference {worst:.4f} tenge per "
            f"household-month, {total:.4f} tenge on the total"
        )
        if worst >= 1 or total >= 1:
            print(f"  DISAGREEMENT in {case}: the two implementations differ by a tenge or more")
            failed = True
        summary[case] = {
            "ratio": ratio,
            **{f"{k}_{i}": v for i in best for k, v in best[i].items() if k.endswith(("_s", "_mb"))},
        }
        for implementation in best:
            Path(best[implementation]["result_file"]).unlink(missing_ok=True)
    targets = []

    def status(ok: bool) -> str:
        return "met" if ok else "NOT met"

    if "district" in summary:
        e2e = summary["district"]["end_to_end_s_openfisca"]
        targets.append(
            f"district 60 months + reform end to end {e2e:.2f} s (issue 6: < 2 s: {status(e2e < 2)}; "
            f"issue 11: < 0.5 s: {status(e2e < 0.5)})"
        )
    if "million" in summary:
        ratio = summary["million"]["ratio"]
        rss = summary["million"]["max_rss_mb_openfisca"]
        targets.append(
            f"1M x 12 ratio {ratio:.2f} (issue 6: <= 1.5: {status(ratio <= 1.5)}; "
            f"issue 11: <= 1.3: {status(ratio <= 1.3)})"
        )
        targets.append(f"1M x 12 max RSS {rss:.0f} MB over the runs (target < 400 MB): {status(rss < 400)}")
    for line in targets:
        print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
