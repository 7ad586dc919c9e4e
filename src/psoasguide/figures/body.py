"""The published tables the figures rest on: joint ranges of motion and segment lengths.

Ranges of motion: the normal active ranges of the American Academy of Orthopaedic Surgeons,
*Joint Motion: Method of Measuring and Recording* (AAOS, 1965), as tabulated in Norkin & White,
*Measurement of Joint Motion: A Guide to Goniometry* (5th ed., 2016), Appendix A. A passive
stretch takes a joint further than the active range, so each end has `PASSIVE_MARGIN` added.

Segment lengths: Winter, *Biomechanics and Motor Control of Human Movement* (4th ed., 2009),
Table 4.1 / Figure 4.1, segment lengths as fractions of body height H after Drillis & Contini
(1966). The figure is drawn for H = 170 cm.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Degrees a passive stretch may take a joint past its normal active range.
PASSIVE_MARGIN = 15

#: Joint -> (lowest, highest) normal active range in degrees, before the passive margin.
#: Signs: flexion, dorsiflexion, abduction and external rotation are positive.
NORMAL_RANGE: Mapping[str, tuple[float, float]] = {
    "lumbar": (-25, 80),  # AAOS thoracolumbar: extension 0-25, flexion 0-80
    "neck": (-45, 45),  # AAOS cervical: extension 0-45, flexion 0-45
    "hip": (-30, 120),  # AAOS hip: extension 0-30, flexion 0-120
    "hip_abduction": (-30, 45),  # AAOS hip: adduction 0-30, abduction 0-45
    "hip_rotation": (-45, 45),  # AAOS hip: internal 0-45, external 0-45
    "knee": (-10, 135),  # AAOS knee: flexion 0-135; up to 10 of hyperextension
    "ankle": (-50, 20),  # AAOS ankle: plantarflexion 0-50, dorsiflexion 0-20
    "shoulder": (-60, 180),  # AAOS shoulder: extension 0-60, flexion 0-180
    "elbow": (-10, 150),  # AAOS elbow: flexion 0-150; up to 10 of hyperextension
    "wrist": (-80, 70),  # AAOS wrist: flexion 0-80, extension 0-70 (+: extension)
}

#: The orientation of the whole body is no joint: any angle a figure can lie at.
TRUNK_RANGE = (-180, 180)

HEIGHT = 170.0  # cm

#: Winter Table 4.1 (Drillis & Contini): length as a fraction of height.
_FRACTION = {
    "thigh": 0.245,  # hip (greater trochanter) to knee
    "shank": 0.246,  # knee to ankle
    "foot": 0.152,  # heel to toe
    "ankle_height": 0.039,  # floor to ankle joint
    "trunk": 0.288,  # hip 0.530H to shoulder 0.818H
    "neck": 0.052,  # shoulder 0.818H to chin 0.870H
    "head": 0.130,  # chin 0.870H to crown 1.000H
    "upper_arm": 0.186,
    "forearm": 0.146,
    "hand": 0.108,  # wrist to fingertip
}

LENGTH: Mapping[str, float] = {k: round(v * HEIGHT, 1) for k, v in _FRACTION.items()}

#: Drawn thickness (cm, side view) of each segment: body depths of an average adult, for the
#: look of the figure only; no check uses them except the floor contact of a part.
THICKNESS: Mapping[str, float] = {
    "thigh": 15.0, "shank": 10.5, "foot": 7.0, "pelvis": 22.0, "chest": 24.0, "neck": 11.0,
    "head": 21.0, "upper_arm": 9.5, "forearm": 7.5, "hand": 5.5,
}


def allowed_range(joint: str) -> tuple[float, float]:
    """The (lowest, highest) angle a pose may give `joint`, margin included."""
    if joint == "trunk":
        return TRUNK_RANGE
    low, high = NORMAL_RANGE[joint_kind(joint)]
    return low - PASSIVE_MARGIN, high + PASSIVE_MARGIN


def joint_kind(joint: str) -> str:
    """'hip_near' -> 'hip', 'hip_rotation_far' -> 'hip_rotation'."""
    return joint.removesuffix("_near").removesuffix("_far")


#: Every joint a pose may name.
JOINTS: tuple[str, ...] = ("trunk", "lumbar", "neck", *(
    f"{kind}_{side}" for kind in ("hip", "hip_abduction", "hip_rotation", "knee", "ankle",
                                  "shoulder", "elbow", "wrist") for side in ("near", "far")))
