"""The browser edition's notebook side: TensorFlow cells are tagged, and the Lite notebooks are built
from the source notebooks without them (no browser needed; tests/site/ holds the browser tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dlcourse.course import tfcells

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _code(source: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "source": source, "outputs": []}


def _nb(*sources: str) -> dict:
    return {"cells": [_code(s) for s in sources], "metadata": {}}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_cell_that_needs_tensorflow_is_tagged(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    missing = [
        i for i in tfcells.cells_needing_tensorflow(nb) if not tfcells.is_tagged(nb["cells"][i])
    ]
    assert not missing, (
        f"{path.name}: cells {missing} use TensorFlow/Keras (or a value made by a cell that does) "
        f"but lack the {tfcells.TAG!r} tag; run `python -m dlcourse.course.tfcells {path}`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_tensorflow_imports_in_untagged_cells_are_whole_bridge_lines(path):
    # The browser edition removes `from dlcourse.keras_bridge import ...` lines from untagged
    # cells; any other way of importing TensorFlow in an untagged cell would break there.
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code" and not tfcells.is_tagged(cell):
            rest = tfcells.BRIDGE_IMPORT.sub("", "".join(cell["source"]))
            assert "tensorflow" not in rest and "keras_bridge" not in rest, (path.name, i)


def test_direct_use_of_keras_or_tf_needs_the_tag():
    nb = _nb(
        "from dlcourse.keras_bridge import keras, tf\nimport numpy as np",
        "x = np.ones(3)",
        "model = keras.Sequential([])",
        "print(tf.reduce_sum(x))",
        "import tensorflow as tf2",
    )
    assert tfcells.cells_needing_tensorflow(nb) == [2, 3, 4]


def test_a_value_made_by_a_tagged_cell_carries_the_dependency_downstream():
    nb = _nb(
        "model = keras.Sequential([])",  # 0: tagged
        "p = model.predict(X)",  # 1: uses the Keras model
        "print(p.shape)",  # 2: uses a value computed from it
        "p = np.zeros(3)\nprint(p)",  # 3: defines p again without TensorFlow
        "print(p)",  # 4: fine again
    )
    assert tfcells.cells_needing_tensorflow(nb) == [0, 1, 2]


def test_local_names_and_loop_variables_do_not_carry_the_dependency():
    nb = _nb(
        "for name in keras.activations.__all__:\n    print(name)",  # 0: tagged, binds `name`
        "for name in ['relu']:\n    print(name)",  # 1: binds `name` before reading it
        "def f(x, h=1):\n    y_hat = x * h\n    return y_hat",  # 2: local names only
        "squares = [name * 2 for name in range(3)]",  # 3: comprehension variable
        "print(name)",  # 4: `name` was last set by cell 1
    )
    assert tfcells.cells_needing_tensorflow(nb) == [0]


def test_a_function_that_reads_a_tagged_global_needs_the_tag():
    nb = _nb("net = keras.Sequential([])", "def run():\n    return net.predict(X)")
    assert tfcells.cells_needing_tensorflow(nb) == [0, 1]


def test_tagging_changes_only_cell_metadata_and_writes_like_the_runner(tmp_path):
    source = NOTEBOOKS[0].read_text(encoding="utf-8")
    nb = json.loads(source)
    nb["cells"].append(_code("print(tf.__version__)"))
    path = tmp_path / "demo.ipynb"
    tfcells.write_notebook(path, nb)
    assert tfcells.tag_notebook(path) == [len(nb["cells"]) - 1]
    tagged = json.loads(path.read_text(encoding="utf-8"))
    assert tagged["cells"][-1]["metadata"]["tags"] == [tfcells.TAG]
    tagged["cells"][-1]["metadata"] = {}
    assert tagged == nb
    again = path.read_text(encoding="utf-8")
    assert tfcells.tag_notebook(path) == [] and path.read_text(encoding="utf-8") == again
    # the committed notebooks are in the runner's format, so a rewrite gives no diff
    tfcells.write_notebook(path, json.loads(source))
    assert path.read_text(encoding="utf-8") == source
