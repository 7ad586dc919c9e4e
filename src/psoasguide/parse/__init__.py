"""Parse stage: Markdown to HTML with heading ids, link placeholders and a script check."""

from .convert import EXTENSION_CONFIGS, EXTENSIONS, Converter, parse_documents

__all__ = ["EXTENSIONS", "EXTENSION_CONFIGS", "Converter", "parse_documents"]
