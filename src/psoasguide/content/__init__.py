"""Load stage: discover content files, split front matter, validate each kind's schema."""

from .load import load_documents, make_document, read_source

__all__ = ["load_documents", "make_document", "read_source"]
