"""Rule `dose-override`: a routine gives an exercise the dose of the exercise's own page.

A routine item may override `hold_seconds`, `reps` and `sets`. A figure outside the range the
exercise's page gives (20 seconds where the page says 30) is a warning at the override, unless
the item has a `note` saying why it differs, which the page then shows. So one dose reads the
same on every page, or the difference is explained.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..diagnostics import Diagnostic, warning
from ..model import Amount, Document, Kind

_WORDS = {"hold_seconds": "second", "reps": "repetition", "sets": "set"}


def _inside(value: Amount, allowed: Amount) -> bool:
    return allowed[0] <= value[0] and value[1] <= allowed[1]


def _text(value: Amount, key: str) -> str:
    low, high = value
    word = _WORDS[key] + ("" if high == 1 else "s")
    return f"{low} {word}" if low == high else f"{low} to {high} {word}"


def _own(stretch: Document, key: str) -> list[Amount]:
    dose = stretch.fields["dose"]
    if key == "sets":
        return [dose.sets]
    if dose.movements:
        return [getattr(m, key) for m in dose.movements if getattr(m, key) is not None]
    value = getattr(dose, key)
    return [value] if value is not None else []


def check_dose_overrides(doc: Document, stretches: Mapping[str, Document]) -> list[Diagnostic]:
    """A warning for each override outside its exercise's own figures and not explained."""
    if doc.kind is not Kind.ROUTINE:
        return []
    found: list[Diagnostic] = []
    for i, item in enumerate(doc.items):
        stretch = stretches.get(item.stretch.slug)
        if stretch is None or item.note:
            continue
        for key in _WORDS:
            value = getattr(item, key)
            own = _own(stretch, key)
            if value is None or any(_inside(value, o) for o in own):
                continue
            page = " or ".join(_text(o, key) for o in own) or "no such figure"
            m = doc.mark("items", i, key)
            found.append(warning(
                doc.path, m.line, m.col, "dose-override",
                f"{stretch.title}: {_text(value, key)} here, but its page gives {page}",
                "use the page's figure, or add a 'note' to the item saying why it differs"))
    return found
