"""`poses` in an exercise's front matter: each kind of bad pose is an error at its line.

A pose names joint angles (checked against the AAOS ranges of motion plus a passive margin)
and the parts that rest on the floor or a prop (checked against the figure the angles make).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import STRETCH, Diagnostic, assert_no_input_errors, base_files, one, show, stretch_md

#: A half-kneeling start and end position that fit the body and the floor.
KNEEL = "{knee_near: cushion, foot_far: floor}"
START = ("{trunk: 0, hip_near: 0, knee_near: 90, ankle_near: -45, hip_far: 80, knee_far: 85, "
         "ankle_far: 5}")
END = ("{trunk: 0, lumbar: 12, hip_near: -22, knee_near: 80, ankle_near: -45, hip_far: 65, "
       "knee_far: 95, ankle_far: 20}")


def poses(start: str = START, end: str = END, support: str = KNEEL,
          end_support: str = KNEEL) -> str:
    return ("poses:\n"
            f"  - caption: Start position.\n    support: {support}\n    angles: {start}\n"
            f"  - caption: End position.\n    support: {end_support}\n    angles: {end}\n")


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """(line, column), 1-based, of the `nth` occurrence of `needle` in `text`."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - text.rfind("\n", 0, index)


@pytest.fixture
def check_poses(check: Callable[..., list[Diagnostic]]) -> Callable[[str], list[Diagnostic]]:
    def run(block: str) -> list[Diagnostic]:
        return check({**base_files(), STRETCH: stretch_md(extra=block)})
    return run


def test_good_poses_pass(check_poses: Callable[[str], list[Diagnostic]]) -> None:
    assert_no_input_errors(check_poses(poses()))


def test_unknown_joint_suggests_the_closest(check_poses: Callable[..., list[Diagnostic]]) -> None:
    block = poses(end=END.replace("knee_near", "kne_near"))
    d = one(check_poses(block), "unknown-joint")
    text = stretch_md(extra=block)
    assert (d.line, d.col) == at(text, "kne_near:"), show([d])
    assert "did you mean 'knee_near'?" in d.hint


def test_angle_beyond_the_human_range_is_an_error_at_the_angle(
        check_poses: Callable[..., list[Diagnostic]]) -> None:
    block = poses(start=START.replace("knee_near: 90", "knee_near: 170"))
    d = one(check_poses(block), "pose-range")
    text = stretch_md(extra=block)
    assert (d.line, d.col) == at(text, "170"), show([d])
    assert "knee_near" in d.message and "-25 to 150" in d.message
    assert "-10 to 135 (AAOS)" in d.hint  # the published range, before the passive margin


def test_hip_extension_past_the_range(check_poses: Callable[..., list[Diagnostic]]) -> None:
    """Hip extension is 30 degrees (AAOS) plus 15 for a passive stretch: -50 is too far."""
    block = poses(end=END.replace("hip_near: -22", "hip_near: -50"))
    d = one(check_poses(block), "pose-range")
    assert (d.line, d.col) == at(stretch_md(extra=block), "-50")


def test_a_support_that_does_not_touch(check_poses: Callable[..., list[Diagnostic]]) -> None:
    """The front foot lifted well off the floor while it is named as resting there."""
    block = poses(start=START.replace("hip_far: 80", "hip_far: 110"))
    d = one(check_poses(block), "pose-support")
    assert (d.line, d.col) == at(stretch_md(extra=block), "foot_far")
    assert "foot_far" in d.message and "floor" in d.message


def test_a_figure_through_the_floor_is_an_error_at_the_pose(
        check_poses: Callable[..., list[Diagnostic]]) -> None:
    """Toes tucked straight down under a level shin: the foot goes into the floor."""
    block = poses(start=START.replace("ankle_near: -45", "ankle_near: 15"))
    d = one(check_poses(block), "pose-floor")
    assert (d.line, d.col) == at(stretch_md(extra=block), "caption: Start"), show([d])
    assert "passes through the floor" in d.message and "foot near" in d.message


def test_a_figure_resting_on_nothing_floats(check_poses: Callable[..., list[Diagnostic]]) -> None:
    block = poses(end_support="{shin_near: wall}")
    d = one(check_poses(block), "pose-floor")
    assert (d.line, d.col) == at(stretch_md(extra=block), "caption: End")
    assert "floats" in d.message


def test_unknown_part_and_prop(check_poses: Callable[..., list[Diagnostic]]) -> None:
    block = poses(support="{kneee_near: cushion, foot_far: flor}")
    diags = check_poses(block)
    text = stretch_md(extra=block)
    part = one(diags, "unknown-part")
    assert (part.line, part.col) == at(text, "kneee_near")
    assert "did you mean 'knee_near'?" in part.hint
    prop = one(diags, "bad-value")
    assert (prop.line, prop.col) == at(text, "flor") and "did you mean 'floor'?" in prop.hint


def test_one_pose_is_not_enough(check_poses: Callable[..., list[Diagnostic]]) -> None:
    block = poses().split("  - caption: End")[0]
    d = one(check_poses(block), "pose-count")
    assert (d.line, d.col) == at(stretch_md(extra=block), "- caption")


def test_angles_must_be_numbers(check_poses: Callable[..., list[Diagnostic]]) -> None:
    block = poses(start=START.replace("knee_near: 90", "knee_near: ninety"))
    d = one(check_poses(block), "wrong-type")
    assert (d.line, d.col) == at(stretch_md(extra=block), "ninety")


def test_a_hand_on_a_chair_holds_its_back(check_poses: Callable[..., list[Diagnostic]]) -> None:
    """Standing holding a chair: an arm raised overhead cannot be holding the chair's back."""
    stand = "{foot_near: floor, foot_far: floor, hand_far: chair}"
    good = "{knee_far: 5, shoulder_far: 15, elbow_far: 60}"
    block = poses(start=good, end=good.replace("shoulder_far: 15", "shoulder_far: 160"),
                  support=stand, end_support=stand)
    d = one(check_poses(block), "pose-support")
    assert (d.line, d.col) == at(stretch_md(extra=block), "hand_far", 1)
    assert "chair" in d.message and "75 to 100 cm" in d.message
