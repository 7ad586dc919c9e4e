"""The stage functions `pipeline` runs, gathered in one module that it imports when a build
runs its stages (importing them pulls in Markdown, Jinja, Pygments and PyYAML)."""

from __future__ import annotations

from .blocks import load_blocks
from .blocks.check import check_includes, check_safety_signs
from .cache import CachedTemplates, by_content, cached_parse, folder_digest, memo, reused_index
from .cache.sources import unchanged_file, unchanged_reads
from .cache.templatecode import TemplateCode
from .config import SiteConfig, load_config
from .content import load_documents, make_document, read_source
from .link import check_safety_page, connect, link_facts, link_site, shadowed_aliases
from .lint import lint_article, lint_site, load_settings
from .output import check_links, collect_assets, index_site, scan_page, site_files, write_site
from .parse import EXTENSION_CONFIGS, EXTENSIONS, default_jobs, parse_documents
from .render import RenderContext, Templates, render_site
from .render.blocks import render_blocks
from .render.urls import output_path
from .schema import Context, http_url
from .themeids import load_theme_ids

__all__ = ["EXTENSIONS", "EXTENSION_CONFIGS", "CachedTemplates", "Context", "RenderContext",
           "SiteConfig", "TemplateCode", "Templates", "by_content", "cached_parse",
           "check_includes",
           "check_links",
           "check_safety_page", "check_safety_signs", "collect_assets", "connect", "default_jobs",
           "folder_digest", "http_url", "index_site", "link_facts", "link_site", "lint_article",
           "lint_site",
           "load_blocks", "load_config", "load_documents", "load_settings", "load_theme_ids",
           "make_document",
           "memo", "output_path", "parse_documents", "read_source", "render_blocks",
           "render_site", "reused_index", "scan_page", "shadowed_aliases", "site_files",
           "unchanged_file", "unchanged_reads", "write_site"]
