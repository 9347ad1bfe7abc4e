"""Tests for dlcourse.lessons.nb09 (notebook 09_mlp_from_scratch)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from dlcourse import data, losses, nn, optimizers
from dlcourse.lessons import nb09 as lesson


def test_grow_search_scores_each_candidate_on_validation_data():
    X, y = data.circle(n=200, noise=0.1, seed=0)
    train, val = data.train_test_split(X, y, seed=0)
    rows = lesson.grow_search([(), (8,)], train, val, epochs=30, seed=0)
    assert [row["hidden"] for row in rows] == [(), (8,)]
    assert [row["params"] for row in rows] == [3, 2 * 8 + 8 + 8 + 1]
    # A line cannot separate a circle; one hidden layer can.
    assert rows[0]["val_accuracy"] < 0.75 and rows[1]["val_accuracy"] > 0.9
    # The reported validation accuracy is that of the trained model, recomputed here.
    net = nn.mlp(2, (8,), 1, "relu", "sigmoid", seed=0)

    net.fit(
        *train,
        loss="binary_crossentropy",
        optimizer=optimizers.get("adam", learning_rate=0.01),
        epochs=30,
        batch_size=32,
        seed=0,
        metrics=["accuracy"],
    )
    predicted = (net.predict(val[0])[:, 0] > 0.5).astype(int)
    assert rows[1]["val_accuracy"] == pytest.approx(np.mean(predicted == val[1]))
    # Deterministic: the same search gives the same table.
    assert lesson.grow_search([(), (8,)], train, val, epochs=30, seed=0) == rows


def test_grow_search_uses_a_softmax_for_more_than_two_classes():
    X, y = data.spiral(n=150, noise=0.1, num_classes=3, seed=0)
    train, val = data.train_test_split(X, y, seed=0)
    (row,) = lesson.grow_search([(6,)], train, val, epochs=2)
    assert row["params"] == (2 * 6 + 6) + (6 * 3 + 3)
    assert 0.0 <= row["val_accuracy"] <= 1.0


def test_grow_search_needs_candidates():
    with pytest.raises(ValueError, match="`candidates` is empty"):
        lesson.grow_search([], (np.zeros((2, 2)), np.zeros(2)), (np.zeros((2, 2)), np.zeros(2)))


def test_search_table_rounds_and_aligns():
    rows = [
        {"hidden": (), "params": 650, "train_accuracy": 0.9777, "val_accuracy": 0.95185},
        {"hidden": (32, 32), "params": 3466, "train_accuracy": 1.0, "val_accuracy": 0.963},
    ]
    lines = lesson.search_table(rows).splitlines()
    assert lines[0].split() == ["hidden", "layers", "params", "train", "acc", "val", "acc"]
    assert lines[1].split() == ["()", "650", "0.98", "0.95"]
    assert lines[2].split() == ["(32,", "32)", "3466", "1.00", "0.96"]
    assert len({len(line) for line in lines}) == 1  # columns line up
    assert lesson.search_table(rows, digits=3).splitlines()[1].split()[-1] == "0.952"


def _row(hidden, params, val_accuracy):
    return {"hidden": hidden, "params": params, "val_accuracy": val_accuracy}


def test_smallest_good_enough_picks_the_smallest_that_reaches_the_target():
    rows = [_row((64,), 4810, 0.97), _row((8,), 610, 0.91), _row((16,), 1210, 0.95)]
    assert lesson.smallest_good_enough(rows, 0.95) is rows[2]  # reaching the target counts
    assert lesson.smallest_good_enough(rows, 0.96) is rows[0]
    assert lesson.smallest_good_enough(rows, 0.9) is rows[1]


def test_smallest_good_enough_breaks_ties_and_falls_back_to_the_most_accurate():
    tie = [_row((16, 4), 1210, 0.95), _row((16,), 1210, 0.97), _row((64,), 4810, 0.99)]
    assert lesson.smallest_good_enough(tie, 0.95) is tie[1]
    assert lesson.smallest_good_enough(tie, 0.995) is tie[2]
    with pytest.raises(ValueError, match="`rows` is empty"):
        lesson.smallest_good_enough([], 0.9)


def test_show_digits_draws_each_image_and_marks_mistakes():
    (X, y), _ = data.digits(seed=0)
    predicted = y[:10].copy()
    predicted[3] = (predicted[3] + 1) % 10
    fig = lesson.show_digits(X[:10], y[:10], predicted, num_columns=5, title="ten digits")
    axes = fig.axes
    assert len(axes) == 10 and fig._suptitle.get_text() == "ten digits"
    np.testing.assert_array_equal(axes[0].images[0].get_array(), X[0].reshape(8, 8))
    assert axes[3].get_title() == f"true {y[3]} / pred {predicted[3]}"
    assert axes[3].title.get_color() == "#D55E00" and axes[2].title.get_color() == "black"
    plt.close(fig)
    fig = lesson.show_digits(X[:3], y[:3], num_columns=2)
    assert [ax.get_title() for ax in fig.axes[:3]] == [str(v) for v in y[:3]]
    assert not fig.axes[3].images  # the spare cell of the grid stays empty
    plt.close(fig)


def test_show_digits_rejects_images_that_are_not_rows_of_64_pixels():
    with pytest.raises(ValueError, match=r"shape \(n, 64\); got shape \(2, 8, 8\)"):
        lesson.show_digits(np.zeros((2, 8, 8)), [0, 1])


# ---- the learner's MLP in dict form, done by the core ----------------------------------------------


def test_course_init_params_has_the_shapes_zero_biases_and_he_spread():
    params = lesson.course_init_params(400, 300, 10, seed=0)
    assert {key: value.shape for key, value in params.items()} == {
        "W1": (400, 300),
        "b1": (300,),
        "W2": (300, 10),
        "b2": (10,),
    }
    assert not params["b1"].any() and not params["b2"].any()
    assert params["W1"].std() == pytest.approx(np.sqrt(2 / 400), rel=0.05)
    again = lesson.course_init_params(400, 300, 10, seed=0)
    assert all(np.array_equal(params[k], again[k]) for k in lesson.PARAM_NAMES)


def test_as_sequential_and_course_forward_compute_the_mlp_by_hand():
    rng = np.random.default_rng(0)
    params = {
        "W1": rng.normal(size=(3, 4)),
        "b1": rng.normal(size=4),
        "W2": rng.normal(size=(4, 2)),
        "b2": rng.normal(size=2),
    }
    X = rng.normal(size=(5, 3))
    Z1 = X @ params["W1"] + params["b1"]
    by_hand = np.maximum(Z1, 0) @ params["W2"] + params["b2"]
    np.testing.assert_allclose(lesson.as_sequential(params).predict(X), by_hand)
    logits, cache = lesson.course_forward(params, X)
    np.testing.assert_allclose(logits, by_hand)
    np.testing.assert_allclose(cache["Z1"], Z1)
    np.testing.assert_allclose(cache["H"], np.maximum(Z1, 0))
    with pytest.raises(ValueError, match=r"needs the keys .*\['b2'\] missing"):
        lesson.as_sequential({k: params[k] for k in ("W1", "b1", "W2")})
    with pytest.raises(ValueError, match=r"got W1 \(3, 4\) and W2 \(2, 4\)"):
        lesson.as_sequential({**params, "W2": params["W2"].T})


def test_course_sgd_epoch_is_one_shuffled_sgd_epoch_in_place():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(10, 3)), rng.integers(0, 2, 10)
    params = lesson.course_init_params(3, 4, 2, seed=0)
    start = {k: v.copy() for k, v in params.items()}
    loss = lesson.course_sgd_epoch(params, X, y, 0.5, 4, np.random.default_rng(7))
    # The same by hand: batches of 4, 4, 2 in the permutation's order, plain SGD steps.
    by_hand = {k: v.copy() for k, v in start.items()}
    order, total = np.random.default_rng(7).permutation(10), 0.0
    for s in range(0, 10, 4):
        rows = order[s : s + 4]
        net = lesson.as_sequential(by_hand)
        value, grads = net.loss_and_gradients(
            X[rows], y[rows], losses.SparseCategoricalCrossentropy(from_logits=True)
        )
        for key, g in zip(lesson.PARAM_NAMES, grads, strict=True):
            by_hand[key] -= 0.5 * g
        total += value * len(rows)
    for key in lesson.PARAM_NAMES:
        np.testing.assert_allclose(params[key], by_hand[key])
    assert loss == pytest.approx(total / 10)


def test_yours_or_course_takes_written_functions_and_replaces_unfinished_ones(capsys):
    def unfinished(*args, **kwargs):
        raise NotImplementedError()

    chosen = lesson.yours_or_course(
        init_params=lesson.course_init_params, forward=unfinished, sgd_epoch=unfinished
    )
    assert capsys.readouterr().out == (
        "using your init_params, the course's forward, the course's sgd_epoch\n"
    )
    assert chosen.init_params is lesson.course_init_params
    assert chosen.forward is lesson.course_forward and chosen.sgd_epoch is lesson.course_sgd_epoch

    def broken(*args, **kwargs):
        raise KeyError("W3")

    with pytest.raises(KeyError):  # a real bug is the learner's to see, not replaced
        lesson.yours_or_course(forward=broken)
    with pytest.raises(TypeError, match="unknown names"):
        lesson.yours_or_course(backward=unfinished)


def test_grow_search_with_several_seeds_reports_medians_and_ranges():
    X, y = data.circle(n=120, noise=0.1, seed=0)
    train, val = data.train_test_split(X, y, seed=0)
    runs = [lesson.grow_search([(4,)], train, val, epochs=5, seed=s)[0] for s in (0, 1, 2)]
    (row,) = lesson.grow_search([(4,)], train, val, epochs=5, seed=[0, 1, 2])
    val_scores = [r["val_accuracy"] for r in runs]
    assert row["val_accuracy"] == pytest.approx(np.median(val_scores))
    assert (row["val_min"], row["val_max"]) == (min(val_scores), max(val_scores))
    table = lesson.search_table([row]).splitlines()
    assert table[0].endswith("val min-max")
    assert table[1].split()[-1] == f"{min(val_scores):.2f}-{max(val_scores):.2f}"
