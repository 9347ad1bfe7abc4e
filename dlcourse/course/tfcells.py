"""Which notebook cells need TensorFlow: the ``requires-tensorflow`` tag and how it is checked.

The browser edition (``make site``, ``_site/lite/``) runs in Pyodide, where TensorFlow and Keras
cannot run. A code cell that uses TensorFlow, Keras or ``dlcourse.keras_bridge``, or that uses a
value made by such a cell (a Keras model trained earlier, say), carries the tag; the browser edition
replaces it by a short note. The import line ``from dlcourse.keras_bridge import ...`` of a setup
cell is not a reason to tag the cell: the browser edition drops that line only.

``python -m dlcourse.course.tfcells NOTEBOOK...`` adds the missing tags, changing nothing else.
``tests/test_site.py`` checks that every cell found here is tagged, so later edits keep the tags.

Introduced for the browser edition (docs/browser-edition.md).
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

TAG = "requires-tensorflow"
# A whole line that imports the Keras bridge; the browser edition removes it from untagged cells.
BRIDGE_IMPORT = re.compile(r"^from dlcourse\.keras_bridge import [^\n]*\n?", re.M)
_TF_IMPORT = re.compile(r"^\s*(import|from)\s+(tensorflow|keras|tf_keras)\b", re.M)
# The names the bridge exports; a cell that reads one of them needs TensorFlow.
SEED_NAMES = frozenset({"keras", "tf", "to_keras", "from_keras"})


class _Names(ast.NodeVisitor):
    """Free names (read before this cell binds them) and bound names of one cell, in order."""

    def __init__(self) -> None:
        self.free: set[str] = set()
        self.bound: set[str] = set()
        self._local: list[set[str]] = []  # scopes of functions, lambdas, comprehensions

    def _read(self, name: str) -> None:
        if any(name in scope for scope in self._local):
            return
        if name not in self.bound:
            self.free.add(name)

    def _bind(self, name: str) -> None:
        if self._local:
            self._local[-1].add(name)
        else:
            self.bound.add(name)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self._read(node.id)
        else:
            self._bind(node.id)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)  # the value is read before the targets are bound
        for target in node.targets:
            self.visit(target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        if isinstance(node.target, ast.Name):
            self._read(node.target.id)
        self.visit(node.target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.target)

    def visit_For(self, node: ast.For) -> None:
        self.visit(node.iter)
        self.visit(node.target)
        for stmt in node.body + node.orelse:
            self.visit(stmt)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._bind((alias.asname or alias.name).split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            self._bind(alias.asname or alias.name)

    def _scope(self, node: ast.AST, args: ast.arguments | None, body: list[ast.AST]) -> None:
        if args is not None:
            for default in args.defaults + [d for d in args.kw_defaults if d is not None]:
                self.visit(default)
        self._local.append(set())
        if args is not None:
            for arg in args.posonlyargs + args.args + args.kwonlyargs:
                self._local[-1].add(arg.arg)
            for arg in (args.vararg, args.kwarg):
                if arg is not None:
                    self._local[-1].add(arg.arg)
        # bind the scope's own assignments first: inside a function, order does not decide
        for child in body:
            for sub in ast.walk(child):
                if isinstance(sub, ast.Name) and not isinstance(sub.ctx, ast.Load):
                    self._local[-1].add(sub.id)
        for child in body:
            self.visit(child)
        self._local.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        self._bind(node.name)
        self._scope(node, node.args, node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for base in node.bases:
            self.visit(base)
        self._bind(node.name)
        self._scope(node, None, node.body)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._scope(node, node.args, [node.body])

    def _comprehension(self, node: ast.AST, elements: list[ast.AST]) -> None:
        generators = node.generators
        self.visit(generators[0].iter)  # evaluated in the enclosing scope
        self._local.append(set())
        for i, gen in enumerate(generators):
            if i:
                self.visit(gen.iter)
            self.visit(gen.target)
            for cond in gen.ifs:
                self.visit(cond)
        for element in elements:
            self.visit(element)
        self._local.pop()

    def visit_ListComp(self, node: ast.ListComp) -> None:
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._comprehension(node, [node.key, node.value])


def cell_names(source: str) -> tuple[set[str], set[str]]:
    """``(free, bound)``: names a cell reads from earlier cells, and names it defines."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    visitor = _Names()
    visitor.visit(ast.parse("\n".join(lines)))
    return visitor.free, visitor.bound


def cells_needing_tensorflow(nb: dict) -> list[int]:
    """Indices of the code cells that need TensorFlow, directly or through an earlier cell's value.

    A cell needs it when it imports TensorFlow or Keras, reads a name the Keras bridge exports, or
    reads a name last defined by a cell that needs it. A later cell that defines the name again,
    without TensorFlow, ends the dependency.
    """
    tainted = set(SEED_NAMES)
    found = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = BRIDGE_IMPORT.sub("", "".join(cell["source"]))
        free, bound = cell_names(source)
        if free & tainted or _TF_IMPORT.search(source):
            found.append(i)
            tainted |= bound
        else:
            tainted -= bound
    return found


def is_tagged(cell: dict) -> bool:
    return TAG in cell.get("metadata", {}).get("tags", [])


def write_notebook(path: Path, nb: dict) -> None:
    """Write ``nb`` exactly as ``dlcourse run-notebooks`` does (so the diff is the change only)."""
    text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def tag_notebook(path: Path) -> list[int]:
    """Add the tag to every cell that needs TensorFlow and lacks it; return those cells' indices."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    added = []
    for i in cells_needing_tensorflow(nb):
        cell = nb["cells"][i]
        if not is_tagged(cell):
            cell.setdefault("metadata", {}).setdefault("tags", []).append(TAG)
            added.append(i)
    if added:
        write_notebook(path, nb)
    return added


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    for path in paths:
        print(f"{path}: tagged cells {tag_notebook(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
