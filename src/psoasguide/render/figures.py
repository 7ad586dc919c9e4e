"""An exercise's figures for templates: the poses drawn in full, and the start as a thumbnail."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from ..figures.draw import exercise_figures, thumbnail
from ..figures.pose import Pose
from ..model import Document, Kind
from .views import NO_MARKUP


@dataclass(frozen=True)
class FigureView:
    """One pose as shown: its id, its SVG (with its text alternative) and its caption."""

    id: str
    svg: Markup
    caption: str


def _targets(doc: Document) -> tuple[str, ...]:
    return tuple(r.slug for r in doc.relations.get("targets", ()))


def figure_views(doc: Document) -> tuple[FigureView, ...]:
    """Every pose of an exercise, in one frame and scale; none for other kinds."""
    poses = doc.fields.get("poses") or () if doc.kind is Kind.STRETCH else ()
    if not poses:
        return ()
    svgs = exercise_figures(poses, _targets(doc), doc.slug)
    return tuple(FigureView(f"pose-{doc.slug}-{i + 1}", svg, pose.caption)
                 for i, (svg, pose) in enumerate(zip(svgs, poses, strict=True)))


@lru_cache(maxsize=256)
def _thumb(pose: Pose, targets: tuple[str, ...], slug: str) -> Markup:
    return thumbnail(pose, targets, slug)


def start_thumbnail(doc: Document) -> Markup:
    """The start position of an exercise, small and decorative; empty for other pages."""
    poses = doc.fields.get("poses") or () if doc.kind is Kind.STRETCH else ()
    return _thumb(poses[0], _targets(doc), doc.slug) if poses else NO_MARKUP
