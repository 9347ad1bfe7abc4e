"""Named mistakes for the exercise checks: which usual wrong answer does the learner's match?

A checker lists the usual mistakes of its exercise as ``Mistake(name, computes, advice)``: what the
mistaken version computes, given the same arguments as the answer. ``hint_for`` runs the answer on
the cases, finds the first case it gets wrong, and if one mistake gives exactly what the answer
gave there, returns a hint that names it; otherwise the checker's general hint. The checker then
passes that hint to ``check_function`` as usual, so what is printed keeps its one format.

Used by the checks of notebooks 02_network_zoo and 10_fnn_in_keras.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from dlcourse.check._core import Case, same


@dataclass(frozen=True)
class Mistake:
    """A usual wrong answer: its name, what it computes (same arguments), and advice in words."""

    name: str
    computes: Callable
    advice: str


def _run(func: Callable, case: Case):
    with np.errstate(all="ignore"):
        return func(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))


def hint_for(
    answer: Callable,
    reference: Callable,
    cases: Sequence[Case],
    mistakes: Sequence[Mistake],
    hint: str,
) -> str:
    """The hint to print: the name of the mistake the answer makes, if it is a known one.

    Args:
        answer: the learner's function (anything; a non-function gives ``hint`` back).
        reference: the course's reference, called with the same arguments.
        cases: the checker's cases, in the order ``check_function`` runs them.
        mistakes: the known mistakes, most specific first.
        hint: the general hint, used when no mistake matches.

    Returns:
        ``"This looks like <name>: <advice>"`` for the first mistake that reproduces the answer on
        its first wrong case, else ``hint``.
    """
    if not callable(answer):
        return hint
    for case in cases:
        try:
            got = _run(answer, case)
        except Exception:  # check_function reports the error itself, at the learner's line
            return hint
        if same(got, _run(reference, case))[0]:
            continue
        for mistake in mistakes:
            try:
                wrong = _run(mistake.computes, case)
            except Exception:  # a mistake that cannot run on this case cannot be the answer's
                continue
            if same(got, wrong)[0]:
                return f"This looks like {mistake.name}: {mistake.advice}"
        return hint
    return hint
