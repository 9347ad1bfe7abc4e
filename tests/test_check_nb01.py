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
    assert "This looks like the product alone" in out


def test_xor_features_rejects_the_wrong_order(capsys):
    assert check.xor_features(lambda X: np.column_stack([X[:, 0] * X[:, 1], X])) is False
    out = capsys.readouterr().out
    assert "case 1 of 4 is wrong (the numbers differ)" in out
    assert "This looks like the product as the first column" in out


def test_xor_features_rejects_a_sum_instead_of_a_product(capsys):
    # 2 + 3 != 2 * 3, so the very first case catches it
    assert check.xor_features(lambda X: np.column_stack([X, X[:, 0] + X[:, 1]])) is False
    out = capsys.readouterr().out
    assert "case 1 of 4 is wrong" in out
    assert "This looks like a sum instead of the product" in out


def test_xor_features_unknown_mistake_gets_the_hint_in_words(capsys):
    assert check.xor_features(lambda X: np.column_stack([X, X[:, 0] * 3])) is False
    out = capsys.readouterr().out
    assert "Hint: keep both original columns unchanged" in out
    assert "column_stack" not in out and "X[:, 0]" not in out  # words, not the solution


def test_xor_features_reports_a_crash_on_empty_input(capsys):
    def loop(X):
        rows = [[a, b, a * b] for a, b in X]
        return np.array(rows).reshape(len(rows), 3) if rows else np.array(rows)

    assert check.xor_features(loop) is False
    out = capsys.readouterr().out
    assert "case 4 of 4 is wrong (expected shape (0, 3), got shape (0,))" in out
    assert "no points (shape (0, 2))" in out


# ---------------------------------------------------------------- Exercise 1.2


def _total(sizes):
    return sum(2 * a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


def _growth(cost):
    """The two factors of Exercise 1.2 under a cost model ``cost(w)`` (computed independently)."""
    return cost(32) / cost(16), cost(8192) / cost(4096)


RIGHT = _growth(lambda w: _total([784, w, w, 10]))


def test_flops_growth_accepts_the_factors_to_two_decimals(capsys):
    assert 2.0 < RIGHT[0] < 2.1 and 3.6 < RIGHT[1] < 3.7  # neither 2 nor 4
    assert check.flops_growth(round(RIGHT[0], 2), round(RIGHT[1], 2)) is True
    assert "✅ flops_growth: correct." in capsys.readouterr().out
    assert check.flops_growth(*RIGHT) is True  # the exact ratios too
    # counting the biases as well changes the factors by less than the two decimals asked for
    assert check.flops_growth(*_growth(lambda w: _total([784, w, w, 10]) + 2 * w + 10)) is True


def test_flops_growth_names_linear_and_quadratic_growth(capsys):
    assert check.flops_growth(2.0, 4.0) is False
    out = capsys.readouterr().out
    assert "2 of 2 answers not yet right" in out
    assert (
        "growth_narrow (w from 16 to 32): got 2. This looks like every layer growing linearly"
        in out
    )
    assert (
        "growth_wide (w from 4096 to 8192): got 4. This looks like every layer growing with the square"
        in out
    )
    for line in out.splitlines():  # the right factors are never printed
        assert f"{RIGHT[0]:.2f}" not in line and f"{RIGHT[1]:.2f}" not in line


def test_flops_growth_names_the_input_layer_left_out(capsys):
    narrow, _ = _growth(lambda w: _total([w, w, 10]))
    assert check.flops_growth(round(narrow, 2), round(RIGHT[1], 2)) is False
    out = capsys.readouterr().out
    assert "1 of 2 answers not yet right" in out
    assert "This looks like the input layer left out" in out


def test_flops_growth_names_an_upside_down_ratio_and_a_count(capsys):
    assert check.flops_growth(1 / RIGHT[0], _total([784, 8192, 8192, 10])) is False
    out = capsys.readouterr().out
    assert "the ratio upside down" in out
    assert "a count of FLOPs, not a factor" in out


def test_flops_growth_notices_swapped_answers(capsys):
    assert check.flops_growth(RIGHT[1], RIGHT[0]) is False
    assert "the two answers look swapped" in capsys.readouterr().out


def test_flops_growth_unknown_answer_gets_the_general_hint(capsys):
    assert check.flops_growth(3.0, 3.0) is False
    out = capsys.readouterr().out
    assert "This is not the factor" in out
    assert "only one of them has w in both of its sizes" in out


def test_flops_growth_placeholders_and_wrong_types(capsys):
    assert check.flops_growth(..., 3.68) is False
    assert "not done yet (replace the placeholder growth_narrow = ..." in capsys.readouterr().out
    assert check.flops_growth(2.04, [3.68]) is False
    assert "`growth_wide` must be one number" in capsys.readouterr().out
    assert check.flops_growth(True, 3.68) is False
    assert "`growth_narrow` must be one number" in capsys.readouterr().out


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
    assert "This looks like the groups subtracted the other way round" in out


def test_approval_gap_rejects_an_absolute_value(capsys):
    assert check.approval_gap(lambda p, g: abs(_gap(p, g))) is False
    out = capsys.readouterr().out
    assert "case 3 of 4 is wrong" in out
    assert "This looks like an absolute value" in out
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
    assert "This looks like sums instead of means" in out


def test_approval_gap_names_group_0_against_everyone(capsys):
    assert check.approval_gap(lambda p, g: np.ravel(p)[g == 0].mean() - np.ravel(p).mean()) is False
    assert "This looks like group 0 against everyone" in capsys.readouterr().out


def test_xor_features_names_a_flat_product(capsys):
    assert check.xor_features(lambda X: X[:, 0] * X[:, 1]) is False
    out = capsys.readouterr().out
    assert "expected shape (1, 3), got shape (1,)" in out
    assert "This looks like the product alone: the answer is only the new column" in out
