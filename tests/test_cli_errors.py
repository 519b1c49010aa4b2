"""The command line never shows a traceback (issue 10, §5): every refusal is one line and exit code 2.

Run as a user runs it: the installed ``kz-housing`` script in a subprocess, so that what is checked is
exactly what reaches the terminal (standard error, exit code).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

KZ_HOUSING = Path(sys.executable).parent / "kz-housing"
HOUSEHOLDS = (
    "household_id,dwelling_area,dwelling_rooms,dwelling_kind,tenure,utility_expense\n"
    "h1,54,2,apartment,owner,9000\n"
)
PERSONS = "person_id,household_id,salary\na,h1,60000\n"


def kz_housing(*arguments, cwd=None):
    return subprocess.run(
        [str(KZ_HOUSING), *arguments], capture_output=True, text=True, timeout=120, cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd or "/tmp"), "MPLBACKEND": "Agg"},
    )


@pytest.fixture
def district(tmp_path):
    folder = tmp_path / "district"
    folder.mkdir()
    (folder / "households.csv").write_text(HOUSEHOLDS, encoding="utf-8")
    (folder / "persons.csv").write_text(PERSONS, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "arguments, reason",
    [
        # a month OpenFisca cannot hold (year 1): PeriodError before this issue
        (["budget", "--from", "0001-01", "--to", "0001-02"], "months from 1994-01 to 2100-12"),
        (["budget", "--seed", "-1"], "is not a seed"),  # numpy's ValueError before
        (["budget", "--take-up", "nan"], "between 0 and 1"),
        (["budget", "--take-up", "0.5x"], "invalid float value"),
        (["budget", "--lang", "fr"], "invalid choice"),
        (["timeline", "--from", "0001-01", "--to", "0001-02"], "months from 1994-01 to 2100-12"),
        (["timeline", "--from", "9999-01", "--to", "9999-12"], "months from 1994-01 to 2100-12"),
    ],
)
def test_refusals_are_one_line_and_exit_2(district, tmp_path, arguments, reason):
    """Bad options of any command: one line on standard error, exit code 2, no traceback."""
    extra = ["--population", str(district), "--out", str(tmp_path / "out")] if arguments[0] == "budget" else []
    done = kz_housing(*arguments, *extra, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"kz-housing {arguments[0]}: error: ") and reason in lines[0]
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_implausible_population_values_are_refused_by_cell(district, tmp_path):
    """A bill of 1e39 tenge (inf in float32) is refused like any bad cell: file, row, column, reason."""
    (district / "households.csv").write_text(HOUSEHOLDS.replace(",9000", ",1e39"), encoding="utf-8")
    done = kz_housing("budget", "--population", str(district), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 2
    assert "households.csv, row 1 (line 2), column 'utility_expense': 1e+39 is not plausible" in done.stderr
    assert "Traceback" not in done.stderr and "inf" not in done.stderr.replace("info", "")


def test_an_unwritable_output_is_one_line(district, tmp_path):
    """--out naming a file: the results cannot be written; one line, exit 2, nothing half-written."""
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder", encoding="utf-8")
    done = kz_housing("budget", "--population", str(district), "--from", "2021-02", "--to", "2021-02",
                      "--out", str(blocker / "out"), "--no-progress", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "cannot write the results" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_an_internal_error_is_one_line_with_a_hint(monkeypatch, capsys):
    """A bug (not bad input) says "internal error" with a hint and exit code 1; KZ_HOUSING_DEBUG shows it."""
    from openfisca_kz_housing import cli
    from openfisca_kz_housing.commands import timeline

    def broken(months):
        raise KeyError("a bug")

    monkeypatch.setattr(timeline.examples, "example_timeline", broken)
    assert cli.main(["timeline", "--from", "2021-01", "--to", "2021-01"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("kz-housing timeline: internal error: KeyError") and "KZ_HOUSING_DEBUG=1" in error
    assert "Traceback" not in error
    monkeypatch.setenv("KZ_HOUSING_DEBUG", "1")
    with pytest.raises(KeyError):
        cli.main(["timeline", "--from", "2021-01", "--to", "2021-01"])
