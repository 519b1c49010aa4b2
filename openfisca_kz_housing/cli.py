"""The ``kz-housing`` command line. Sub-commands live in ``openfisca_kz_housing/commands/``."""

import argparse
import importlib
import pkgutil
import sys

from openfisca_kz_housing import commands

# Libraries of the [budget] extra (pyproject.toml): only ``kz-housing budget`` needs them.
BUDGET_EXTRA = ("pyarrow", "openpyxl", "matplotlib", "tqdm")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kz-housing",
        description="Kazakhstan housing law as code (Altai district housing aid, decision 56/2-VI).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        module.register(subparsers)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args) or 0
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in BUDGET_EXTRA:
            raise
        print(
            f"kz-housing {args.command}: needs the budget extra ({error.name} is not installed). "
            "Install it with: pip install 'openfisca-kz-housing[budget]' (or, in a checkout: make install)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
