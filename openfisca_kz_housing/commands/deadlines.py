"""``kz-housing deadlines``: procedure deadlines from an application date (housing aid, housing queue)."""

import json
import sys

from openfisca_kz_housing import deadlines


def register(subparsers):
    parser = subparsers.add_parser(
        "deadlines",
        help="Deadlines of a housing-aid or housing-queue application filed on a date",
        description=(
            "Housing aid (Altai decision 56/2-VI, Annex 1): whether the file is accepted for the current "
            "quarter (item 11, until the 25th of its last month, the 25th included), the months of aid "
            "(item 10: a first application from its month; a repeat one its whole quarter, an interpretation), "
            "the decision's due date (item 9, 8 working days, Kazakhstan's holidays and day "
            "transfers counted) and when to apply again (item 6, once a quarter). Housing queue (Almaty "
            "resolution 2/516, item 10): the 30-calendar-day due date."
        ),
    )
    parser.add_argument(
        "--date", required=True, help="application date, YYYY-MM-DD (the day the complete file is received)"
    )
    parser.add_argument(
        "--procedure",
        choices=deadlines.PROCEDURES,
        default="housing_aid",
        help="housing_aid (default) or housing_queue",
    )
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--first", dest="first", action="store_true", default=True, help="a first application (default)")
    kind.add_argument("--repeat", dest="first", action="store_false", help="a repeat application (housing aid)")
    parser.add_argument(
        "--lang",
        choices=deadlines.LANGUAGES,
        default="en",
        help="language of the notes and of the basis of the first month: en (default), kk or ru (labels stay English)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(func=run)


def run(args):
    try:
        result = deadlines.deadlines(
            args.date, procedure=args.procedure, first_application=args.first, lang=args.lang
        )
    except deadlines.DeadlineError as error:
        print(f"kz-housing deadlines: error: --{error.field}: {error.message}", file=sys.stderr)
        return 2
    data = result.as_dict()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if args.procedure == "housing_aid":
        print_housing_aid(data)
    else:
        print_housing_queue(data)
    return 0


def _status(data, instrument):
    return f"in force (act {data['act']})" if data["in_force"] else f"NOT in force on this date ({instrument})"


def print_housing_aid(d):
    kind = "first" if d["first_application"] else "repeat"
    print(f"Housing aid, Altai district: {kind} application filed {d['application_date']}")
    print(f"  decision 56/2-VI:               {_status(d, 'figures show what its items would give')}")
    print(
        f"  quarter of application:         {d['quarter_of_application']} (intake until {d['intake_cutoff']}, item 11)"
    )
    print(
        f"  accepted for current quarter:   {'yes' if d['accepted_for_current_quarter'] else 'no'} -> "
        f"{d['quarter_applied_for']}"
    )
    print(f"  first month of aid:             {d['first_month_of_aid']}  ({d['first_month_basis']})")
    print(f"  last month of aid:              {d['last_month_of_aid']}  (item 6: the quarter applied for)")
    print(f"  decision due (8 working days):  {d['decision_due']}  (item 9)")
    if d["apply_again_from"] is None:
        print(
            f"  apply again:                    no: decision 56/2-VI is repealed from {d['repealed_from']} (estimate)"
        )
    else:
        print(
            f"  apply again:                    from {d['apply_again_from']} until {d['apply_again_until']}"
            "  (item 6, once a quarter)"
        )
    for note in d["notes"]:
        print(f"  note: {note}")


def print_housing_queue(d):
    print(f"Housing queue, Almaty: application filed {d['application_date']}")
    print(f"  resolution 2/516:               {_status(d, 'figures show what its items would give')}")
    print(f"  due date (30 calendar days):    {d['due_date']}  (item 10)")
    print(f"  answer at the service centre:   {d['answer_at_service_centre_by']}  (item 17: one day before the term)")
    if not d["due_date_is_working_day"]:
        print(f"  next working day (Civil Code):  {d['due_date_moved_to_working_day']}")
    for note in d["notes"]:
        print(f"  note: {note}")
