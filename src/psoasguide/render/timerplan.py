"""The phases the hold timer plays, worked out once from a dose and the `timer` settings.

A phase is a kind (`ready`, `hold`, `reps`, `rest`, `switch`, `done`), a length in seconds and
the words shown and announced. The page's script only plays the list, so the timer, a
routine's estimated length and its JSON-LD `totalTime` all come from here. Ranges are timed at
their lower figure.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import TimerSettings
from ..model import Amount, Dose
from .dose import plural


@dataclass(frozen=True)
class Phase:
    """One stretch of time: what to do, for how long; `reps` paces that many repetitions."""

    kind: str
    seconds: int
    label: str
    reps: int = 0
    item: int = 0  # the routine item it belongs to (0 on an exercise page)


def _low(value: Amount | None) -> int | None:
    return None if value is None else value[0]


def _work(where: str, hold: Amount | None, reps: Amount | None, timer: TimerSettings,
          item: int) -> Phase:
    """A hold ("Left side, set 1 of 2: hold") or paced reps ("Set 1 of 2: 10 repetitions")."""
    held, count = _low(hold), _low(reps)
    if count is None:
        return Phase("hold", held or 0, f"{where}: hold" if where else "Hold", item=item)
    each = (held + timer.rep_seconds) if held else timer.rep_seconds
    what = plural(count, "repetition")
    return Phase("reps", each * count, f"{where}: {what}" if where else what[0].upper()
                 + what[1:], count, item)


def exercise_phases(dose: Dose, timer: TimerSettings, item: int = 0) -> list[Phase]:
    """The work of one exercise: every set (and movement) on each side, rests and switches."""
    sides = ("Left side, ", "Right side, ") if dose.per_side else ("",)
    sets = dose.sets[0]
    rest = dose.rest_seconds if dose.rest_seconds is not None else timer.rest_seconds
    phases: list[Phase] = []
    for s, side in enumerate(sides):
        if s:
            phases.append(Phase("switch", timer.switch_seconds, "Switch sides", item=item))
        for n in range(1, sets + 1):
            if n > 1 and rest:
                phases.append(Phase("rest", rest, "Rest", item=item))
            where = f"{side}set {n} of {sets}" if sets > 1 else side.removesuffix(", ")
            where = where[:1].upper() + where[1:]
            if not dose.movements:
                phases.append(_work(where, dose.hold_seconds, dose.reps, timer, item))
            for m, move in enumerate(dose.movements):
                if m:
                    phases.append(Phase("switch", timer.switch_seconds,
                                        f"Next move: {move.name}", item=item))
                name = move.name[:1].lower() + move.name[1:] if where else move.name
                phases.append(_work(f"{where}, {name}" if where else name,
                                    move.hold_seconds, move.reps, timer, item))
    return phases


def routine_phases(doses: Sequence[tuple[str, Dose]], timer: TimerSettings) -> list[Phase]:
    """Every item in turn, with a rest that names the next item between them."""
    phases = [Phase("ready", timer.ready_seconds, f"Get ready: {doses[0][0]}")] if doses else []
    for i, (_, dose) in enumerate(doses):
        if i:
            phases.append(Phase("rest", timer.change_seconds, f"Rest, then {doses[i][0]}",
                                item=i))
        phases += exercise_phases(dose, timer, i)
    return phases


def single_phases(dose: Dose, timer: TimerSettings) -> list[Phase]:
    """An exercise page's timer: get ready, the work."""
    return [Phase("ready", timer.ready_seconds, "Get ready"), *exercise_phases(dose, timer)]


def total_seconds(phases: Sequence[Phase]) -> int:
    """How long the phases take."""
    return sum(p.seconds for p in phases)


def encode(phases: Sequence[Phase]) -> str:
    """The phases as compact JSON for the timer's `data-phases` attribute."""
    rows = [{"k": p.kind, "s": p.seconds, "t": p.label, "r": p.reps, "i": p.item}
            for p in phases if p.seconds > 0]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
