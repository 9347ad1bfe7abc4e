"""The exercise checks of notebook 10_fnn_in_keras accept correct answers and name wrong ones."""

import numpy as np
import pytest

from dlcourse import check

# ---------------------------------------------------------------- Exercise 10.1


def _standardize(X_train, X_test):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std = np.where(std == 0, 1.0, std)
    return (X_train - mean) / std, (X_test - mean) / std


def test_standardize_accepts_training_statistics(capsys):
    assert check.standardize(_standardize) is True
    assert "✅ standardize: all 4 cases pass." in capsys.readouterr().out


def test_standardize_rejects_test_statistics_for_the_test_set(capsys):
    def leaky(X_train, X_test):  # scales each set with its own statistics
        return _standardize(X_train, X_train)[0], _standardize(X_test, X_test)[0]

    assert check.standardize(leaky) is False
    out = capsys.readouterr().out
    assert "❌ standardize: case 1 of 4 is wrong" in out
    assert "at item 1: the numbers differ" in out
    assert "Hint: This looks like the test set scaled with its own statistics" in out


def test_standardize_rejects_the_sample_std(capsys):
    def sample_std(X_train, X_test):
        mean, std = X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
        return (X_train - mean) / std, (X_test - mean) / std

    assert check.standardize(sample_std) is False
    out = capsys.readouterr().out
    assert "case 1 of 4 is wrong" in out
    assert "This looks like the sample standard deviation (ddof=1)" in out


def test_standardize_rejects_nan_for_a_constant_column(capsys):
    def no_guard(X_train, X_test):
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            return (X_train - mean) / std, (X_test - mean) / std

    assert check.standardize(no_guard) is False
    out = capsys.readouterr().out
    assert "case 4 of 4 is wrong" in out and "inf or nan" in out
    assert "a column that is constant" in out
    assert "This looks like a constant column divided by zero" in out


def test_standardize_rejects_rows_instead_of_columns(capsys):
    def by_row(X_train, X_test):
        def scale(X):
            std = X.std(axis=1, keepdims=True)
            return (X - X.mean(axis=1, keepdims=True)) / np.where(std == 0, 1.0, std)

        return scale(X_train), scale(X_test)

    assert check.standardize(by_row) is False
    out = capsys.readouterr().out
    assert "is wrong" in out
    assert "This looks like the statistics of each row instead of each column" in out


def test_standardize_rejects_a_single_array(capsys):
    assert check.standardize(lambda X_train, X_test: _standardize(X_train, X_test)[0]) is False
    assert "expected a sequence of 2 items" in capsys.readouterr().out


# ---------------------------------------------------------------- Exercise 10.2


def _early_stopping(val_losses, patience):
    best, best_epoch, wait = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses):
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch + 1, best_epoch
    return len(val_losses), best_epoch


def test_early_stopping_accepts_keras_semantics(capsys):
    assert check.early_stopping_epochs(_early_stopping) is True
    assert "✅ early_stopping_epochs: all 6 cases pass." in capsys.readouterr().out


def test_early_stopping_rejects_an_off_by_one_epoch_count(capsys):
    def zero_based(val_losses, patience):
        run, best = _early_stopping(val_losses, patience)
        return run - 1, best

    assert check.early_stopping_epochs(zero_based) is False
    out = capsys.readouterr().out
    assert "case 1 of 6 is wrong" in out
    assert "This looks like the epoch index returned as the number of epochs" in out


def test_early_stopping_rejects_counting_ties_as_improvements(capsys):
    def ties_improve(val_losses, patience):
        best, best_epoch, wait = float("inf"), 0, 0
        for epoch, loss in enumerate(val_losses):
            if loss <= best:
                best, best_epoch, wait = loss, epoch, 0
            else:
                wait += 1
                if wait >= patience:
                    return epoch + 1, best_epoch
        return len(val_losses), best_epoch

    assert check.early_stopping_epochs(ties_improve) is False
    out = capsys.readouterr().out
    assert "case 5 of 6 is wrong" in out
    assert "an equal value is not an improvement" in out
    assert "This looks like an equal loss counted as an improvement" in out


def test_early_stopping_rejects_the_last_epoch_as_best(capsys):
    def last_epoch(val_losses, patience):
        run, _ = _early_stopping(val_losses, patience)
        return run, run - 1

    assert check.early_stopping_epochs(last_epoch) is False
    out = capsys.readouterr().out
    assert "case 2 of 6 is wrong" in out
    assert "This looks like the last epoch returned as the best" in out


def test_early_stopping_rejects_stopping_one_epoch_late(capsys):
    def late(val_losses, patience):
        best, best_epoch, wait = float("inf"), 0, 0
        for epoch, loss in enumerate(val_losses):
            if loss < best:
                best, best_epoch, wait = loss, epoch, 0
            else:
                wait += 1
                if wait > patience:
                    return epoch + 1, best_epoch
        return len(val_losses), best_epoch

    assert check.early_stopping_epochs(late) is False
    out = capsys.readouterr().out
    assert "case 2 of 6 is wrong" in out
    assert "This looks like stopping one epoch late" in out


# ---------------------------------------------------------------- Exercise 10.3


def _l2_gradient(weights, l2):
    return [2 * l2 * w if w.ndim == 2 else np.zeros_like(w) for w in weights]


def test_l2_gradient_accepts_the_derivative(capsys):
    assert check.l2_gradient(_l2_gradient) is True
    assert "✅ l2_gradient: all 4 cases pass." in capsys.readouterr().out


def test_l2_gradient_reference_is_central_differences_of_the_penalty():
    # the checker's expected answer is numerical, not a formula: compare it with the derivative
    from dlcourse.check import nb10 as checks

    rng = np.random.default_rng(7)
    weights = [rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=(2, 1)), np.ones(1)]
    numeric = checks._numerical_l2_gradient(weights, 0.05)
    for got, expected in zip(numeric, _l2_gradient(weights, 0.05), strict=True):
        np.testing.assert_allclose(got, expected, atol=1e-8)


@pytest.mark.parametrize(
    ("wrong", "named"),
    [
        (
            lambda ws, l2: [l2 * w if w.ndim == 2 else np.zeros_like(w) for w in ws],
            "a gradient off",
        ),
        (lambda ws, l2: [-2 * l2 * w if w.ndim == 2 else 0 * w for w in ws], "a sign error"),
        (lambda ws, l2: [2 * l2 * w for w in ws], "penalised biases"),
        (lambda ws, l2: [2 * l2 * w for w in ws if w.ndim == 2], "the kernels only"),
    ],
)
def test_l2_gradient_names_the_usual_mistakes(capsys, wrong, named):
    assert check.l2_gradient(wrong) is False
    out = capsys.readouterr().out
    assert "❌ l2_gradient: case 1 of 4 is wrong" in out
    assert f"Hint: This looks like {named}" in out


def test_l2_gradient_rejects_changing_the_weights_in_place(capsys):
    def in_place(weights, l2):
        for w in weights:
            w *= 2 * l2 if w.ndim == 2 else 0.0
        return weights

    assert check.l2_gradient(in_place) is False
    assert "changed the weights in place" in capsys.readouterr().out


def test_l2_gradient_reports_an_unfinished_answer(capsys):
    def answer(weights, l2):
        raise NotImplementedError()

    assert check.l2_gradient(answer) is False
    assert "not done yet" in capsys.readouterr().out
