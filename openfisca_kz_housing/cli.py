"""The ``kz-housing`` command line. Sub-commands live in ``openfisca_kz_housing/commands/``.

Every refusal is one line on standard error, ``kz-housing COMMAND: error: REASON``, and exit code 2:
argparse's own errors (bad option, bad type) and each command's refusals alike (``refuse``). The
top-level guard in ``main`` turns the known kinds of bad input that reach it (a period OpenFisca cannot
represent, a refused population, reform or date) into the same line. Anything else is a bug: it is
reported as one "internal error" line with exit code 1 and a hint; ``KZ_HOUSING_DEBUG=1`` shows the
traceback (see docs/budget.md).
"""

import argparse
import importlib
import os
import pkgutil
import sys

from openfisca_kz_housing import commands

EXIT_REFUSED = 2
EXIT_INTERNAL = 1
DEBUG_VARIABLE = "KZ_HOUSING_DEBUG"
# Libraries of the [budget] extra (pyproject.toml): only ``kz-housing budget`` needs them.
BUDGET_EXTRA = ("pyarrow", "openpyxl", "matplotlib", "tqdm")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is the same single line as any other refusal."""

    def error(self, message):
        self.exit(EXIT_REFUSED, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def refuse(command: str, message: str) -> int:
    """Print the one-line refusal of ``kz-housing COMMAND`` and return exit code 2."""
    text = " ".join(str(message).split()) if "\n" not in str(message).strip() else str(message).strip()
    print(f"kz-housing {command}: error: {text}", file=sys.stderr)
    return EXIT_REFUSED


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kz-housing",
        description="Kazakhstan housing law as code (Altai district housing aid, decision 56/2-VI).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        module.register(subparsers)
    return parser


def _input_errors() -> tuple:
    """Exception types that mean "the input was refused", never a bug of ours."""
    from openfisca_core.periods import PeriodError  # a month OpenFisca cannot represent (e.g. year 0)

    from openfisca_kz_housing.deadlines import DeadlineError
    from openfisca_kz_housing.reforms import ReformError

    try:  # the population package reads files with pyarrow, of the [budget] extra
        from openfisca_kz_housing.population import PopulationError
    except ModuleNotFoundError:
        return (PeriodError, ReformError, DeadlineError)
    return (PeriodError, PopulationError, ReformError, DeadlineError)


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # a usage error: its one line, then SystemExit(2), as argparse does
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_REFUSED
    command = args.command
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        print(f"kz-housing {command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (e.g. piped into head): nothing more to say
        sys.stderr.close()
        return 0
    except MemoryError:
        return _internal(command, "out of memory: try fewer months, households or reforms at once", show=False)
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in BUDGET_EXTRA:
            return _internal(command, f"{type(error).__name__}: {error}")
        return refuse(command, f"needs the budget extra ({error.name} is not installed). Install it with: "
                               "pip install 'openfisca-kz-housing[budget]' (or, in a checkout: make install)")
    except Exception as error:  # noqa: BLE001 - sorted below: known input errors, else a bug
        if isinstance(error, _input_errors()):
            return refuse(command, (str(error) or type(error).__name__) + _hint(error))
        return _internal(command, f"{type(error).__name__}: {error}")


def _hint(error) -> str:
    """The command line's hint for a reform error (``commands.diff.cli_hint``); nothing for the others."""
    from openfisca_kz_housing.reforms import ReformError

    if not isinstance(error, ReformError):
        return ""
    from openfisca_kz_housing.commands.diff import cli_hint

    return cli_hint(error)


def _internal(command: str, message: str, show: bool = True) -> int:
    """A bug (not the user's input): one line with a hint, or the traceback under KZ_HOUSING_DEBUG=1."""
    if os.environ.get(DEBUG_VARIABLE) and show:
        raise
    first = " ".join(str(message).split())[:300]
    hint = ""
    if show:
        hint = f" (this is a bug: please report it with the command line; {DEBUG_VARIABLE}=1 shows the traceback)"
    print(f"kz-housing {command}: internal error: {first}{hint}", file=sys.stderr)
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
