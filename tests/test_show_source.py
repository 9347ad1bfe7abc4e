"""Tests for dlcourse.show_source (notebook 09_mlp_from_scratch shows the package's code with it)."""

from __future__ import annotations

import inspect
import textwrap

import numpy as np
import pytest

import dlcourse
from dlcourse import layers, nn


def test_prints_the_file_and_the_dedented_source_of_a_method(capsys):
    dlcourse.show_source(layers.Dense._forward)
    out = capsys.readouterr().out
    first, *body = out.splitlines()
    assert first == "# from dlcourse/layers/dense.py"
    expected = textwrap.dedent(inspect.getsource(layers.Dense._forward)).rstrip("\n")
    assert "\n".join(body) == expected
    assert body[0].startswith("def _forward(self")  # dedented: a method reads like a function


def test_shows_functions_and_classes(capsys):
    dlcourse.show_source(nn.dense_params)
    out = capsys.readouterr().out
    assert out.startswith("# from dlcourse/nn.py\ndef dense_params(")
    dlcourse.show_source(layers.Dense)
    assert "class Dense(Layer):" in capsys.readouterr().out


def test_an_instance_is_refused_with_what_to_pass_instead():
    with pytest.raises(TypeError, match=r"an instance of Sequential.*show_source\(Sequential\)"):
        dlcourse.show_source(nn.Sequential())


def test_compiled_code_is_refused_with_a_pointer_to_help():
    with pytest.raises(TypeError, match=r"dot has no Python source.*help"):
        dlcourse.show_source(np.dot)


def test_import_dlcourse_stays_light():
    # show_source imports inspect only when it is called; importing dlcourse loads no NumPy.
    import subprocess
    import sys

    code = "import sys, dlcourse; print('numpy' in sys.modules, 'tensorflow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
