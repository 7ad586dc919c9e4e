"""psoasguide: a static-site generator for a cross-linked, checked health guide.

The public API is `build(BuildConfig) -> BuildResult` and the `Diagnostic` values it reports.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("psoasguide")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

from .diagnostics import Diagnostic, Severity, format_line
from .model import BuildConfig, BuildResult, OutputFile
from .pipeline import build

__all__ = [
    "BuildConfig",
    "BuildResult",
    "Diagnostic",
    "OutputFile",
    "Severity",
    "__version__",
    "build",
    "format_line",
]
