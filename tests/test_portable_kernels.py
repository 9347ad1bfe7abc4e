"""`make test-portable` really runs on other numerical kernels (issue 11).

The portable nbval run sets ``OPENBLAS_CORETYPE`` and ``NPY_DISABLE_CPU_FEATURES`` (the Makefile's
``PORTABLE_ENV``). A misspelt value is ignored silently by both libraries, and the run would then
test the default kernels twice. These tests start Python with exactly the Makefile's settings and
ask the libraries which kernels they picked: threadpoolctl names OpenBLAS's core, and NumPy's
``__cpu_targets_info__`` names the SIMD target each ufunc loop dispatched to.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    platform.machine().lower() not in ("x86_64", "amd64"),
    reason="the portable kernel settings name x86 kernels (OpenBLAS cores, NumPy's X86_V3 group)",
)

PROBE = """
import json, threadpoolctl
from numpy._core import _multiarray_umath as m
cores = [i.get("architecture") for i in threadpoolctl.threadpool_info()
         if i.get("internal_api") == "openblas"]
print(json.dumps({"openblas": cores, "tanh": m.__cpu_targets_info__["tanh"]["dd"]["current"],
                  "add": m.__cpu_targets_info__["add"]["ddd"]["current"]}))
"""

# OpenBLAS reports some cores under another name: Prescott and Core2 run as "Katmai" (SSE3).
OPENBLAS_ALIASES = {"prescott": {"prescott", "katmai", "core2"}, "zen": {"zen", "haswell"}}


def portable_env() -> dict[str, str]:
    """The variables of the Makefile's ``PORTABLE_ENV := ...`` line, as a dict."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^PORTABLE_ENV\s*:=\s*(.+)$", text, re.M)
    assert match, "the Makefile has no `PORTABLE_ENV := ...` line for `make test-portable`"
    pairs = dict(item.split("=", 1) for item in match.group(1).split())
    assert set(pairs) == {"OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES"}, pairs
    return pairs


def probe(extra: dict[str, str], drop: tuple[str, ...] = ()) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(extra)
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def expected_cores(coretype: str) -> set[str]:
    return OPENBLAS_ALIASES.get(coretype.lower(), {coretype.lower()})


def test_portable_env_reaches_openblas_and_numpy():
    settings = portable_env()
    default = probe({}, drop=tuple(settings))
    portable = probe(settings)

    assert portable["openblas"], "NumPy's OpenBLAS was not found by threadpoolctl"
    cores = {core.lower() for core in portable["openblas"]}
    assert cores <= expected_cores(settings["OPENBLAS_CORETYPE"]), (
        f"OPENBLAS_CORETYPE={settings['OPENBLAS_CORETYPE']} did not reach OpenBLAS: it runs {cores}"
    )
    if {c.lower() for c in default["openblas"]} == cores:
        pytest.skip(f"this CPU's default OpenBLAS core is already {cores}: nothing else to test")
    # NumPy's float64 loops fall back to the baseline (SSE4.2 on x86-64-v2 builds).
    for ufunc in ("tanh", "add"):
        assert portable[ufunc].startswith("baseline"), (
            f"NPY_DISABLE_CPU_FEATURES={settings['NPY_DISABLE_CPU_FEATURES']} did not reach NumPy: "
            f"np.{ufunc} still dispatches to {portable[ufunc]} (default here: {default[ufunc]})"
        )


def test_this_process_runs_the_kernels_it_was_given():
    """Under `make test-portable` the variables are set: this interpreter must honour them too."""
    settings = portable_env()
    if any(os.environ.get(name) != value for name, value in settings.items()):
        pytest.skip("not running under `make test-portable` (PORTABLE_ENV is not set here)")
    here = probe({})
    cores = {core.lower() for core in here["openblas"]}
    assert cores <= expected_cores(settings["OPENBLAS_CORETYPE"]), cores
    assert here["tanh"].startswith("baseline"), here
