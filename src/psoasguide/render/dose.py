"""A `Dose` in words, for the dose box, routine lists and print: one wording everywhere."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Amount, Dose, Frequency, Movement


def plural(n: int, word: str) -> str:
    """`1 second`, `2 seconds`."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def amount_text(value: Amount, word: str) -> str:
    """`30 seconds`, or `2 to 5 seconds` for a range."""
    low, high = value
    return plural(low, word) if low == high else f"{low} to {plural(high, word)}"


def _work(hold: Amount | None, reps: Amount | None) -> str:
    if reps is None:
        return f"hold for {amount_text(hold or (0, 0), 'second')}"
    text = amount_text(reps, "repetition")
    return text + (f", holding each for {amount_text(hold, 'second')}" if hold else "")


def _times(sets: Amount, timed: bool) -> str:
    if sets == (1, 1):
        return "once" if timed else "1 set"
    return amount_text(sets, "time") if timed else amount_text(sets, "set")


def movement_text(move: Movement) -> str:
    """`Forward and back swings: 10 repetitions`."""
    return f"{move.name}: {_work(move.hold_seconds, move.reps)}"


def frequency_text(f: Frequency) -> str:
    """`At least 2 to 3 days a week; daily works best`, `3 times a day`, `Before sport`."""
    parts = []
    if f.days_a_week == (7, 7):
        parts.append("every day")
    elif f.days_a_week:
        lead = "at least " if f.daily_best else ""
        parts.append(f"{lead}{amount_text(f.days_a_week, 'day')} a week")
    if f.times_a_day:
        parts.append(f"{amount_text(f.times_a_day, 'time')} a day")
    if f.when:
        parts.append(f.when[0].lower() + f.when[1:])
    text = ", ".join(parts)
    text = text[0].upper() + text[1:]
    return text + ("; daily works best" if f.daily_best and f.days_a_week != (7, 7) else "")


@dataclass(frozen=True)
class DoseView:
    """The dose box's lines: the main line, one line per movement, rest and how often."""

    text: str
    movements: tuple[str, ...] = ()
    rest: str = ""
    often: str = ""
    ranged: bool = False  # some figure is a range (the timer then uses the lower figure)


def dose_text(dose: Dose) -> str:
    """One line: "Hold for 30 seconds, 2 times on each side", "10 repetitions, holding each for
    2 to 5 seconds, 2 sets", "These 4 moves, once on each side"."""
    side = " on each side" if dose.per_side else ""
    if dose.movements:
        return f"These {len(dose.movements)} moves, {_times(dose.sets, True)}{side}"
    timed = dose.reps is None
    work = _work(dose.hold_seconds, dose.reps)
    return f"{work[0].upper()}{work[1:]}, {_times(dose.sets, timed)}{side}"


def dose_view(dose: Dose) -> DoseView:
    """Everything the dose box shows."""
    figures = [dose.sets, dose.hold_seconds, dose.reps,
               *(x for m in dose.movements for x in (m.hold_seconds, m.reps))]
    return DoseView(
        text=dose_text(dose),
        movements=tuple(movement_text(m) for m in dose.movements),
        rest=(f"Rest for {plural(dose.rest_seconds, 'second')} between sets"
              if dose.rest_seconds else ""),
        often=frequency_text(dose.frequency) if dose.frequency else "",
        ranged=any(f is not None and f[0] != f[1] for f in figures),
    )
