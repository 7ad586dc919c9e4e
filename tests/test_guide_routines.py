"""The guide's routines: at least five, each saying what it is for, who it suits, who should not
do it and how to stay safe; the desk break needs no floor and no kneeling; the warm-up moves
rather than holding; every dose stays within the general advice the guide cites (holds of 10 to
30 seconds, at most 4 sets, at most 12 repetitions)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_guide import GUIDE_TODAY

from psoasguide.content.load import load_documents
from psoasguide.model import Document, Kind
from psoasguide.render.facts import item_dose

REPO = Path(__file__).resolve().parent.parent
SECTIONS = ("What it is for", "Who it suits", "Who should not do it", "Staying safe")
FLOOR = re.compile(r"\b(kneel|kneeling|lie|lying|on all fours|mat)\b", re.I)


@pytest.fixture(scope="module")
def guide() -> tuple[dict[str, Document], dict[str, Document]]:
    documents, _ = load_documents(REPO, GUIDE_TODAY)
    routines = {d.slug: d for d in documents if d.kind is Kind.ROUTINE}
    stretches = {d.slug: d for d in documents if d.kind is Kind.STRETCH}
    return routines, stretches


def test_five_routines_each_with_purpose_audience_exclusions_and_safety(guide) -> None:
    routines, _ = guide
    assert {"desk-break", "gentle-back-routine", "warm-up-before-sport",
            "cool-down-after-running-or-cycling",
            "beginner-hip-and-trunk-strength"} <= set(routines)
    missing = [f"{d.path}: no '## {h}'" for d in routines.values() for h in SECTIONS
               if not re.search(rf"^## {h}$", d.body, re.M)]
    assert not missing, "\n".join(missing)


def test_the_desk_break_needs_no_floor_and_no_kneeling(guide) -> None:
    routines, stretches = guide
    for item in routines["desk-break"].items:
        steps = " ".join(stretches[item.stretch.slug].fields["steps"])
        assert not FLOOR.search(steps), f"{item.stretch.slug}: {FLOOR.search(steps)}"


def test_the_warm_up_moves_and_holds_only_briefly(guide) -> None:
    routines, stretches = guide
    for item in routines["warm-up-before-sport"].items:
        dose = item_dose(item, stretches[item.stretch.slug])
        assert dose.reps or dose.movements, f"{item.stretch.slug} is a static hold"
        assert not dose.hold_seconds or dose.hold_seconds[1] <= 10, item.stretch.slug


def test_every_routine_dose_is_within_the_general_advice(guide) -> None:
    routines, stretches = guide
    bad = []
    for routine in routines.values():
        for item in routine.items:
            dose = item_dose(item, stretches[item.stretch.slug])
            holds = [dose.hold_seconds] if not dose.reps else []
            reps = [dose.reps, *(m.reps for m in dose.movements)]
            if any(h and not (h[0] >= 10 and h[1] <= 30) for h in holds):
                bad.append(f"{routine.slug}/{item.stretch.slug}: hold {dose.hold_seconds}")
            if any(r and r[1] > 12 for r in reps) or dose.sets[1] > 4:
                bad.append(f"{routine.slug}/{item.stretch.slug}: {dose}")
    assert not bad, "\n".join(bad)
