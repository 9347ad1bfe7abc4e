"""Tests for dlcourse.data: offline (sockets blocked), seeded, the documented shapes, formulas."""

from __future__ import annotations

import re
import socket

import numpy as np
import pytest

from dlcourse import data

CLASSIFIERS = ["circle", "xor", "gauss", "spiral", "moons"]
REGRESSORS = ["reg_plane", "reg_gauss", "parabola", "house_prices"]
GENERATORS = CLASSIFIERS + REGRESSORS  # every (X, y) dataset; digits is tested on its own


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Every test here runs with sockets blocked: nothing in dlcourse.data may download."""

    def refuse(*args, **kwargs):
        raise OSError("network access is blocked in tests: datasets must be offline")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_the_socket_block_works():
    with pytest.raises(OSError, match="blocked"):
        socket.socket()


# ---- shapes, dtypes, labels ----------------------------------------------------------------


@pytest.mark.parametrize("name", CLASSIFIERS)
def test_classification_shapes_dtypes_labels(name):
    X, y = data.load(name, n=101, noise=0.1, seed=3)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert y.shape == (101,) and y.dtype == np.int64
    assert set(np.unique(y)) == {0, 1}
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("name", ["reg_plane", "reg_gauss"])
def test_regression_shapes_dtypes(name):
    X, y = data.load(name, n=77, noise=0.1, seed=3)
    assert X.shape == (77, 2) and X.dtype == np.float64
    assert y.shape == (77,) and y.dtype == np.float64
    assert np.all(np.abs(X) <= 6)


def test_parabola_shape_and_sorted_inputs():
    X, y = data.parabola()
    assert X.shape == (100, 1) and y.shape == (100,) and X.dtype == y.dtype == np.float64
    assert np.all(np.diff(X[:, 0]) >= 0), "parabola's X is documented as sorted"
    assert np.all(np.abs(X) <= 1)


def test_playground_names_are_loadable_classification_sets():
    assert data.PLAYGROUND == ("circle", "xor", "gauss", "spiral")
    for name in data.PLAYGROUND:
        X, y = data.load(name, n=20)
        assert X.shape == (20, 2)


@pytest.mark.parametrize("name", ["circle", "gauss", "spiral", "moons"])
def test_balanced_classes_and_odd_counts(name):
    _, y = data.load(name, n=201)  # noise 0: the generated classes are the labels
    assert sorted(np.bincount(y).tolist()) == [100, 101]


@pytest.mark.parametrize("name", ["circle", "gauss", "spiral", "moons"])
def test_rows_are_shuffled_not_grouped_by_class(name):
    _, y = data.load(name, n=200)
    assert len(set(y[:20].tolist())) == 2


# ---- determinism ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", GENERATORS)
def test_same_seed_same_data_different_seed_different_data(name):
    X1, y1 = data.load(name, n=50, seed=7)
    X2, y2 = data.load(name, n=50, seed=7)
    X3, _ = data.load(name, n=50, seed=8)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("name", GENERATORS)
def test_generators_do_not_touch_the_global_numpy_generator(name):
    # The legacy global generator is what setup_notebook seeds, so it must stay untouched.
    np.random.seed(123)  # noqa: NPY002
    expected = np.random.random()  # noqa: NPY002
    np.random.seed(123)  # noqa: NPY002
    data.load(name, n=30)
    assert np.random.random() == expected  # noqa: NPY002


# ---- geometry and noise, checked against each documented formula -----------------------------


def test_circle_without_noise_labels_by_radius_and_noise_flips_some():
    X, y = data.circle(n=500, noise=0.0)
    radius = np.linalg.norm(X, axis=1)
    np.testing.assert_array_equal(y, (radius < 2.5).astype(int))
    assert radius[y == 1].max() <= 2.5 and radius[y == 0].min() >= 3.5 and radius.max() <= 5
    X, y = data.circle(n=500, noise=0.5)
    flipped = np.mean(y != (np.linalg.norm(X, axis=1) < 2.5))
    assert 0.02 < flipped < 0.5


def test_xor_without_noise_follows_the_sign_rule_with_a_gap():
    X, y = data.xor(n=500)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] >= 0).astype(int))
    assert np.abs(X).min() >= 0.3 and np.abs(X).max() <= 5.3
    X, y = data.xor(n=500, noise=0.5)
    assert 0.02 < np.mean(y != (X[:, 0] * X[:, 1] >= 0)) < 0.5


def test_gauss_centres_and_noise_widens_the_blobs():
    X, y = data.gauss(n=4000)
    np.testing.assert_allclose(X[y == 1].mean(axis=0), [2, 2], atol=0.1)
    np.testing.assert_allclose(X[y == 0].mean(axis=0), [-2, -2], atol=0.1)
    np.testing.assert_allclose(X[y == 1].std(axis=0), np.sqrt(0.5), rtol=0.08)
    X, y = data.gauss(n=4000, noise=0.5)
    np.testing.assert_allclose(X[y == 1].std(axis=0), 2.0, rtol=0.08)  # variance 0.5 + 7 * 0.5


def test_spiral_points_lie_on_the_documented_arms():
    X, y = data.spiral(n=300, num_classes=3)
    for k in range(3):
        arm = X[y == k]
        r = np.linalg.norm(arm, axis=1)
        order = np.argsort(r)
        np.testing.assert_allclose(r[order], 5 * np.arange(100) / 100, atol=1e-12)
        t = 1.75 * 2 * np.pi * np.arange(100) / 100 + 2 * np.pi * k / 3
        expected = np.column_stack([r[order] * np.sin(t), r[order] * np.cos(t)])
        np.testing.assert_allclose(arm[order], expected, atol=1e-12)


def test_spiral_noise_moves_points_by_at_most_noise():
    clean, y_clean = data.spiral(n=200, noise=0.0)
    noisy, y_noisy = data.spiral(n=200, noise=0.3)
    for k in (0, 1):
        # distance from each noisy point to the nearest clean point of the same arm
        gaps = np.linalg.norm(noisy[y_noisy == k][:, None] - clean[y_clean == k][None], axis=2)
        nearest = gaps.min(axis=1)
        assert nearest.max() <= 0.3 * np.sqrt(2) + 1e-12
        assert nearest.mean() > 0.05


def test_spiral_classes():
    _, y = data.spiral(n=400, num_classes=4)
    assert np.bincount(y).tolist() == [100, 100, 100, 100]


def test_moons_without_noise_lie_on_the_two_arcs():
    X, y = data.moons(n=300)
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.linalg.norm(upper, axis=1), 1.0)
    assert np.all(upper[:, 1] >= 0)
    np.testing.assert_allclose(np.linalg.norm(lower - [1.0, 0.5], axis=1), 1.0)
    assert np.all(lower[:, 1] <= 0.5)
    noisy, y = data.moons(n=2000, noise=0.2)
    residual = np.linalg.norm(noisy[y == 0], axis=1) - 1.0
    assert 0.1 < residual.std() < 0.3


def test_reg_plane_formula_and_noise():
    X, y = data.reg_plane(n=300)
    np.testing.assert_allclose(y, (X[:, 0] + X[:, 1]) / 10)
    X, y = data.reg_plane(n=3000, noise=0.5)
    residual = y - (X[:, 0] + X[:, 1]) / 10
    # two U(-3, 3) jitters summed and divided by 10: std = sqrt(2 * 36 / 12) / 10
    np.testing.assert_allclose(residual.std(), np.sqrt(6) / 10, rtol=0.1)


def test_reg_gauss_formula_written_out_independently():
    X, y = data.reg_gauss(n=500)
    centres = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
    expected = []
    for x1, x2 in X:
        label = 0.0
        for cx, cy, sign in centres:
            value = sign * min(1.0, max(0.0, 1 - np.hypot(x1 - cx, x2 - cy) / 2))
            if abs(value) > abs(label):
                label = value
        expected.append(label)
    np.testing.assert_allclose(y, expected)
    assert y.min() < -0.5 and y.max() > 0.5
    _, y_noisy = data.reg_gauss(n=500, noise=0.3)
    assert not np.allclose(y_noisy, y)


def test_parabola_formula_and_noise_level():
    X, y = data.parabola(n=200, noise=0.0)
    np.testing.assert_allclose(y, X[:, 0] ** 2)
    X, y = data.parabola(n=4000, noise=0.2)
    np.testing.assert_allclose((y - X[:, 0] ** 2).std(), 0.2, rtol=0.05)
    # a straight line cannot fit it: the best line leaves most of the variance unexplained
    X, y = data.parabola(n=500, noise=0.0)
    slope, intercept = np.polyfit(X[:, 0], y, 1)
    assert np.var(y - (slope * X[:, 0] + intercept)) > 0.9 * np.var(y)


# ---- house prices ---------------------------------------------------------------------------


def _docstring_formula() -> str:
    match = re.search(r"price = (\(.*?\))\n\n", data.house_prices.__doc__, re.S)
    assert match, "house_prices's docstring must give the formula as `price = (...)`"
    return match.group(1)


def test_house_prices_docstring_formula_reproduces_y_without_noise():
    X, y = data.house_prices(n=2000, noise=0.0, seed=4)
    columns = dict(zip(data.HOUSE_PRICE_FEATURES, X.T, strict=True))
    price = eval(_docstring_formula(), {"np": np}, columns)  # the formula exactly as documented
    np.testing.assert_allclose(y, price, rtol=1e-12)


def test_house_prices_columns_and_realistic_values():
    X, y = data.house_prices()
    assert X.shape == (1000, len(data.HOUSE_PRICE_FEATURES)) and y.shape == (1000,)
    assert data.HOUSE_PRICE_FEATURES[:5] == [
        "area_m2",
        "bedrooms",
        "neighbourhood_score",
        "distance_km",
        "age_years",
    ]
    cols = dict(zip(data.HOUSE_PRICE_FEATURES, X.T, strict=True))
    assert 40 <= cols["area_m2"].min() and cols["area_m2"].max() <= 300
    assert set(np.unique(cols["bedrooms"])) <= {1, 2, 3, 4, 5, 6}
    assert 1 <= cols["neighbourhood_score"].min() and cols["neighbourhood_score"].max() <= 10
    assert set(np.unique(cols["has_garden"])) == {0, 1}
    assert np.corrcoef(cols["area_m2"], cols["bedrooms"])[0, 1] > 0.5  # realistic correlation
    assert y.min() > 0 and 250 < np.median(y) < 450  # thousands of euros


def test_house_prices_is_non_linear_a_linear_fit_leaves_error():
    X, y = data.house_prices(n=4000, noise=0.0)
    design = np.column_stack([X, np.ones(len(X))])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ coef
    assert residual.std() > 0.05 * y.std()  # not exactly linear: interactions and curvature


def test_house_prices_noise_is_relative():
    X, clean = data.house_prices(n=5000, noise=0.0, seed=1)
    X_noisy, noisy = data.house_prices(n=5000, noise=0.1, seed=1)
    np.testing.assert_array_equal(X, X_noisy)  # noise is drawn after the features
    np.testing.assert_allclose((noisy / clean - 1).std(), 0.1, rtol=0.05)


# ---- digits ---------------------------------------------------------------------------------


def test_digits_split_scaled_and_stratified():
    (X_train, y_train), (X_test, y_test) = data.digits()
    assert X_train.shape == (1347, 64) and X_test.shape == (450, 64)
    assert X_train.dtype == np.float64 and y_train.dtype == np.int64
    assert X_train.min() == 0.0 and X_train.max() == 1.0 and X_test.max() <= 1.0
    assert set(np.unique(y_test)) == set(range(10))
    counts = np.bincount(y_train, minlength=10) + np.bincount(y_test, minlength=10)
    share = np.bincount(y_test, minlength=10) / counts
    np.testing.assert_allclose(share, 0.25, atol=0.01)


def test_digits_is_seeded():
    (a, _), _ = data.digits(seed=1)
    (b, _), _ = data.digits(seed=1)
    (c, _), _ = data.digits(seed=2)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_digits_with_other_test_size():
    (X_train, _), (X_test, _) = data.load("digits", test_size=0.5)
    assert len(X_test) == 899 and len(X_train) == 898


# ---- train_test_split -----------------------------------------------------------------------


def test_train_test_split_partitions_the_rows():
    X = np.arange(40.0).reshape(20, 2)
    y = np.arange(20)
    (X_tr, y_tr), (X_te, y_te) = data.train_test_split(X, y, test_size=0.25, seed=0)
    assert len(y_te) == 5 and len(y_tr) == 15
    assert sorted(np.concatenate([y_tr, y_te]).tolist()) == list(range(20))
    np.testing.assert_array_equal(X_tr[:, 0], 2 * y_tr)  # rows stay paired with their labels
    (_, y_tr2), _ = data.train_test_split(X, y, test_size=0.25, seed=0)
    np.testing.assert_array_equal(y_tr, y_tr2)
    (_, y_tr3), _ = data.train_test_split(X, y, test_size=3, seed=1)
    assert len(y_tr3) == 17 and not np.array_equal(y_tr3[:15], y_tr)


def test_train_test_split_stratified_keeps_proportions():
    y = np.array([0] * 60 + [1] * 30 + [2] * 10)
    X = np.arange(100.0).reshape(-1, 1)
    (_, y_tr), (X_te, y_te) = data.train_test_split(X, y, test_size=0.2, stratify=True)
    assert np.bincount(y_te).tolist() == [12, 6, 2]
    assert np.bincount(y_tr).tolist() == [48, 24, 8]
    np.testing.assert_array_equal(y[X_te[:, 0].astype(int)], y_te)


# ---- error messages -------------------------------------------------------------------------


@pytest.mark.parametrize("name", GENERATORS)
@pytest.mark.parametrize("n", [0, -5])
def test_non_positive_n_is_explained(name, n):
    with pytest.raises(
        ValueError, match=rf"{name}: `n` \(the number of samples\) must be positive"
    ):
        data.load(name, n=n)


@pytest.mark.parametrize("name", GENERATORS)
def test_non_integer_n_is_explained(name):
    with pytest.raises(TypeError, match=r"`n` .* must be an int, got float 2.5"):
        data.load(name, n=2.5)


@pytest.mark.parametrize("name", GENERATORS)
def test_negative_noise_is_explained(name):
    with pytest.raises(ValueError, match=rf"{name}: `noise` must be a finite number >= 0.*-0.1"):
        data.load(name, noise=-0.1)


def test_other_bad_noise_and_seed():
    with pytest.raises(ValueError, match="`noise` must be a finite number >= 0"):
        data.circle(noise=float("nan"))
    with pytest.raises(TypeError, match="`noise` must be a number, got str '0.1'"):
        data.xor(noise="0.1")
    with pytest.raises(TypeError, match="`seed` must be an int .* got str 'a'"):
        data.gauss(seed="a")
    with pytest.raises(ValueError, match="`seed` must be >= 0, got -1"):
        data.gauss(seed=-1)


def test_spiral_num_classes_is_checked():
    with pytest.raises(ValueError, match=r"`num_classes` must be at least 2 .* got 1"):
        data.spiral(num_classes=1)
    with pytest.raises(TypeError, match="`num_classes` must be an int, got float 2.0"):
        data.spiral(num_classes=2.0)


def test_unknown_dataset_lists_the_valid_names():
    with pytest.raises(ValueError, match="unknown dataset 'spirals'") as info:
        data.load("spirals")
    for name in data.NAMES:
        assert name in str(info.value)


def test_load_passes_arguments_on():
    X1, y1 = data.load("spiral", n=90, noise=0.2, seed=2, num_classes=3)
    X2, y2 = data.spiral(n=90, noise=0.2, seed=2, num_classes=3)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)


def test_train_test_split_errors():
    X, y = np.zeros((10, 2)), np.zeros(10)
    with pytest.raises(ValueError, match=r"same number of rows.*\(10, 2\).*\(9,\)"):
        data.train_test_split(X, y[:9])
    with pytest.raises(ValueError, match="between 0 and 1, got 1.5"):
        data.train_test_split(X, y, test_size=1.5)
    with pytest.raises(ValueError, match="leaves 10 of 10 samples for testing"):
        data.train_test_split(X, y, test_size=10)
    with pytest.raises(ValueError, match="leaves 0 of 10 samples"):
        data.train_test_split(X, y, test_size=0)
    with pytest.raises(TypeError, match="`test_size` must be a fraction"):
        data.train_test_split(X, y, test_size="25%")
    with pytest.raises(ValueError, match="digits: `test_size` as a fraction must be between"):
        data.digits(test_size=0.0)
