"""``kz-housing timeline``: one household's housing aid month by month, with the act in force."""

from openfisca_kz_housing import examples, revisions


def register(subparsers):
    parser = subparsers.add_parser(
        "timeline",
        help="Print an example household's housing aid month by month with the act in force",
        description=(
            "Computes the example household of the README for every month from --from to --to and "
            "prints its income base, expense limit, accepted expenses, aid and the act whose text "
            "governs the month (a month is judged by the rules in force on its first day)."
        ),
    )
    parser.add_argument("--from", dest="start", default="2019-01", help="first month, YYYY-MM (default 2019-01)")
    parser.add_argument("--to", dest="stop", default="2024-12", help="last month, YYYY-MM (default 2024-12)")
    parser.set_defaults(func=run)


def run(args):
    from openfisca_kz_housing.cli import refuse
    from openfisca_kz_housing.commands.budget import check_months

    try:
        months = check_months(args.start, args.stop)  # the same months as the budget (1994-01 to 2100-12)
    except ValueError as error:
        return refuse("timeline", str(error))
    rows = examples.example_timeline(months)
    print("Example household (README): 2 persons, 54 m2 two-room flat, owner; incomes and bills constant.")
    print(f"{'month':7}  {'in force':8}  {'act':9}  {'income base':>11}  {'limit':>9}  {'accepted':>9}  {'aid':>9}")
    for row in rows:
        act = row["act"] or "-"
        print(
            f"{row['month']:7}  {('yes' if row['in_force'] else 'no'):8}  {act:9}  "
            f"{row['income_base']:11,.0f}  {row['limit']:9,.0f}  {row['accepted']:9,.0f}  {row['aid']:9,.2f}"
        )
    instrument = revisions.instrument()
    print()
    print("Acts (in-force date and its basis):")
    for act in instrument.acts:
        print(f"  {act.id:9}  {act.kind:9}  adopted {act.adopted}  in force {act.in_force}  ({act.in_force_basis})")
    return 0
