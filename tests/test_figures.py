"""The drawn figures: the same SVG for the same pose (compared with reviewed files), small,
themeable and accessible; every exercise page of the guide shows its poses.

To redraw the expected files after a deliberate change to the drawing, run with
PSOASGUIDE_UPDATE_FIGURES=1, then LOOK at them before committing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import Guide

from psoasguide.figures.draw import exercise_figures, thumbnail
from psoasguide.figures.pose import Pose

REPO = Path(__file__).resolve().parent.parent
EXPECTED = Path(__file__).parent / "figures"
LIMIT = 8 * 1024


def pose(caption: str, support: dict[str, str], angles: dict[str, float],
         props: tuple[str, ...] = ()) -> Pose:
    used = tuple(k for k in support.values() if k != "floor")
    return Pose(caption, "", "side", tuple(support.items()), tuple(dict.fromkeys(props + used)),
                tuple(sorted(angles.items())))


CASES = {
    "half-kneeling": ((
        pose("Start: kneel on the back knee.", {"knee_near": "cushion", "foot_far": "floor"},
             {"hip_near": 0, "knee_near": 90, "ankle_near": -45, "hip_far": 80, "knee_far": 85,
              "ankle_far": 5, "shoulder_near": 30, "elbow_near": 25}),
        pose("Stretch: pelvis tucked, hips forward.",
             {"knee_near": "cushion", "foot_far": "floor"},
             {"lumbar": 12, "hip_near": -22, "knee_near": 80, "ankle_near": -45, "hip_far": 65,
              "knee_far": 95, "ankle_far": 20, "shoulder_near": 30, "elbow_near": 25})),
        ("psoas-major", "iliacus")),
    "thomas-on-a-bed": ((
        pose("Start: sit at the bed's edge.", {"pelvis": "bed"},
             {"lumbar": 10, "hip_far": 110, "knee_far": 120, "hip_near": 90, "knee_near": 90}),
        pose("Stretch: lie back, one leg hanging.",
             {"back": "bed", "pelvis": "bed", "head": "bed"},
             {"trunk": -90, "lumbar": 10, "hip_far": 120, "knee_far": 130, "hip_near": -20,
              "knee_near": 75, "ankle_near": -20, "shoulder_near": 80, "elbow_near": 40})),
        ("rectus-femoris",)),
    "standing-at-a-chair": ((
        pose("Stand holding a chair.", {"foot_near": "floor", "foot_far": "floor",
                                        "hand_far": "chair"},
             {"knee_far": 5, "shoulder_far": 15, "elbow_far": 60}),
        pose("Swing the leg back.", {"foot_far": "floor", "hand_far": "chair"},
             {"hip_near": -25, "knee_near": 10, "ankle_near": -20, "knee_far": 5,
              "shoulder_far": 15, "elbow_far": 60})),
        ("hamstrings", "gluteus-maximus")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_svg_matches_the_reviewed_drawing(name: str) -> None:
    poses, targets = CASES[name]
    drawn = exercise_figures(poses, targets, name)
    assert drawn == exercise_figures(poses, targets, name), "not deterministic"
    for i, svg in enumerate(drawn, 1):
        file = EXPECTED / f"{name}-{i}.svg"
        if os.environ.get("PSOASGUIDE_UPDATE_FIGURES"):
            file.write_text(svg + "\n", encoding="utf-8")
        assert svg + "\n" == file.read_text(encoding="utf-8"), f"{file.name} changed"


def test_figures_are_small_themeable_images() -> None:
    (start, _), targets = CASES["half-kneeling"]
    svg = exercise_figures((start, start), targets, "k")[0]
    assert len(svg.encode()) < LIMIT
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="fig" role="img"')
    assert '<title id="pose-k-1-t">Start: kneel on the back knee.</title>' in svg
    assert "style" not in svg and "<script" not in svg
    assert not re.search(r'(fill|stroke)="(?!none)[#a-z]', svg), "colours belong to the theme"
    assert svg.count('class="m"') == 2  # psoas and iliacus, each a band


def test_thumbnail_is_decorative() -> None:
    (start, _), targets = CASES["half-kneeling"]
    thumb = thumbnail(start, targets, "k")
    assert 'aria-hidden="true"' in thumb and "<title" not in thumb
    assert 'data-exercise="k"' in thumb


def test_caption_is_escaped() -> None:
    p = pose("Knees <b>&</b> hips", {"foot_near": "floor", "foot_far": "floor"}, {})
    svg = exercise_figures((p, p), (), "x")[0]
    assert "Knees &lt;b&gt;&amp;&lt;/b&gt; hips" in svg


# --- the guide -----------------------------------------------------------------------------

FIGURE = re.compile(r'<figure class="pose" id="pose-([a-z0-9-]+)-\d+">(.*?)</figure>', re.S)


@pytest.fixture(scope="module")
def guide(guide: Guide) -> Path:
    """The output folder of the guide, built once per session (conftest)."""
    return guide.out


def test_every_exercise_page_shows_its_poses(guide: Path) -> None:
    pages = sorted((guide / "stretches").glob("*/index.html"))
    assert len(pages) == 12
    for page in pages:
        html = page.read_text(encoding="utf-8")
        figures = FIGURE.findall(html)
        assert len(figures) >= 2, f"{page.parent.name}: {len(figures)} figures"
        for slug, body in figures:
            assert slug == page.parent.name
            title = re.search(r'<svg [^>]*role="img"[^>]*><title id="[^"]+">([^<]{10,})</title>',
                              body)
            assert title, f"{page.parent.name}: a figure without a text alternative"
            assert re.search(r"<figcaption>[^<]{10,}</figcaption>", body)
            svg = body[body.index("<svg"):body.index("</svg>") + 6]
            assert len(svg.encode()) < LIMIT, f"{page.parent.name}: {len(svg)} bytes"


def test_lists_and_routines_show_start_thumbnails(guide: Path) -> None:
    section = (guide / "stretches" / "index.html").read_text(encoding="utf-8")
    assert section.count('class="fig thumb"') == 12
    for routine in (guide / "routines").glob("*/index.html"):
        html = routine.read_text(encoding="utf-8")
        items = re.findall(r'<li data-item[^>]*>\s*<svg [^>]*data-exercise="([a-z0-9-]+)"',
                           html)
        links = re.findall(r'<a href="\.\./\.\./stretches/([a-z0-9-]+)/"', html)
        assert items and set(items) <= set(links), routine.parent.name
