"""Render stage: page views and Jinja2 templates to bytes."""

from ..layout import THEME_DIR
from .context import SEARCH_URL, RenderContext
from .environment import Templates
from .pages import render_site

__all__ = ["SEARCH_URL", "THEME_DIR", "RenderContext", "Templates", "render_site"]
