"""The browser edition's notebook side: TensorFlow cells are tagged, and the Lite notebooks are built
from the source notebooks without them (no browser needed; tests/site/ holds the browser tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dlcourse.course import site, tfcells

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


# --- the browser edition's build steps (dlcourse.course.site), without a browser -----------------


def test_lite_notebook_replaces_tagged_cells_and_drops_the_bridge_import():
    nb = _nb(
        "from dlcourse.keras_bridge import keras, tf  # first\nimport numpy as np\n",
        "model = keras.Sequential([])",
        "np.ones(2)",
    )
    nb["cells"][1]["metadata"]["tags"] = [tfcells.TAG]
    nb["cells"][2]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    nb["metadata"]["widgets"] = {"state": {}}
    lite = site.lite_notebook(nb, "../../demo.html", ["numpy", "dlcourse"])
    setup, imports, note, last = lite["cells"]
    assert "piplite.install(['numpy', 'dlcourse'], deps=False)" in setup["source"]
    assert imports["source"] == "import numpy as np\n"
    assert note["cell_type"] == "markdown" and "Needs TensorFlow" in note["source"]
    assert "model = keras.Sequential([])" in note["source"] and "../../demo.html" in note["source"]
    assert last["outputs"] == [] and last["execution_count"] is None
    assert "widgets" not in lite["metadata"] and lite["metadata"]["kernelspec"]["name"] == "python"
    assert nb["cells"][0]["source"].startswith("from dlcourse.keras_bridge")  # input untouched


def test_needed_packages_follows_the_lock_dependencies_and_names_a_missing_one():
    lock = {
        "info": {"version": "0.27.7"},
        "packages": {
            "matplotlib": {"depends": ["numpy", "python_dateutil"]},
            "numpy": {"depends": []},
            "python-dateutil": {"depends": ["six"]},
            "six": {"depends": []},
        },
    }
    assert site.needed_packages(lock, ("matplotlib",)) == [
        "matplotlib",
        "numpy",
        "python-dateutil",
        "six",
    ]
    with pytest.raises(site.SiteError, match="has no package 'tensorflow'"):
        site.needed_packages(lock, ("tensorflow",))


def test_a_wheel_whose_sha256_differs_from_the_official_lock_stops_the_build(tmp_path):
    wheel = tmp_path / "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"
    wheel.write_bytes(b"not the published file")
    site.verify_file(wheel, {"sha256": site.sha256(wheel)})
    with pytest.raises(site.SiteError, match=r"sha256 mismatch for numpy-2\.0\.2.*PYODIDE_DIST"):
        site.verify_file(wheel, {"sha256": "0" * 64})


def test_pyodide_dist_that_is_not_a_release_is_refused(tmp_path):
    with pytest.raises(site.SiteError, match="holds no pyodide-lock.json"):
        site.pyodide_distribution(tmp_path / "out", dist=tmp_path, cache=tmp_path / "cache")
    with pytest.raises(site.SiteError, match="neither a folder nor a tarball"):
        site.pyodide_distribution(tmp_path / "out", dist=tmp_path / "nope.txt", cache=tmp_path)


def test_every_course_notebook_is_in_the_browser_edition_or_named_as_full_install_only():
    stems = {p.stem for p in site.course_notebooks(ROOT / "notebooks")}
    assert site.FULL_INSTALL_ONLY <= stems
    assert {"00_start_here", "03_neurons", "09_mlp_from_scratch"} <= stems - site.FULL_INSTALL_ONLY


def test_doctor_reports_tensorflow_instead_of_crashing_where_no_process_can_start(monkeypatch):
    # In the browser edition (Pyodide) subprocess.run raises OSError; notebook 00 runs the doctor.
    from dlcourse.course import doctor

    def no_processes(*args, **kwargs):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(doctor.subprocess, "run", no_processes)
    row = doctor.check_tensorflow()
    assert not row.ok and "full install" in row.fix
