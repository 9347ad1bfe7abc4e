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
