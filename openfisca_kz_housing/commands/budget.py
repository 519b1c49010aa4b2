"""``kz-housing budget``: cost housing aid for a whole population, month by month, with reforms."""

from __future__ import annotations

import argparse
import sys
import time

DESCRIPTION = """\
Computes the housing aid of every household of a population for every month from --from to --to,
under the law as it was (decision 56/2-VI of the Altai district maslikhat and its revisions, each
month judged by the act in force on its first day) and under any reforms given with --reform.
Prints the cost per year and writes tables (CSV and one Excel workbook) and charts (PNG) to --out.

Without --population it uses the bundled SYNTHETIC Altai district (about 66,000 invented
inhabitants): its figures exercise the rules, they are no estimate of the real budget.

A population is a folder holding two tables, as CSV (UTF-8, comma or semicolon) or Parquet:
  households.csv   household_id, dwelling_area, dwelling_rooms, dwelling_kind, tenure, and the
                   monthly bills maintenance_expense, heating_expense, rent_expense,
                   utility_expense, telephone_fee_increase (tenge); optional owns_other_dwelling,
                   resident_in_district, weight, month
  persons.csv      person_id, household_id (the person's household), role, and the monthly incomes
                   salary, pension, social_benefits, other_income (tenge); optional month
Values hold for every month unless a 'month' column (YYYY-MM) gives rows that apply from that
month on. A file with a mistake is refused with the file, row, column and reason (exit code 2).
See docs/budget.md for every column."""

EPILOG = """\
examples:
  kz-housing budget
      the bundled SYNTHETIC district, January 2020 to December 2024, results in out/budget
  kz-housing budget --population my_district --from 2023-01 --to 2023-12 --out results
  kz-housing budget --reform examples/reforms/share_8pct_2023.yaml lower_income_share --take-up 0.8
      compare the law with two reforms (a reform file and a reform of the package, see
      docs/reforms.md); 80 % of entitled households claim

results: the run's whole set of files replaces the previous run's in --out at once (written aside first,
so a failure leaves the previous results); files of an earlier run that this run does not produce are
removed (listed in --out/.kz-housing-budget-files.json); other files in --out are never touched.

exit codes: 0 done; 2 the input was refused (population, months, reform, take-up or seed), with one line
(or one line per bad cell) on standard error; 1 an internal error (a bug; KZ_HOUSING_DEBUG=1 shows it)."""

# Months a run may cover: the tenge exists since November 1993 (the decision's items read the quarter
# before the first month); the law modelled runs 2019-2024, other months answer "not in force".
FIRST_MONTH, LAST_MONTH = "1994-01", "2100-12"
# The run keeps one float32 per household, month and scenario: refuse a run that would need more.
MAX_RESULT_BYTES = 4 * 2**30


def _seed(text: str) -> int:
    """argparse type of --seed: a whole number from 0 to 2**64-1."""
    from openfisca_kz_housing.budget.take_up import check_seed

    try:
        return check_seed(int(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a seed: write a whole number from 0 to 2**64-1") from None



def register(subparsers):
    parser = subparsers.add_parser(
        "budget",
        help="Cost housing aid for a whole population (tables, workbook and charts)",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--population",
        metavar="DIR",
        help="folder with the households and persons tables (default: the bundled SYNTHETIC Altai district)",
    )
    parser.add_argument(
        "--from", dest="start", default="2020-01", metavar="YYYY-MM", help="first month (default 2020-01)"
    )
    parser.add_argument("--to", dest="stop", default="2024-12", metavar="YYYY-MM", help="last month (default 2024-12)")
    parser.add_argument(
        "--reform",
        dest="reforms",
        action="extend",
        nargs="+",
        default=[],
        metavar="FILE_OR_NAME",
        help="a reform to compare with the law: a .yaml/.json reform file or the dotted name of a code reform; "
        "several may be given",
    )
    parser.add_argument(
        "--take-up",
        type=float,
        default=1.0,
        metavar="SHARE",
        help="share of entitled households that claim, 0 to 1 (default 1: everyone entitled claims)",
    )
    parser.add_argument(
        "--seed",
        type=_seed,
        default=None,
        help="seed of the take-up draw, 0 to 2**64-1 (default 20191120); each household's draw comes from its "
        "household_id and the seed, whatever the row order",
    )
    parser.add_argument(
        "--out", default="out/budget", metavar="DIR", help="folder for the results (default out/budget)"
    )
    parser.add_argument(
        "--household-table",
        choices=("auto", "yes", "no"),
        default="auto",
        help="write one row per household (auto: only below 200,000 households)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument(
        "--lang",
        choices=("en", "kk", "ru"),
        default="en",
        help="language of the workbook's headers and of the charts: en (default), kk or ru",
    )
    parser.set_defaults(func=run)


def fail(message: str) -> int:
    from openfisca_kz_housing.cli import refuse

    return refuse("budget", message)


def check_months(start: str, stop: str) -> list[str]:
    """Every month from ``start`` to ``stop``; ValueError naming the fix for a bad or implausible month."""
    from openfisca_kz_housing.dates import month_range, parse_month

    for name, text in (("--from", start), ("--to", stop)):
        parse_month(text, name, first_year=0, last_year=9999)  # the form; the years allowed just below
        if not FIRST_MONTH <= text <= LAST_MONTH:
            raise ValueError(
                f"{name} {text}: months from {FIRST_MONTH} to {LAST_MONTH} only (the tenge exists since 1993)"
            )
    return month_range(start, stop)


def run(args) -> int:
    from openfisca_kz_housing import tax_benefit_system
    from openfisca_kz_housing.budget import results, scenarios
    from openfisca_kz_housing.budget.export import export
    from openfisca_kz_housing.budget.run import DEFAULT_SEED, run_budget
    from openfisca_kz_housing.commands.diff import cli_hint
    from openfisca_kz_housing.population import PopulationError, bundled_population_dir, load_population
    from openfisca_kz_housing.reforms import ReformError

    try:
        months = check_months(args.start, args.stop)
    except ValueError as error:  # names the bad month, or the swapped bounds, and the fix
        return fail(str(error))
    if not 0 <= args.take_up <= 1:
        return fail(f"--take-up must be between 0 and 1 (a share of entitled households); got {args.take_up}")
    seed = DEFAULT_SEED if args.seed is None else args.seed
    started = time.perf_counter()
    try:
        population = load_population(args.population or bundled_population_dir())
    except PopulationError as error:
        return fail(str(error))
    loaded = time.perf_counter()
    try:
        chosen = scenarios.scenarios(tax_benefit_system(), args.reforms)
    except ReformError as error:
        return fail(f"--reform: {error}{cli_hint(error)}")
    needed = len(months) * len(chosen) * population.household_count * 4
    if needed > MAX_RESULT_BYTES:
        return fail(
            f"{len(months)} months x {len(chosen)} scenario(s) x {population.household_count:,} households would need "
            f"{needed / 2**30:.1f} GiB of results (at most {MAX_RESULT_BYTES / 2**30:.0f}): run fewer months at once"
        )
    progress = not args.no_progress and sys.stderr.isatty()
    budget = run_budget(population, months, chosen, take_up=args.take_up, seed=seed, progress=progress)
    household_rows = {"yes": True, "no": False}.get(args.household_table, population.household_count < 200_000)
    tables = results.all_tables(budget, households=household_rows)
    print(results.headline(budget, tables))
    try:
        written = export(budget, tables, args.out, lang=args.lang)
    except OSError as error:
        return fail(f"cannot write the results to {args.out}: {error} (is a file open in another program?)")
    print()
    print(
        f"Load {loaded - started:.2f} s, build {budget.timings['build']:.2f} s, "
        f"compute {budget.timings['compute']:.2f} s "
        f"({len(months)} months x {len(chosen)} scenario(s) x {population.household_count:,} households)."
    )
    if budget.take_up < 1:
        print(
            f"Take-up {budget.take_up:g}: seed {budget.seed} "
            f"(each household's draw from its household_id and the seed; "
            f"{budget.claims.mean():.1%} of households claim)."
        )
    else:
        print(f"Take-up 1: every entitled household claims (seed {budget.seed}, unused).")
    for note in population.notes:
        print(f"note: {note}")
    print(f"Written to {args.out}: " + ", ".join(path.name for path in written))
    return 0
