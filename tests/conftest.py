"""Shared fixtures: one tax-benefit system for the whole test session (it takes a second to build)."""

import pytest

from openfisca_kz_housing.examples import tax_benefit_system


@pytest.fixture(scope="session")
def tbs():
    return tax_benefit_system()


def pytest_terminal_summary(terminalreporter):
    """Cases a test module selects out at collection time (its ``LEFT_OUT``: id -> reason) are listed
    at the end of every run: nothing is left out, or skipped, without its reason printed."""
    import re
    import sys

    for name, module in sorted(sys.modules.items()):
        left_out = getattr(module, "LEFT_OUT", None)
        if name.rsplit(".", 1)[-1].startswith("test_") and isinstance(left_out, dict) and left_out:
            by_file: dict = {}
            for case_id, reason in left_out.items():
                by_file.setdefault(case_id.split("::")[0], []).append(reason)
            terminalreporter.write_sep("-", f"{name}: {len(left_out)} cases not collected, with their reasons")
            for file, reasons in by_file.items():
                # "reason: [names]" -> one line per file: the reasons, and the names they list
                heads = sorted({reason.split(": [")[0] for reason in reasons})
                names = sorted({name for reason in reasons for name in re.findall(r"'(\w+)'", reason)})
                line = f"{file}: {len(reasons)} cases: {'; '.join(heads)}" + (f" ({', '.join(names)})" if names else "")
                terminalreporter.write_line(line)
