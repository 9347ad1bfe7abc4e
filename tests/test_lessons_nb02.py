"""The demonstration helpers of notebook 02_network_zoo."""

import numpy as np
import pytest

from dlcourse.lessons import nb02


def test_frequency_sequences_shapes_labels_and_dtype():
    X, y = nb02.frequency_sequences(n=50, length=12, seed=3)
    assert X.shape == (50, 12, 1) and X.dtype == np.float32
    assert y.shape == (50,) and set(np.unique(y)) <= {0, 1}


def test_frequency_sequences_are_seeded():
    a = nb02.frequency_sequences(n=20, seed=5)
    b = nb02.frequency_sequences(n=20, seed=5)
    c = nb02.frequency_sequences(n=20, seed=6)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


def test_frequency_sequences_without_noise_are_sines_of_the_labelled_frequency():
    X, y = nb02.frequency_sequences(n=40, length=50, noise=0.0, seed=0)
    assert np.all(np.abs(X) <= 1.0 + 1e-6)
    # the dominant frequency of each clean wave (in cycles per step) identifies its label
    spectrum = np.abs(np.fft.rfft(X[:, :, 0], axis=1))
    freqs = np.fft.rfftfreq(50)
    peak = freqs[spectrum.argmax(axis=1)]
    np.testing.assert_allclose(peak, np.where(y == 1, 0.2, 0.08), atol=0.011)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": 0}, r"`n` must be a positive int, got 0"),
        ({"length": 1}, r"`length` must be an int >= 2 .* got 1"),
        ({"noise": -0.1}, r"`noise` must be >= 0, got -0.1"),
    ],
)
def test_frequency_sequences_errors_teach(kwargs, message):
    with pytest.raises(ValueError, match=message):
        nb02.frequency_sequences(**kwargs)


def test_describe_refuses_an_unbuilt_model():
    class Unbuilt:
        name = "mlp"
        built = False

    with pytest.raises(ValueError, match=r"describe: `model` 'mlp' is not built yet.*keras.Input"):
        nb02.describe(Unbuilt())


def test_gan_run_repr():
    run = nb02.GanRun()
    run.snapshots[0] = np.zeros(3)
    run.d_loss = [1.0, 0.9]
    assert repr(run) == "GanRun(steps=2, snapshots at [0])"


def test_describe_zoo_row_and_a_short_gan_run_with_keras(capsys):
    from dlcourse.keras_bridge import keras, set_seed

    set_seed(0)
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(4, 3, name="conv"),
            keras.layers.Flatten(name="flat"),
        ],
        name="tiny",
    )
    nb02.describe(model)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == 'model "tiny"   input (None, 8, 8, 1)'
    assert out[1].split() == ["conv", "Conv2D", "(None,", "6,", "6,", "4)", "40"]
    assert out[2].split() == ["flat", "Flatten", "(None,", "144)", "0"]
    assert out[3] == "  total parameters: 40"
    assert nb02.zoo_row(model) == ("tiny", "(None, 8, 8, 1)", "(None, 144)", 40)

    generator, discriminator = nb02.build_gan(noise_dim=3, units=5)
    assert generator.count_params() == (3 * 5 + 5) + (5 + 1)
    assert discriminator.count_params() == (5 + 5) + (5 + 1)
    run = nb02.train_gan(
        generator,
        discriminator,
        lambda rng, n: rng.normal(4.0, 0.5, size=(n, 1)),
        steps=20,
        batch_size=16,
        snapshot_every=10,
    )
    assert sorted(run.snapshots) == [0, 10, 20]
    assert all(s.shape == (500,) for s in run.snapshots.values())
    assert len(run.d_loss) == len(run.g_loss) == 20
    assert np.all(np.isfinite(run.d_loss)) and np.all(np.isfinite(run.g_loss))
    # the generator is being trained: its output has changed from the start
    assert not np.allclose(run.snapshots[0], run.snapshots[20])


def test_train_gan_updates_d_first_then_g_through_the_updated_d():
    """One step of train_gan equals, replayed by hand: a D step with G fixed, then a G step on
    fresh noise through the *updated* D (not both from one forward pass)."""
    from dlcourse.keras_bridge import keras, set_seed, tf

    def sample_real(rng, n):
        return rng.normal(4.0, 0.5, size=(n, 1))

    set_seed(1)
    generator, discriminator = nb02.build_gan(noise_dim=2, units=3)
    g0, d0 = generator.get_weights(), discriminator.get_weights()
    nb02.train_gan(generator, discriminator, sample_real, steps=1, batch_size=8, seed=5)

    # the same draws as train_gan: the fixed snapshot noise, then real, z for D, z for G
    rng = np.random.default_rng(5)
    rng.normal(size=(500, 2))
    real = sample_real(rng, 8).astype("float32")
    z_d = rng.normal(size=(8, 2)).astype("float32")
    z_g = rng.normal(size=(8, 2)).astype("float32")
    g, d = nb02.build_gan(noise_dim=2, units=3)
    g.set_weights(g0)
    d.set_weights(d0)
    bce = keras.losses.BinaryCrossentropy()
    d_opt, g_opt = (keras.optimizers.Adam(0.01, beta_1=0.5) for _ in range(2))
    fake = g(z_d)
    with tf.GradientTape() as tape:
        p_real, p_fake = d(real), d(fake)
        loss = bce(tf.ones_like(p_real), p_real) + bce(tf.zeros_like(p_fake), p_fake)
    d_vars = d.trainable_variables
    d_opt.apply_gradients(zip(tape.gradient(loss, d_vars), d_vars, strict=True))
    with tf.GradientTape() as tape:
        p = d(g(z_g))
        loss = bce(tf.ones_like(p), p)
    g_vars = g.trainable_variables
    g_opt.apply_gradients(zip(tape.gradient(loss, g_vars), g_vars, strict=True))

    for ours, theirs in zip(discriminator.get_weights(), d.get_weights(), strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)
    for ours, theirs in zip(generator.get_weights(), g.get_weights(), strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)
    # and both networks did change
    assert not np.allclose(generator.get_weights()[0], g0[0])
    assert not np.allclose(discriminator.get_weights()[0], d0[0])


# ---- the reference versions of the exercises (the notebook uses them after each check) -------


def test_conv2d_params_by_hand_and_errors():
    assert nb02.conv2d_params(3, 1, 16) == 3 * 3 * 1 * 16 + 16 == 160
    assert nb02.conv2d_params(3, 16, 32) == 3 * 3 * 16 * 32 + 32 == 4640
    assert nb02.conv2d_params(1, 1, 1) == 2
    with pytest.raises(ValueError, match=r"`in_channels` must be a positive int, got 0"):
        nb02.conv2d_params(3, 0, 16)
    with pytest.raises(ValueError, match=r"`kernel_size` must be a positive int, got 3.0"):
        nb02.conv2d_params(3.0, 1, 16)


def test_simple_rnn_forward_unrolls_the_recurrence():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 3, 2))
    W, U, b = rng.normal(size=(2, 4)), rng.normal(size=(4, 4)), rng.normal(size=4)
    h1 = np.tanh(X[:, 0] @ W + b)
    h2 = np.tanh(X[:, 1] @ W + h1 @ U + b)
    h3 = np.tanh(X[:, 2] @ W + h2 @ U + b)
    np.testing.assert_allclose(nb02.simple_rnn_forward(X, W, U, b), h3)


@pytest.mark.parametrize(
    ("shapes", "message"),
    [
        (
            ((5, 1), (1, 3), (3, 3), (3,)),
            r"`X` must have shape \(batch, time, features\), got \(5, 1\)",
        ),
        (
            ((2, 5, 2), (1, 3), (3, 3), (3,)),
            r"`W` must have shape \(features, units\) = \(2, units\)",
        ),
        (((2, 5, 1), (1, 3), (3, 3), (1, 3)), r"`U` must have shape \(3, 3\) and `b` shape \(3,\)"),
    ],
)
def test_simple_rnn_forward_errors_teach(shapes, message):
    with pytest.raises(ValueError, match=message):
        nb02.simple_rnn_forward(*(np.zeros(s) for s in shapes))


def test_attention_is_a_row_softmax_average_and_stays_finite():
    rng = np.random.default_rng(1)
    Q, K, V = rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 2))
    scores = Q @ K.T / 2.0  # sqrt(d_k) = 2
    weights = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(nb02.scaled_dot_product_attention(Q, K, V), weights @ V)
    big = nb02.scaled_dot_product_attention(100 * Q, 100 * K, V)  # scores in the thousands
    assert np.all(np.isfinite(big))
    with pytest.raises(
        ValueError, match=r"K must have as many columns as Q.*Q \(3, 4\), K \(5, 3\)"
    ):
        nb02.scaled_dot_product_attention(Q, K[:, :3], V)
    with pytest.raises(ValueError, match=r"must be 2-D .* got shapes \(1, 3, 4\).*Q\[0\]"):
        nb02.scaled_dot_product_attention(Q[None], K, V)


def test_the_references_pass_their_own_checks(capsys):
    from dlcourse import check

    assert check.conv2d_params(nb02.conv2d_params)
    assert check.simple_rnn_forward(nb02.simple_rnn_forward)
    assert check.scaled_dot_product_attention(nb02.scaled_dot_product_attention)
    assert capsys.readouterr().out.count("✅") == 3
    # and each check recognises at least one wrong answer (the references are not trivially passed)
    assert not check.conv2d_params(lambda k, c, f: k * k * c * f)


def test_the_references_agree_with_keras():
    from dlcourse.keras_bridge import keras

    conv = keras.layers.Conv2D(32, 3, name="conv")
    conv.build((None, 8, 8, 16))
    assert nb02.conv2d_params(3, 16, 32) == conv.count_params()

    rng = np.random.default_rng(2)
    X = rng.normal(size=(3, 6, 2)).astype("float32")
    rnn = keras.layers.SimpleRNN(4, name="rnn")
    theirs = rnn(X).numpy()
    np.testing.assert_allclose(nb02.simple_rnn_forward(X, *rnn.get_weights()), theirs, atol=1e-5)

    Q, K, V = rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 4))
    mha = keras.layers.MultiHeadAttention(num_heads=1, key_dim=4, name="one_head")
    mha(Q[None], V[None], key=K[None])
    eye_in, eye_out = np.eye(4).reshape(4, 1, 4), np.eye(4).reshape(1, 4, 4)
    zeros = np.zeros((1, 4))
    mha.set_weights([eye_in, zeros, eye_in, zeros, eye_in, zeros, eye_out, np.zeros(4)])
    keras_out = mha(Q[None], V[None], key=K[None]).numpy()[0]
    np.testing.assert_allclose(nb02.scaled_dot_product_attention(Q, K, V), keras_out, atol=1e-5)
