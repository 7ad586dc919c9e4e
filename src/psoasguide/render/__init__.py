"""Render stage: page views and Jinja2 templates to bytes."""

from .context import RenderContext
from .environment import THEME_DIR, Templates
from .pages import render_site

__all__ = ["THEME_DIR", "RenderContext", "Templates", "render_site"]
