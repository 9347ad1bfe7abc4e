"""The only dlcourse module that imports TensorFlow/Keras.

Keras notebooks import it (before calling ``dlcourse.setup_notebook``) to get a quiet,
deterministic TensorFlow, and helpers that move weights between dlcourse and Keras.

Introduced in notebook 02_network_zoo.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
# Keras' summary() draws its table with `rich`, whose width follows the terminal: fix it.
os.environ.setdefault("COLUMNS", "100")


def _import_quietly():
    """Import Keras and TensorFlow with file descriptor 2 (native stderr) sent to /dev/null.

    TensorFlow 2.21 writes C++ start-up lines ("All log messages before absl::InitializeLog() ...",
    "cudart_stub.cc ... Could not find cuda drivers") straight to fd 2, ignoring
    TF_CPP_MIN_LOG_LEVEL; they carry a timestamp and a process id, so a notebook that shows them
    never compares equal under nbval. Python exceptions still propagate normally.
    """
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        import keras
        import tensorflow

        return keras, tensorflow
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


keras, tf = _import_quietly()

tf.get_logger().setLevel("ERROR")

__all__ = ["keras", "tf", "set_seed"]


def set_seed(seed: int = 0) -> None:
    """Seed Python, NumPy, TensorFlow and Keras, and make TensorFlow's ops deterministic.

    ``dlcourse.setup_notebook`` calls this when TensorFlow has been imported.

    Args:
        seed: the seed for every random generator.

    Introduced in notebook 02_network_zoo.
    """
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
