"""Execute notebooks in place, each top to bottom in a fresh kernel, and validate committed ones.

``make notebooks`` calls ``python -m dlcourse run-notebooks notebooks``. Running it twice gives no
diff: timings are not recorded and the ids of widget models (random UUIDs) are renamed to ids
derived from the notebook's name, in order of appearance.

Introduced in notebook 00_start_here (for maintainers).
"""

from __future__ import annotations

import json
import re
import sys
import time
import uuid
from pathlib import Path

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_HEX32 = re.compile(r"[0-9a-f]{32}")


def _widget_ids(nb: dict) -> list[str]:
    """Widget model ids in an order that does not depend on how the kernel happened to send them.

    Start from the views in cell outputs (in cell order) and walk each model's references
    (``IPY_MODEL_<id>``, read from its state with sorted keys); models reached by no view come
    last, sorted by their content with ids masked.
    """
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    order: dict[str, None] = {}

    def visit(model_id: str) -> None:
        if model_id in order:
            return
        order[model_id] = None
        if model_id in state:
            for ref in _HEX32.findall(json.dumps(state[model_id], sort_keys=True)):
                if ref in state:
                    visit(ref)

    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view and "model_id" in view:
                visit(view["model_id"])
    rest = [m for m in state if m not in order]
    rest.sort(key=lambda m: _HEX32.sub("X", json.dumps(state[m], sort_keys=True)))
    for model_id in rest:
        visit(model_id)
    return list(order)


def stable_widget_ids(nb: dict, name: str) -> dict:
    """Return ``nb`` with every widget model id replaced by a deterministic one."""
    ids = _widget_ids(nb)
    if not ids:
        return nb
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"dlcourse/{name}")
    mapping = {old: uuid.uuid5(namespace, str(i)).hex for i, old in enumerate(ids)}
    text = json.dumps(nb)
    text = _HEX32.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)
    return json.loads(text)


def coalesce_streams(nb: dict) -> dict:
    """Merge consecutive stream outputs of the same name (stdout, stderr) in every cell.

    ipykernel flushes stdout on a timer, so one ``print`` can arrive as two outputs ("text" and
    "\\n") on a busy machine; merging makes the saved notebook the same on every run.
    """
    for cell in nb.get("cells", []):
        merged: list[dict] = []
        for out in cell.get("outputs", []):
            prev = merged[-1] if merged else None
            if (
                out.get("output_type") == "stream"
                and prev is not None
                and prev.get("output_type") == "stream"
                and prev.get("name") == out.get("name")
            ):
                text = "".join(prev["text"]) + "".join(out["text"])
                prev["text"] = text.splitlines(keepends=True)
            else:
                merged.append(out)
        if "outputs" in cell:
            cell["outputs"] = merged
    return nb


def execute(path: Path, timeout: int = 600) -> float:
    """Execute one notebook in a fresh ``python3`` kernel, in its own folder; save it in place."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=True,
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    nb.metadata.get("language_info", {}).pop("version", None)
    data = stable_widget_ids(coalesce_streams(json.loads(nbformat.writes(nb))), path.stem)
    path.write_text(
        json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return elapsed


def problems(path: Path) -> list[str]:
    """What is wrong with a committed notebook: not run in order in a fresh kernel, errors, stderr."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    if nb.get("metadata", {}).get("kernelspec", {}).get("name") != "python3":
        found.append("kernelspec is not python3")
    counts = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        if not "".join(cell["source"]).strip():
            found.append(f"cell {i} is an empty code cell")
            continue
        counts.append(cell.get("execution_count"))
        if cell.get("execution_count") is None:
            found.append(f"cell {i} was not executed")
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                found.append(f"cell {i} has an error output ({out.get('ename')})")
            if out["output_type"] == "stream" and out.get("name") == "stderr":
                found.append(f"cell {i} has stderr output: {''.join(out['text'])[:80]!r}")
    if counts != list(range(1, len(counts) + 1)):
        found.append(f"execution counts are {counts}, not 1..{len(counts)}: run `make notebooks`")
    return found


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="dlcourse run-notebooks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("paths", nargs="*", default=["notebooks"], help="notebooks or folders")
    args = parser.parse_args(argv)
    notebooks: list[Path] = []
    for p in map(Path, args.paths):
        notebooks += sorted(p.glob("*.ipynb")) if p.is_dir() else [p]
    failed = 0
    for path in notebooks:
        try:
            seconds = execute(path)
        except (
            Exception
        ) as exc:  # report and go on, so one broken notebook does not hide the others
            failed += 1
            print(f"FAILED {path}: {type(exc).__name__}: {str(exc)[-2000:]}", file=sys.stderr)
            continue
        bad = problems(path)
        status = "ok" if not bad else "; ".join(bad)
        failed += bool(bad)
        print(f"{path}  {seconds:6.1f} s  {status}", flush=True)
    return 1 if failed else 0
