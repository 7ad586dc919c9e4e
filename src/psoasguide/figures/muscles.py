"""The course of each muscle an exercise targets, as points in the figure's segment frames.

Each band follows its muscle from origin to insertion, seen from the side (Gray's Anatomy;
Bogduk for the psoas): the psoas from the lumbar vertebrae, over the front of the pelvic brim,
to the lesser trochanter at the top of the thigh bone. Bands are drawn on the near side.
A point is (frame, cm along the segment's axis, cm to its front; negative: behind).
"""

from __future__ import annotations

from collections.abc import Mapping

from .skeleton import Point, Skeleton

Course = tuple[tuple[str, float, float], ...]

_PSOAS: Course = (("trunk", 22, -5), ("trunk", 3, -4), ("pelvis", 3, 6), ("thigh_near", 7, -1))

COURSES: Mapping[str, Course] = {
    "psoas-major": _PSOAS,
    "iliopsoas": _PSOAS,
    "iliacus": (("pelvis", 15, -1), ("pelvis", 4, 5), ("thigh_near", 7, -1)),
    "rectus-femoris": (("pelvis", 6, 8), ("thigh_near", 20, 6), ("thigh_near", 38, 5),
                       ("shin_near", 5, 4)),
    "gluteus-maximus": (("pelvis", 12, -10), ("pelvis", 0, -12), ("thigh_near", 14, -5)),
    "hamstrings": (("pelvis", -6, -6), ("thigh_near", 22, -6), ("thigh_near", 40, -4),
                   ("shin_near", 6, -3)),
    "hip-adductors": (("pelvis", -3, 5), ("thigh_near", 20, 0), ("thigh_near", 36, -2)),
    "deep-hip-rotators": (("pelvis", 8, -10), ("thigh_near", 2, -4)),
    "trunk-muscles": (("pelvis", 3, 10), ("trunk", 12, 11), ("trunk", 26, 10)),
}


def bands(skeleton: Skeleton, targets: tuple[str, ...]) -> list[list[Point]]:
    """The points of each target's band, for the targets whose course is known."""
    out = []
    for slug in targets:
        course = COURSES.get(slug)
        if course and not (slug == "iliopsoas" and "psoas-major" in targets):
            out.append([skeleton.frames[f].at(a, b) for f, a, b in course])
    return out
