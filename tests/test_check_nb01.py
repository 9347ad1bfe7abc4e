"""The exercise checks of notebook 01_what_is_deep_learning accept correct answers and explain
wrong ones."""

import numpy as np

from dlcourse import check

# ---------------------------------------------------------------- Exercise 1.1


def test_xor_features_accepts_the_product_column(capsys):
    assert check.xor_features(lambda X: np.column_stack([X, X[:, 0] * X[:, 1]])) is True
    assert "✅ xor_features: all 4 cases pass." in capsys.readouterr().out


def test_xor_features_rejects_the_product_alone(capsys):
    assert check.xor_features(lambda X: (X[:, 0] * X[:, 1]).reshape(-1, 1)) is False
    out = capsys.readouterr().out
    assert "❌ xor_features: case 1 of 4 is wrong (expected shape (1, 3), got shape (1, 1))" in out
    assert "Hint: keep both original columns" in out


def test_xor_features_rejects_the_wrong_order(capsys):
    assert check.xor_features(lambda X: np.column_stack([X[:, 0] * X[:, 1], X])) is False
    assert "case 1 of 4 is wrong (the numbers differ)" in capsys.readouterr().out


def test_xor_features_rejects_a_sum_instead_of_a_product(capsys):
    # 2 + 3 != 2 * 3, so the very first case catches it
    assert check.xor_features(lambda X: np.column_stack([X, X[:, 0] + X[:, 1]])) is False
    assert "case 1 of 4 is wrong" in capsys.readouterr().out


def test_xor_features_reports_a_crash_on_empty_input(capsys):
    def loop(X):
        rows = [[a, b, a * b] for a, b in X]
        return np.array(rows).reshape(len(rows), 3) if rows else np.array(rows)

    assert check.xor_features(loop) is False
    out = capsys.readouterr().out
    assert "case 4 of 4 is wrong (expected shape (0, 3), got shape (0,))" in out
    assert "no points (shape (0, 2))" in out


# ---------------------------------------------------------------- Exercise 1.2


def _flops(sizes):
    return sum(2 * a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


def test_forward_flops_accepts_two_per_weight(capsys):
    assert check.forward_flops(_flops) is True
    assert "✅ forward_flops: all 5 cases pass." in capsys.readouterr().out


def test_forward_flops_rejects_counting_weights_once(capsys):
    assert check.forward_flops(lambda s: _flops(s) // 2) is False
    out = capsys.readouterr().out
    assert "case 1 of 5 is wrong" in out
    assert "expected: 16" in out and "got:      8" in out


def test_forward_flops_rejects_counting_biases(capsys):
    def with_biases(sizes):
        return _flops(sizes) + sum(sizes[1:])

    assert check.forward_flops(with_biases) is False
    assert "case 1 of 5 is wrong" in capsys.readouterr().out


def test_forward_flops_rejects_a_product_of_all_sizes(capsys):
    assert check.forward_flops(lambda s: 2 * int(np.prod(s))) is False
    # 2 * 3 * 2 * 1 = 12, not 16
    assert "case 1 of 5 is wrong" in capsys.readouterr().out


def test_forward_flops_reports_a_crash_on_a_single_layer(capsys):
    def first_pair_only(sizes):
        return 2 * sizes[0] * sizes[1] + _flops(sizes[1:])

    assert check.forward_flops(first_pair_only) is False
    out = capsys.readouterr().out
    assert "case 5 of 5 raised IndexError" in out
    assert "an input layer alone" in out


# ---------------------------------------------------------------- Exercise 1.3


def _gap(p, group):
    p = np.ravel(p)
    return p[group == 0].mean() - p[group == 1].mean()


def test_approval_gap_accepts_group0_minus_group1(capsys):
    assert check.approval_gap(_gap) is True
    assert "✅ approval_gap: all 4 cases pass." in capsys.readouterr().out


def test_approval_gap_rejects_the_reversed_difference(capsys):
    assert check.approval_gap(lambda p, g: -_gap(p, g)) is False
    out = capsys.readouterr().out
    assert "case 1 of 4 is wrong" in out
    assert "group 0 minus group 1" in out


def test_approval_gap_rejects_an_absolute_value(capsys):
    assert check.approval_gap(lambda p, g: abs(_gap(p, g))) is False
    assert "case 3 of 4 is wrong" in capsys.readouterr().out
    # the case where group 1 is favoured is the one that tells the sign


def test_approval_gap_accepts_a_column_selected_by_a_mask(capsys):
    def unflattened(p, group):  # a boolean mask on the first axis selects rows of a column too
        p = np.asarray(p)
        return p[group == 0].mean() - p[group == 1].mean()

    assert check.approval_gap(unflattened) is True
    assert "all 4 cases pass" in capsys.readouterr().out


def test_approval_gap_rejects_sums_instead_of_means(capsys):
    def sums(p, group):
        p = np.ravel(p)
        return p[group == 0].sum() - p[group == 1].sum()

    assert check.approval_gap(sums) is False
    out = capsys.readouterr().out
    assert "case 1 of 4 is wrong" in out
    assert "expected: 0.5" in out and "got:      1" in out
