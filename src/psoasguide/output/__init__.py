"""Output: static assets, sitemap, robots.txt, the Atom feed, the search index, and the staged,
atomic write."""

from .assets import collect_assets
from .feed import FeedEntry, atom_feed
from .linkcheck import check_links
from .publish import Publication
from .scan import scan_page
from .search import index_site, start_index
from .sitefiles import site_files
from .sitemap import robots, sitemap
from .writer import MARKER, discard_staged, stage_site

__all__ = ["MARKER", "FeedEntry", "Publication", "atom_feed", "check_links", "collect_assets",
           "discard_staged", "index_site", "robots", "scan_page", "site_files", "sitemap",
           "stage_site", "start_index"]
