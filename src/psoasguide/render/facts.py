"""Each kind's structured fields, made ready to show: dose text, evidence labels, routine time."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..config import TimerSettings
from ..model import Document, Kind, RoutineItem
from .figures import figure_views
from .views import Link

EVIDENCE_LABELS = {"established": "Established", "limited": "Limited",
                   "not-supported": "Not supported"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def dose_text(hold_seconds: int | None, reps: int | None, sets: int, per_side: bool) -> str:
    """"Hold for 30 seconds, 3 times on each side" or "10 repetitions, 2 sets"."""
    side = " on each side" if per_side else ""
    if hold_seconds is not None:
        return f"Hold for {_plural(hold_seconds, 'second')}, {_plural(sets, 'time')}{side}"
    return f"{_plural(reps or 0, 'repetition')}, {_plural(sets, 'set')}{side}"


def item_dose(item: RoutineItem, stretch: Document) -> tuple[int | None, int | None, int]:
    """A routine item's (hold_seconds, reps, sets): its overrides, else the stretch's own."""
    f = stretch.fields
    if item.hold_seconds is not None or item.reps is not None:
        hold, reps = item.hold_seconds, item.reps
    else:
        hold, reps = f["hold_seconds"], f["reps"]
    return hold, reps, item.sets or f["sets"]


def routine_seconds(items: list[tuple[RoutineItem, Document]], timer: TimerSettings) -> int:
    """Estimated length: work, plus a switch per side change and a rest between sets and items."""
    total = 0
    for item, stretch in items:
        hold, reps, sets = item_dose(item, stretch)
        per_side = bool(stretch.fields["per_side"])
        work = hold if hold is not None else (reps or 0) * timer.rep_seconds
        total += sets * work * (2 if per_side else 1)
        total += sets * timer.switch_seconds if per_side else 0
        total += (sets - 1) * timer.rest_seconds
    return total + max(len(items) - 1, 0) * timer.rest_seconds


def duration_text(seconds: int) -> str:
    """"about 6 minutes" (rounded to the nearest minute, at least 1)."""
    return f"about {_plural(max(1, round(seconds / 60)), 'minute')}"


def _anatomy(doc: Document, **_: Any) -> dict[str, Any]:
    return dict(doc.fields)


def _cause(doc: Document, **_: Any) -> dict[str, Any]:
    evidence = doc.fields["evidence"]
    return {"evidence": evidence, "evidence_label": EVIDENCE_LABELS[evidence]}


def _stretch(doc: Document, **_: Any) -> dict[str, Any]:
    f = doc.fields
    return {**f, "dose": dose_text(f["hold_seconds"], f["reps"], f["sets"], f["per_side"]),
            "figures": figure_views(doc)}


def _routine(doc: Document, stretches: Mapping[str, Document], timer: TimerSettings,
             link: Callable[[Document], Link], **_: Any) -> dict[str, Any]:
    pairs = [(item, stretches[item.stretch.slug]) for item in doc.items
             if item.stretch.slug in stretches]
    steps = []
    for item, stretch in pairs:
        hold, reps, sets = item_dose(item, stretch)
        target = link(stretch)
        steps.append(Link(target.href, target.text,
                          dose_text(hold, reps, sets, bool(stretch.fields["per_side"])),
                          target.thumb))
    return {"exercises": tuple(steps), "duration": duration_text(routine_seconds(pairs, timer))}


_FACTS: Mapping[Kind, Callable[..., dict[str, Any]]] = {
    Kind.ANATOMY: _anatomy, Kind.CAUSE: _cause, Kind.STRETCH: _stretch,
    Kind.ROUTINE: _routine, Kind.PAGE: lambda doc, **_: {},
}


def facts_for(doc: Document, **context: Any) -> dict[str, Any]:
    """The kind-specific facts of `doc` for its template."""
    return _FACTS[doc.kind](doc, **context)
