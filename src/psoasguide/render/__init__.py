"""Render stage: page views and Jinja2 templates to bytes."""

from .environment import THEME_DIR, Templates
from .pages import RenderContext, render_site

__all__ = ["THEME_DIR", "RenderContext", "Templates", "render_site"]
