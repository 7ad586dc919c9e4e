"""A posed figure as SVG line art: props, far limbs, body, near limbs and muscle bands.

Only classes and geometry are written: colours come from the theme's CSS (`.fig` in
style.css) through `currentColor` and custom properties, so a figure follows light, dark and
print. The output is deterministic (whole centimetres, fixed order) and small.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from .muscles import bands
from .pose import Placed, Pose, place
from .props import Prop
from .skeleton import Limb, Point

OUTLINE = 3  # cm of outline each side of a limb
MARGIN = 6
Box = tuple[float, float, float, float]  # left, bottom, right, top (cm, y up)


def _n(v: float) -> str:
    return str(round(v)) if abs(v) >= 0.5 else "0"


def _xy(p: Point) -> str:
    return f"{_n(p[0])} {_n(-p[1])}"


def _limbs(limbs: Sequence[Limb], layer: str) -> str:
    """One group: every outline first, then every fill, so joints merge smoothly."""
    if not limbs:
        return ""
    outline = "".join(f'<path class="o" stroke-width="{_n(lb.width + 2 * OUTLINE)}" '
                      f'd="M{_xy(lb.a)}L{_xy(lb.b)}"/>' for lb in limbs)
    fill = "".join(f'<path class="f" stroke-width="{_n(lb.width)}" '
                   f'd="M{_xy(lb.a)}L{_xy(lb.b)}"/>' for lb in limbs)
    return f'<g class="{layer}">{outline}{fill}</g>'


def _prop(p: Prop) -> str:
    w, top = p.right - p.left, p.top
    rect = f'<rect class="p" x="{_n(p.left)}" width="{_n(w)}"'
    if p.kind == "mat":
        return f'{rect} y="-2" height="2"/>'
    if p.kind in ("cushion", "step"):
        return f'{rect} y="{_n(-top)}" height="{_n(top)}" rx="{3 if p.kind == "cushion" else 1}"/>'
    if p.kind in ("bench", "bed"):
        legs = f'<path class="p" d="M{_n(p.left + 6)} {_n(6 - top)}V0M{_n(p.right - 6)} ' \
               f'{_n(6 - top)}V0"/>'
        return f'{legs}{rect} y="{_n(-top)}" height="8" rx="2"/>'
    if p.kind == "wall":
        return f'{rect} y="{_n(-top)}" height="{_n(top)}"/>'
    if p.kind == "chair":
        return (f'<path class="pl" d="M{_n(p.left)} 0V{_n(-top)}M{_n(p.left)} -45H{_n(p.right)}'
                f'V0"/>')
    return ""


def _box(placed: Placed) -> Box:
    xs, ys = [], [0.0]
    for lb in placed.skeleton.limbs:
        for x, y in (lb.a, lb.b):
            xs += [x - lb.width / 2, x + lb.width / 2]
            ys += [y - lb.width / 2, y + lb.width / 2]
    for p in placed.props:
        xs += [p.left, p.right]
        ys.append(p.top)
    return min(xs), min(ys), max(xs), max(ys)


def union(boxes: Sequence[Box]) -> Box:
    """The smallest box around all `boxes`: one frame for every pose of an exercise."""
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def svg(placed: Placed, box: Box, targets: tuple[str, ...], slug: str, label: str = "",
        ident: str = "") -> Markup:
    """The SVG of one placed pose in `box`; with `label` it is an image, else decorative.

    `data-exercise` names the exercise, so a script (the routine player) can find its figure.
    """
    left, bottom, right, top = box
    x0, y0 = left - MARGIN, -(top + MARGIN)
    w, h = right - left + 2 * MARGIN, top - bottom + 2 * MARGIN
    limbs = placed.skeleton.limbs
    near_arm = [lb for lb in limbs if lb.layer == "near" and lb.name.split("_")[0]
                in ("arm", "forearm", "hand")]
    near_leg = [lb for lb in limbs if lb.layer == "near" and lb not in near_arm]
    muscle = "".join(f'<path class="m" d="M{"L".join(_xy(p) for p in pts)}"/>'
                     for pts in bands(placed.skeleton, targets))
    view = f'data-exercise="{slug}" viewBox="{_n(x0)} {_n(y0)} {_n(w)} {_n(h)}"'
    if label:
        title_id = f"{ident}-t"
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="fig" role="img" '
                f'aria-labelledby="{title_id}" {view}>'
                f'<title id="{title_id}">{escape(label)}</title>')
    else:
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="fig thumb" aria-hidden="true" '
                f'focusable="false" {view}>')
    floor = f'<path class="fl" d="M{_n(x0)} 0H{_n(x0 + w)}"/>'
    return Markup(
        head + floor + "".join(_prop(p) for p in placed.props)
        + _limbs([lb for lb in limbs if lb.layer == "far"], "far")
        + _limbs([lb for lb in limbs if lb.layer == "body"], "body")
        + _limbs(near_leg, "near") + muscle + _limbs(near_arm, "near") + "</svg>")


def exercise_figures(poses: Sequence[Pose], targets: tuple[str, ...], slug: str
                     ) -> tuple[Markup, ...]:
    """Every pose of an exercise as an image, all drawn in one frame and scale."""
    placed = [place(p) for p in poses]
    box = union([_box(p) for p in placed])
    return tuple(svg(pl, box, targets, slug, pose.label, f"pose-{slug}-{i + 1}")
                 for i, (pl, pose) in enumerate(zip(placed, poses, strict=True)))


def thumbnail(pose: Pose, targets: tuple[str, ...], slug: str) -> Markup:
    """A small decorative figure of the start position, for lists next to the link."""
    placed = place(pose)
    return svg(placed, _box(placed), targets, slug)
