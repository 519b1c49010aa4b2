"""Replace a run's set of output files all at once, never leaving a half-set or stale files.

The new files are written into a temporary folder beside the target; only when every one is written
are they moved into place. The previous run's files (listed in the folder's manifest, written by this
tool) are moved aside first and deleted at the end, so that a file the new run does not produce (a
comparison table of an earlier run with a reform) does not linger. On any failure the new files are
taken out again and the previous ones put back: the folder is as it was. Files this tool did not write
are never touched: only names in the manifest (or, in a folder written before manifests existed,
names this tool produces) are moved.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable

MANIFEST = ".kz-housing-budget-files.json"


def _plain(name) -> bool:
    """A bare file name (no folder part, not hidden): the only names a manifest may make us move."""
    if not isinstance(name, str) or name in ("", ".", ".."):
        return False
    return name == Path(name).name and not name.startswith(".")


def previous_files(out: Path, legacy_names: Iterable[str] = ()) -> list[str]:
    """Names of the files of the previous run in ``out`` (from its manifest; else known names present)."""
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        listed = [name for name in legacy_names if (out / name).is_file()]
    known = set(legacy_names)  # a manifest may only name files this tool writes (an edited one cannot)
    return [name for name in listed if _plain(name) and (not known or name in known)]


def _staging(out: Path) -> Path:
    """A private temporary folder beside ``out`` (same file system, so moves are renames); else inside it."""
    for parent, prefix in ((out.parent, f".{out.name}.partial-"), (out, ".partial-")):
        try:
            return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix=".partial-", dir=out))  # raises the OSError that says why


def replace_set(out_dir, write: Callable[[Path], list[Path]], legacy_names: Iterable[str] = ()) -> list[Path]:
    """Call ``write(folder)`` to write the new set into an empty folder, then put the set in ``out_dir``.

    Returns the paths of the files now in ``out_dir``. On any exception ``out_dir`` keeps its previous
    files and the exception is raised again.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = _staging(out.resolve())
    try:
        new_dir, old_dir = staging / "new", staging / "old"
        new_dir.mkdir()
        old_dir.mkdir()
        names = [Path(path).name for path in write(new_dir)]
        old = previous_files(out, legacy_names)
        moved_aside, placed = [], []
        try:
            for name in dict.fromkeys([*old, *names]):
                target = out / name
                if target.is_file() or target.is_symlink():
                    os.replace(target, old_dir / name)
                    moved_aside.append(name)
            for name in names:
                os.replace(new_dir / name, out / name)
                placed.append(name)
            _write_manifest(out, names, staging)
        except BaseException:
            for name in reversed(placed):
                _quietly(os.replace, out / name, new_dir / name)
            for name in moved_aside:
                _quietly(os.replace, old_dir / name, out / name)
            raise
        return [out / name for name in names]
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_manifest(out: Path, names: list[str], staging: Path) -> None:
    text = json.dumps({"tool": "kz-housing budget", "files": names}, indent=1)
    temporary = staging / MANIFEST
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, out / MANIFEST)


def _quietly(function, *args) -> None:
    try:
        function(*args)
    except OSError:
        pass
