"""The demonstrations of notebook 07_backpropagation: the computational graph, the batch-size
comparison, the activation layer and the deep networks for vanishing/exploding gradients (the
worked 3-2-1 example is tested in test_worked_example.py)."""

from __future__ import annotations

import numpy as np

from dlcourse import data, gradcheck, nn, optimizers
from dlcourse.layers import Activation, BatchNormalization, Dense
from dlcourse.lessons import nb07


def test_graph_figure_draws_every_operation():
    import matplotlib.pyplot as plt

    ax = nb07.graph_figure()
    texts = [t.get_text() for t in ax.texts]
    assert "h = σ(z1)" in texts and "L = (ŷ - y)²" in texts
    plt.close(ax.figure)


def test_compare_batch_sizes_tunes_a_rate_per_batch_size_on_validation_data():
    X, y = data.moons(n=96, noise=0.1, seed=0)
    args = (X[:64], y[:64], X[64:], y[64:])
    runs = nb07.compare_batch_sizes(*args, {"full": 64, "single": 1}, [0.1, 1.0, 100.0], epochs=3)
    assert [runs[k]["updates_per_epoch"] for k in ("full", "single")] == [1, 64]
    for run in runs.values():
        losses = run["final_val_loss"]
        assert run["learning_rate"] == min(losses, key=losses.get)  # the best validation loss
        assert len(run["val_loss"]) == 3 and run["val_loss"][-1] == losses[run["learning_rate"]]
        assert run["seconds_per_epoch"] > 0
    assert runs["full"]["learning_rate"] > runs["single"]["learning_rate"]
    again = nb07.compare_batch_sizes(*args, {"single": 1}, [0.1, 1.0, 100.0], epochs=3)
    assert again["single"]["val_loss"] == runs["single"]["val_loss"]  # seeded: identical


def test_loss_per_epoch_stops_at_an_exploding_loss_and_clipping_tames_it():
    X, y = data.moons(n=64, noise=0.1, seed=0)

    def curve(clip):
        net = nn.mlp(2, [16] * 6, 1, "relu", "linear", kernel_initializer="he_normal", seed=0)
        nb07.scale_hidden_kernels(net, 2.0)
        sgd = optimizers.SGD(learning_rate=0.05, global_clipnorm=clip)
        return nb07.loss_per_epoch(net, X, y.astype(float), "mse", sgd, epochs=4)

    plain, clipped = curve(None), curve(1.0)
    assert len(plain) == 5 and np.isnan(plain[-1])
    assert np.all(np.isfinite(clipped)) and clipped[-1] < clipped[0]


def test_activation_layer_passes_a_gradient_check():
    X = np.random.default_rng(0).normal(size=(5, 3))
    for name in ["sigmoid", "tanh", "relu"]:
        report = gradcheck.check_gradients(Activation(name), X, np.zeros((5, 3)), "mse")
        assert report.ok, (name, report.max_error)
    assert repr(Activation("relu", name="act")) == "Activation('relu', name='act')"


def _deep(**setup):
    return nn.mlp(2, [8] * 4, 2, output_activation="softmax", seed=0, **setup)


def test_scale_hidden_kernels_scales_the_hidden_layers_only():
    plain = _deep(activation="relu", kernel_initializer="he_normal")
    assert [type(layer) for layer in plain.layers] == [Dense] * 5
    scaled = nb07.scale_hidden_kernels(_deep(activation="relu", kernel_initializer="he_normal"), 2)
    for a, b in zip(plain.layers[:-1], scaled.layers[:-1], strict=True):
        np.testing.assert_allclose(b.params["W"], 2.0 * a.params["W"])
    np.testing.assert_array_equal(plain.layers[-1].params["W"], scaled.layers[-1].params["W"])
    bn = nn.mlp(2, [8] * 2, 2, "sigmoid", "softmax", batch_norm=True)
    kinds = [type(layer) for layer in bn.layers]
    assert kinds == [Dense, BatchNormalization, Activation] * 2 + [Dense]


def test_deep_sigmoid_gradients_vanish_and_fixes_keep_them_in_range():
    X, y = data.spiral(n=128, noise=0.1, seed=0)

    def spread(**setup):
        net = nn.mlp(2, [32] * 10, 2, output_activation="softmax", seed=0, **setup)
        norms = gradcheck.gradient_norms(net, X, y, "sparse_categorical_crossentropy")
        return norms[0] / norms[-2]

    assert spread(activation="sigmoid") < 1e-4
    assert 1e-2 < spread(activation="relu", kernel_initializer="he_normal") < 1e2
    assert 1e-2 < spread(activation="sigmoid", batch_norm=True) < 1e2
