"""NumPy core vs Keras: one training epoch of a 64-128-64-10 MLP on scikit-learn's digits.

Model and data, the same on both sides: the 1797 digits images (8x8 pixels scaled to [0, 1]),
Dense(128, relu) -> Dense(64, relu) -> Dense(10, softmax), Adam (Keras defaults), sparse categorical
cross-entropy, one epoch over all 1797 rows, shuffled. Each time is the median of 5 epochs after one
warm-up epoch (Keras traces its graph in the warm-up): dlcourse ``net.fit(..., epochs=1)``, Keras
``model.fit(..., epochs=1, verbose=0)``, so both include their per-call overhead. Keras runs in
fresh subprocesses, once with oneDNN off (``TF_ENABLE_ONEDNN_OPTS=0``, the setting dlcourse uses
for portable notebook outputs) and once with oneDNN on (TensorFlow's default on x86 Linux).
dlcourse computes in float64, Keras in float32.

dlcourse's ``fit`` runs BLAS on one thread for batches under ``dlcourse.training._BLAS_THREADED_FROM_BATCH``
rows (``dlcourse.training._BLAS_THREADS_IN_FIT``): for matrices that small, threads cost more than they
give, and on a shared machine they can slow a product down tenfold; larger batches use BLAS's own
threads. Keras uses TensorFlow's own thread pools with their defaults.

The FLOP rate counts the matrix products of a training step, forward and backward: ``X @ W`` for
the three layers, ``X.T @ dZ`` for the three kernel gradients and ``dZ @ W.T`` for the three input
gradients. (The first layer's input gradient is not needed for training, but dlcourse's ``Dense``
computes it, as backpropagation does layer by layer; a row below also gives the rate counting only
the eight products training needs.) The reference runs exactly those nine products with plain
``numpy`` on arrays of the same shapes, back to back, once with NumPy's default BLAS threads and
once with one thread, interleaved with the MLP epochs; the target compares the MLP with the faster
of the two, so it measures how much of the time dlcourse spends outside matrix products.

Run: ``.venv/bin/python benchmarks/run_all.py bench_core``.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from dlcourse.training import _BLAS_THREADED_FROM_BATCH as BLAS_THREADED_FROM_BATCH

BATCH_SIZES = (32, 256)
REPEATS = 5
LAYER_SIZES = (64, 128, 64, 10)


def _digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    return X / 16.0, y


def _median_epoch(train_one_epoch) -> float:
    train_one_epoch()  # warm-up
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        train_one_epoch()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _blas_threads(limit):
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController().limit(limits=limit, user_api="blas")


def _dlcourse_epoch(X, y, batch_size: int):
    """A function that trains the benchmark MLP for one epoch (a new shuffle each call)."""
    from dlcourse import optimizers
    from dlcourse.layers import Dense
    from dlcourse.nn import Sequential

    net = Sequential(
        [
            Dense(128, activation="relu", seed=0),
            Dense(64, activation="relu", seed=1),
            Dense(10, activation="softmax", seed=2),
        ]
    )
    optimizer = optimizers.Adam()
    seeds = iter(range(10_000))

    def epoch():
        net.fit(X, y, loss="sparse_categorical_crossentropy", optimizer=optimizer, epochs=1,
                batch_size=batch_size, seed=next(seeds))  # fmt: skip

    return epoch


def _keras_epoch_seconds(batch_sizes) -> dict[int, float]:
    """Runs inside the subprocess: TF_ENABLE_ONEDNN_OPTS is already set in its environment."""
    from dlcourse.keras_bridge import keras

    X, y = _digits()
    X = X.astype(np.float32)
    result = {}
    for batch_size in batch_sizes:
        keras.utils.set_random_seed(0)
        model = keras.Sequential(
            [
                keras.Input((64,)),
                keras.layers.Dense(128, activation="relu"),
                keras.layers.Dense(64, activation="relu"),
                keras.layers.Dense(10, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        result[batch_size] = _median_epoch(
            lambda bs=batch_size, m=model: m.fit(X, y, batch_size=bs, epochs=1, verbose=0)
        )
    return result


def _keras_in_subprocess(onednn: str) -> tuple[dict[int, float], str]:
    env = dict(os.environ, TF_ENABLE_ONEDNN_OPTS=onednn, TF_CPP_MIN_LOG_LEVEL="3")
    root = Path(__file__).resolve().parents[1]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH", "")]))
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--keras"],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=True,
        )
        times = json.loads(done.stdout.strip().splitlines()[-1])
        return {int(k): v for k, v in times.items()}, ""
    except (subprocess.SubprocessError, ValueError, IndexError) as error:
        return {bs: float("nan") for bs in BATCH_SIZES}, f"Keras run failed: {error!r:.200}"


def _matmul_shapes(batch: int, first_input_grad: bool = True):
    """(left shape, right shape, kind) of every matrix product of one training step."""
    shapes = []
    sizes = LAYER_SIZES
    for i in range(3):  # forward: A_i (batch, n_in) @ W (n_in, n_out)
        shapes.append(((batch, sizes[i]), (sizes[i], sizes[i + 1]), "forward"))
    for i in range(3):  # kernel gradients: A_i.T (n_in, batch) @ dZ (batch, n_out)
        shapes.append(((sizes[i], batch), (batch, sizes[i + 1]), "dW"))
    # input gradients: dZ (batch, n_out) @ W.T (n_out, n_in); the first layer's is not needed
    for i in (0, 1, 2) if first_input_grad else (1, 2):
        shapes.append(((batch, sizes[i + 1]), (sizes[i + 1], sizes[i]), "dX"))
    return shapes


def _flops_per_epoch(num_samples: int, batch_size: int, first_input_grad: bool = True) -> float:
    total = 0.0
    for start in range(0, num_samples, batch_size):
        batch = min(batch_size, num_samples - start)
        shapes = _matmul_shapes(batch, first_input_grad)
        total += sum(2.0 * a[0] * a[1] * b[1] for a, b, _ in shapes)
    return total


def _numpy_matmul_epoch(num_samples: int, batch_size: int):
    """A function running the same products as one epoch, with plain NumPy, transposes as in
    backpropagation."""
    rng = np.random.default_rng(0)
    batches = []
    for start in range(0, num_samples, batch_size):
        batch = min(batch_size, num_samples - start)
        products = []
        for a_shape, b_shape, kind in _matmul_shapes(batch):
            if kind == "dW":  # X.T @ dZ: the transpose of a (batch, n_in) array
                a = rng.random(a_shape[::-1]).T
            else:
                a = rng.random(a_shape)
            b = rng.random(b_shape[::-1]).T if kind == "dX" else rng.random(b_shape)
            products.append((a, b))
        batches.append(products)

    def epoch():
        for products in batches:
            for a, b in products:
                a @ b

    return epoch


def _interleaved_seconds(functions: dict, rounds: int = 15) -> dict[str, list[float]]:
    """Time each function once per round, in turn, so that a burst of load from other jobs
    slows all of them alike instead of one."""
    times = {name: [] for name in functions}
    for function, context in functions.values():
        with context():
            function()  # warm-up
    for _ in range(rounds):
        for name, (function, context) in functions.items():
            with context():
                start = time.perf_counter()
                function()
                times[name].append(time.perf_counter() - start)
    return times


def run() -> list[dict]:
    X, y = _digits()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    ours = {bs: _median_epoch(_dlcourse_epoch(X, y, bs)) for bs in BATCH_SIZES}
    keras_off, note_off = _keras_in_subprocess("0")
    keras_on, note_on = _keras_in_subprocess("1")
    rows = []
    targets = {32: 0.5, 256: 1.0}
    for bs in BATCH_SIZES:
        rows.append({"name": f"dlcourse epoch, batch {bs}", "value": ours[bs] * 1e3, "unit": "ms",
                     "note": "float64, median of 5"})  # fmt: skip
        rows.append({"name": f"Keras epoch, batch {bs}, oneDNN off", "value": keras_off[bs] * 1e3,
                     "unit": "ms", "note": note_off or "float32, TF_ENABLE_ONEDNN_OPTS=0 (the "
                     "course's setting)"})  # fmt: skip
        rows.append({"name": f"Keras epoch, batch {bs}, oneDNN on", "value": keras_on[bs] * 1e3,
                     "unit": "ms", "note": note_on or "float32, TF_ENABLE_ONEDNN_OPTS=1 "
                     "(TensorFlow's default)"})  # fmt: skip
        for label, keras_time in (("oneDNN off", keras_off[bs]), ("oneDNN on", keras_on[bs])):
            ratio = ours[bs] / keras_time
            rows.append({"name": f"dlcourse / Keras ({label}), batch {bs}", "value": ratio,
                         "unit": "x", "target": f"<= {targets[bs]}",
                         "met": bool(ratio <= targets[bs])})  # fmt: skip

    # FLOP rates at batch 256: the MLP and the bare products, timed in turn, 15 rounds.
    flops = _flops_per_epoch(X.shape[0], 256)
    reference = _numpy_matmul_epoch(X.shape[0], 256)
    times = _interleaved_seconds(
        {
            "mlp": (_dlcourse_epoch(X, y, 256), contextlib.nullcontext),
            "numpy": (reference, contextlib.nullcontext),
            "numpy_1": (reference, lambda: _blas_threads(1)),
        }
    )
    rounds = zip(times["mlp"], times["numpy"], times["numpy_1"], strict=True)
    ratio = statistics.median(min(n, n1) / m for m, n, n1 in rounds)
    rate = {name: flops / statistics.median(t) / 1e9 for name, t in times.items()}
    context = (
        f"{os.cpu_count()} CPUs, load average {load:.1f} at start (other jobs share the CPUs, "
        f"so figures vary from run to run)"
    )
    needed = _flops_per_epoch(X.shape[0], 256, first_input_grad=False)
    rows += [
        {"name": "MLP training FLOP rate, batch 256", "value": rate["mlp"], "unit": "GFLOP/s",
         "note": f"{flops / 1e6:.0f} MFLOP of matrix products per epoch; fit() leaves BLAS its "
         f"own threads from batch {BLAS_THREADED_FROM_BATCH}; median of 15"},
        {"name": "MLP training FLOP rate, needed products only", "unit": "GFLOP/s",
         "value": rate["mlp"] * needed / flops,
         "note": f"{needed / 1e6:.0f} MFLOP: without the first layer's input gradient"},
        {"name": "plain numpy matmuls, same shapes, default BLAS threads", "value": rate["numpy"],
         "unit": "GFLOP/s", "note": context},
        {"name": "plain numpy matmuls, same shapes, 1 BLAS thread", "value": rate["numpy_1"],
         "unit": "GFLOP/s"},
        {"name": "MLP / best matmul FLOP rate, batch 256", "value": ratio, "unit": "x",
         "target": ">= 0.5", "met": bool(ratio >= 0.5),
         "note": "median over 15 rounds of (faster numpy time / MLP time), timed in turn"},
    ]  # fmt: skip
    return rows


if __name__ == "__main__":
    if sys.argv[1:] == ["--keras"]:
        print(json.dumps(_keras_epoch_seconds(BATCH_SIZES)))
    else:
        for row in run():
            print(row)
