"""Demonstrations for notebook 02_network_zoo: model tables, a sequence task and a tiny GAN.

Also the course's reference versions of the notebook's exercises (``conv2d_params``,
``simple_rnn_forward``, ``scaled_dot_product_attention``): the checks compare the learner's answer
with them, and the notebook's later cells use them, so those cells run whether or not the exercise
is done.

Keras is imported lazily (inside the functions that need it), so importing this module, and
testing its NumPy parts, stays fast.

Introduced in notebook 02_network_zoo.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "describe",
    "zoo_row",
    "frequency_sequences",
    "conv2d_params",
    "simple_rnn_forward",
    "scaled_dot_product_attention",
    "build_gan",
    "train_gan",
    "GanRun",
]


def _shape_text(shape: Any) -> str:
    """``(None, 8, 8, 1)`` for a Keras shape tuple (or a list of them)."""
    if isinstance(shape, list):
        return ", ".join(_shape_text(s) for s in shape)
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


def describe(model: Any) -> None:
    """Print a built Keras model as a short table: layer name, type, output shape, parameters.

    It reads like ``model.summary()`` but is narrower and identical on every machine, which the
    notebook's compared outputs need.

    Args:
        model: a built Keras model (``keras.Sequential`` with an ``Input``, or a functional model).

    Example:
        >>> describe(keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="d")]))  # doctest: +SKIP
        model "sequential"   input (None, 3)
          d        Dense   (None, 2)   8
          total parameters: 8

    Introduced in notebook 02_network_zoo.
    """
    if not getattr(model, "built", False) or not getattr(model, "inputs", None):
        raise ValueError(
            f"describe: `model` {getattr(model, 'name', model)!r} is not built yet. "
            "Start it with keras.Input(shape) (or call it once on data) before describing it."
        )
    inputs = ", ".join(_shape_text(tuple(t.shape)) for t in model.inputs)
    print(f'model "{model.name}"   input {inputs}')
    rows = []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        out = layer.output
        shape = [tuple(t.shape) for t in out] if isinstance(out, list | tuple) else tuple(out.shape)
        rows.append((layer.name, type(layer).__name__, _shape_text(shape), layer.count_params()))
    widths = [max(len(str(r[i])) for r in rows) for i in range(3)]
    for name, kind, shape, params in rows:
        print(f"  {name:<{widths[0]}}  {kind:<{widths[1]}}  {shape:<{widths[2]}}  {params:>7,}")
    print(f"  total parameters: {model.count_params():,}")


def zoo_row(model: Any) -> tuple[str, str, str, int]:
    """One row of the notebook's closing table: (model name, input shape, output shape, params).

    Introduced in notebook 02_network_zoo.
    """
    inputs = ", ".join(_shape_text(tuple(t.shape)) for t in model.inputs)
    outputs = ", ".join(_shape_text(tuple(t.shape)) for t in model.outputs)
    return model.name, inputs, outputs, int(model.count_params())


def frequency_sequences(
    n: int = 1000, length: int = 30, noise: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Noisy sine waves labelled by their frequency: a sequence task a recurrent model can learn.

    Each sequence is ``x_t = sin(2*pi*f*t + phase) + noise * N(0, 1)`` for ``t = 0..length-1``,
    with a random phase. Label 1 means the fast wave (``f = 0.2`` cycles per step), label 0 the slow
    one (``f = 0.08``). No single time step tells them apart: the model has to look at how the
    values change along the sequence.

    Args:
        n: number of sequences.
        length: time steps per sequence.
        noise: standard deviation of the Gaussian noise added to every step.
        seed: seed of the generator (same seed, same data).

    Returns:
        X of shape (n, length, 1), float32 (Keras recurrent layers read (batch, time, features));
        y of shape (n,), int 0/1.

    Example:
        >>> X, y = frequency_sequences(n=4, length=10, seed=0)
        >>> X.shape, y.shape
        ((4, 10, 1), (4,))

    Introduced in notebook 02_network_zoo.
    """
    if not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"frequency_sequences: `n` must be a positive int, got {n!r}.")
    if not isinstance(length, int | np.integer) or length < 2:
        raise ValueError(
            f"frequency_sequences: `length` must be an int >= 2 (a frequency needs at least two "
            f"time steps), got {length!r}."
        )
    if noise < 0:
        raise ValueError(f"frequency_sequences: `noise` must be >= 0, got {noise!r}.")
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=n)
    freq = np.where(y == 1, 0.2, 0.08)
    phase = rng.uniform(0.0, 2.0 * np.pi, size=n)
    t = np.arange(length)
    X = np.sin(2.0 * np.pi * freq[:, None] * t + phase[:, None])
    X = X + noise * rng.normal(size=(n, length))
    return X[..., None].astype("float32"), y.astype(int)


def conv2d_params(kernel_size: int, in_channels: int, filters: int) -> int:
    """Trainable parameters of ``keras.layers.Conv2D(filters, kernel_size)`` with a bias.

    ``kernel_size * kernel_size * in_channels * filters + filters``: each filter has one weight per
    position of its square window and per input channel, plus one bias. The image's height and
    width do not appear: the same filter is used at every position (weight sharing). The course's
    reference for Exercise 2.1.

    Args:
        kernel_size: the side of the square kernel (3 for a 3x3 filter).
        in_channels: channels of the input (1 for grey images, 3 for RGB, 16 after a layer of 16
            filters).
        filters: the number of filters (output channels).

    Returns:
        The parameter count, as ``layer.count_params()`` reports it.

    Example:
        >>> conv2d_params(3, 1, 16)
        160

    Introduced in notebook 02_network_zoo (Exercise 2.1).
    """
    for name, value in [
        ("kernel_size", kernel_size),
        ("in_channels", in_channels),
        ("filters", filters),
    ]:
        if not isinstance(value, int | np.integer) or isinstance(value, bool) or value < 1:
            raise ValueError(f"conv2d_params: `{name}` must be a positive int, got {value!r}.")
    return int(kernel_size * kernel_size * in_channels * filters + filters)


def simple_rnn_forward(X: Any, W: Any, U: Any, b: Any) -> np.ndarray:
    """The last state ``h_T`` of a Keras ``SimpleRNN`` layer (tanh activation), in NumPy.

    ``h_t = tanh(x_t W + h_{t-1} U + b)`` for ``t = 1..T``, with ``h_0 = 0`` and the same ``W``,
    ``U`` and ``b`` at every step. The course's reference for Exercise 2.2.

    Args:
        X: sequences, shape (batch, time, features).
        W: input weights (Keras' ``kernel``), shape (features, units).
        U: recurrent weights (Keras' ``recurrent_kernel``), shape (units, units).
        b: bias, shape (units,).

    Returns:
        ``h_T``, shape (batch, units): what ``SimpleRNN(units)`` returns by default.

    Example:
        >>> X = np.ones((1, 2, 1))  # one sequence, two steps, one feature
        >>> simple_rnn_forward(X, np.array([[1.0]]), np.array([[0.0]]), np.array([0.0])).round(4)
        array([[0.7616]])

    Introduced in notebook 02_network_zoo (Exercise 2.2).
    """
    X, W, U, b = (np.asarray(a, dtype=float) for a in (X, W, U, b))
    if X.ndim != 3:
        raise ValueError(
            f"simple_rnn_forward: `X` must have shape (batch, time, features), got {X.shape}. "
            "One sequence of readings x_1..x_T is X[None, :, None]."
        )
    units = W.shape[-1] if W.ndim == 2 else None
    if W.ndim != 2 or W.shape[0] != X.shape[2]:
        raise ValueError(
            f"simple_rnn_forward: `W` must have shape (features, units) = ({X.shape[2]}, units) "
            f"for X of shape {X.shape}, got {W.shape}."
        )
    if U.shape != (units, units) or b.shape != (units,):
        raise ValueError(
            f"simple_rnn_forward: with W of shape {W.shape}, `U` must have shape "
            f"({units}, {units}) and `b` shape ({units},); got {U.shape} and {b.shape}."
        )
    h = np.zeros((X.shape[0], units))
    for t in range(X.shape[1]):
        h = np.tanh(X[:, t, :] @ W + h @ U + b)
    return h


def scaled_dot_product_attention(Q: Any, K: Any, V: Any) -> np.ndarray:
    """Scaled dot-product attention, ``softmax(Q K^T / sqrt(d_k)) V``, for 2-D arrays.

    The softmax runs over the keys (each row of the scores), after subtracting each row's
    maximum: that does not change the result, but keeps ``np.exp`` from overflowing when the
    scores are large. The course's reference for Exercise 2.3.

    Args:
        Q: queries, shape (n_queries, d_k).
        K: keys, shape (n_keys, d_k).
        V: values, shape (n_keys, d_v).

    Returns:
        Shape (n_queries, d_v): each row a weighted average of the rows of ``V``.

    Example:
        >>> Q = np.array([[1.0, 0.0]])
        >>> K = np.array([[1.0, 0.0], [0.0, 1.0]])
        >>> V = np.array([[10.0], [20.0]])
        >>> scaled_dot_product_attention(Q, K, V).round(2)  # leans toward the matching key
        array([[13.3]])

    Introduced in notebook 02_network_zoo (Exercise 2.3).
    """
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    if Q.ndim != 2 or K.ndim != 2 or V.ndim != 2:
        raise ValueError(
            f"scaled_dot_product_attention: Q, K and V must be 2-D (one row per query or key), "
            f"got shapes {Q.shape}, {K.shape}, {V.shape}; for one sequence of a batch pass Q[0]."
        )
    if K.shape[1] != Q.shape[1] or V.shape[0] != K.shape[0]:
        raise ValueError(
            f"scaled_dot_product_attention: K must have as many columns as Q (d_k) and V as many "
            f"rows as K (one value per key); got Q {Q.shape}, K {K.shape}, V {V.shape}."
        )
    scores = Q @ K.T / np.sqrt(Q.shape[-1])
    scores = scores - scores.max(axis=-1, keepdims=True)  # exp of large scores would overflow
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return weights @ V


def build_gan(noise_dim: int = 4, units: int = 16) -> tuple[Any, Any]:
    """A generator and a discriminator for 1-D samples, both tiny Keras MLPs with named layers.

    The generator maps ``noise_dim`` Gaussian numbers to one sample; the discriminator maps one
    sample to the probability that it is real. Call ``dlcourse.setup_notebook()`` (or
    ``keras_bridge.set_seed``) first for reproducible initial weights.

    Returns:
        (generator, discriminator), two ``keras.Sequential`` models.

    Introduced in notebook 02_network_zoo.
    """
    from dlcourse.keras_bridge import keras

    generator = keras.Sequential(
        [
            keras.Input((noise_dim,), name="noise"),
            keras.layers.Dense(units, activation="leaky_relu", name="g_hidden"),
            keras.layers.Dense(1, name="g_sample"),
        ],
        name="generator",
    )
    discriminator = keras.Sequential(
        [
            keras.Input((1,), name="sample"),
            keras.layers.Dense(units, activation="leaky_relu", name="d_hidden"),
            keras.layers.Dense(1, activation="sigmoid", name="d_prob_real"),
        ],
        name="discriminator",
    )
    return generator, discriminator


class GanRun:
    """What ``train_gan`` returns: generated samples at each snapshot step, and the losses.

    Attributes:
        snapshots: dict step -> generated samples (array (num_samples,)) from fixed noise.
        d_loss, g_loss: lists with the discriminator's and generator's loss at every step.

    Introduced in notebook 02_network_zoo.
    """

    def __init__(self) -> None:
        self.snapshots: dict[int, np.ndarray] = {}
        self.d_loss: list[float] = []
        self.g_loss: list[float] = []

    def __repr__(self) -> str:
        return f"GanRun(steps={len(self.d_loss)}, snapshots at {sorted(self.snapshots)})"


def train_gan(
    generator: Any,
    discriminator: Any,
    sample_real: Any,
    steps: int = 300,
    batch_size: int = 64,
    snapshot_every: int = 100,
    learning_rate: float = 0.01,
    seed: int = 0,
) -> GanRun:
    """Train a GAN for a few steps, in turns, and keep snapshots of what the generator produces.

    Each step has two updates, one after the other: (1) the discriminator D takes a gradient step
    on binary cross-entropy, real samples labelled 1 and generated ones labelled 0, with the
    generator G held fixed; (2) with that *updated* D held fixed, G takes a step on fresh noise to
    make D call its samples real (the "non-saturating" loss ``-log D(G(z))`` of Goodfellow et al.,
    2014). G's gradient flows back through D into G's weights, so G learns only through D.

    Args:
        generator, discriminator: from ``build_gan``.
        sample_real: function ``(rng, n) -> array (n, 1)`` drawing real data.
        steps: number of training steps (each one D update, then one G update).
        batch_size: real and generated samples per update.
        snapshot_every: keep 500 generated samples (from the same fixed noise) every this many
            steps, and at step 0 and the last step.
        learning_rate: Adam's learning rate for both networks (beta_1 = 0.5, common for GANs).
        seed: seeds the real-data and noise draws.

    Returns:
        A ``GanRun``.

    Introduced in notebook 02_network_zoo.
    """
    from dlcourse.keras_bridge import keras, tf

    noise_dim = int(generator.inputs[0].shape[-1])
    g_opt = keras.optimizers.Adam(learning_rate, beta_1=0.5)
    d_opt = keras.optimizers.Adam(learning_rate, beta_1=0.5)
    bce = keras.losses.BinaryCrossentropy()

    @tf.function
    def d_step(real, z):
        fake = generator(z, training=False)  # G is not updated in this step
        with tf.GradientTape() as tape:
            p_real = discriminator(real, training=True)
            p_fake = discriminator(fake, training=True)
            d_loss = bce(tf.ones_like(p_real), p_real) + bce(tf.zeros_like(p_fake), p_fake)
        d_vars = discriminator.trainable_variables
        d_opt.apply_gradients(zip(tape.gradient(d_loss, d_vars), d_vars, strict=True))
        return d_loss

    @tf.function
    def g_step(z):
        with tf.GradientTape() as tape:  # D, just updated, is only read here
            p_fake = discriminator(generator(z, training=True), training=False)
            g_loss = bce(tf.ones_like(p_fake), p_fake)
        g_vars = generator.trainable_variables
        g_opt.apply_gradients(zip(tape.gradient(g_loss, g_vars), g_vars, strict=True))
        return g_loss

    rng = np.random.default_rng(seed)
    fixed_z = rng.normal(size=(500, noise_dim)).astype("float32")
    run = GanRun()
    for i in range(steps + 1):
        if i % snapshot_every == 0 or i == steps:
            run.snapshots[i] = generator(fixed_z).numpy().ravel()
        if i == steps:
            break
        real = np.asarray(sample_real(rng, batch_size), dtype="float32").reshape(batch_size, 1)
        z_d = rng.normal(size=(batch_size, noise_dim)).astype("float32")
        z_g = rng.normal(size=(batch_size, noise_dim)).astype("float32")
        run.d_loss.append(float(d_step(real, z_d)))
        run.g_loss.append(float(g_step(z_g)))
    return run
