"""``dlcourse student [SRC] [-o DEST]``: student editions of the notebooks, without the solutions.

In each notebook:

- every code region between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes a placeholder
  at the indentation of the markers: ``name = ...  # YOUR CODE HERE`` for each name that a
  top-level region assigns (the exercise asks for a value), otherwise ``# YOUR CODE HERE`` and
  ``raise NotImplementedError()``;
- every markdown region between the same markers becomes ``YOUR ANSWER HERE``;
- exercise cells (those with a solution region) and check cells (the code cells that call
  ``check.`` right after them) lose their outputs and get the ``raises-exception`` tag, so
  "Run All" goes through;
- every other cell stays byte-identical.

It never loses a learner's work: it writes only the notebooks that are missing in DEST, leaves
identical ones alone, and keeps (and names) every notebook that differs from what it would write.
``--force`` replaces those, and ``--reset 03`` replaces one notebook, each after saving the
learner's version in ``DEST/.backups/`` with a timestamp. It refuses to write into the source
folder, and running it twice gives the same files.

Introduced in notebook 00_start_here (``make lab`` and ``make student`` write ``student/``).
"""

from __future__ import annotations

import ast
import json
import re
import sys
import textwrap
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
_REGION = re.compile(
    r"^([ \t]*)### BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*### END SOLUTION[^\n]*(\n|$)", re.M | re.S
)
RAISES = "raises-exception"
BACKUPS = ".backups"


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _set_source(cell: dict, text: str) -> None:
    # nbformat's on-disk form: a list of lines, each keeping its newline.
    cell["source"] = text.splitlines(keepends=True)


def assigned_names(body: str) -> list[str]:
    """The names a top-level solution region assigns (``answer = 0.5`` gives ``["answer"]``).

    Only plain names assigned by statements at the region's own top level count; a region that
    does not parse as Python gives none.
    """
    try:
        tree = ast.parse(textwrap.dedent(body))
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        else:
            continue
        for target in targets:
            elts = target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
            names += [e.id for e in elts if isinstance(e, ast.Name) and e.id not in names]
    return names


def _placeholder(m: re.Match) -> str:
    indent, body, end = m.group(1), m.group(2), m.group(3)
    # Inside a function the learner writes the body; at the top level a value exercise needs its
    # variable to exist, so the check cell reports "not done yet" instead of a NameError.
    names = assigned_names(body) if not indent else []
    if names:
        return "\n".join(f"{name} = ...  # YOUR CODE HERE" for name in names) + end
    return f"{indent}# YOUR CODE HERE\n{indent}raise NotImplementedError(){end}"


def strip_code(text: str) -> str:
    """Replace each solution region of a code cell by a placeholder at the same indentation."""
    if text.count(BEGIN) != text.count(END):
        raise ValueError(
            f"unbalanced solution markers ({text.count(BEGIN)} BEGIN, {text.count(END)} END) in:\n{text}"
        )
    return _REGION.sub(_placeholder, text)


def strip_markdown(text: str) -> str:
    """Replace each solution region of a markdown cell by "YOUR ANSWER HERE"."""
    if text.count(BEGIN) != text.count(END):
        raise ValueError(f"unbalanced solution markers in a markdown cell:\n{text}")
    return _REGION.sub(lambda m: f"{m.group(1)}YOUR ANSWER HERE{m.group(3)}", text)


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


@dataclass
class Report:
    """What one run did to each notebook in DEST."""

    written: list[Path] = field(default_factory=list)  # missing before, written now
    unchanged: list[Path] = field(default_factory=list)  # already identical to a fresh edition
    kept: list[Path] = field(default_factory=list)  # differ from a fresh edition: left alone
    replaced: dict[Path, Path] = field(default_factory=dict)  # notebook -> backup of the old one


def backup(path: Path) -> Path:
    """Copy ``path`` to ``<its folder>/.backups/<stem>.<timestamp>.ipynb``; return the copy."""
    folder = path.parent / BACKUPS
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
    target = folder / f"{path.stem}.{stamp}{path.suffix}"
    n = 1
    while target.exists():  # two backups within a second keep both
        target = folder / f"{path.stem}.{stamp}-{n}{path.suffix}"
        n += 1
    target.write_bytes(path.read_bytes())
    return target


def select(notebooks: list[Path], prefixes: list[str]) -> list[Path]:
    """The notebooks named by number (``03``, ``3``) or name (``03_neurons``); an error otherwise."""
    chosen = []
    for prefix in prefixes:
        key = prefix.removesuffix(".ipynb")
        key = key.zfill(2) if key.isdigit() else key
        found = [p for p in notebooks if p.stem == key or p.stem.startswith(key + "_")]
        if len(found) != 1:
            numbers = ", ".join(p.stem.split("_")[0] for p in notebooks)
            what = "matches no notebook" if not found else f"matches {len(found)} notebooks"
            raise ValueError(
                f"--reset {prefix!r} {what}; give a notebook's number or name, one of: {numbers}"
            )
        chosen += [p for p in found if p not in chosen]
    return chosen


def write_student_editions(
    src: Path, dest: Path, force: bool = False, reset: list[str] | None = None
) -> Report:
    """Write the student edition of every notebook in ``src`` that is missing in ``dest``.

    Args:
        src: the folder of notebooks with solutions.
        dest: the folder of student editions (created if missing; never inside ``src``).
        force: also replace every notebook in ``dest`` that differs from a fresh edition, after
            saving it in ``dest/.backups/``.
        reset: numbers or names of notebooks to replace (same backup first); the others are left
            alone.

    Returns:
        A ``Report`` of what was written, left unchanged, kept and replaced (with its backup).
    """
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
    if reset:
        notebooks = select(notebooks, reset)
    dest.mkdir(parents=True, exist_ok=True)
    report = Report()
    for path in notebooks:
        # Bytes, not text: on Windows write_text would turn each "\n" into "\r\n", and a notebook
        # written here would never again compare equal to a fresh edition.
        data = dumps(student_notebook(json.loads(path.read_text(encoding="utf-8")))).encode()
        out = dest / path.name
        if not out.exists():
            report.written.append(out)
        elif out.read_bytes() == data:
            report.unchanged.append(out)
            continue
        elif force or reset:
            report.replaced[out] = backup(out)
        else:
            report.kept.append(out)
            continue
        out.write_bytes(data)
    return report


def main(argv: list[str] | None = None) -> int:
    import argparse

    from dlcourse.course.progress import course_folder

    root = course_folder() or Path.cwd()
    parser = argparse.ArgumentParser(prog="dlcourse student", description=__doc__.splitlines()[0])
    parser.add_argument(
        "src",
        type=Path,
        nargs="?",
        default=root / "notebooks",
        help="the folder of notebooks with solutions (default: the course's notebooks/)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=root / "student",
        help="where to write the student editions (default: the course's student/)",
    )
    how = parser.add_mutually_exclusive_group()
    how.add_argument(
        "--force",
        action="store_true",
        help="also replace notebooks that differ from a fresh edition (after a backup)",
    )
    how.add_argument(
        "--reset",
        nargs="+",
        metavar="NN",
        help="replace only these notebooks, by number (03) or name (after a backup)",
    )
    args = parser.parse_args(argv)
    try:
        report = write_student_editions(args.src, args.output, force=args.force, reset=args.reset)
    except ValueError as exc:
        print(f"dlcourse student: {exc}", file=sys.stderr)
        return 2
    for path in report.written:
        print(f"wrote {path}")
    for path, saved in report.replaced.items():
        print(f"replaced {path} (the previous version is saved as {saved})")
    for path in report.kept:
        print(f"kept {path}: it differs from a fresh student edition (your work?), not overwritten")
    dest = args.output.resolve()
    if report.kept:
        command = "dlcourse student"
        if args.src.resolve() != (root / "notebooks").resolve():
            command += f" {args.src}"
        if dest != (root / "student").resolve():
            command += f" -o {args.output}"
        number = report.kept[0].stem.split("_")[0]
        print(
            f"  To start one again: {command} --reset {number}  (--force: all of them);"
            f" your version is saved in {dest / BACKUPS} first."
        )
    print(
        f"{dest}: {len(report.written)} written, {len(report.replaced)} replaced, "
        f"{len(report.unchanged)} up to date, {len(report.kept)} kept"
    )
    return 0
