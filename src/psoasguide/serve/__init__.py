"""Dev server: build into memory, serve from there, rebuild on change, reload the browser."""

from .server import Site, make_server, serve

__all__ = ["Site", "make_server", "serve"]
