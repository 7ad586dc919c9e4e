"""The floor and the props of a pose: where each goes, and the surfaces the body rests on.

A prop that something rests on goes under it; a wall stands behind what leans on it; a chair
held with a hand stands under that hand. The figure is then lowered until its lowest support
rests on its surface (`place`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .skeleton import PARTS, Point, Skeleton, contact_point

PROPS = ("floor", "mat", "cushion", "chair", "wall", "step", "bench", "bed")

#: Height (cm) of the surface a prop offers to what rests on it; None: it is not a surface.
SURFACE_HEIGHT: Mapping[str, float | None] = {
    "floor": 0, "mat": 0, "cushion": 10, "step": 18, "bench": 45, "bed": 50, "chair": 45,
    "wall": None,
}
#: A hand holding a chair holds its back, which is this high (cm).
CHAIR_BACK = (75.0, 100.0)

TOUCH = 3.0  # cm: a support this close to its surface touches it
SINK = 3.0  # cm: a body part this far into the floor or a prop passes through it


@dataclass(frozen=True)
class Prop:
    """A placed prop: `kind`, its left and right edge and its top (cm)."""

    kind: str
    left: float
    right: float
    top: float


def surface(kind: str, part: str) -> float | None:
    """The height at which `part` rests on a prop of `kind` (a hand on a chair: its back)."""
    if kind == "chair" and part.startswith("hand_"):
        return None
    return SURFACE_HEIGHT[kind]


def lift(skeleton: Skeleton, support: Mapping[str, str]) -> float:
    """How far to raise the figure so that its lowest support rests on its surface."""
    needs = [h - contact_point(skeleton, part)[1] for part, kind in support.items()
             if (h := surface(kind, part)) is not None]
    return max(needs) if needs else 0.0


def _span(points: list[Point], pad: float) -> tuple[float, float]:
    xs = [p[0] for p in points]
    return min(xs) - pad, max(xs) + pad


def place_props(skeleton: Skeleton, support: Mapping[str, str],
                props: tuple[str, ...]) -> tuple[Prop, ...]:
    """Every prop of the pose, placed around the (already lifted) figure."""
    placed = []
    for kind in props:
        points = [contact_point(skeleton, p) for p, k in support.items() if k == kind]
        if kind == "wall":
            limbs = [skeleton.limb(PARTS[p]) for p, k in support.items() if k == kind]
            x = min((min(lb.a[0], lb.b[0]) - lb.width / 2 for lb in limbs),
                    default=_body_left(skeleton) - 10)
            placed.append(Prop(kind, x - 6, x, 110))
        elif kind == "chair":
            hands = [contact_point(skeleton, p) for p, k in support.items()
                     if k == kind and p.startswith("hand_")]
            x = hands[0][0] if hands else _body_left(skeleton) - 30
            top = hands[0][1] + 3 if hands else CHAIR_BACK[1]
            placed.append(Prop(kind, x - 2, x + 42, top))
        elif kind in ("mat", "floor"):
            left, right = _body_span(skeleton)
            placed.append(Prop(kind, left - 8, right + 8, 0))
        elif kind in ("bench", "bed"):
            left, right = _span(points, 12) if points else _body_span(skeleton)
            top = SURFACE_HEIGHT[kind] or 0
            placed.append(Prop(kind, left - (30 if kind == "bed" else 8), right, top))
        else:
            left, right = _span(points, 12) if points else (-15.0, 15.0)
            placed.append(Prop(kind, left, right, SURFACE_HEIGHT[kind] or 0))
    return tuple(placed)


def _body_span(skeleton: Skeleton) -> tuple[float, float]:
    xs = [x for limb in skeleton.limbs for x in (limb.a[0], limb.b[0])]
    return min(xs), max(xs)


def _body_left(skeleton: Skeleton) -> float:
    return _body_span(skeleton)[0]


#: Props as deep as the body (a limb cannot pass beside them); a cushion is narrower, so only
#: the parts resting on it are checked against it.
FULL_DEPTH = ("step", "bench", "bed")


def ground_under(x: float, props: tuple[Prop, ...], on_cushion: bool = False) -> float:
    """The height of the highest surface under `x`: the floor or a prop's top."""
    kinds = (*FULL_DEPTH, "cushion") if on_cushion else FULL_DEPTH
    tops = [p.top for p in props if p.kind in kinds and p.left <= x <= p.right]
    return max([0.0, *tops])
