"""dlcourse.optimizers: the same weights as keras.optimizers after 20 steps, state, errors."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import optimizers
from dlcourse.keras_bridge import keras, tf

SHAPES = [(3, 4), (4,)]
NUM_STEPS = 20


def _start_and_gradients(seed=0):
    rng = np.random.default_rng(seed)
    start = [rng.normal(size=shape) for shape in SHAPES]
    # Gradients of varying size and sign, some exactly zero, as a training run would give.
    grads = [[rng.normal(scale=rng.uniform(0.1, 3.0), size=shape) for shape in SHAPES]
             for _ in range(NUM_STEPS)]  # fmt: skip
    grads[3][0][0, 0] = 0.0
    return start, grads


def _run_keras(keras_optimizer, start, grads):
    variables = [tf.Variable(w.copy()) for w in start]  # float64 variables
    for step_grads in grads:
        keras_optimizer.apply_gradients(
            [(tf.constant(g), v) for g, v in zip(step_grads, variables, strict=True)]
        )
    return [v.numpy() for v in variables], int(keras_optimizer.iterations.numpy())


def _run_dlcourse(optimizer, start, grads):
    params = [w.copy() for w in start]
    for step_grads in grads:
        optimizer.step(params, step_grads)
    return params


# Keras turns every hyperparameter (learning rate, momentum, betas, rho, the initial accumulator)
# into a float32 before casting it to the variable's float64, so 0.9 becomes 0.89999998. With values
# that float32 represents exactly, the float64 runs agree to rounding; the defaults are tested below
# at float32 precision.
CONFIGS = [
    ("sgd", {"learning_rate": 0.0625}, keras.optimizers.SGD),
    ("sgd", {"learning_rate": 0.0625, "momentum": 0.875}, keras.optimizers.SGD),
    ("sgd", {"learning_rate": 0.0625, "momentum": 0.5, "nesterov": True}, keras.optimizers.SGD),
    ("rmsprop", {"learning_rate": 0.0078125, "rho": 0.875}, keras.optimizers.RMSprop),
    ("rmsprop", {"learning_rate": 0.0078125, "rho": 0.75, "momentum": 0.5}, keras.optimizers.RMSprop),
    ("rmsprop", {"learning_rate": 0.0078125, "rho": 0.875, "centered": True},
     keras.optimizers.RMSprop),
    ("rmsprop", {"learning_rate": 0.0078125, "rho": 0.875, "centered": True, "momentum": 0.875,
                 "epsilon": 2.0**-10}, keras.optimizers.RMSprop),
    ("adam", {"learning_rate": 0.0078125, "beta_1": 0.875, "beta_2": 0.9990234375,
              "epsilon": 2.0**-24}, keras.optimizers.Adam),
    ("adam", {"learning_rate": 0.0078125, "beta_1": 0.75, "beta_2": 0.984375,
              "epsilon": 2.0**-12}, keras.optimizers.Adam),
    ("adam", {"learning_rate": 0.0078125, "beta_1": 0.875, "beta_2": 0.9990234375,
              "epsilon": 2.0**-24, "amsgrad": True}, keras.optimizers.Adam),
    ("adagrad", {"learning_rate": 0.0625, "initial_accumulator_value": 0.125,
                 "epsilon": 2.0**-24}, keras.optimizers.Adagrad),
    ("adagrad", {"learning_rate": 0.0625, "initial_accumulator_value": 0.5, "epsilon": 2.0**-10},
     keras.optimizers.Adagrad),
]  # fmt: skip


@pytest.mark.parametrize(("name", "kwargs", "keras_cls"), CONFIGS)
def test_twenty_steps_equal_keras(name, kwargs, keras_cls):
    start, grads = _start_and_gradients()
    expected, keras_iterations = _run_keras(keras_cls(**kwargs), start, grads)
    optimizer = optimizers.get(name, **kwargs)
    got = _run_dlcourse(optimizer, start, grads)
    assert optimizer.iterations == keras_iterations == NUM_STEPS
    for g, e, s in zip(got, expected, start, strict=True):
        assert not np.allclose(g, s)  # the weights really moved
        np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("name", ["sgd", "rmsprop", "adam", "adagrad"])
def test_keras_defaults_equal_keras_to_float32_learning_rate(name):
    # Keras rounds its defaults (0.001, 0.9, 0.999, 1e-7, ...) to float32: agreement to ~1e-7.
    start, grads = _start_and_gradients(seed=1)
    ours = optimizers.get(name)
    theirs = getattr(keras.optimizers, type(ours).__name__)()
    expected, _ = _run_keras(theirs, start, grads)
    got = _run_dlcourse(ours, start, grads)
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-6, atol=1e-6)


def test_keras_defaults_and_names():
    assert repr(optimizers.get("sgd")) == "SGD(learning_rate=0.01, momentum=0.0, nesterov=False)"
    assert repr(optimizers.get("rmsprop")) == (
        "RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-07, centered=False)"
    )
    assert repr(optimizers.get("adam")) == (
        "Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, amsgrad=False)"
    )
    assert repr(optimizers.get("adagrad")) == (
        "Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-07)"
    )
    for name in ["sgd", "rmsprop", "adam", "adagrad"]:
        ours = optimizers.get(name)
        theirs = getattr(keras.optimizers, type(ours).__name__)()
        config = theirs.get_config()
        for key, value in ours.get_config().items():
            assert config[key] == pytest.approx(value, rel=1e-7), (name, key)
    assert isinstance(optimizers.get("Adam"), optimizers.Adam)
    assert isinstance(optimizers.get("RMSprop"), optimizers.RMSprop)
    momentum = optimizers.get("momentum", learning_rate=0.1)
    assert (momentum.momentum, momentum.learning_rate) == (0.9, 0.1)
    opt = optimizers.Adam()
    assert optimizers.get(opt) is opt
    assert optimizers.NAMES == ["sgd", "rmsprop", "adam", "adagrad", "momentum"]


def test_hand_computed_first_steps():
    w = np.array([1.0])
    optimizers.SGD(learning_rate=0.1).step([w], [np.array([2.0])])
    assert w[0] == pytest.approx(0.8)
    w = np.array([1.0])
    optimizers.Adam(learning_rate=0.1).step([w], [np.array([-5.0])])
    assert w[0] == pytest.approx(1.1, rel=1e-6)  # Adam's first step is ~lr * sign(g)
    w = np.array([1.0])
    optimizers.Adagrad(learning_rate=0.1).step([w], [np.array([1.0])])
    assert w[0] == pytest.approx(1 - 0.1 / np.sqrt(1.1 + 1e-7))
    # Nesterov on a constant gradient: v1 = -lr*g, step = m*v1 - lr*g
    w = np.array([0.0])
    optimizers.SGD(learning_rate=0.1, momentum=0.5, nesterov=True).step([w], [np.array([1.0])])
    assert w[0] == pytest.approx(-0.15)


def test_dict_params_single_array_and_state():
    start, grads = _start_and_gradients()
    as_list = _run_dlcourse(optimizers.Adam(learning_rate=0.01), start, grads)
    opt = optimizers.Adam(learning_rate=0.01)
    params = {"W": start[0].copy(), "b": start[1].copy()}
    for g in grads:
        opt.step(params, {"b": g[1], "W": g[0]})  # key order does not matter
    np.testing.assert_array_equal(params["W"], as_list[0])
    np.testing.assert_array_equal(params["b"], as_list[1])
    assert set(opt.slots["W"]) == {"momentum", "velocity"}
    assert opt.slots["W"]["momentum"].shape == (3, 4)
    # a bare array is a list of one
    w = np.array([1.0, 2.0])
    sgd = optimizers.SGD(learning_rate=0.5)
    sgd.step(w, np.array([1.0, -1.0]))
    np.testing.assert_array_equal(w, [0.5, 2.5])
    # the update is in place: the caller's array object changes
    w_before = params["W"]
    opt.step(params, {"W": np.ones((3, 4)), "b": np.ones(4)})
    assert params["W"] is w_before
    opt.reset()
    assert opt.iterations == 0 and opt.slots == {}


def test_momentum_slot_is_keras_velocity():
    opt = optimizers.SGD(learning_rate=0.1, momentum=0.9)
    w = np.array([0.0])
    for _ in range(3):
        opt.step([w], [np.array([1.0])])
    # v: -0.1, -0.19, -0.271 ; w = sum of v
    assert opt.slots[0]["momentum"][0] == pytest.approx(-0.271)
    assert w[0] == pytest.approx(-0.1 - 0.19 - 0.271)
    assert optimizers.SGD().slots == {} and optimizers.SGD()._slot_names == ()


def test_errors_teach():
    with pytest.raises(ValueError, match=r"Unknown optimizer 'adamw'\. Did you mean 'adam'\? Valid names: sgd, rmsprop, "
                       r"adam, adagrad, momentum"):  # fmt: skip
        optimizers.get("adamw")
    with pytest.raises(TypeError, match=r"`identifier` must be an optimizer name.*got int 3"):
        optimizers.get(3)
    with pytest.raises(TypeError, match=r"'sgd' does not take the argument\(s\) beta_1; it accepts "
                       r"learning_rate, momentum, nesterov"):  # fmt: skip
        optimizers.get("sgd", beta_1=0.9)
    with pytest.raises(TypeError, match=r"together with the keyword arguments"):
        optimizers.get(optimizers.SGD(), learning_rate=0.1)
    with pytest.raises(ValueError, match=r"adam: `learning_rate` must be in \(0, inf\] \(the step "
                       r"size, a positive number such as 0\.01.*got -0\.1\."):  # fmt: skip
        optimizers.Adam(learning_rate=-0.1)
    with pytest.raises(
        TypeError, match=r"`learning_rate` must be a number \(the step size.*got str"
    ):
        optimizers.SGD(learning_rate="fast")
    with pytest.raises(ValueError, match=r"sgd: `momentum` must be in \[0, 1\], got 1\.5"):
        optimizers.SGD(momentum=1.5)
    with pytest.raises(ValueError, match=r"adam: `beta_1` must be in \[0, 1\), got 1\.0"):
        optimizers.Adam(beta_1=1.0)
    with pytest.raises(ValueError, match=r"rmsprop: `rho` must be in \[0, 1\), got -0\.1"):
        optimizers.RMSprop(rho=-0.1)
    with pytest.raises(ValueError, match=r"`initial_accumulator_value` must be in \[0, inf\]"):
        optimizers.Adagrad(initial_accumulator_value=-1)

    opt = optimizers.SGD()
    w = np.zeros((2, 3))
    with pytest.raises(ValueError, match=r"grads\[0\] has shape \(3, 2\) but params\[0\] has "
                       r"shape \(2, 3\)"):  # fmt: skip
        opt.step([w], [np.zeros((3, 2))])
    with pytest.raises(ValueError, match=r"`params` is a list of 2 arrays, so `grads` must be a "
                       r"list of 2 arrays in the same order; got 1 items"):  # fmt: skip
        opt.step([w, w], [w])
    with pytest.raises(ValueError, match=r"dict with keys \['W', 'b'\], so `grads` must be a dict "
                       r"with the same keys; got \['W'\]"):  # fmt: skip
        opt.step({"W": w, "b": np.zeros(3)}, {"W": w})
    with pytest.raises(TypeError, match=r"params\[0\] must be a float NumPy array, because the "
                       r"optimizer changes it in place; got list"):  # fmt: skip
        opt.step([[1.0, 2.0]], [[1.0, 1.0]])
    with pytest.raises(TypeError, match=r"params\[0\] must be a float NumPy array.*dtype int64"):
        opt.step([np.array([1, 2])], [np.array([1.0, 1.0])])
    with pytest.raises(TypeError, match=r"`params` must be a list or dict of NumPy arrays"):
        opt.step(5.0, 1.0)
    adam = optimizers.Adam()
    adam.step([np.zeros(3)], [np.ones(3)])
    with pytest.raises(ValueError, match=r"parameter 0 has shape \(4,\), but this optimizer's state "
                       r"for it has shape \(3,\).*Create a new optimizer"):  # fmt: skip
        adam.step([np.zeros(4)], [np.ones(4)])


def test_errors_on_hyperparameter_types():
    with pytest.raises(TypeError, match=r"sgd: `momentum` must be a number, got str 'high'"):
        optimizers.SGD(momentum="high")
    with pytest.raises(ValueError, match=r"rmsprop: `epsilon` must be in \[0, inf\], got -1\.0"):
        optimizers.RMSprop(epsilon=-1.0)
    with pytest.raises(
        ValueError, match=r"`learning_rate` must be a finite number \(the step size.*got inf"
    ):
        optimizers.Adagrad(learning_rate=float("inf"))
