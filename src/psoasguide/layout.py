"""Where a site's sources live: the names of its files and folders, and the default theme.

Kept apart from the stages that read them, so that checking whether anything changed
(`cache.unchanged`) does not import the stages.
"""

from __future__ import annotations

from pathlib import Path

#: The site's settings file, in the site root.
CONFIG_NAME = "site.yaml"
#: Articles: `content/<section>/<slug>.md`.
CONTENT_DIR = "content"
#: Named blocks of repeated text: `blocks/<name>.yaml`.
BLOCKS_DIR = "blocks"
#: The site's own templates, which override the theme's by name.
TEMPLATES_DIR = "templates"
#: Files copied to the output as they are (under a theme or the site root).
STATIC_DIR = "static"
#: The default theme shipped with psoasguide: its templates, `ids.yaml` and `static/`.
THEME_DIR = Path(__file__).resolve().parent / "theme"
#: Every source a build reads from the site root, besides the theme.
SOURCES = (CONFIG_NAME, CONTENT_DIR, BLOCKS_DIR, TEMPLATES_DIR, STATIC_DIR)
