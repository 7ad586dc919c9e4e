"""The dose keys of an exercise's front matter (and of a routine item's overrides), checked and
turned into a `Dose`: a hold, reps (each maybe held), or several movements; sets, sides, rest,
and how often. A figure may be one number or a range written `[low, high]`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import schema as s
from ..model import Amount, Dose, Frequency, Movement


def amount(minimum: int, maximum: int) -> s.Checker:
    """A whole number, or a range `[low, high]` with low < high; both as `(low, high)`."""
    one = s.integer(minimum, maximum)

    def check(value: Any, at: s.KeyPath, ctx: s.Context) -> Any:
        if not isinstance(value, list):
            n = one(value, at, ctx)
            return n if n is s.INVALID else (n, n)
        if len(value) != 2:
            return ctx.fail(at, "bad-range", f"'{s._name(at)}' is a list of {len(value)}; "
                            "a range has 2 numbers", "write one number, or [low, high]")
        low, high = one(value[0], (*at, 0), ctx), one(value[1], (*at, 1), ctx)
        if s.INVALID in (low, high):
            return s.INVALID
        if low >= high:
            return ctx.fail(at, "bad-range", f"'{s._name(at)}' runs from {low} to {high}; "
                            "the first number must be the smaller", "write [low, high]")
        return (low, high)

    return check


HOLD = s.Field(amount(1, 600), default=None)
REPS = s.Field(amount(1, 200), default=None)
SETS = amount(1, 20)

_FREQUENCY = s.mapping({
    "days_a_week": s.Field(amount(1, 7), default=None),
    "times_a_day": s.Field(amount(1, 12), default=None),
    "daily_best": s.Field(s.boolean, default=False),
    "when": s.Field(s.text(), default=""),
})
_MOVEMENT = s.mapping({"name": s.Field(s.text(), required=True), "hold_seconds": HOLD,
                       "reps": REPS})

#: The dose keys of an exercise, where they sit in its front matter.
EXERCISE_FIELDS: Mapping[str, s.Field] = {
    "hold_seconds": HOLD,
    "reps": REPS,
    "movements": s.Field(s.list_of(_MOVEMENT, nonempty=True), default=()),
    "sets": s.Field(SETS, required=True),
    "per_side": s.Field(s.boolean, default=False),
    "rest_seconds": s.Field(s.integer(0, 600), default=None),
    "frequency": s.Field(_FREQUENCY, default=None),
}

#: What a routine item may change, and a note shown while it plays.
OVERRIDE_FIELDS: Mapping[str, s.Field] = {
    "hold_seconds": HOLD,
    "reps": REPS,
    "sets": s.Field(SETS, default=None),
    "note": s.Field(s.text(max_len=200), default=""),
}


def check_exercise_dose(data: Mapping[str, Any], ctx: s.Context) -> bool:
    """Either movements, or a hold and/or reps (reps with a hold: each rep is held)."""
    timed = [k for k in ("hold_seconds", "reps") if data.get(k) is not None]
    if data["movements"] and timed:
        ctx.fail((timed[0],), "dose-shape", f"'{timed[0]}' goes inside each movement when an "
                 "exercise lists 'movements'", "move it under each '- name:' entry", key=True)
        return False
    if not data["movements"] and not timed:
        ctx.fail((), "hold-or-reps", "a stretch needs 'hold_seconds', 'reps' or 'movements'",
                 "add 'hold_seconds: 30' for a hold or 'reps: 10' for repetitions")
        return False
    ok = True
    for i, move in enumerate(data["movements"]):
        if move["hold_seconds"] is None and move["reps"] is None:
            ctx.fail(("movements", i), "hold-or-reps",
                     f"movement '{move['name']}' needs 'hold_seconds' or 'reps'",
                     "add 'reps: 10' (or 'hold_seconds: 30') under it")
            ok = False
    frequency = data["frequency"]
    if frequency is not None and not any(frequency[k] for k in ("days_a_week", "times_a_day",
                                                                 "when")):
        ctx.fail(("frequency",), "empty-value", "'frequency' needs 'days_a_week', "
                 "'times_a_day' or 'when'", "for example 'days_a_week: [2, 3]'", key=True)
        ok = False
    return ok


def make_dose(data: Mapping[str, Any]) -> Dose:
    """The checked dose keys of an exercise as a `Dose`."""
    f = data["frequency"]
    return Dose(
        sets=data["sets"], hold_seconds=data["hold_seconds"], reps=data["reps"],
        per_side=data["per_side"], rest_seconds=data["rest_seconds"],
        movements=tuple(Movement(m["name"], m["hold_seconds"], m["reps"])
                        for m in data["movements"]),
        frequency=Frequency(f["days_a_week"], f["times_a_day"], f["daily_best"], f["when"])
        if f else None,
    )


def with_overrides(dose: Dose, hold: Amount | None, reps: Amount | None,
                   sets: Amount | None) -> Dose:
    """A routine item's dose: each figure it gives replaces the exercise's own (in every
    movement, when the exercise has several)."""
    def apply(h: Amount | None, r: Amount | None) -> tuple[Amount | None, Amount | None]:
        return (hold if hold is not None else h), (reps if reps is not None else r)

    moves = tuple(Movement(m.name, *apply(m.hold_seconds, m.reps)) for m in dose.movements)
    h, r = apply(dose.hold_seconds, dose.reps) if not moves else (None, None)
    return Dose(sets or dose.sets, h, r, dose.per_side, dose.rest_seconds, moves, dose.frequency)
