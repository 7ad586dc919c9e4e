"""Forward kinematics: a pose's joint angles -> the points and limbs of a side-view figure.

The figure faces right (+x); y points up; lengths are in cm (`body.LENGTH`). Angles follow
docs/writing.md (Poses): `trunk` tips the upper body forward (+) or back (-) from upright,
`lumbar` flexes the lower back (+, pelvis tucked under) or arches it (-), and every limb joint
is 0 in upright standing with the arms hanging, + for flexion (ankle: dorsiflexion).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .body import LENGTH, THICKNESS

Point = tuple[float, float]


@dataclass(frozen=True)
class Limb:
    """A rounded segment from `a` to `b`, `width` thick, drawn in `layer`."""

    name: str
    a: Point
    b: Point
    width: float
    layer: str  # "far", "body", "near"

    def lowest(self) -> Point:
        """The lowest point of the rounded segment's outline."""
        low = self.a if self.a[1] <= self.b[1] else self.b
        return (low[0], low[1] - self.width / 2)

    def samples(self, n: int = 6) -> list[Point]:
        """Points along the underside of the segment, for the floor check."""
        out = []
        for i in range(n + 1):
            t = i / n
            x = self.a[0] + (self.b[0] - self.a[0]) * t
            out.append((x, self.a[1] + (self.b[1] - self.a[1]) * t - self.width / 2))
        return out


@dataclass(frozen=True)
class Frame:
    """A segment's origin, its axis (`along`) and its front (`front`), as unit vectors."""

    origin: Point
    along: Point
    front: Point

    def at(self, along: float, front: float) -> Point:
        """The point `along` cm down the axis and `front` cm to the segment's front."""
        return (self.origin[0] + self.along[0] * along + self.front[0] * front,
                self.origin[1] + self.along[1] * along + self.front[1] * front)


@dataclass(frozen=True)
class Skeleton:
    """The limbs of a posed figure, and the frames the muscle bands are placed in."""

    limbs: tuple[Limb, ...]
    frames: Mapping[str, Frame]

    def limb(self, name: str) -> Limb:
        return next(limb for limb in self.limbs if limb.name == name)

    def moved(self, dx: float, dy: float) -> Skeleton:
        """The same figure shifted by (dx, dy)."""
        def shift(p: Point) -> Point:
            return (p[0] + dx, p[1] + dy)
        return Skeleton(
            tuple(Limb(lb.name, shift(lb.a), shift(lb.b), lb.width, lb.layer) for lb in self.limbs),
            {k: Frame(shift(f.origin), f.along, f.front) for k, f in self.frames.items()})


def _down(angle: float) -> Point:
    """Unit vector `angle` degrees from straight down, + turning towards the front (+x)."""
    r = math.radians(angle)
    return (math.sin(r), -math.cos(r))


def _up(angle: float) -> Point:
    """Unit vector `angle` degrees from straight up, + tipping towards the front."""
    r = math.radians(angle)
    return (math.sin(r), math.cos(r))


def _add(p: Point, v: Point, k: float) -> Point:
    return (p[0] + v[0] * k, p[1] + v[1] * k)


def _front_of_down(v: Point) -> Point:
    return (-v[1], v[0])


def _front_of_up(v: Point) -> Point:
    return (v[1], -v[0])


def _project(u: Point, s: Point, rotation: float) -> Point:
    """`s` turned by `rotation` degrees about the axis `u`, seen from the side."""
    along = u[0] * s[0] + u[1] * s[1]
    perp = (s[0] - u[0] * along, s[1] - u[1] * along)
    c = math.cos(math.radians(rotation))
    return (u[0] * along + perp[0] * c, u[1] * along + perp[1] * c)


def _leg(side: str, hip: Point, pelvis: float, a: Mapping[str, float],
         layer: str) -> tuple[list[Limb], dict[str, Frame]]:
    thigh_angle = a.get(f"hip_{side}", 0) - pelvis
    u = _down(thigh_angle)
    spread = math.cos(math.radians(a.get(f"hip_abduction_{side}", 0)))
    knee = _add(hip, u, LENGTH["thigh"] * spread)
    shank_angle = thigh_angle - a.get(f"knee_{side}", 0)
    rotation = a.get(f"hip_rotation_{side}", 0)
    s = _project(u, _down(shank_angle), rotation)
    ankle = _add(knee, s, LENGTH["shank"])
    foot_dir = _project(u, _down(shank_angle + 90 + a.get(f"ankle_{side}", 0)), rotation)
    sole = _add(ankle, _down(shank_angle), LENGTH["ankle_height"] * 0.45)
    heel = _add(sole, foot_dir, -0.2 * LENGTH["foot"])
    toe = _add(sole, foot_dir, 0.62 * LENGTH["foot"])
    limbs = [Limb(f"thigh_{side}", hip, knee, THICKNESS["thigh"], layer),
             Limb(f"shin_{side}", knee, ankle, THICKNESS["shank"], layer),
             Limb(f"foot_{side}", heel, toe, THICKNESS["foot"], layer)]
    frames = {f"thigh_{side}": Frame(hip, u, _front_of_down(u)),
              f"shin_{side}": Frame(knee, _down(shank_angle), _front_of_down(_down(shank_angle)))}
    return limbs, frames


def _arm(side: str, shoulder: Point, trunk: float, a: Mapping[str, float],
         layer: str) -> list[Limb]:
    arm_angle = a.get(f"shoulder_{side}", 0) - trunk
    elbow = _add(shoulder, _down(arm_angle), LENGTH["upper_arm"])
    fore_angle = arm_angle + a.get(f"elbow_{side}", 0)
    wrist = _add(elbow, _down(fore_angle), LENGTH["forearm"])
    hand = _add(wrist, _down(fore_angle + a.get(f"wrist_{side}", 0)), LENGTH["hand"] * 0.55)
    return [Limb(f"arm_{side}", shoulder, elbow, THICKNESS["upper_arm"], layer),
            Limb(f"forearm_{side}", elbow, wrist, THICKNESS["forearm"], layer),
            Limb(f"hand_{side}", wrist, hand, THICKNESS["hand"], layer)]


def pose_skeleton(angles: Mapping[str, float]) -> Skeleton:
    """The figure for `angles` (missing joints are 0), its hip joint at the origin."""
    trunk = angles.get("trunk", 0)
    pelvis = trunk - angles.get("lumbar", 0)  # forward tilt of the pelvis in the world
    hip: Point = (0.0, 0.0)
    pu = _up(pelvis)
    lumbar = _add(hip, pu, 0.3 * LENGTH["trunk"])
    tu = _up(trunk)
    shoulder = _add(lumbar, tu, 0.7 * LENGTH["trunk"])
    hu = _up(trunk + angles.get("neck", 0))
    neck_top = _add(shoulder, hu, LENGTH["neck"])
    # the back of the head lines up with the upper back, as it does lying on the floor
    head = _add(_add(neck_top, hu, LENGTH["head"] * 0.42), _front_of_up(hu), -2)
    seat = _add(hip, _front_of_up(pu), -1.5)
    limbs: list[Limb] = []
    far_leg, _ = _leg("far", hip, pelvis, angles, "far")
    near_leg, frames = _leg("near", hip, pelvis, angles, "near")
    limbs += _arm("far", shoulder, trunk, angles, "far") + far_leg
    limbs += [Limb("pelvis", seat, _add(lumbar, _front_of_up(tu), -1), THICKNESS["pelvis"], "body"),
              Limb("back", _add(lumbar, tu, 3), _add(shoulder, tu, -4), THICKNESS["chest"], "body"),
              Limb("neck", shoulder, neck_top, THICKNESS["neck"], "body"),
              Limb("head", head, head, THICKNESS["head"], "body")]
    limbs += near_leg + _arm("near", shoulder, trunk, angles, "near")
    frames["pelvis"] = Frame(hip, pu, _front_of_up(pu))
    frames["trunk"] = Frame(lumbar, tu, _front_of_up(tu))
    return Skeleton(tuple(limbs), frames)


#: Body parts a pose may name as touching the floor or a prop, each the limb that touches.
PARTS: Mapping[str, str] = {
    "head": "head", "back": "back", "pelvis": "pelvis",
    **{f"{part}_{side}": f"{limb}_{side}" for side in ("near", "far")
       for part, limb in (("thigh", "thigh"), ("knee", "shin"), ("shin", "shin"),
                          ("foot", "foot"), ("forearm", "forearm"), ("hand", "hand"))},
}


def contact_point(skeleton: Skeleton, part: str) -> Point:
    """The lowest point of `part` (a knee is the top of its shin)."""
    limb = skeleton.limb(PARTS[part])
    if part.startswith("knee_"):
        return (limb.a[0], limb.a[1] - limb.width / 2)
    return limb.lowest()
