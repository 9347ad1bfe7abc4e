"""Every registry's ``get`` behaves alike: case, "did you mean", exception types, keywords."""

from __future__ import annotations

import pytest

from dlcourse import activations, losses, optimizers, regularizers
from dlcourse.layers import initializers

# (get, a valid name, a near miss and its suggestion, a keyword the entry does not take or None)
REGISTRIES = [
    (activations.get, "leaky_relu", ("leaky_rleu", "leaky_relu"), {"alpha": 0.1}),
    (losses.get, "huber", ("hubber", "huber"), {"alpha": 1.0}),
    (optimizers.get, "adam", ("adma", "adam"), {"momentum": 0.9}),
    (regularizers.get, "l2", ("l22", "l2"), None),
    (initializers.get, "he_normal", ("he_norml", "he_normal"), None),
]


@pytest.mark.parametrize(("get", "name", "near", "bad_kwargs"), REGISTRIES)
def test_names_ignore_case_and_spaces(get, name, near, bad_kwargs):
    expected = get(name)
    for variant in (name.upper(), f" {name} "):
        got = get(variant)
        assert type(got) is type(expected) and repr(got) == repr(expected)


@pytest.mark.parametrize(("get", "name", "near", "bad_kwargs"), REGISTRIES)
def test_unknown_names_raise_value_error_with_a_suggestion(get, name, near, bad_kwargs):
    typo, suggestion = near
    with pytest.raises(ValueError, match=rf"Unknown .*'{typo}'.*Did you mean '{suggestion}'\? "
                       rf"Valid names: .*{name}"):  # fmt: skip
        get(typo)


@pytest.mark.parametrize(("get", "name", "near", "bad_kwargs"), REGISTRIES)
def test_wrong_types_and_keywords_raise_type_error(get, name, near, bad_kwargs):
    with pytest.raises(TypeError, match=r"must be an? .*got int 3"):
        get(3)
    if bad_kwargs is not None:
        key = next(iter(bad_kwargs))
        with pytest.raises(TypeError, match=rf"'{name}' does not take the argument\(s\) {key}"):
            get(name, **bad_kwargs)
        with pytest.raises(TypeError, match=r"together with the keyword arguments"):
            get(get(name), **bad_kwargs)


def test_the_first_argument_is_identifier_everywhere():
    import inspect

    for get, *_ in REGISTRIES:
        assert next(iter(inspect.signature(get).parameters)) == "identifier"
