"""Small text helpers shared by the widgets: numbers written into equations, and HTML for the views.

The state classes write their equations as plain text (easy to test and to print in a notebook);
the views turn those lines into HTML.
"""

from __future__ import annotations

import html
import math


def fixed(value: float, digits: int = 4) -> str:
    """Write a number with ``digits`` decimals, never as ``-0.0000`` (rounding noise reads as a bug).

    Example:
        >>> fixed(-1e-17), fixed(-0.25)
        ('0.0000', '-0.2500')
    """
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0.0 else text


def term(value: float, digits: int = 2) -> str:
    """Write a number as a term of an equation: negatives in parentheses, e.g. ``(-0.30)``.

    Example:
        >>> term(0.5), term(-0.3)
        ('0.50', '(-0.30)')
    """
    text = fixed(value, digits)
    return f"({text})" if text.startswith("-") else text


def check_finite(value: float, name: str, where: str) -> float:
    """Return ``value`` as a float, or raise a ValueError that names the control and the value."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TypeError(
            f"{where}: `{name}` must be a number, got {type(value).__name__} {value!r}."
        ) from None
    if not math.isfinite(number):
        raise ValueError(
            f"{where}: `{name}` must be a finite number, got {number}. "
            f"Move the control back to a number in its range."
        )
    return number


def lines_to_html(lines: list[str], title: str | None = None) -> str:
    """Render plain-text lines as a monospace HTML block (equations keep their alignment)."""
    body = "<br>".join(html.escape(line) for line in lines)
    head = f"<b>{html.escape(title)}</b><br>" if title else ""
    return f"<div style='font-family:monospace;line-height:1.5'>{head}{body}</div>"
