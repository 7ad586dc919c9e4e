"""The dose model: what an exercise's front matter may say about how much and how often, the
problems each kind of bad dose gets at its line, the words the dose box shows, and the phases
the hold timer plays (which also give a routine its length)."""

from __future__ import annotations

import pytest
from conftest import (
    ROUTINE,
    STRETCH,
    assert_no_input_errors,
    base_files,
    one,
    routine_md,
    stretch_md,
    where,
)

from psoasguide.config import TimerSettings
from psoasguide.model import Dose, Frequency, Movement
from psoasguide.render.dose import dose_view, frequency_text
from psoasguide.render.timerplan import exercise_phases, routine_phases, total_seconds

# stretch_md's front matter: 7 hold_seconds, 8 sets, ... 13 the first `extra` line.
MOVES = ("movements:\n  - {name: Forward and back swings, reps: 10}\n"
         "  - {name: Knee circles, reps: [8, 10]}\n")


def site_with(check, path: str, text: str):
    return check({**base_files(), path: text})


# --- good doses -------------------------------------------------------------------------------

@pytest.mark.parametrize("dose, extra", [
    ("hold_seconds: [15, 30]", ""),
    ("reps: [8, 12]", "frequency: {days_a_week: [2, 3]}\n"),
    ("reps: 10", "hold_seconds: [2, 5]\nrest_seconds: 30\n"),
    ("reps: 5", "frequency: {times_a_day: 3}\n"),
    ("hold_seconds: 30", "frequency: {days_a_week: [2, 3], daily_best: true}\n"),
])
def test_doses_the_guide_gives_are_valid(check, dose: str, extra: str) -> None:
    assert_no_input_errors(site_with(check, STRETCH, stretch_md(dose=dose, extra=extra)))


def test_movements_each_with_a_dose_are_valid(check) -> None:
    text = stretch_md(drop=["hold_seconds"], extra=MOVES)
    assert_no_input_errors(site_with(check, STRETCH, text))


# --- bad doses, each at its line ----------------------------------------------------------------

@pytest.mark.parametrize("value, line, col, code, message", [
    ("[30, 15]", 7, 15, "bad-range", "'hold_seconds' runs from 30 to 15; the first number must "
     "be the smaller"),
    ("[15, 30, 45]", 7, 15, "bad-range", "'hold_seconds' is a list of 3; a range has 2 numbers"),
    ("[15, 0]", 7, 20, "bad-value", "'hold_seconds[1]' is 0; it must be 1 to 600"),
    ("[15, thirty]", 7, 20, "wrong-type", "'hold_seconds[1]' must be a whole number, not text"),
])
def test_a_bad_range_is_an_error_at_its_value(check, value, line, col, code, message) -> None:
    text = stretch_md(dose=f"hold_seconds: {value}")
    d = one(site_with(check, STRETCH, text), code)
    assert where(d) == (STRETCH, line, col)
    assert d.message == message


def test_movements_and_a_top_level_hold_do_not_mix(check) -> None:
    d = one(site_with(check, STRETCH, stretch_md(extra=MOVES)), "dose-shape")
    assert where(d) == (STRETCH, 7, 1)
    assert "inside each movement" in d.message


def test_a_movement_without_reps_or_hold(check) -> None:
    text = stretch_md(drop=["hold_seconds"], extra="movements:\n  - {name: Knee circles}\n")
    d = one(site_with(check, STRETCH, text), "hold-or-reps")
    assert where(d) == (STRETCH, 13, 5)  # hold_seconds dropped: moves start at 12
    assert d.message == "movement 'Knee circles' needs 'hold_seconds' or 'reps'"


def test_a_movement_without_a_name(check) -> None:
    text = stretch_md(drop=["hold_seconds"], extra="movements:\n  - {reps: 10}\n")
    d = one(site_with(check, STRETCH, text), "missing-field")
    assert where(d)[:2] == (STRETCH, 13)
    assert "movements[0].name" in d.message


@pytest.mark.parametrize("value, code, line, col", [
    ("{}", "empty-value", 13, 1),
    ("{days_a_week: 8}", "bad-value", 13, 26),
    ("{weekly: 2}", "unknown-key", 13, 13),
    ("often", "wrong-type", 13, 12),
])
def test_bad_frequency(check, value: str, code: str, line: int, col: int) -> None:
    d = one(site_with(check, STRETCH, stretch_md(extra=f"frequency: {value}\n")), code)
    assert where(d) == (STRETCH, line, col)


def test_routine_item_note_and_ranges(check) -> None:
    items = ("\n  - stretch: couch-stretch\n    hold_seconds: [20, 30]\n"
             "    note: Shorter holds here, to keep the routine brief.\n")
    assert_no_input_errors(site_with(check, ROUTINE, routine_md(items=items)))
    items = "\n  - stretch: couch-stretch\n    note: 5\n"
    d = one(site_with(check, ROUTINE, routine_md(items=items)), "wrong-type")
    assert where(d) == (ROUTINE, 7, 11)


# --- words --------------------------------------------------------------------------------------

def test_dose_box_words() -> None:
    assert dose_view(Dose((2, 2), hold_seconds=(30, 30), per_side=True)).text == \
        "Hold for 30 seconds, 2 times on each side"
    bridge = dose_view(Dose((2, 2), reps=(10, 10), hold_seconds=(2, 5)))
    assert bridge.text == "10 repetitions, holding each for 2 to 5 seconds, 2 sets"
    assert bridge.ranged
    swings = dose_view(Dose((1, 1), per_side=True, movements=(
        Movement("Forward and back swings", reps=(10, 10)),
        Movement("Knee circles", reps=(10, 10)))))
    assert swings.text == "These 2 moves, once on each side"
    assert swings.movements == ("Forward and back swings: 10 repetitions",
                                "Knee circles: 10 repetitions")
    assert not swings.ranged
    assert dose_view(Dose((1, 1), reps=(5, 5), rest_seconds=30)).rest == \
        "Rest for 30 seconds between sets"


def test_frequency_words() -> None:
    assert frequency_text(Frequency(days_a_week=(2, 3), daily_best=True)) == \
        "At least 2 to 3 days a week; daily works best"
    assert frequency_text(Frequency(days_a_week=(2, 3))) == "2 to 3 days a week"
    assert frequency_text(Frequency(times_a_day=(3, 3))) == "3 times a day"
    assert frequency_text(Frequency(days_a_week=(7, 7))) == "Every day"
    assert frequency_text(Frequency(when="Before sport")) == "Before sport"


# --- the timer's phases -------------------------------------------------------------------------

TIMER = TimerSettings(rest_seconds=10, switch_seconds=5, rep_seconds=3, ready_seconds=5,
                      change_seconds=15)


def test_hold_phases_per_side_with_rests_and_a_switch() -> None:
    phases = exercise_phases(Dose((2, 2), hold_seconds=(30, 30), per_side=True), TIMER)
    assert [(p.kind, p.seconds, p.label) for p in phases] == [
        ("hold", 30, "Left side, set 1 of 2: hold"), ("rest", 10, "Rest"),
        ("hold", 30, "Left side, set 2 of 2: hold"), ("switch", 5, "Switch sides"),
        ("hold", 30, "Right side, set 1 of 2: hold"), ("rest", 10, "Rest"),
        ("hold", 30, "Right side, set 2 of 2: hold")]


def test_held_reps_are_paced_at_the_lower_figure() -> None:
    phases = exercise_phases(Dose((2, 3), reps=(8, 12), hold_seconds=(2, 5),
                                  rest_seconds=20), TIMER)
    assert [(p.kind, p.seconds, p.reps) for p in phases] == [
        ("reps", 8 * (2 + 3), 8), ("rest", 20, 0), ("reps", 40, 8)]


def test_movements_each_get_a_phase_on_each_side() -> None:
    dose = Dose((1, 1), per_side=True, movements=(Movement("Swings", reps=(10, 10)),
                                                   Movement("Circles", reps=(10, 10))))
    labels = [p.label for p in exercise_phases(dose, TIMER)]
    assert labels == ["Left side, swings: 10 repetitions", "Next move: Circles",
                      "Left side, circles: 10 repetitions", "Switch sides",
                      "Right side, swings: 10 repetitions", "Next move: Circles",
                      "Right side, circles: 10 repetitions"]


def test_routine_phases_name_the_next_item_and_add_up() -> None:
    hold = Dose((1, 1), hold_seconds=(30, 30))
    reps = Dose((1, 1), reps=(10, 10))
    phases = routine_phases([("Couch stretch", hold), ("Glute bridge", reps)], TIMER)
    assert [(p.kind, p.label, p.item) for p in phases] == [
        ("ready", "Get ready: Couch stretch", 0), ("hold", "Hold", 0),
        ("rest", "Rest, then Glute bridge", 1), ("reps", "10 repetitions", 1)]
    assert total_seconds(phases) == 5 + 30 + 15 + 30


# --- the guide: every exercise's dose box says what its text says ---------------------------------

def _how_much(body: str) -> str:
    """The body's "How much and how often" section."""
    start = body.index("## How much")
    end = body.find("\n## ", start + 3)
    return body[start:end if end > 0 else None]


def _figure(value) -> str:
    low, high = value
    return str(low) if low == high else f"{low} to {high}"


def test_every_exercise_box_matches_its_text() -> None:
    import re
    from pathlib import Path

    from conftest import GUIDE_TODAY

    from psoasguide.content.load import load_documents
    from psoasguide.model import Kind

    documents, problems = load_documents(Path(__file__).resolve().parent.parent, GUIDE_TODAY)
    assert not [p for p in problems if p.severity.value == "error"]
    stretches = [d for d in documents if d.kind is Kind.STRETCH]
    assert len(stretches) >= 12
    mismatches = []
    for doc in stretches:
        dose = doc.fields["dose"]
        text = _how_much(doc.body) + "\n" + "\n".join(doc.fields["steps"])
        figures = [dose.hold_seconds, dose.reps,
                   *(x for m in dose.movements for x in (m.hold_seconds, m.reps))]
        wanted = [rf"\b{_figure(f)} (seconds|repetitions|slow|lifts|lowers|times|of each)\b"
                  for f in figures if f is not None]
        if dose.frequency and dose.frequency.days_a_week:
            wanted.append(rf"\b{_figure(dose.frequency.days_a_week)} days a week")
        if dose.frequency and dose.frequency.times_a_day:
            wanted.append(rf"\b{_figure(dose.frequency.times_a_day)} times a day")
        mismatches += [f"{doc.path}: the box says /{w}/; its text does not" for w in wanted
                       if not re.search(w, text)]
    assert not mismatches, "\n".join(mismatches)


# --- dose-override: a routine's figure drifts from the exercise's page ----------------------------

def test_an_override_outside_the_page_dose_is_a_warning_at_its_line(check) -> None:
    items = "\n  - stretch: couch-stretch\n    hold_seconds: 20\n    sets: 2\n"
    d = one(site_with(check, ROUTINE, routine_md(items=items)), "dose-override")
    assert where(d) == (ROUTINE, 7, 19)
    assert d.message == "Couch stretch: 20 seconds here, but its page gives 30 seconds"
    assert "note" in d.hint


def test_an_override_inside_the_page_range_or_explained_is_fine(check) -> None:
    ranged = stretch_md(dose="hold_seconds: [15, 30]")
    inside = "\n  - stretch: couch-stretch\n    hold_seconds: 20\n"
    explained = ("\n  - stretch: couch-stretch\n    hold_seconds: 45\n"
                 "    note: Longer holds suit older adults.\n")
    for stretch, items in ((ranged, inside), (stretch_md(), explained)):
        diags = check({**base_files(), STRETCH: stretch, ROUTINE: routine_md(items=items)})
        assert not [d for d in diags if d.code == "dose-override"], diags


def test_one_wording_for_when_to_get_advice() -> None:
    """"Not getting better after a few weeks" reads the same everywhere; any other period is
    explained next to the general advice (the pelvic tilts page: NHS inform's 2 weeks)."""
    import re
    from pathlib import Path

    period = re.compile(r"(?:improv\w*|getting better|eas\w+|lasts?)[^.]{0,30}?"
                        r"\b(?:after|within|than) (\d+|two|three|several|a few|a couple of) weeks")
    odd = []
    for path in sorted((Path(__file__).resolve().parent.parent / "content").rglob("*.md")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in period.finditer(line):
                if m.group(1) == "a few":
                    continue
                if "a few weeks" not in line:
                    odd.append(f"{path.name}:{n}: '{m.group(0)}' with no word on 'a few weeks'")
    assert not odd, "\n".join(odd)
