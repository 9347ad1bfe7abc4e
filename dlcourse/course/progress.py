"""``dlcourse progress``: which exercises have passed their checks on this machine.

Each check that passes records its exercise's name and the time in a small JSON file,
``.dlcourse-progress.json`` in the course folder (the folder holding ``pyproject.toml`` and
``dlcourse/``, looked for from the current folder upwards; the current folder when there is none).
``DLCOURSE_PROGRESS`` names another file. Nothing leaves the machine, and recording never breaks a
check: when the file cannot be written, the check still runs and one warning says why.

``dlcourse progress`` prints one row per notebook: exercises passed of the total (the checkers
that notebook's module in ``dlcourse.check`` lists) and the ones still to do.

Introduced in notebook 00_start_here.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import sys
import warnings
from datetime import datetime
from pathlib import Path

FILENAME = ".dlcourse-progress.json"
ENV = "DLCOURSE_PROGRESS"
_warned = False


def course_folder(start: Path | None = None) -> Path | None:
    """The course folder that holds ``start`` (default: the current folder), or None."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (
            folder / "dlcourse" / "__init__.py"
        ).is_file():
            return folder
    return None


def progress_path() -> Path:
    """Where progress is recorded: ``$DLCOURSE_PROGRESS``, else the course folder's file."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    return (course_folder() or Path.cwd()) / FILENAME


def load(path: Path | None = None) -> dict[str, str]:
    """Exercise name -> time of its last pass; empty when there is no readable record."""
    path = progress_path() if path is None else Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    passed = data.get("passed") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in passed.items()} if isinstance(passed, dict) else {}


def record_pass(name: str) -> None:
    """Record that exercise ``name`` passed. Never raises: a failure is skipped with one warning."""
    global _warned
    path = progress_path()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        passed = load(path)
        passed[name] = datetime.now().isoformat(timespec="seconds")
        text = json.dumps({"passed": dict(sorted(passed.items()))}, indent=1) + "\n"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)  # all or nothing: a crash never leaves half a file
    except Exception as exc:  # a check must work even where nothing can be written
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        if not _warned:
            _warned = True
            warnings.warn(
                f"exercise progress not recorded: cannot write {path} ({type(exc).__name__}: "
                f"{exc}). The check itself is fine. To keep progress, set {ENV} to a file you "
                "can write to.",
                stacklevel=2,
            )


def notebooks() -> list[tuple[str, list[str]]]:
    """(notebook name, its exercise names) for every notebook, in course order."""
    from dlcourse.check import NOTEBOOK_MODULES

    found = []
    for mod_name in NOTEBOOK_MODULES:
        module = importlib.import_module(f"dlcourse.check.{mod_name}")
        title = re.search(r"notebook (\d\d_\w+)", module.__doc__ or "")
        found.append((title.group(1) if title else mod_name, list(module.__all__)))
    return found


def table(passed: dict[str, str]) -> str:
    """The progress table: one row per notebook, exercises passed of total, and what is left."""
    rows = [("notebook", "passed", "still to do")]
    done_all = total_all = 0
    for name, exercises in notebooks():
        done = sum(e in passed for e in exercises)
        done_all, total_all = done_all + done, total_all + len(exercises)
        left = ", ".join(e for e in exercises if e not in passed)
        rows.append((name, f"{done} / {len(exercises)}", left or "-"))
    rows.append(("total", f"{done_all} / {total_all}", ""))
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{a:<{width}}  {b:>7}  {c}".rstrip() for a, b, c in rows)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="dlcourse progress", description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    path = progress_path()
    passed = load(path)
    print(table(passed))
    if passed:
        last = max(passed.values())
        print(f"\nrecorded in {path} (last pass {last})")
    else:
        print(f"\nno exercise has passed yet (progress is recorded in {path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
