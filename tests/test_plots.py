"""Tests for dlcourse.plots: assertions on the data the artists hold, not only "it drew"."""

from __future__ import annotations

import math
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba

from dlcourse import activations, losses, plots
from dlcourse.plots import network as network_module


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def same_color(a, b) -> bool:
    return np.allclose(to_rgba(a), to_rgba(b))


def labelled(ax) -> bool:
    return bool(ax.get_title() and ax.get_xlabel() and ax.get_ylabel())


# ---- common behaviour -------------------------------------------------------------------------


def test_every_function_draws_on_a_given_axes_and_rejects_a_figure():
    fig, ax = plt.subplots()
    assert plots.activation_curves("relu", ax=ax) is ax
    assert plots.loss_vs_prediction("mse", 0.0, ax=ax) is ax
    with pytest.raises(TypeError, match="`ax` must be a matplotlib Axes .* got Figure"):
        plots.activation_curves("relu", ax=fig)


# ---- activation_curves ------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in activations.NAMES if n != "softmax"])
def test_activation_curve_data_equal_the_activation_and_its_derivative(name):
    ax = plots.activation_curves(name)
    act = activations.get(name)
    curve, slope = ax.get_lines()[:2]
    z = np.linspace(-5, 5, 401)
    np.testing.assert_array_equal(curve.get_xdata(), z)
    np.testing.assert_allclose(curve.get_ydata(), act(z))
    np.testing.assert_allclose(slope.get_ydata(), act.derivative(z))
    assert curve.get_label() == f"{name}(z)" and slope.get_label() == f"{name}'(z)"
    assert slope.get_linestyle() == "--" and curve.get_color() == slope.get_color()
    assert labelled(ax) and ax.get_legend() is not None


def test_activation_curves_pass_parameters_and_custom_z():
    ax = plots.activation_curves("leaky_relu", z=[-2.0, 0.5], negative_slope=0.1)
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [-0.2, 0.5])
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), [0.1, 1.0])
    assert "negative_slope=0.1" in ax.get_title()


def test_activation_curves_compare_on_one_axes_with_distinct_colours():
    ax = plots.activation_curves("relu", derivative=False)
    assert len([line for line in ax.get_lines() if line.get_label().endswith("(z)")]) == 1
    plots.activation_curves("tanh", ax=ax)
    curves = [line for line in ax.get_lines() if line.get_label().endswith("(z)")]
    assert [line.get_label() for line in curves] == ["relu(z)", "tanh(z)", "tanh'(z)"]
    assert not same_color(curves[0].get_color(), curves[1].get_color())
    assert "derivatives" in ax.get_title()


def test_activation_curves_errors():
    with pytest.raises(ValueError, match="softmax is not a function of one number.*sigmoid"):
        plots.activation_curves("softmax")
    with pytest.raises(ValueError, match="Unknown activation 'rleu'"):
        plots.activation_curves("rleu")
    with pytest.raises(ValueError, match=r"`z` must be 1-D, got shape \(2, 2\)"):
        plots.activation_curves("relu", z=np.zeros((2, 2)))


# ---- loss_vs_prediction -----------------------------------------------------------------------


def test_mse_curve_and_gradient_per_sample():
    ax = plots.loss_vs_prediction("mse", y_true=1.0)
    loss, grad, target = ax.get_lines()[0], ax.get_lines()[1], ax.get_lines()[-1]
    p = loss.get_xdata()
    np.testing.assert_allclose(p, np.linspace(-2, 4, 401))
    np.testing.assert_allclose(loss.get_ydata(), (p - 1) ** 2)
    np.testing.assert_allclose(grad.get_ydata(), 2 * (p - 1))
    assert target.get_label() == "target y = 1" and target.get_xdata()[0] == 1.0
    assert labelled(ax) and "mean_squared_error" in ax.get_title()


def test_huber_object_with_delta():
    ax = plots.loss_vs_prediction(losses.get("huber", delta=2.0), 0.0, y_pred=[-5.0, 1.0, 3.0])
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [2 * 5 - 2, 0.5, 2 * 3 - 2])
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), [-2.0, 1.0, 2.0])


def test_binary_crossentropy_on_probabilities():
    ax = plots.loss_vs_prediction("binary_crossentropy", 1.0)
    p = ax.get_lines()[0].get_xdata()
    assert p.min() > 0 and p.max() < 1
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), -np.log(p), rtol=1e-6)
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), -1 / p, rtol=1e-6)
    assert "probability" in ax.get_xlabel()
    bottom, top = ax.get_ylim()
    assert top == pytest.approx(1.1 * -np.log(p.min()))  # the loss stays in view


def test_sparse_and_categorical_crossentropy_as_two_class_problems():
    p = np.array([0.1, 0.5, 0.9])
    ax = plots.loss_vs_prediction("sparse_categorical_crossentropy", 0, y_pred=p)
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), -np.log(1 - p), rtol=1e-6)
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), 1 / (1 - p), rtol=1e-6)
    z = np.array([-2.0, 0.0, 3.0])
    loss = losses.get("categorical_crossentropy", from_logits=True)
    ax = plots.loss_vs_prediction(loss, 1, y_pred=z)
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), np.log1p(np.exp(-z)))
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), 1 / (1 + np.exp(-z)) - 1)
    assert "logit" in ax.get_xlabel()


def test_hinge_curve():
    ax = plots.loss_vs_prediction("hinge", 1.0, gradient=False)
    s = ax.get_lines()[0].get_xdata()
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), np.maximum(0, 1 - s))
    assert [line.get_label() for line in ax.get_lines()][:1] == ["loss"]
    assert "gradient dL/dŷ" not in [line.get_label() for line in ax.get_lines()]


def test_loss_vs_prediction_errors():
    with pytest.raises(TypeError, match="`y_true` must be one number"):
        plots.loss_vs_prediction("mse", [1.0, 2.0])
    with pytest.raises(ValueError, match="binary_crossentropy, `y_true` must be the class, 0 or 1"):
        plots.loss_vs_prediction("binary_crossentropy", 0.5)
    with pytest.raises(ValueError, match="Unknown loss 'msee'"):
        plots.loss_vs_prediction("msee", 1.0)


# ---- decision_boundary ------------------------------------------------------------------------


class FunctionModel:
    """A model whose predict is a plain function (records how it was called)."""

    def __init__(self, function):
        self.function = function
        self.calls = []

    def predict(self, X):
        self.calls.append(X.copy())
        return self.function(X)


def grid_from(ax, resolution):
    x0, x1, y0, y1 = ax.images[0].get_extent()
    xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    return np.column_stack([xx.ravel(), yy.ravel()])


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_binary_boundary_image_equals_the_predictions_on_the_grid():
    X = np.array([[-2.0, -1.0], [1.0, 3.0], [2.0, 0.0]])
    y = np.array([0, 1, 1])
    model = FunctionModel(lambda G: sigmoid(G[:, 0] + 2 * G[:, 1])[:, None])
    ax = plots.decision_boundary(model, X, y, resolution=30)
    image = ax.images[0].get_array()
    assert image.shape == (30, 30)
    grid = grid_from(ax, 30)
    np.testing.assert_allclose(model.calls[0], grid)
    np.testing.assert_allclose(image, sigmoid(grid[:, 0] + 2 * grid[:, 1]).reshape(30, 30))
    x0, x1, y0, y1 = ax.images[0].get_extent()
    assert x0 < -2 and x1 > 2 and y0 < -1 and y1 > 3  # covers the data with a margin
    assert ax.images[0].get_clim() == (0.0, 1.0)
    assert len(ax.collections) >= 1  # the 0.5 contour
    class0, class1 = (c for c in ax.collections if c.get_label().startswith("class"))
    np.testing.assert_array_equal(class0.get_offsets(), X[y == 0])
    np.testing.assert_array_equal(class1.get_offsets(), X[y == 1])
    assert same_color(class0.get_facecolor()[0], plots.NEGATIVE)
    assert same_color(class1.get_facecolor()[0], plots.POSITIVE)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]
    assert labelled(ax)


def test_multiclass_boundary_shows_the_argmax():
    X = np.array([[-1.0, -1.0], [1.0, 1.0], [0.0, 2.0]])
    y = np.array([0, 1, 2])

    def scores(G):
        return np.column_stack([-G[:, 0], G[:, 0], G[:, 1] - 1])

    ax = plots.decision_boundary(FunctionModel(scores), X, y, resolution=20)
    grid = grid_from(ax, 20)
    np.testing.assert_array_equal(ax.images[0].get_array(), scores(grid).argmax(1).reshape(20, 20))
    assert set(np.unique(ax.images[0].get_array())) == {0, 1, 2}


def test_transform_maps_grid_points_to_engineered_features():
    X = np.array([[-1.0, -1.0], [1.0, 1.0]])
    seen = []

    def predict(F):
        seen.append(F.shape)
        return sigmoid(F[:, 2])  # uses only x1 * x2; a 1-D output is accepted too

    model = SimpleNamespace(predict=predict)
    ax = plots.decision_boundary(
        model, X, np.array([1, 1]), resolution=10, transform=lambda P: np.c_[P, P[:, 0] * P[:, 1]]
    )
    grid = grid_from(ax, 10)
    assert seen == [(100, 3)]
    np.testing.assert_allclose(
        ax.images[0].get_array(), sigmoid(grid[:, 0] * grid[:, 1]).reshape(10, 10)
    )


def test_logits_and_regression_outputs_use_a_symmetric_scale():
    X = np.array([[-1.0, 0.0], [1.0, 0.0]])
    ax = plots.decision_boundary(FunctionModel(lambda G: 3 * G[:, :1]), X, np.array([0.5, -0.5]))
    low, high = ax.images[0].get_clim()
    assert low == -high and high == pytest.approx(np.abs(ax.images[0].get_array()).max())
    assert ax.get_title() == "Model prediction"


def test_keras_style_predict_is_called_quietly():
    calls = []

    class KerasLike:
        def predict(self, x, batch_size=None, verbose="auto"):
            calls.append(verbose)
            return np.zeros((len(x), 1))

    plots.decision_boundary(KerasLike(), np.array([[0.0, 0.0], [1.0, 1.0]]), None, resolution=5)
    assert calls == [0]


def test_decision_boundary_errors():
    X, y = np.zeros((4, 2)), np.zeros(4, dtype=int)
    with pytest.raises(TypeError, match="`model` must have a predict"):
        plots.decision_boundary(object(), X, y)
    with pytest.raises(
        ValueError, match=r"shape \(num_samples, 2\), got shape \(4, 3\).*transform"
    ):
        plots.decision_boundary(FunctionModel(np.ones_like), np.zeros((4, 3)), y)
    with pytest.raises(ValueError, match=r"one label per row of X, shape \(4,\), got shape \(3,\)"):
        plots.decision_boundary(FunctionModel(np.ones_like), X, y[:3])
    with pytest.raises(ValueError, match="the model returned shape"):
        plots.decision_boundary(FunctionModel(lambda G: np.ones((3, 1))), X, y)


# ---- training_history -------------------------------------------------------------------------

RECORD = {
    "loss": [1.0, 0.6, 0.4],
    "val_loss": [1.1, 0.8, 0.7],
    "accuracy": [0.5, 0.7, 0.9],
    "val_accuracy": [0.4, 0.6, 0.8],
}


@pytest.mark.parametrize(
    "history",
    [RECORD, SimpleNamespace(history=RECORD, epoch=[0, 1, 2])],
    ids=["dict", "object with .history"],
)
def test_history_lines_labels_and_data(history):
    ax = plots.training_history(history)
    train, val = ax.get_lines()
    assert train.get_label() == "training loss" and val.get_label() == "validation loss"
    np.testing.assert_array_equal(train.get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(train.get_ydata(), RECORD["loss"])
    np.testing.assert_array_equal(val.get_ydata(), RECORD["val_loss"])
    assert val.get_linestyle() == "--" and same_color(train.get_color(), val.get_color())
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "loss" and ax.get_title()


def test_history_with_accuracy_on_a_second_axis():
    ax = plots.training_history(RECORD, metrics=("loss", "accuracy"))
    twin = [other for other in ax.figure.axes if other is not ax][0]
    assert [line.get_label() for line in twin.get_lines()] == [
        "training accuracy",
        "validation accuracy",
    ]
    np.testing.assert_array_equal(twin.get_lines()[1].get_ydata(), RECORD["val_accuracy"])
    assert twin.get_ylabel() == "accuracy"
    assert len(ax.get_legend().get_texts()) == 4


def test_history_without_validation_and_a_single_metric_name():
    ax = plots.training_history({"accuracy": [0.2, 0.4]}, metrics="accuracy")
    assert [line.get_label() for line in ax.get_lines()] == ["training accuracy"]


def test_history_errors():
    with pytest.raises(ValueError, match="the history has no 'accuracy'; it has 'loss'"):
        plots.training_history({"loss": [1.0]}, metrics=("loss", "accuracy"))
    with pytest.raises(TypeError, match="`history` must be what fit\\(\\) returned"):
        plots.training_history([1.0, 0.5])


def test_history_from_a_real_keras_fit():
    keras = pytest.importorskip("dlcourse.keras_bridge").keras
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, name="out")], name="tiny")
    model.compile(optimizer="sgd", loss="mse")
    X, y = np.ones((8, 2)), np.zeros(8)
    history = model.fit(X, y, validation_data=(X, y), epochs=3, verbose=0)
    ax = plots.training_history(history)
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), history.history["loss"])
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), history.history["val_loss"])


# ---- network_diagram --------------------------------------------------------------------------

W1 = np.array([[0.5, -1.0], [2.0, 0.0], [-0.3, 0.8]])
W2 = np.array([[1.0], [-2.0]])


def all_edges(diagram):
    return [
        (line, W[i, j])
        for lines, W in zip(diagram.edges, [W1, W2], strict=True)
        for i, row in enumerate(lines)
        for j, line in enumerate(row)
    ]


def test_edge_width_grows_with_magnitude_and_colour_follows_sign():
    diagram = plots.network_diagram([3, 2, 1], weights=[W1, W2])
    edges = all_edges(diagram)
    assert len(edges) == 3 * 2 + 2 * 1
    by_size = sorted(edges, key=lambda pair: abs(pair[1]))
    widths = [line.get_linewidth() for line, _ in by_size]
    assert widths == sorted(widths) and widths[0] < widths[-1]
    assert widths[-1] == network_module._MAX_WIDTH and widths[0] == network_module._MIN_WIDTH
    for line, w in edges:
        expected = plots.POSITIVE if w > 0 else plots.NEGATIVE if w < 0 else "0.7"
        assert same_color(line.get_color(), expected), (w, line.get_color())
    legend = [t.get_text() for t in diagram.ax.get_legend().get_texts()]
    assert legend == ["positive weight", "negative weight"]
    assert diagram.ax.get_title() == "A 3-2-1 network (11 parameters)"


def test_get_weights_list_with_biases_is_accepted():
    a = plots.network_diagram([3, 2, 1], weights=[W1, W2])
    b = plots.network_diagram([3, 2, 1], weights=[W1, np.zeros(2), W2, np.zeros(1)])
    widths = [[line.get_linewidth() for line, _ in all_edges(d)] for d in (a, b)]
    assert widths[0] == widths[1]


def artists(ax):
    return [*ax.lines, *ax.patches, *ax.texts, *ax.collections]


def test_update_changes_existing_artists_in_place():
    diagram = plots.network_diagram([3, 2, 1], weights=[W1, W2])
    before = artists(diagram.ax)
    ids = [id(a) for a in before]
    edge = diagram.edges[0][0][0]  # w = 0.5, a middle-sized weight
    width_before = edge.get_linewidth()
    x = np.array([1.0, 0.5, -1.0])
    diagram.update(weights=[-W1, W2 * 10], values=[x, np.array([0.2, -0.4]), np.array([0.9])])
    diagram.update(grads=[W1 * 0.01, W2 * 0.1], highlight=(0, 1, 0))
    diagram.update(grads=[None, np.array([0.1, 0.2]), np.array([-0.5])], highlight=[(1, 0), 2])
    assert [id(a) for a in artists(diagram.ax)] == ids  # nothing added, nothing replaced
    assert same_color(edge.get_color(), plots.NEGATIVE)  # its weight is now -0.5
    assert edge.get_linewidth() < width_before  # now small next to the 20s of W2 * 10
    assert diagram.value_texts[0][2].get_text() == "-1.00"
    assert diagram.value_texts[1][1].get_text() == "-0.40"
    assert diagram.grad_texts[2][0].get_text() == "-0.5"
    assert (
        diagram.edge_texts[1][1][0].get_text() == "-0.2"
        and diagram.edge_texts[1][1][0].get_visible()
    )


def test_values_tint_neurons_by_sign():
    diagram = plots.network_diagram([2, 1], values=[np.array([1.0, -1.0]), None])
    positive, negative = diagram.circles[0]
    assert positive.get_facecolor()[2] > positive.get_facecolor()[0]  # bluish
    assert negative.get_facecolor()[0] > negative.get_facecolor()[2]  # vermillion-ish
    assert same_color(diagram.circles[1][0].get_facecolor(), plots.SIGNED_CMAP(0.5))
    assert diagram.value_texts[1][0].get_text() == ""


def test_highlight_marks_and_clears():
    diagram = plots.network_diagram([3, 2, 1], weights=[W1, W2])
    diagram.update(highlight=(1, 1))
    assert diagram.circles[1][1].get_linewidth() == 3.0
    assert diagram.circles[1][0].get_linewidth() == 1.2
    diagram.update(highlight=(0, 2, 1))
    assert diagram.circles[1][1].get_linewidth() == 1.2  # a highlight lasts one update
    x, y = diagram.glow.get_data()
    ex, ey = diagram.edges[0][2][1].get_data()
    np.testing.assert_allclose(x[:2], ex)
    np.testing.assert_allclose(y[:2], ey)
    diagram.update(highlight=0)
    assert [c.get_linewidth() for c in diagram.circles[0]] == [3.0, 3.0, 3.0]
    assert len(diagram.glow.get_xdata()) == 0
    diagram.update(values=[np.ones(3), np.ones(2), np.ones(1)], grads=[W1, W2])
    diagram.clear()
    assert diagram.value_texts[0][0].get_text() == ""
    assert not diagram.edge_texts[0][0][0].get_visible()
    assert [c.get_linewidth() for c in diagram.circles[0]] == [1.2, 1.2, 1.2]


def test_labels_are_written_beside_the_neurons():
    diagram = plots.network_diagram([3, 2, 1], labels=[["x1", "x2", "x3"], None, ["y_hat"]])
    texts = [t.get_text() for t in diagram.ax.texts]
    assert {"x1", "x2", "x3", "y_hat"} <= set(texts)
    assert any("input layer" in t for t in texts) and any("output layer" in t for t in texts)
    assert repr(diagram) == "NetworkDiagram(layer_sizes=[3, 2, 1])"


def test_network_diagram_errors():
    with pytest.raises(ValueError, match=r"`layer_sizes` must list .* e.g. \[3, 2, 1\]; got \[3\]"):
        plots.network_diagram([3])
    with pytest.raises(ValueError, match=r"`layer_sizes`.*got \[3, 0, 1\]"):
        plots.network_diagram([3, 0, 1])
    with pytest.raises(
        ValueError,
        match=r"shapes \[\(3, 2\), \(2, 1\)\].*got shapes \[\(2, 3\), \(2, 1\)\].*transpose",
    ):
        plots.network_diagram([3, 2, 1], weights=[W1.T, W2])
    with pytest.raises(ValueError, match=r"`values` must be a list with one 1-D array .* 3 in all"):
        plots.network_diagram([3, 2, 1], values=[np.ones(3), np.ones(2)])
    with pytest.raises(
        ValueError, match=r"`values\[1\]` must have shape \(2,\).*got shape \(1, 2\)"
    ):
        plots.network_diagram([3, 2, 1], values=[np.ones(3), np.ones((1, 2)), np.ones(1)])
    diagram = plots.network_diagram([3, 2, 1])
    with pytest.raises(ValueError, match=r"bad `highlight` \(2, 0, 0\): edge .* does not exist"):
        diagram.update(highlight=(2, 0, 0))
    with pytest.raises(ValueError, match=r"`labels\[0\]` must name each of the 3 neurons"):
        plots.network_diagram([3, 2, 1], labels=[["x1"], None, None])


# ---- loss_surface -----------------------------------------------------------------------------


def bowl(a, b):
    return a**2 + 4 * b**2 + 1.0


def test_loss_surface_levels_and_paths():
    path = np.array([[1.5, 1.0], [1.0, 0.2], [0.2, 0.1]])
    ax = plots.loss_surface(bowl, (-2, 2), (-1, 1), paths={"sgd": path, "adam": path * 0.5})
    Z = bowl(*np.meshgrid(np.linspace(-2, 2, 200), np.linspace(-1, 1, 200)))
    span = Z.max() - Z.min()
    expected = Z.min() + np.concatenate([[0.0], np.geomspace(span * 1e-4, span, 29)])
    np.testing.assert_allclose(ax.collections[0].levels, expected)  # log-spaced above the minimum
    lines = {line.get_label(): line for line in ax.get_lines()}
    np.testing.assert_array_equal(lines["sgd"].get_xdata(), path[:, 0])
    np.testing.assert_array_equal(lines["adam"].get_ydata(), path[:, 1] * 0.5)
    assert not same_color(lines["sgd"].get_color(), lines["adam"].get_color())
    assert ax.get_xlim() == (-2, 2) and ax.get_ylim() == (-1, 1)
    assert labelled(ax) and "optimizer paths" in ax.get_title()
    assert len(ax.figure.axes) == 2  # a colour bar, since the function made the figure


def test_loss_surface_linear_levels_and_no_colorbar_on_a_given_axes():
    fig, ax = plt.subplots()
    plots.loss_surface(
        lambda a, b: a**2 - b**2, (-1, 1), (-1, 1), ax=ax, levels=5, log_scale=False, resolution=201
    )
    np.testing.assert_allclose(ax.collections[0].levels, np.linspace(-1, 1, 5), atol=1e-12)
    assert len(fig.axes) == 1 and ax.get_title() == "Loss surface"


def test_loss_surface_errors():
    with pytest.raises(TypeError, match="f\\(W1, W2\\) failed .* NumPy operations"):
        plots.loss_surface(lambda a, b: math.exp(a), (0, 1), (0, 1))
    with pytest.raises(
        ValueError, match=r"grid of the shape of its inputs, \(200, 200\), got shape \(\)"
    ):
        plots.loss_surface(lambda a, b: 1.0, (0, 1), (0, 1))
    with pytest.raises(ValueError, match="`xlim` must have low < high"):
        plots.loss_surface(bowl, (1, 0), (0, 1))
    with pytest.raises(ValueError, match=r"path 'sgd' must be an array of shape \(num_steps, 2\)"):
        plots.loss_surface(bowl, (0, 1), (0, 1), paths={"sgd": np.zeros((3, 3))})


# ---- confusion_matrix -------------------------------------------------------------------------


def test_confusion_matrix_counts_texts_and_labels():
    y_true = np.array([0, 0, 1, 1, 1, 2])
    y_pred = np.array([0, 1, 1, 1, 2, 2])
    ax = plots.confusion_matrix(y_true, y_pred, labels=["cat", "dog", "fox"])
    expected = np.array([[1, 1, 0], [0, 2, 1], [0, 0, 1]])
    np.testing.assert_array_equal(ax.images[0].get_array(), expected)
    assert [t.get_text() for t in ax.texts] == [str(v) for v in expected.ravel()]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["cat", "dog", "fox"]
    assert ax.get_xlabel() == "predicted class" and ax.get_ylabel() == "true class"
    assert ax.get_title() == "Confusion matrix (accuracy 0.67)"


def test_confusion_matrix_accepts_float_labels_and_explains_probabilities():
    ax = plots.confusion_matrix([0.0, 1.0], [1.0, 1.0])
    np.testing.assert_array_equal(ax.images[0].get_array(), [[0, 1], [0, 1]])
    with pytest.raises(ValueError, match=r"`y_pred` must be 1-D class labels.*argmax\(axis=1\)"):
        plots.confusion_matrix([0, 1], np.array([[0.9, 0.1], [0.2, 0.8]]))
    with pytest.raises(ValueError, match=r"class labels 0, 1, 2.*\(p > 0.5\)"):
        plots.confusion_matrix([0, 1], [0.3, 0.8])
    with pytest.raises(ValueError, match="same shape"):
        plots.confusion_matrix([0, 1, 1], [0, 1])
    with pytest.raises(ValueError, match="`labels` names 2 classes, but the labels go up to 2"):
        plots.confusion_matrix([0, 2], [0, 1], labels=["a", "b"])


# ---- with the course's own network ------------------------------------------------------------


def test_dlcourse_history_and_boundary_of_a_trained_sequential():
    from dlcourse import data, layers, nn

    X, y = data.xor(n=60, seed=0)
    net = nn.Sequential(
        [layers.Dense(4, activation="tanh", seed=0), layers.Dense(1, activation="sigmoid", seed=1)]
    )
    history = net.fit(
        X,
        y,
        loss="binary_crossentropy",
        optimizer="adam",
        epochs=3,
        validation_data=(X, y),
        metrics=["accuracy"],
        seed=0,
    )
    ax = plots.training_history(history, metrics=("loss", "accuracy"))
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), history.history["loss"])
    _, ax = plt.subplots()
    plots.decision_boundary(net, X, y, ax=ax, resolution=12)
    grid = grid_from(ax, 12)
    np.testing.assert_allclose(ax.images[0].get_array(), net.predict(grid)[:, 0].reshape(12, 12))
