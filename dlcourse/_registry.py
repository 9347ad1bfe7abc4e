"""The one lookup behind every ``get(identifier, **kwargs)`` registry of the core.

``activations.get``, ``losses.get``, ``optimizers.get``, ``regularizers.get`` and
``layers.initializers.get`` all resolve a name here, so they behave alike:

- the first argument is ``identifier`` (Keras' name for it);
- names are matched without regard to case or surrounding spaces, aliases included
  (``"MSE"``, ``"mse"`` and ``"mean_squared_error"`` are one loss);
- an unknown name raises ``ValueError`` with a "did you mean" for a near miss and the valid names;
- an identifier of the wrong type, an object given together with keyword arguments, and a keyword
  argument the entry does not take each raise ``TypeError``, worded the same way everywhere.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable, Mapping
from typing import Any


def get(
    where: str,
    kind: str,
    identifier: Any,
    base: type,
    names: Mapping[str, Callable],
    kwargs: Mapping[str, Any],
    aliases: Mapping[str, str] | None = None,
) -> Any:
    """The body of every ``get(identifier, **kwargs)``: an object of ``base`` passes through (with
    no keyword arguments), a name is resolved and its entry built with ``kwargs``.

    Example:
        >>> get("demo.get", "number", "Two", int, {"two": lambda: 2}, {})
        2
    """
    if isinstance(identifier, base):
        check_no_kwargs(where, kind, identifier, kwargs)
        return identifier
    check_identifier(where, kind, identifier, names)
    key = resolve(kind, identifier, names, aliases)
    return build(where, key, names[key], kwargs)


def resolve(
    kind: str,
    identifier: str,
    names: Mapping[str, Any],
    aliases: Mapping[str, str] | None = None,
    context: str = "",
) -> str:
    """The registry key for the name ``identifier``, or ``ValueError`` with a suggestion.

    Args:
        kind: what is looked up, for the message (e.g. ``"loss"``).
        identifier: the name given.
        names: the registry, key -> entry (keys are lowercase).
        aliases: other (lowercase) names -> key.
        context: added after the name in the message (e.g. ``" for `kernel_initializer`"``).

    Example:
        >>> resolve("loss", " MSE ", {"mean_squared_error": 1}, {"mse": "mean_squared_error"})
        'mean_squared_error'
        >>> resolve("loss", "mean_squared_eror", {"mean_squared_error": 1})
        Traceback (most recent call last):
        ...
        ValueError: Unknown loss 'mean_squared_eror'. Did you mean 'mean_squared_error'? Valid names: mean_squared_error.
    """
    aliases = aliases or {}
    key = identifier.strip().lower()
    key = aliases.get(key, key)
    if key in names:
        return key
    close = difflib.get_close_matches(key, [*names, *aliases], n=1)
    suggestion = f" Did you mean {aliases.get(close[0], close[0])!r}?" if close else ""
    raise ValueError(
        f"Unknown {kind} {identifier!r}{context}.{suggestion} Valid names: {', '.join(names)}."
    )


def check_identifier(where: str, kind: str, identifier: Any, names: Mapping[str, Any]) -> None:
    """``TypeError`` unless ``identifier`` is a str (objects are handled by the caller)."""
    if not isinstance(identifier, str):
        article = "an" if kind[0] in "aeiou" else "a"
        raise TypeError(
            f"{where}: `identifier` must be {article} {kind} name (a str such as "
            f"{next(iter(names))!r}) or a dlcourse {kind} object, got "
            f"{type(identifier).__name__} {identifier!r}. Valid names: {', '.join(names)}."
        )


def check_no_kwargs(where: str, kind: str, obj: Any, kwargs: Mapping[str, Any]) -> None:
    """``TypeError`` for a ready object given together with keyword arguments."""
    if kwargs:
        raise TypeError(
            f"{where}: got the {kind} object {obj!r} together with the keyword arguments "
            f"{dict(kwargs)}; pass either a name with arguments, or a ready object."
        )


def build(where: str, key: str, factory: Callable, kwargs: Mapping[str, Any]) -> Any:
    """``factory(**kwargs)``, after checking every keyword against its signature (``TypeError``).

    Example:
        >>> build("get", "huber", lambda delta=1.0: delta, {"delta": 2.0})
        2.0
        >>> build("get", "huber", lambda delta=1.0: delta, {"alpha": 2.0})
        Traceback (most recent call last):
        ...
        TypeError: get: 'huber' does not take the argument(s) alpha; it accepts delta.
    """
    accepted = list(inspect.signature(factory).parameters)
    unknown = sorted(set(kwargs) - set(accepted))
    if unknown:
        accepts = f"it accepts {', '.join(accepted)}" if accepted else "it takes no arguments"
        raise TypeError(
            f"{where}: {key!r} does not take the argument(s) {', '.join(unknown)}; {accepts}."
        )
    return factory(**kwargs)
