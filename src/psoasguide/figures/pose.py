"""`poses` in an exercise's front matter: the schema check and the body's floor check."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import schema as s
from ..diagnostics import did_you_mean
from .body import JOINTS, NORMAL_RANGE, PASSIVE_MARGIN, allowed_range, joint_kind
from .props import CHAIR_BACK, PROPS, SINK, TOUCH, Prop, ground_under, lift, place_props, surface
from .skeleton import PARTS, Skeleton, contact_point, pose_skeleton

VIEWS = ("side",)
CAPTION_LIMIT = 140


@dataclass(frozen=True)
class Pose:
    """One key position of an exercise, checked: what it shows and how the body is placed."""

    caption: str
    alt: str
    view: str
    support: tuple[tuple[str, str], ...]  # (body part, floor or prop)
    props: tuple[str, ...]  # every prop in the picture, those under a support included
    angles: tuple[tuple[str, float], ...]

    @property
    def label(self) -> str:
        """The figure's text alternative."""
        return self.alt or self.caption


@dataclass(frozen=True)
class Placed:
    """A pose's figure standing on the floor, with its props."""

    skeleton: Skeleton
    props: tuple[Prop, ...]


def place(pose: Pose) -> Placed:
    """The figure of `pose`, lowered onto its supports, and its props."""
    support = dict(pose.support)
    skeleton = pose_skeleton(dict(pose.angles))
    skeleton = skeleton.moved(0, lift(skeleton, support))
    return Placed(skeleton, place_props(skeleton, support, pose.props))


def _angles(value: Any, at: s.KeyPath, ctx: s.Context) -> Any:
    if not isinstance(value, dict) or not value:
        return ctx.fail(at, "wrong-type", "'angles' must be a mapping of joints to degrees",
                        "e.g. angles: {trunk: 0, hip_near: -15, knee_near: 90}")
    out = []
    for joint, degrees in value.items():
        where = (*at, joint)
        if joint not in JOINTS:
            hint = did_you_mean(str(joint), JOINTS) or "joints: " + ", ".join(JOINTS)
            ctx.fail(where, "unknown-joint", f"unknown joint '{joint}'", hint, key=True)
            continue
        if isinstance(degrees, bool) or not isinstance(degrees, int | float):
            s.number(-360, 360)(degrees, where, ctx)
            continue
        low, high = allowed_range(joint)
        if not low <= degrees <= high:
            ctx.fail(where, "pose-range", f"'{joint}' is {degrees:g} degrees; the body allows "
                     f"{low:g} to {high:g}", _range_hint(joint))
            continue
        out.append((joint, float(degrees)))
    return tuple(sorted(out)) if len(out) == len(value) else s.INVALID


def _range_hint(joint: str) -> str:
    if joint == "trunk":
        return "trunk turns the whole body: 90 is bent forward level, -90 is lying on the back"
    low, high = NORMAL_RANGE[joint_kind(joint)]
    return (f"the normal range is {low:g} to {high:g} (AAOS), plus {PASSIVE_MARGIN} for a "
            "passive stretch; see docs/writing.md for the signs")


def _support(value: Any, at: s.KeyPath, ctx: s.Context) -> Any:
    if not isinstance(value, dict) or not value:
        return ctx.fail(at, "wrong-type", "'support' must map body parts to what they rest on",
                        "e.g. support: {knee_near: cushion, foot_far: floor}")
    out, ok = [], True
    for part, kind in value.items():
        if part not in PARTS:
            hint = did_you_mean(str(part), PARTS) or "parts: " + ", ".join(PARTS)
            ctx.fail((*at, part), "unknown-part", f"unknown body part '{part}'", hint, key=True)
            ok = False
            continue
        kind = s.choice(PROPS)(kind, (*at, part), ctx)
        ok = ok and kind is not s.INVALID
        out.append((part, kind))
    return tuple(out) if ok else s.INVALID


POSE_FIELDS: Mapping[str, s.Field] = {
    "caption": s.Field(s.text(max_len=CAPTION_LIMIT), required=True),
    "alt": s.Field(s.text(), default=""),
    "view": s.Field(s.choice(VIEWS), default="side"),
    "support": s.Field(_support, required=True),
    "props": s.Field(s.list_of(s.choice(PROPS)), default=()),
    "angles": s.Field(_angles, required=True),
}


def _one_pose(value: Any, at: s.KeyPath, ctx: s.Context) -> Any:
    data = s.check_mapping(value, POSE_FIELDS, at, ctx)
    if data is s.INVALID:
        return data
    used = [k for _, k in data["support"] if k != "floor"]
    props = tuple(dict.fromkeys([*data["props"], *used]))
    pose = Pose(data["caption"], data["alt"], data["view"], data["support"], props,
                data["angles"])
    return pose if check_floor(pose, at, ctx) else s.INVALID


def check_floor(pose: Pose, at: s.KeyPath, ctx: s.Context) -> bool:
    """The figure rests on its supports and nothing of it sinks into the floor or a prop."""
    placed = place(pose)
    ok = True
    if all(surface(kind, part) is None for part, kind in pose.support):
        ctx.fail(at, "pose-floor", "the figure floats: nothing it rests on is the floor or a "
                 "prop's top", "name a part that rests on the floor, e.g. foot_near: floor")
        return False
    for part, kind in pose.support:
        height = surface(kind, part)
        if height is None and kind == "chair":
            ok = _holds_chair(placed, part, at, ctx) and ok
        gap = contact_point(placed.skeleton, part)[1] - (height or 0)
        if height is not None and gap > TOUCH:
            ctx.fail((*at, "support", part), "pose-support",
                     f"'{part}' does not touch the {kind}: it floats {gap:.0f} cm above it",
                     "change the angles so it reaches down, or remove it from 'support'",
                     key=True)
            ok = False
    on_cushion = {PARTS[part] for part, kind in pose.support if kind == "cushion"}
    for limb in placed.skeleton.limbs:
        for x, y in limb.samples():
            depth = ground_under(x, placed.props, limb.name in on_cushion) - y
            if depth > SINK:
                ctx.fail(at, "pose-floor", f"the figure passes through the floor: its "
                         f"{limb.name.replace('_', ' ')} is {depth:.0f} cm below the surface",
                         "change the angles, or name the part that rests there in 'support'")
                return False
    return ok


def _holds_chair(placed: Placed, part: str, at: s.KeyPath, ctx: s.Context) -> bool:
    """A hand on a chair holds its back, which stands at a chair's height."""
    low, high = CHAIR_BACK
    y = contact_point(placed.skeleton, part)[1]
    if low <= y <= high:
        return True
    ctx.fail((*at, "support", part), "pose-support", f"'{part}' is {y:.0f} cm up; a hand on "
             f"a chair holds its back, {low:.0f} to {high:.0f} cm up",
             "bend or straighten the arm (shoulder, elbow) so the hand reaches the chair back",
             key=True)
    return False


def check_poses(value: Any, at: s.KeyPath, ctx: s.Context) -> Any:
    """A list of at least two poses (start and end)."""
    poses = s.list_of(_one_pose)(value, at, ctx)
    if poses is not s.INVALID and len(poses) < 2:
        return ctx.fail(at, "pose-count", f"'poses' has {len(poses)} pose; an exercise shows "
                        "at least a start and an end position", "add the end position")
    return poses
