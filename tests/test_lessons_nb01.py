"""The demonstration helpers of notebook 01_what_is_deep_learning."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from dlcourse import data, nn
from dlcourse.layers import Dense
from dlcourse.lessons import nb01
from dlcourse.nn import Sequential


def test_layer_outputs_chain_ends_in_the_prediction():
    net = Sequential(
        [
            Dense(5, activation="relu", seed=0),
            Dense(3, activation="tanh", seed=1),
            Dense(1, activation="sigmoid", seed=2),
        ]
    )
    X = np.random.default_rng(0).normal(size=(7, 2))
    outs = nb01.layer_outputs(net, X)
    assert [h.shape for h in outs] == [(7, 2), (7, 5), (7, 3), (7, 1)]
    np.testing.assert_array_equal(outs[0], X)
    np.testing.assert_allclose(outs[-1], net.predict(X))
    assert np.all(outs[1] >= 0)  # ReLU outputs


def test_layer_outputs_refuses_a_single_flat_sample():
    net = Sequential([Dense(2, seed=0)])
    with pytest.raises(ValueError, match=r"`X` must be 2-D .* got shape \(3,\).*reshape\(1, -1\)"):
        nb01.layer_outputs(net, np.zeros(3))


def test_pca_2d_keeps_the_two_largest_directions_with_fixed_signs():
    rng = np.random.default_rng(0)
    # variance 9 along x, 1 along y, almost none along z
    H = rng.normal(size=(500, 3)) * [3.0, 1.0, 0.01]
    P = nb01.pca_2d(H)
    assert P.shape == (500, 2)
    np.testing.assert_allclose(P.mean(axis=0), 0.0, atol=1e-12)
    assert P[:, 0].var() > P[:, 1].var() > 0.5
    # the components are +x and +y (largest loading positive), so P is H's centred first columns
    np.testing.assert_allclose(np.abs(np.corrcoef(P[:, 0], H[:, 0])[0, 1]), 1.0, atol=1e-4)
    assert np.corrcoef(P[:, 0], H[:, 0])[0, 1] > 0
    # the signs follow the data, not the SVD routine: mirrored data gives a mirrored picture
    np.testing.assert_allclose(nb01.pca_2d(-H), -nb01.pca_2d(H), atol=1e-9)


def test_pca_2d_of_a_single_column_pads_with_zeros():
    P = nb01.pca_2d(np.array([[1.0], [2.0], [3.0]]))
    np.testing.assert_allclose(P, [[-1.0, 0.0], [0.0, 0.0], [1.0, 0.0]], atol=1e-12)
    with pytest.raises(ValueError, match=r"pca_2d: `H` must be 2-D"):
        nb01.pca_2d(np.zeros(4))


def test_pca_2d_projects_new_rows_onto_the_training_directions():
    rng = np.random.default_rng(1)
    H = rng.normal(size=(300, 3)) * [3.0, 1.0, 0.01]
    P, P_new = nb01.pca_2d(H, H[:5])
    np.testing.assert_allclose(P_new, P[:5])  # the same rows land in the same place
    _, P_shifted = nb01.pca_2d(H, H[:5] + [1.0, 0.0, 0.0])
    # moving along the main direction moves the first coordinate only (by about 1)
    np.testing.assert_allclose(np.abs(P_shifted[:, 0] - P[:5, 0]), 1.0, atol=0.01)
    with pytest.raises(ValueError, match=r"`H_new` must have the width of `H`"):
        nb01.pca_2d(H, np.zeros((2, 4)))


def test_linear_probe_handles_several_classes_and_held_out_rows():
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 5.0], [5.0, 0.0], [-5.0, -5.0]])
    y = np.repeat([0, 1, 2], 40)
    H = centres[y] + rng.normal(size=(120, 2))
    assert nb01.linear_probe_accuracy(H[::2], y[::2], H[1::2], y[1::2]) == 1.0
    # labels that have nothing to do with H: a held-out probe is near chance (1/3)
    shuffled = rng.permutation(y)
    assert nb01.linear_probe_accuracy(H[::2], shuffled[::2], H[1::2], shuffled[1::2]) < 0.6
    with pytest.raises(ValueError, match=r"one label per row; got shapes \(120, 2\) and \(3,\)"):
        nb01.linear_probe_accuracy(H, y[:3])


def test_linear_probe_separable_vs_xor():
    X, y = data.xor(n=300, seed=0)
    assert nb01.linear_probe_accuracy(X, y) < 0.75  # no straight line separates XOR
    with_product = np.column_stack([X, X[:, 0] * X[:, 1]])
    assert nb01.linear_probe_accuracy(with_product, y) >= 0.97
    # a constant (dead) unit next to a useful one does not break the standardisation
    H = np.column_stack([X[:, 0], np.zeros(len(X))])
    assert nb01.linear_probe_accuracy(H, (X[:, 0] > 0).astype(int)) >= 0.97


def test_grid_over_covers_the_data_with_a_margin():
    X = np.array([[0.0, -1.0], [2.0, 3.0]])
    points, extent = nb01.grid_over(X, resolution=5, margin=0.5)
    assert points.shape == (25, 2)
    assert extent == (-0.5, 2.5, -1.5, 3.5)
    np.testing.assert_allclose(points[0], [-0.5, -1.5])
    np.testing.assert_allclose(points[4], [2.5, -1.5])  # the first row runs along x1
    np.testing.assert_allclose(points[-1], [2.5, 3.5])
    with pytest.raises(ValueError, match=r"grid_over: `X` must have shape \(num_samples, 2\)"):
        nb01.grid_over(np.zeros((3, 3)))


def test_biased_loans_shapes_seed_and_the_bias_it_contains():
    X, y = nb01.biased_loans(n=4000, seed=3)
    assert X.shape == (4000, 3) and y.shape == (4000,)
    np.testing.assert_array_equal(X, nb01.biased_loans(n=4000, seed=3)[0])
    score, group, postcode = X.T
    assert set(np.unique(group)) == {0.0, 1.0}
    assert 0.25 < group.mean() < 0.35
    # scores are drawn the same way in both groups ...
    assert abs(score[group == 0].mean() - score[group == 1].mean()) < 0.1
    # ... but for the same middling score, group B was approved far less often
    middle = (score > 0.1) & (score < 0.7)
    assert y[middle & (group == 0)].mean() - y[middle & (group == 1)].mean() > 0.5
    # the postcode is a proxy for the group
    assert np.corrcoef(postcode, group)[0, 1] > 0.7
    with pytest.raises(ValueError, match=r"`n` must be a positive int, got 0"):
        nb01.biased_loans(n=0)


def test_markdown_table_layout_escape_and_errors():
    text = nb01.markdown_table(["a", "b"], [[1, "x|y"], [2.5, True]])
    assert text.splitlines() == ["| a | b |", "| --- | --- |", "| 1 | x\\|y |", "| 2.5 | True |"]
    with pytest.raises(ValueError, match=r"row 1 has 1 cells but there are 2 headers"):
        nb01.markdown_table(["a", "b"], [[1, 2], [3]])


def test_timeline_draws_one_label_per_event_in_era_colours():
    fig, ax = plt.subplots()
    nb01.timeline(ax=ax)
    assert len(ax.texts) == len(nb01.TIMELINE)
    assert ax.texts[0].get_text().startswith("1943")
    assert ax.texts[-1].get_text().endswith("2017")
    assert [c.get_label() for c in ax.collections] == [
        "artificial neurons",
        "backpropagation",
        "deep learning",
    ]
    years = np.concatenate([c.get_offsets()[:, 0] for c in ax.collections])
    assert sorted(years) == [year for year, _, _ in nb01.TIMELINE]
    plt.close(fig)


# ---- the reference versions of the exercises (the notebook uses them after each check) -------


def test_xor_features_appends_the_product_and_separates_xor():
    X = np.array([[2.0, 3.0], [1.0, -1.0], [-2.0, -0.5]])
    np.testing.assert_array_equal(
        nb01.xor_features(X), [[2.0, 3.0, 6.0], [1.0, -1.0, -1.0], [-2.0, -0.5, 1.0]]
    )
    assert nb01.xor_features(np.zeros((0, 2))).shape == (0, 3)
    # on the XOR data set the sign of the new column is the class
    X_xor, y_xor = data.xor(n=200, seed=0)
    np.testing.assert_array_equal(nb01.xor_features(X_xor)[:, 2] > 0, y_xor == 1)


def test_xor_features_refuses_a_flat_point():
    with pytest.raises(
        ValueError, match=r"shape \(num_samples, 2\).*got shape \(2,\).*\[\[x1, x2\]\]"
    ):
        nb01.xor_features(np.array([1.0, 2.0]))


def test_approval_gap_group_0_minus_group_1():
    assert nb01.approval_gap(
        np.array([0.9, 0.7, 0.2, 0.4]), np.array([0, 0, 1, 1])
    ) == pytest.approx(0.5)
    column = np.array([[0.1], [0.8], [0.9]])  # as predict returns it
    assert nb01.approval_gap(column, np.array([0, 1, 1])) == pytest.approx(0.1 - 0.85)
    X, y = nb01.biased_loans(n=2000, seed=0)
    gap = nb01.approval_gap(y, X[:, 1])
    assert gap == pytest.approx(y[X[:, 1] == 0].mean() - y[X[:, 1] == 1].mean()) and gap > 0.2


@pytest.mark.parametrize(
    ("probabilities", "group", "message"),
    [
        (
            np.ones((3, 2)),
            np.array([0, 1, 0]),
            r"shape \(n,\) or \(n, 1\).*got \(3, 2\) and \(3,\)",
        ),
        (np.ones(3), np.array([0, 1]), r"got \(3,\) and \(2,\)"),
        (np.ones(3), np.array([0, 2, 1]), r"only 0 and 1, got the values \[0 1 2\]"),
        (np.ones(3), np.array([0, 0, 0]), r"both groups .* got only \[0\]"),
    ],
)
def test_approval_gap_errors_teach(probabilities, group, message):
    with pytest.raises(ValueError, match=message):
        nb01.approval_gap(probabilities, group)


def test_the_references_pass_their_own_checks(capsys):
    from dlcourse import check

    assert check.xor_features(nb01.xor_features)
    widths = check.nb01.FLOPS_GROWTH_WIDTHS
    growth = [
        nn.dense_flops([784, new, new, 10]) / nn.dense_flops([784, old, old, 10])
        for old, new in widths
    ]
    assert check.flops_growth(*growth)
    assert check.approval_gap(nb01.approval_gap)
    assert capsys.readouterr().out.count("✅") == 3
