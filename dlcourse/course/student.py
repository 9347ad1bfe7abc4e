"""``dlcourse student SRC -o DEST``: student editions of the notebooks, without the solutions.

In each notebook:

- every code region between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes
  ``# YOUR CODE HERE`` and ``raise NotImplementedError()``, at the indentation of the markers;
- every markdown region between the same markers becomes ``YOUR ANSWER HERE``;
- exercise cells (those with a solution region) and check cells (the code cells that call
  ``check.`` right after them) lose their outputs and get the ``raises-exception`` tag, so
  "Run All" goes through;
- every other cell stays byte-identical.

It refuses to write into the source folder, and running it twice gives the same files.

Introduced in notebook 00_start_here (for instructors; ``make student`` writes ``student/``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
_REGION = re.compile(
    r"^([ \t]*)### BEGIN SOLUTION[^\n]*\n.*?^[ \t]*### END SOLUTION[^\n]*(\n|$)", re.M | re.S
)
RAISES = "raises-exception"


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _set_source(cell: dict, text: str) -> None:
    # nbformat's on-disk form: a list of lines, each keeping its newline.
    cell["source"] = text.splitlines(keepends=True)


def strip_code(text: str) -> str:
    """Replace each solution region of a code cell by a placeholder at the same indentation."""
    if text.count(BEGIN) != text.count(END):
        raise ValueError(
            f"unbalanced solution markers ({text.count(BEGIN)} BEGIN, {text.count(END)} END) in:\n{text}"
        )
    return _REGION.sub(
        lambda m: (
            f"{m.group(1)}# YOUR CODE HERE\n{m.group(1)}raise NotImplementedError(){m.group(2)}"
        ),
        text,
    )


def strip_markdown(text: str) -> str:
    """Replace each solution region of a markdown cell by "YOUR ANSWER HERE"."""
    if text.count(BEGIN) != text.count(END):
        raise ValueError(f"unbalanced solution markers in a markdown cell:\n{text}")
    return _REGION.sub(lambda m: f"{m.group(1)}YOUR ANSWER HERE{m.group(2)}", text)


def solutions(nb: dict) -> list[str]:
    """The text of every solution region in a notebook (what a student edition must not contain)."""
    found = []
    for cell in nb["cells"]:
        for m in _REGION.finditer(_source(cell)):
            found.append(m.group(0))
    return found


def _is_check_cell(cell: dict) -> bool:
    return cell["cell_type"] == "code" and re.search(r"\bcheck\.\w+\(", _source(cell)) is not None


def _mark(cell: dict) -> None:
    cell["outputs"] = []
    cell["execution_count"] = None
    tags = cell.setdefault("metadata", {}).setdefault("tags", [])
    if RAISES not in tags:
        tags.append(RAISES)


def student_notebook(nb: dict) -> dict:
    """Return the student edition of a notebook (a new dict; ``nb`` is not changed)."""
    nb = json.loads(json.dumps(nb))
    after_exercise = False
    for cell in nb["cells"]:
        text = _source(cell)
        if BEGIN in text:
            if cell["cell_type"] == "code":
                _set_source(cell, strip_code(text))
                _mark(cell)
                after_exercise = True
                continue
            _set_source(cell, strip_markdown(text))
        elif after_exercise and _is_check_cell(cell):
            _mark(cell)
            continue
        if cell["cell_type"] == "code":
            after_exercise = False
    return nb


def dumps(nb: dict) -> str:
    """Serialise the way the course's notebooks are saved (nbformat's layout, sorted keys)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_student_editions(src: Path, dest: Path) -> list[Path]:
    """Write the student edition of every notebook in ``src`` into ``dest``; return the paths."""
    src, dest = Path(src).resolve(), Path(dest).resolve()
    if not src.is_dir():
        raise ValueError(f"SRC must be the folder of notebooks, got {src} (not a folder)")
    if dest == src or src in dest.parents:
        raise ValueError(
            f"refusing to write student editions into {dest}: it is (inside) the source folder {src}, "
            "whose solutions would be overwritten. Choose another folder, e.g. -o student"
        )
    notebooks = sorted(src.glob("*.ipynb"))
    if not notebooks:
        raise ValueError(f"no notebooks (*.ipynb) found in {src}")
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        out = dest / path.name
        out.write_text(dumps(student_notebook(nb)), encoding="utf-8")
        written.append(out)
    return written


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="dlcourse student", description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="the folder of notebooks (with solutions)")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="where to write the student editions"
    )
    args = parser.parse_args(argv)
    try:
        written = write_student_editions(args.src, args.output)
    except ValueError as exc:
        print(f"dlcourse student: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    return 0
