"""Each kind's structured fields, made ready to show: dose text, evidence labels, routine time."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..config import TimerSettings
from ..content.dose import with_overrides
from ..model import Document, Dose, Kind, RoutineItem
from .dose import dose_text, dose_view, plural
from .figures import figure_views
from .timerplan import Phase, encode, routine_phases, single_phases, total_seconds
from .views import Link

EVIDENCE_LABELS = {"established": "Established", "limited": "Limited",
                   "not-supported": "Not supported",
                   "not-known": "Not known"}


def item_dose(item: RoutineItem, stretch: Document) -> Dose:
    """A routine item's dose: its overrides over the exercise's own."""
    return with_overrides(stretch.fields["dose"], item.hold_seconds, item.reps, item.sets)


def routine_plan(items: list[tuple[RoutineItem, Document]], timer: TimerSettings
                 ) -> list[Phase]:
    """The phases a routine plays (also its length)."""
    return routine_phases([(stretch.title, item_dose(item, stretch)) for item, stretch in items],
                          timer)


def duration_text(seconds: int) -> str:
    """"about 6 minutes" (rounded to the nearest minute, at least 1)."""
    return f"about {plural(max(1, round(seconds / 60)), 'minute')}"


def _anatomy(doc: Document, **_: Any) -> dict[str, Any]:
    return dict(doc.fields)


def _cause(doc: Document, **_: Any) -> dict[str, Any]:
    evidence = doc.fields["evidence"]
    return {"evidence": evidence, "evidence_label": EVIDENCE_LABELS[evidence]}


def _stretch(doc: Document, timer: TimerSettings, **_: Any) -> dict[str, Any]:
    f = doc.fields
    phases = single_phases(f["dose"], timer)
    view = dose_view(f["dose"])
    return {**f, "dose": view, "phases": encode(phases), "seconds": total_seconds(phases),
            "sound": timer.sound, "ranged": view.ranged, "figures": figure_views(doc)}


@dataclass(frozen=True)
class ItemView:
    """A routine item as shown and played: link, dose, sets to tick, cue, stop-if, note."""

    href: str
    name: str
    dose: str
    sets: int  # boxes on the printed checklist (one per set, per side)
    cue: str
    stop_if: str
    note: str
    thumb: Markup  # the exercise's start position, small (empty without poses)


def _item(item: RoutineItem, stretch: Document, target: Link) -> ItemView:
    dose = item_dose(item, stretch)
    stops = [s.rstrip(".") for s in stretch.fields["stop_if"]]
    stop = "Stop if: " + "; ".join(s[:1].lower() + s[1:] for s in stops)
    return ItemView(target.href, target.text, dose_text(dose),
                    dose.sets[0] * (2 if dose.per_side else 1),
                    stretch.fields["steps"][0], stop + ".", item.note, target.thumb)


def _routine(doc: Document, stretches: Mapping[str, Document], timer: TimerSettings,
             link: Callable[[Document], Link], **_: Any) -> dict[str, Any]:
    pairs = [(item, stretches[item.stretch.slug]) for item in doc.items
             if item.stretch.slug in stretches]
    phases = routine_plan(pairs, timer)
    seconds = total_seconds(phases)
    return {"exercises": tuple(_item(item, stretch, link(stretch)) for item, stretch in pairs),
            "slugs": tuple(stretch.slug for _, stretch in pairs),
            "duration": duration_text(seconds), "seconds": seconds, "phases": encode(phases),
            "sound": timer.sound,
            "ranged": any(dose_view(item_dose(i, st)).ranged for i, st in pairs)}


_FACTS: Mapping[Kind, Callable[..., dict[str, Any]]] = {
    Kind.ANATOMY: _anatomy, Kind.CAUSE: _cause, Kind.STRETCH: _stretch,
    Kind.ROUTINE: _routine, Kind.PAGE: lambda doc, **_: {},
}


def facts_for(doc: Document, **context: Any) -> dict[str, Any]:
    """The kind-specific facts of `doc` for its template."""
    return _FACTS[doc.kind](doc, **context)
