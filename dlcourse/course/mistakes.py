"""``dlcourse mistakes``: the catalogue of what every exercise check can tell a learner.

The catalogue is read from the checker modules themselves (``dlcourse/check/nb00.py`` ...
``nb10.py``), so the instructor guide's appendix cannot drift from the checks: for each exercise it
lists what the check tests (the checker's docstring), the hint it prints with a failing case, and
every other message it can print, the named mistakes included (an input changed in place, a step
uphill, ...). Messages that the shared machinery in ``dlcourse/check/_core.py`` prints for every
exercise (not done yet, expected a function, ...) are listed once, at the top.

A message is any sentence-like string literal in a checker's body (f-strings keep their
placeholders, shown as ``{...}``), except the docstring and the labels of its test cases.

Regenerate the committed appendix after changing a checker::

    python -m dlcourse mistakes -o docs/mistakes.md

Introduced for instructors (the appendix of ``docs/instructor-guide.md``).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import inspect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from dlcourse import check
from dlcourse.check import _core

COMMAND = "python -m dlcourse mistakes -o docs/mistakes.md"

_SYMBOLS = {"FAIL": _core.FAIL, "PASS": _core.PASS}
_HINT_PREFIX = re.compile(r"^\s*Hint:\s*")


@dataclass
class Exercise:
    """One exercise check, as the catalogue describes it."""

    name: str
    number: str  # "3.1", or "" when the checker does not say
    summary: str
    details: str
    hints: list[str] = field(default_factory=list)
    mistakes: list[str] = field(default_factory=list)  # "name: advice" of each named mistake
    messages: list[str] = field(default_factory=list)


def _render(node: ast.expr, exercise: str) -> str | None:
    """The text of a string expression, with f-string fields as ``{...}``; None if not a string."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
                continue
            expr = ast.unparse(value.value)
            if expr in _SYMBOLS:
                parts.append(_SYMBOLS[expr])
            elif expr == "name":
                parts.append(exercise)
            else:
                parts.append("{" + expr + "}")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _render(node.left, exercise), _render(node.right, exercise)
        return None if left is None or right is None else left + right
    return None


def _is_sentence(text: str, exercise: str) -> bool:
    """True for text a learner reads: three words besides the name and ``{...}`` placeholders."""
    text = re.sub(r"\{[^}]*\}", " ", text.replace(exercise, " "))
    words = [w for w in text.split() if re.search("[A-Za-z]", w)]
    return len(words) >= 3


def _is_case(name: str) -> bool:
    """A name that builds or holds test cases (``Case``, ``_rnn_case``, ``cases``)."""
    return "case" in name.rsplit(".", 1)[-1].lower()


HINT, MISTAKE, MESSAGE = "hint", "mistake", "message"


def _strings(tree: ast.AST, exercise: str) -> list[tuple[str, str]]:
    """(text, kind) for every sentence-like string in a checker, in source order.

    ``kind`` is ``HINT`` (a ``hint=`` argument, a ``hint`` variable, a printed "Hint:" line),
    ``MISTAKE`` (a ``Mistake(name, computes, advice)``, given as "name: advice") or ``MESSAGE``.
    """
    skip: set[int] = set()
    hints: set[int] = set()
    named: list[tuple[ast.Call, list[ast.expr]]] = []
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))  # a docstring
        if isinstance(node, ast.Call):
            func = ast.unparse(node.func)
            if _is_case(func):
                skip.update(id(n) for n in ast.walk(node))  # a test case and its label
            elif "mistake" in func.rsplit(".", 1)[-1].lower():
                named.append((node, list(node.args) + [k.value for k in node.keywords]))
            for keyword in node.keywords:
                if keyword.arg == "label":
                    skip.update(id(n) for n in ast.walk(keyword.value))
                if keyword.arg == "hint":
                    hints.add(id(keyword.value))
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if any(_is_case(n) or n == "label" for n in names) and node.value is not None:
                skip.update(id(n) for n in ast.walk(node.value))  # the list of cases
            if "hint" in names:
                hints.add(id(node.value))
        if isinstance(node, ast.For) and any(
            _is_case(n.id) for n in ast.walk(ast.Module(node.body, [])) if isinstance(n, ast.Name)
        ):
            skip.update(id(n) for n in ast.walk(node.iter))  # the table the cases are built from
    found: list[tuple[str, str]] = []
    seen: set[int] = set()
    mistakes = {id(call): parts for call, parts in named}

    def visit(node: ast.AST) -> None:
        if id(node) in skip or id(node) in seen:
            return
        if id(node) in mistakes:  # Mistake("a missing bias", <what it computes>, "advice")
            texts = [_render(part, exercise) for part in mistakes[id(node)]]
            texts = [t.strip() for t in texts if t is not None and t.strip()]
            if texts:
                found.append((": ".join(texts), MISTAKE))
            seen.update(id(n) for n in ast.walk(node))
            return
        text = _render(node, exercise) if isinstance(node, ast.expr) else None
        if text is not None:
            seen.add(id(node))
            is_hint = id(node) in hints or bool(_HINT_PREFIX.match(text))
            text = _HINT_PREFIX.sub("", text).strip()
            if _is_sentence(text, exercise):
                found.append((text, HINT if is_hint else MESSAGE))
            return  # the parts of a string are not strings of their own
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _checker_sources(module, name: str) -> list[ast.AST]:
    """The checker's definition, then the module-level helpers and constants it uses (transitively):
    a list of named mistakes, a function that explains a wrong row. Case builders are left out, and
    so are the other checkers."""
    tree = ast.parse(inspect.getsource(module))
    defs: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            defs[node.name] = node
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            defs.update((t.id, node) for t in targets if isinstance(t, ast.Name))
    if name not in defs:  # defined some other way: read the function itself
        return [ast.parse(inspect.cleandoc("\n" + inspect.getsource(getattr(module, name))))]
    others = set(getattr(module, "__all__", [])) - {name}
    order, queue, seen = [], [defs[name]], {id(defs[name])}
    while queue:
        node = queue.pop(0)
        order.append(node)
        for n in ast.walk(node):
            if not isinstance(n, ast.Name) or n.id in others or _is_case(n.id) or n.id not in defs:
                continue
            if id(defs[n.id]) not in seen and not isinstance(defs[n.id], ast.ClassDef):
                seen.add(id(defs[n.id]))
                queue.append(defs[n.id])
    return order


def _machinery() -> list[str]:
    """The shared modules of ``dlcourse/check/`` (``_core.py``, and any other ``_*.py``)."""
    folder = Path(_core.__file__).parent
    return sorted(p.stem for p in folder.glob("_*.py") if p.stem != "__init__")


def _shared_messages() -> list[str]:
    """What the shared machinery prints for every exercise."""
    texts = []
    for stem in _machinery():
        module = importlib.import_module(f"dlcourse.check.{stem}")
        for text, _ in _strings(ast.parse(inspect.getsource(module)), "NAME"):
            if text not in texts:
                texts.append(text)
    return texts


def _docstring_parts(func) -> tuple[str, str, str]:
    """(exercise number, summary line, the rest) of a checker's docstring."""
    doc = inspect.getdoc(func) or ""
    summary, _, rest = doc.partition("\n")
    match = re.search(r"Exercise (\d+\.\d+)", summary)
    number = match.group(1) if match else ""
    summary = re.sub(r"^Check Exercise \d+\.\d+:\s*", "", summary).strip()
    summary = re.sub(r"^Check:?\s*", "", summary).strip()
    summary = summary[:1].upper() + summary[1:]
    return number, _markdown(summary), _markdown(" ".join(rest.split()))


def _markdown(docstring_text: str) -> str:
    """reStructuredText's ``code`` as markdown's `code`."""
    return docstring_text.replace("``", "`")


def notebook_exercises() -> dict[str, list[Exercise]]:
    """{notebook name: its exercises} for every checker module, in course order."""
    shared = set(_shared_messages())
    catalogue: dict[str, list[Exercise]] = {}
    for module_name in check.NOTEBOOK_MODULES:
        module = importlib.import_module(f"dlcourse.check.{module_name}")
        names = list(getattr(module, "__all__", []))
        if not names:
            continue
        match = re.search(r"notebook (\d\d_\w+)", inspect.getdoc(module) or "")
        title = match.group(1) if match else module_name
        exercises = []
        for name in names:
            func = getattr(module, name)
            number, summary, details = _docstring_parts(func)
            exercise = Exercise(name, number, summary, details)
            lists = {HINT: exercise.hints, MISTAKE: exercise.mistakes, MESSAGE: exercise.messages}
            texts = [t for tree in _checker_sources(module, name) for t in _strings(tree, name)]
            for text, kind in texts:
                if text.replace(name, "NAME") not in shared and text not in lists[kind]:
                    lists[kind].append(text)
            exercises.append(exercise)
        catalogue[title] = exercises
    return catalogue


def _quote(text: str) -> str:
    """A message as plain markdown text: what the learner reads, with no markup of its own."""
    return re.sub(r"([\\`*_\[\]<|])", r"\\\1", text)


def render() -> str:
    """The appendix, as markdown."""
    lines = [
        "# Appendix: the mistake catalogue",
        "",
        "<!-- Generated from the exercise checkers in dlcourse/check/ by "
        f"`{COMMAND}`; do not edit by hand. -->",
        "",
        "Every exercise check, what it tests, the hint it prints with a failing case and every "
        "other message it can print, the named mistakes included. It is generated from the "
        "checkers themselves (`dlcourse/check/nb00.py` ... `nb10.py`), so it says what the checks "
        "say today; the course's tests fail when it is out of date. Regenerate it with "
        f"`{COMMAND}`. Text in `{{...}}` is filled in when the check runs (the learner's value, "
        "a case number). The [instructor guide](instructor-guide.md#3-notebook-by-notebook) shows "
        "the two most common mistakes of each notebook with what the check prints for them.",
        "",
        "## What every check can print",
        "",
        "The shared machinery ("
        + ", ".join(f"`dlcourse/check/{stem}.py`" for stem in _machinery())
        + ") prints these for any exercise (`NAME` is the exercise's name):",
        "",
    ]
    lines += [f"- {_quote(text)}" for text in _shared_messages()]
    for title, exercises in notebook_exercises().items():
        heading = f"[{title}](../notebooks/{title}.ipynb)" if title[:2].isdigit() else title
        lines += ["", f"## {heading}", ""]
        for ex in exercises:
            label = f"Exercise {ex.number}: " if ex.number else ""
            lines += [f"### {label}`check.{ex.name}`", ""]
            if ex.summary:
                lines += [ex.summary, ""]
            if ex.details:
                lines += [ex.details, ""]
            for hint in ex.hints:
                lines += [f"- **Hint:** {_quote(hint)}"]
            for mistake in ex.mistakes:
                lines += [f"- **Named mistake:** {_quote(mistake)}"]
            for message in ex.messages:
                lines += [f"- {_quote(message)}"]
            if ex.hints or ex.mistakes or ex.messages:
                lines += [""]
        while lines[-1] == "":
            lines.pop()
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="dlcourse mistakes",
        description="Print the mistake catalogue generated from the exercise checkers "
        f"(the instructor guide's appendix: `{COMMAND}`).",
    )
    parser.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    args = parser.parse_args(argv)
    text = render()
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
