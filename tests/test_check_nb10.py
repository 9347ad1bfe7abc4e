"""The exercise checks of notebook 10_fnn_in_keras accept correct answers and explain wrong ones."""

import numpy as np

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
    assert "on X_train only" in out


def test_standardize_rejects_the_sample_std(capsys):
    def sample_std(X_train, X_test):
        mean, std = X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
        return (X_train - mean) / std, (X_test - mean) / std

    assert check.standardize(sample_std) is False
    assert "case 1 of 4 is wrong" in capsys.readouterr().out


def test_standardize_rejects_nan_for_a_constant_column(capsys):
    def no_guard(X_train, X_test):
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            return (X_train - mean) / std, (X_test - mean) / std

    assert check.standardize(no_guard) is False
    out = capsys.readouterr().out
    assert "case 4 of 4 is wrong" in out and "inf or nan" in out
    assert "a column that is constant" in out


def test_standardize_rejects_rows_instead_of_columns(capsys):
    def by_row(X_train, X_test):
        def scale(X):
            return (X - X.mean(axis=1, keepdims=True)) / (X.std(axis=1, keepdims=True) + 1e-12)

        return scale(X_train), scale(X_test)

    assert check.standardize(by_row) is False
    assert "is wrong" in capsys.readouterr().out


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
    assert "case 1 of 6 is wrong" in capsys.readouterr().out


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


def test_early_stopping_rejects_the_last_epoch_as_best(capsys):
    def last_epoch(val_losses, patience):
        run, _ = _early_stopping(val_losses, patience)
        return run, run - 1

    assert check.early_stopping_epochs(last_epoch) is False
    assert "case 2 of 6 is wrong" in capsys.readouterr().out


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
    assert "case 2 of 6 is wrong" in capsys.readouterr().out


# ---------------------------------------------------------------- Exercise 10.3


def test_l2_penalty_accepts_kernels_only(capsys):
    def answer(weights, l2):
        return l2 * sum(np.sum(w**2) for w in weights if w.ndim == 2)

    assert check.l2_penalty(answer) is True
    assert "✅ l2_penalty: all 4 cases pass." in capsys.readouterr().out


def test_l2_penalty_rejects_penalising_biases(capsys):
    assert check.l2_penalty(lambda weights, l2: l2 * sum(np.sum(w**2) for w in weights)) is False
    out = capsys.readouterr().out
    assert "case 1 of 4 is wrong" in out
    assert "a single Dense(1) on 2 inputs" in out
    assert "biases are 1-D" in out


def test_l2_penalty_rejects_a_half_factor(capsys):
    def half(weights, l2):
        return 0.5 * l2 * sum(np.sum(w**2) for w in weights if w.ndim == 2)

    assert check.l2_penalty(half) is False
    assert "case 1 of 4 is wrong" in capsys.readouterr().out


def test_l2_penalty_rejects_absolute_values(capsys):
    def l1(weights, l2):
        return l2 * sum(np.sum(np.abs(w)) for w in weights if w.ndim == 2)

    assert check.l2_penalty(l1) is False
    assert "case 1 of 4 is wrong" in capsys.readouterr().out


def test_l2_penalty_rejects_only_the_first_kernel(capsys):
    assert check.l2_penalty(lambda weights, l2: l2 * np.sum(weights[0] ** 2)) is False
    # right for a single layer, wrong from the first network with two kernels
    assert "case 2 of 4 is wrong" in capsys.readouterr().out
