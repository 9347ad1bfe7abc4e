"""Tests for dlcourse.lessons.nb09 (notebook 09_mlp_from_scratch)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from dlcourse import data, nn, optimizers
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
