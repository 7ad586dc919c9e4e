"""Parse stage: Markdown to HTML with heading ids, link placeholders and a script check."""

from .convert import EXTENSION_CONFIGS, EXTENSIONS, Converter
from .pool import default_jobs, parse_document, parse_documents

__all__ = ["EXTENSIONS", "EXTENSION_CONFIGS", "Converter", "default_jobs", "parse_document",
           "parse_documents"]
