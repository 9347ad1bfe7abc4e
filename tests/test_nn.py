"""dlcourse.nn.Sequential: parity with a float64 Keras model, training behaviour, errors."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import losses, nn, optimizers, training
from dlcourse.gradcheck import check_gradients
from dlcourse.keras_bridge import keras, tf
from dlcourse.layers import BatchNormalization, Dense, Dropout
from dlcourse.nn import Sequential
from dlcourse.regularizers import L2
from dlcourse.training import History

RNG = np.random.default_rng(0)
# Keras' predict() and fit() cast NumPy inputs to float32 on the way in: values that float32
# holds exactly pass unchanged, so the float64 comparisons below compare the math, not that cast.
X = RNG.normal(size=(12, 3)).astype(np.float32).astype(np.float64)
Y = RNG.integers(0, 3, size=12)


def _net(seed=0):
    return Sequential(
        [
            Dense(5, activation="tanh", seed=seed),
            Dense(4, activation="relu", seed=seed + 1),
            Dense(3, activation="softmax", seed=seed + 2),
        ],
        name="mlp",
    )


def _keras_twin():
    """The same architecture in Keras, computing in float64 so values agree to rounding."""
    return keras.Sequential(
        [
            keras.Input((3,), dtype="float64"),
            keras.layers.Dense(5, activation="tanh", dtype="float64"),
            keras.layers.Dense(4, activation="relu", dtype="float64"),
            keras.layers.Dense(3, activation="softmax", dtype="float64"),
        ]
    )


def _keras_loss_and_grads(model, X, y):
    loss = keras.losses.SparseCategoricalCrossentropy(dtype="float64")
    with tf.GradientTape() as tape:
        value = loss(y, model(X, training=True))
    return float(value), [g.numpy() for g in tape.gradient(value, model.trainable_weights)]


# ---- parity with Keras ----------------------------------------------------------------------------


def test_weights_copied_to_keras_same_predictions_loss_gradients_and_sgd_step():
    net = _net()
    net.build(3)
    model = _keras_twin()
    model.set_weights(net.get_weights())
    np.testing.assert_allclose(net.predict(X), model.predict(X, verbose=0), rtol=1e-12)

    value, grads = net.loss_and_gradients(X, Y, "sparse_categorical_crossentropy")
    keras_value, keras_grads = _keras_loss_and_grads(model, X, Y)
    assert value == pytest.approx(keras_value, rel=1e-12)
    assert len(grads) == len(keras_grads) == 6
    for ours, theirs in zip(grads, keras_grads, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-15)

    # one SGD step on the batch
    net.train_step(X, Y, "sparse_categorical_crossentropy", optimizers.SGD(learning_rate=0.0625))
    keras.optimizers.SGD(learning_rate=0.0625).apply_gradients(
        zip(keras_grads, model.trainable_weights, strict=True)
    )
    for ours, theirs in zip(net.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)


def test_weights_copied_from_keras_same_predictions_and_loss():
    keras.utils.set_random_seed(3)
    model = _keras_twin()
    net = _net(seed=10)
    net.set_weights(model.get_weights())  # builds the net from the first kernel's shape
    assert net.built and net.input_dim == 3
    np.testing.assert_allclose(net.predict(X), model.predict(X, verbose=0), rtol=1e-12)
    keras_value, _ = _keras_loss_and_grads(model, X, Y)
    assert net.evaluate(X, Y, loss="sparse_categorical_crossentropy")["loss"] == pytest.approx(
        keras_value, rel=1e-12
    )


def test_one_epoch_of_fit_equals_keras_fit():
    # Adam with float32-exact hyperparameters (Keras rounds them to float32), no shuffling.
    settings = {"learning_rate": 2.0**-6, "beta_1": 0.875, "beta_2": 0.9990234375,
                "epsilon": 2.0**-24}  # fmt: skip
    net = _net()
    net.build(3)
    model = _keras_twin()
    model.set_weights(net.get_weights())
    model.compile(
        optimizer=keras.optimizers.Adam(**settings),
        loss=keras.losses.SparseCategoricalCrossentropy(dtype="float64"),
        metrics=["accuracy"],
    )
    keras_history = model.fit(X, Y, batch_size=5, epochs=2, shuffle=False, verbose=0)
    history = net.fit(X, Y, loss="sparse_categorical_crossentropy",
                      optimizer=optimizers.Adam(**settings), epochs=2, batch_size=5,
                      shuffle=False, metrics=["accuracy"])  # fmt: skip
    for ours, theirs in zip(net.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)
    # Keras averages the reported loss in a float32 metric: float32 precision there.
    np.testing.assert_allclose(history.history["loss"], keras_history.history["loss"], rtol=1e-6)
    np.testing.assert_allclose(
        history.history["accuracy"], keras_history.history["accuracy"], rtol=1e-6
    )


def test_regularization_is_part_of_the_loss_like_keras():
    net = Sequential([Dense(4, activation="tanh", kernel_regularizer=L2(0.0625), seed=0),
                      Dense(3, activation="softmax", seed=1)])  # fmt: skip
    net.build(3)
    model = keras.Sequential([
        keras.Input((3,), dtype="float64"),
        keras.layers.Dense(4, activation="tanh", kernel_regularizer=keras.regularizers.L2(0.0625),
                           dtype="float64"),
        keras.layers.Dense(3, activation="softmax", dtype="float64"),
    ])  # fmt: skip
    model.set_weights(net.get_weights())
    # (Keras rounds the factor to float32: 0.0625 is exact there.)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(dtype="float64")
    with tf.GradientTape() as tape:
        value = loss_fn(Y, model(X, training=True)) + tf.add_n(model.losses)
    keras_grads = tape.gradient(value, model.trainable_weights)
    ours, grads = net.loss_and_gradients(X, Y, "sparse_categorical_crossentropy")
    assert ours == pytest.approx(float(value), rel=1e-12)
    assert net.regularization_loss() == pytest.approx(0.0625 * np.sum(net.get_weights()[0] ** 2))
    for g, k in zip(grads, keras_grads, strict=True):
        np.testing.assert_allclose(g, k.numpy(), rtol=1e-9, atol=1e-15)


def test_full_mlp_gradient_check():
    net = Sequential([Dense(6, activation="tanh", seed=0), Dense(4, activation="sigmoid", seed=1),
                      Dense(3, activation="softmax", seed=2)])  # fmt: skip
    report = check_gradients(net, X[:5], Y[:5], "sparse_categorical_crossentropy")
    assert report.max_error < 1e-7


# ---- training ------------------------------------------------------------------------------------


def _blobs(n=60, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=n)
    X = rng.normal(size=(n, 2)) + 2.5 * (2 * y[:, None] - 1)
    return X, y


def test_fit_lowers_the_loss_and_history_has_keras_keys():
    X_train, y_train = _blobs()
    X_val, y_val = _blobs(seed=1)
    net = Sequential([Dense(8, activation="relu", seed=0), Dense(1, activation="sigmoid", seed=1)])
    history = net.fit(X_train, y_train, loss="binary_crossentropy",
                      optimizer=optimizers.Adam(learning_rate=0.05), epochs=30,
                      batch_size=16, validation_data=(X_val, y_val), seed=0,
                      metrics=["accuracy"])  # fmt: skip
    assert isinstance(history, History) and net.history is history
    assert list(history.history) == ["loss", "accuracy", "val_loss", "val_accuracy"]
    assert history.epoch == list(range(30))
    assert all(len(v) == 30 for v in history.history.values())
    assert history.history["loss"][-1] < 0.5 * history.history["loss"][0]
    assert history.history["val_accuracy"][-1] >= 0.95
    assert repr(history) == "History(epochs=30, keys=[loss, accuracy, val_loss, val_accuracy])"
    result = net.evaluate(X_val, y_val)  # loss and metrics remembered from fit
    assert result == pytest.approx(
        {"loss": history.history["val_loss"][-1], "accuracy": history.history["val_accuracy"][-1]}
    )


def test_fit_is_deterministic_and_continues_across_calls():
    X_train, y_train = _blobs()

    def train(calls, epochs):
        net = Sequential([Dense(4, activation="tanh", seed=0), Dense(1, seed=1)])
        opt = optimizers.get("momentum", learning_rate=0.05)
        losses_seen = []
        for _ in range(calls):
            h = net.fit(X_train, y_train, loss="mse", optimizer=opt, epochs=epochs, batch_size=8,
                        seed=7)  # fmt: skip
            losses_seen += h.history["loss"]
        return net.get_weights(), losses_seen

    w1, l1 = train(1, 3)
    w2, l2 = train(1, 3)
    w3, l3 = train(3, 1)  # the same optimizer object: its momentum carries over
    assert l1 == l2 == l3
    for a, b, c in zip(w1, w2, w3, strict=True):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)
    # another seed shuffles differently
    net = Sequential([Dense(4, activation="tanh", seed=0), Dense(1, seed=1)])
    other = net.fit(X_train, y_train, loss="mse", optimizer=optimizers.get("momentum", learning_rate=0.05),
                    epochs=3, batch_size=8, seed=8).history["loss"]  # fmt: skip
    assert other != l1


def test_seed_none_follows_numpys_global_generator():
    X_train, y_train = _blobs()
    results = []
    for _ in range(2):
        np.random.seed(123)  # what dlcourse.setup_notebook() does  # noqa: NPY002
        net = Sequential([Dense(3, activation="tanh", seed=0), Dense(1, seed=1)])
        results.append(net.fit(X_train, y_train, loss="mse", optimizer="sgd", epochs=2).history)
    assert results[0] == results[1]


def test_fit_without_optimizer_reuses_the_last_one_and_compile_works():
    X_train, y_train = _blobs()
    net = Sequential([Dense(1, activation="sigmoid", seed=0)])
    net.compile(optimizer="adam", loss="binary_crossentropy", metrics=["acc"])
    first = net.optimizer
    net.fit(X_train, y_train, epochs=2)
    assert net.optimizer is first and first.iterations == 2 * 2  # 60 rows in batches of 32
    net.fit(X_train, y_train, epochs=1, batch_size=60)
    assert first.iterations == 2 * 2 + 1
    assert set(net.evaluate(X_train, y_train)) == {"loss", "accuracy"}
    net.fit(X_train, y_train, optimizer="sgd", epochs=1)
    assert isinstance(net.optimizer, optimizers.SGD)


def test_accuracy_matches_keras_metrics():
    probs = RNG.dirichlet(np.ones(4), size=20)
    labels = RNG.integers(0, 4, size=20)
    sparse = keras.metrics.SparseCategoricalAccuracy()(labels, probs)
    assert training.accuracy(labels, probs) == pytest.approx(float(sparse))
    onehot = np.eye(4)[labels]
    assert training.accuracy(onehot, probs) == pytest.approx(float(sparse))
    p1 = RNG.uniform(size=(20, 1))
    p1[:3] = 0.5  # exactly 0.5 is class 0, as in Keras
    y1 = RNG.integers(0, 2, size=20).astype(float)
    binary = keras.metrics.BinaryAccuracy()(y1[:, None], p1)
    assert training.accuracy(y1, p1) == pytest.approx(float(binary))
    with pytest.raises(ValueError, match=r"accuracy: `y_pred` must be a network's output.*\(20,\)"):
        training.accuracy(y1, p1[:, 0])
    with pytest.raises(ValueError, match=r"`y_true` must have one label per row of y_pred"):
        training.accuracy(y1[:5], p1)


def test_verbose_prints_one_line_per_epoch(capsys):
    X_train, y_train = _blobs()
    net = Sequential([Dense(1, activation="sigmoid", seed=0)])
    net.fit(X_train, y_train, loss="binary_crossentropy", optimizer="sgd", epochs=3, seed=0,
            metrics=["accuracy"], validation_data=(X_train, y_train), verbose=1)  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Epoch 1/3 - loss: ")
    assert lines[2].startswith("Epoch 3/3 - loss: ")
    assert " - accuracy: " in lines[0] and " - val_loss: " in lines[0]
    assert " - val_accuracy: " in lines[0]
    net.fit(X_train, y_train, epochs=1, seed=0)
    assert capsys.readouterr().out == ""


def test_batch_normalization_and_dropout_train():
    X_train, y_train = _blobs()
    net = Sequential([Dense(8, seed=0), BatchNormalization(), Dropout(0.2, seed=0),
                      Dense(1, activation="sigmoid", seed=1)])  # fmt: skip
    history = net.fit(X_train, y_train, loss="binary_crossentropy", optimizer="adam", epochs=20,
                      batch_size=16, seed=0, metrics=["accuracy"])  # fmt: skip
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert np.any(net.layers[1].moving_mean != 0)  # moving statistics were updated
    # predict is inference mode: deterministic despite Dropout
    np.testing.assert_array_equal(net.predict(X_train), net.predict(X_train))
    assert len(net.get_weights()) == 2 + 4 + 0 + 2
    assert len(net.trainable_weights) == 2 + 2 + 2


def test_fit_runs_blas_on_one_thread_and_restores_the_setting(monkeypatch):
    from threadpoolctl import ThreadpoolController

    def blas_threads():
        return [lib["num_threads"] for lib in ThreadpoolController().select(user_api="blas").info()]

    before = blas_threads()
    seen = []
    original = training.History

    def spy():
        seen.append(blas_threads())
        return original()

    monkeypatch.setattr(training, "History", spy)
    X_train, y_train = _blobs()
    net = Sequential([Dense(2, seed=0), Dense(1, seed=1)])
    net.fit(X_train, y_train, loss="mse", optimizer="sgd", seed=0)
    assert seen == [[1] * len(before)]
    assert blas_threads() == before
    net.fit(X_train, y_train, batch_size=training._BLAS_THREADED_FROM_BATCH, seed=0)
    assert seen[-1] == before, "large batches keep BLAS's own threads"
    monkeypatch.setattr(training, "_BLAS_THREADS_IN_FIT", None)
    net.fit(X_train, y_train, seed=0)
    assert seen[-1] == before


# ---- structure, summary, weights --------------------------------------------------------------


def test_summary_repr_and_counts(capsys):
    net = Sequential([Dense(4, activation="relu", input_dim=2, seed=0), BatchNormalization(),
                      Dense(1, activation="sigmoid", seed=1)])  # fmt: skip
    assert net.built  # the first layer's input_dim builds the rest, as in Keras
    net.summary()
    assert capsys.readouterr().out.splitlines() == [
        'Model: "sequential"',
        "=" * 68,
        "Layer (type)                               Output Shape   Param #",
        "=" * 68,
        "dense (Dense)                              (None, 4)      12",
        "batch_normalization (BatchNormalization)   (None, 4)      16",
        "dense_1 (Dense)                            (None, 1)      5",
        "=" * 68,
        "Total params: 33",
        "Trainable params: 25",
        "Non-trainable params: 8",
    ]
    assert net.count_params() == 33
    assert repr(net) == (
        "Sequential(name='sequential', layers=[\n"
        "    Dense(units=4, activation='relu', input_dim=2, name='dense'),\n"
        "    BatchNormalization(momentum=0.99, epsilon=0.001, input_dim=4, name='batch_normalization'),\n"
        "    Dense(units=1, activation='sigmoid', input_dim=4, name='dense_1'),\n"
        "])"
    )  # fmt: skip
    assert repr(Sequential()) == "Sequential(name='sequential', layers=[])"
    np.testing.assert_array_equal(net(np.ones((2, 2))), net.predict(np.ones((2, 2))))


def test_add_and_unique_names():
    net = Sequential(name="zoo")
    net.add(Dense(3, seed=0))
    net.add(Dense(3, seed=1))
    net.add(Dense(2, seed=2, name="dense_1"))
    assert [layer.name for layer in net.layers] == ["dense", "dense_1", "dense_1_1"]
    assert not net.built
    net.build(4)
    assert net.built and net.input_dim == 4
    assert [w.shape for w in net.get_weights()] == [(4, 3), (3,), (3, 3), (3,), (3, 2), (2,)]


def test_set_weights_round_trip():
    net = _net()
    net.build(3)
    weights = [w + 1.0 for w in net.get_weights()]
    net.set_weights(weights)
    for a, b in zip(net.get_weights(), weights, strict=True):
        np.testing.assert_array_equal(a, b)
    # get_weights returns copies
    net.get_weights()[0][...] = 0
    assert np.all(net.get_weights()[0] != 0)


# ---- errors that teach ---------------------------------------------------------------------------


def test_errors_on_data():
    net = _net()
    with pytest.raises(ValueError, match=r"Sequential 'mlp': `X` must be 2-D with shape \(num_samples, "
                       r"num_features\), got 1-D shape \(12,\)\..*for one feature use "
                       r"X\.reshape\(-1, 1\)"):  # fmt: skip
        net.predict(np.zeros(12))
    with pytest.raises(ValueError, match=r"`y` must have one target per row of X \(12 rows\), got "
                       r"11 rows \(shape \(11,\)\)"):  # fmt: skip
        net.fit(X, Y[:11], loss="mse", optimizer="sgd")
    with pytest.raises(TypeError, match=r"`X` must be numeric"):
        net.predict([["a", "b", "c"]])
    net.build(3)
    with pytest.raises(ValueError, match=r"expected `X` with 3 features.*got X of shape \(2, 5\)"):
        net.predict(np.zeros((2, 5)))
    with pytest.raises(ValueError, match=r"`validation_data` must be a pair \(X_val, y_val\)"):
        net.fit(X, Y, loss="mse", optimizer="sgd", validation_data=X)
    with pytest.raises(ValueError, match=r"`y_val` must have one target per row of X"):
        net.fit(X, Y, loss="mse", optimizer="sgd", validation_data=(X, Y[:3]))


def test_errors_on_settings():
    net = _net()
    with pytest.raises(ValueError, match=r"fit: no loss\. Pass one, e\.g\. loss='mse'"):
        net.fit(X, Y, optimizer="sgd")
    with pytest.raises(ValueError, match=r"fit: no optimizer\. Pass one.*compile\(optimizer"):
        net.fit(X, Y, loss="sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match=r"Unknown metric 'f1'\. dlcourse knows accuracy"):
        net.fit(X, Y, loss="mse", optimizer="sgd", metrics=["f1"])
    with pytest.raises(ValueError, match=r"`batch_size` must be an int >= 1, got 0"):
        net.fit(X, Y, loss="mse", optimizer="sgd", batch_size=0)
    with pytest.raises(TypeError, match=r"`epochs` must be an int >= 0, got float 2\.5"):
        net.fit(X, Y, loss="mse", optimizer="sgd", epochs=2.5)
    with pytest.raises(ValueError, match=r"`seed` must be an int >= 0 or None, got -1"):
        net.fit(X, Y, loss="mse", optimizer="sgd", seed=-1)
    with pytest.raises(ValueError, match=r"Unknown loss 'crossentropy'"):
        net.fit(X, Y, loss="crossentropy", optimizer="sgd")
    with pytest.raises(ValueError, match=r"`y_true` holds labels from 1 to 3, but y_pred has 3"):
        net.fit(X, Y + 1, loss="sparse_categorical_crossentropy", optimizer="sgd")


def test_errors_on_structure():
    with pytest.raises(ValueError, match=r"Sequential 'sequential' has no layers\. Create it with "
                       r"a list"):  # fmt: skip
        Sequential().predict(X)
    with pytest.raises(TypeError, match=r"every layer must be a dlcourse layer such as Dense\(4\), "
                       r"got type .*did you forget the parentheses"):  # fmt: skip
        Sequential([Dense])
    with pytest.raises(TypeError, match=r"`layers` must be a list of layers"):
        Sequential(Dense(3))
    with pytest.raises(TypeError, match=r"every layer must be a dlcourse layer.*got str 'relu'"):
        Sequential([Dense(3), "relu"])
    unbuilt = _net()
    for call, what in [(unbuilt.summary, r"summary\(\)"), (unbuilt.get_weights, r"get_weights\(\)"),
                       (unbuilt.count_params, r"count_params\(\)")]:  # fmt: skip
        with pytest.raises(ValueError, match=rf"Sequential 'mlp' is not built yet, so {what} has no "
                           r"weights to show.*build\(input_dim\)"):  # fmt: skip
            call()
    net = _net()
    net.build(3)
    with pytest.raises(ValueError, match=r"expected 6 arrays with shapes \[\(3, 5\), \(5,\), "
                       r"\(5, 4\), \(4,\), \(4, 3\), \(3,\)\] \(Keras order\), got 2"):  # fmt: skip
        net.set_weights(net.get_weights()[:2])
    with pytest.raises(TypeError, match=r"`weights` must be a list of arrays in Keras order"):
        net.set_weights(np.zeros(3))
    with pytest.raises(ValueError, match=r"first layer 'dense' was built for 3 input features, "
                       r"got input_dim=4"):  # fmt: skip
        net.build(4)
    with pytest.raises(ValueError, match=r"layer 'dense_1' was built for 5 inputs, but the layer "
                       r"before it, 'dense', outputs 4"):  # fmt: skip
        Sequential([Dense(4, input_dim=2), Dense(1, input_dim=5)])


def test_losses_and_optimizers_objects_accepted():
    net = _net()
    loss = losses.SparseCategoricalCrossentropy()
    value = net.train_step(X, Y, loss, "sgd")
    assert value == pytest.approx(loss(Y, net.forward(X, training=False)), rel=0.2)
    assert net.loss_and_gradients(X, Y, loss)[0] < value  # one step of SGD helped


def test_error_on_name_and_verbose():
    with pytest.raises(TypeError, match=r"Sequential: `name` must be a str or None, got 3"):
        Sequential([Dense(1)], name=3)
    with pytest.raises(TypeError, match=r"`verbose` must be an int >= 0, got str 'yes'"):
        _net().fit(X, Y, loss="mse", optimizer="sgd", verbose="yes")


# ---- the Keras-like contract: keyword-only fit, evaluate leaves the model alone, train_step ----


def test_fit_arguments_after_y_are_keyword_only():
    # Keras' third positional argument is batch_size: fit(X, y, "mse") must not mean a loss here.
    with pytest.raises(TypeError, match=r"takes 3 positional arguments"):
        _net().fit(X, Y, "sparse_categorical_crossentropy", "sgd")
    with pytest.raises(TypeError, match=r"takes 3 positional arguments"):
        _net().evaluate(X, Y, "mse")


def test_evaluate_never_changes_the_models_loss():
    net = _net()
    net.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    compiled = net.loss
    mse = net.evaluate(X, np.eye(3)[Y], loss="mse")["loss"]
    assert net.loss is compiled
    assert mse == pytest.approx(losses.get("mse")(np.eye(3)[Y], net.predict(X)))
    assert net.evaluate(X, Y)["loss"] == pytest.approx(compiled(Y, net.predict(X)))


def test_train_step_with_a_name_keeps_the_optimizer_state():
    by_name, by_object = _net(), _net()
    by_name.build(3)
    by_object.build(3)
    adam = optimizers.Adam()
    for _ in range(3):
        by_name.train_step(X, Y, "sparse_categorical_crossentropy", "adam")
        by_object.train_step(X, Y, "sparse_categorical_crossentropy", adam)
    assert by_name.optimizer.iterations == 3
    for a, b in zip(by_name.get_weights(), by_object.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12)
    by_name.train_step(X, Y, "sparse_categorical_crossentropy", "sgd")  # another name: a new one
    assert isinstance(by_name.optimizer, optimizers.SGD)


def test_nn_no_longer_re_exports_gradcheck():
    assert not hasattr(nn, "gradient_norms")


def test_mlp_builds_keras_named_seeded_layers():
    net = nn.mlp(2, (16, 16), 1, "relu", "sigmoid", seed=3)
    assert [layer.name for layer in net.layers] == ["hidden_1", "hidden_2", "output"]
    assert [layer.activation.name for layer in net.layers] == ["relu", "relu", "sigmoid"]
    assert net.count_params() == nn.dense_params([2, 16, 16, 1]) == 337
    again = Sequential([Dense(16, activation="relu", seed=3), Dense(16, activation="relu", seed=4),
                        Dense(1, activation="sigmoid", seed=5)])  # fmt: skip
    again.build(2)
    for a, b in zip(net.get_weights(), again.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert nn.mlp(2, (), 3).layers[0].activation.name == "linear"  # output_activation=None
    assert not nn.mlp(None, 4, 1).built
    deep = nn.mlp(2, [4] * 2, 2, "sigmoid", "softmax", batch_norm=True, kernel_regularizer="l2")
    assert [type(layer).__name__ for layer in deep.layers] == [
        "Dense", "BatchNormalization", "Activation", "Dense", "BatchNormalization", "Activation",
        "Dense",
    ]  # fmt: skip
    assert deep.regularization_loss() > 0


def test_mlp_errors_teach():
    with pytest.raises(TypeError, match=r"mlp: `hidden` must be a tuple of positive ints"):
        nn.mlp(2, "16", 1)
    with pytest.raises(
        ValueError, match=r"mlp: `layer_sizes` must list positive ints.*\[16, 0, 1\]"
    ):
        nn.mlp(2, (16, 0), 1)
    with pytest.raises(TypeError, match=r"mlp: `num_outputs` must be an int, got float 1\.0"):
        nn.mlp(2, (4,), 1.0)
    with pytest.raises(ValueError, match=r"mlp: `num_inputs` must be an int >= 1, got 0"):
        nn.mlp(0, (4,), 1)


def test_params_and_flops_by_formula():
    assert nn.dense_params([3, 2, 1]) == 3 * 2 + 2 + 2 * 1 + 1
    assert nn.dense_params([784]) == 0
    assert nn.dense_flops([3, 2, 1]) == 2 * (3 * 2 + 2 * 1) == 16
    assert nn.dense_flops([784, 128, 10]) == 2 * (784 * 128 + 128 * 10)
    assert nn.dense_flops((5,)) == 0
    with pytest.raises(
        ValueError, match=r"dense_flops: `layer_sizes` must list positive .*\[3, 0\]"
    ):
        nn.dense_flops([3, 0])
    with pytest.raises(TypeError, match=r"dense_params: `layer_sizes` must be a list of ints"):
        nn.dense_params(["three", 1])


def test_output_spec_matches_the_task():
    assert nn.output_spec("binary") == (1, "sigmoid", "binary_crossentropy")
    assert nn.output_spec("multiclass", 4) == (4, "softmax", "sparse_categorical_crossentropy")
    assert nn.output_spec("regression") == (1, "linear", "mean_squared_error")
    with pytest.raises(ValueError, match=r"`task` must be one of"):
        nn.output_spec("ranking")
    with pytest.raises(ValueError, match=r"`num_classes` must be an int >= 2, got 1"):
        nn.output_spec("multiclass", 1)
