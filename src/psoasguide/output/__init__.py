"""Output: static assets, sitemap and robots.txt, and the staged, atomic write."""

from .assets import collect_assets
from .linkcheck import check_links
from .sitemap import robots, sitemap
from .writer import MARKER, write_site

__all__ = ["MARKER", "check_links", "collect_assets", "robots", "sitemap", "write_site"]
