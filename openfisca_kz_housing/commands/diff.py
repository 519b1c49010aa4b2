"""``kz-housing diff``: which parameters changed between two dates, or under a reform, and by which act."""

from __future__ import annotations

import json

from openfisca_kz_housing.reforms import ReformError, code_reform_names
from openfisca_kz_housing.reforms import diff as differ


def register(subparsers):
    parser = subparsers.add_parser(
        "diff",
        help="List the parameters whose value differs between two dates, or between a reform and the law",
        description=(
            "With two dates (YYYY-MM-DD or YYYY-MM): every parameter whose value in force differs between "
            "them, old and new, with the dated values and acts that made the change. With --reform: every "
            "parameter (and formula) the reform changes, on DATE if given, else over the whole timeline. "
            f"Code reforms: {', '.join(code_reform_names())}; or a .yaml/.yml/.json data reform file."
        ),
    )
    parser.add_argument("dates", nargs="*", metavar="DATE", help="two dates; with --reform, at most one")
    parser.add_argument("--reform", action="append", default=[], metavar="FILE|NAME",
                        help="data reform file or code reform (repeat to stack several, applied in order)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--lang", choices=differ.LANGUAGES, default="en", help="language of the labels")
    parser.add_argument("--list", action="store_true", help="list every parameter path a data reform may name")
    parser.set_defaults(func=run)


def run(args) -> int:
    try:
        if args.list:
            return _list(args)
        if args.reform:
            if len(args.dates) > 1:
                raise ReformError("with --reform give one date (values on that day) or none (whole timeline)", "DATE")
            result = differ.diff_reform(args.reform, args.dates[0] if args.dates else None, lang=args.lang)
            print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else format_reform(result))
        else:
            if len(args.dates) != 2:
                raise ReformError("give two dates, e.g. kz-housing diff 2021-06-01 2023-01-01", "DATE")
            result = differ.diff_dates(args.dates[0], args.dates[1], lang=args.lang)
            print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else format_dates(result))
    except ReformError as error:
        from openfisca_kz_housing.cli import refuse

        return refuse("diff", f"{error}{cli_hint(error)}")
    return 0


def cli_hint(error: ReformError) -> str:
    """The command line's own hint for a reform error (the reforms package names no interface)."""
    if error.reason == "needs_code_reform":
        code = error.details["reform"]
        return f" (e.g. --reform {code} --reform <this file>)"
    if error.reason == "unknown_parameter" and not error.details.get("suggestions"):
        return " Run `kz-housing diff --list` to see every parameter path."
    return ""


def _list(args) -> int:
    from openfisca_kz_housing import tax_benefit_system
    from openfisca_kz_housing.reforms import apply_reforms, tree

    system = apply_reforms(tax_benefit_system(), args.reform)[0] if args.reform else tax_benefit_system()
    for path, parameter in sorted(tree.leaves(system.parameters).items()):
        described = differ.describe_parameter(path, parameter, args.lang)
        print(f"{path}  [{described['unit'] or '-'}]  {described['label'] or ''}")
    return 0


def _value(value, unit) -> str:
    if value is None:
        return "no value (not in force)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if unit == "/1":
        return f"{value:g} ({value * 100:g} %)" if 0 <= value <= 1 else f"{value:g}"
    if isinstance(value, (int, float)):
        return f"{value:,.2f}".rstrip("0").rstrip(".") + (
            f" {unit}" if unit and unit != "currency-KZT" else " tenge" if unit else ""
        )
    return str(value)


def format_dates(result: dict) -> str:
    lines = [f"Parameters whose value in force differs between {result['from']} and {result['to']}:"]
    if not result["parameters"]:
        lines.append("  (none)")
    for item in result["parameters"]:
        unit = item["unit"]
        lines.append("")
        lines.append(f"{item['parameter']}  ({item['label']})")
        lines.append(f"  {result['from']}: {_value(item['old'], unit)}   [{item['old_act'] or 'no act'}]")
        lines.append(f"  {result['to']}: {_value(item['new'], unit)}   [{item['new_act'] or 'no act'}]")
        lines.append("  changed by:")
        for step in item["changed_by"]:
            basis = f", in force {step['in_force_basis']}" if step.get("in_force_basis") else ""
            lines.append(f"    {step['date']}  {_value(step['value'], unit)}  act {step['act'] or '?'}{basis}")
    if result["acts"]:
        lines.append("")
        lines.append("Acts of the revision registry taking effect in between:")
        for act in result["acts"]:
            lines.append(f"  {act['in_force']}  {act['id']} ({act['kind']}, {act['in_force_basis']}): {act['changes']}")
    return "\n".join(lines)


def format_reform(result: dict) -> str:
    lines = []
    for reform in result["reforms"]:
        lines.append(f"Reform: {reform['name']}  ({reform['kind']}: {reform['source']})")
        lines.append(f"  {reform['description']}")
    when = f"on {result['date']}" if result["date"] else "over the whole timeline"
    lines.append("")
    lines.append(f"Parameters that differ from the law {when}:")
    if not result["parameters"]:
        lines.append("  (none)")
    for item in result["parameters"]:
        unit = item["unit"]
        added = "  [added by the reform]" if item["added_by_reform"] else ""
        lines.append(f"  {item['parameter']}  ({item['label']}){added}")
        if "periods" in item:
            for period in item["periods"]:
                stop = period["stop"] or "(open)"
                lines.append(
                    f"    {period['start']} to {stop}: law {_value(period['baseline'], unit)} "
                    f"[{period['baseline_act'] or 'no act'}] -> reform {_value(period['reform'], unit)}"
                )
        else:
            lines.append(
                f"    law {_value(item['baseline'], unit)} [{item['baseline_act'] or 'no act'}] -> "
                f"reform {_value(item['reform'], unit)} [{item['reform_act'] or 'no act'}]"
            )
    if result["variables"]:
        lines.append("")
        lines.append("Formulas changed by the reform:")
        for variable in result["variables"]:
            lines.append(f"  {variable['variable']}: {variable['change']} ({variable['label']})")
    return "\n".join(lines)
