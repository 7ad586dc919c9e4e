"""psoasguide: a static-site generator for a cross-linked, checked health guide.

The public API is `build(BuildConfig) -> BuildResult` and the `Diagnostic` values it reports.
Each name is imported on first use, so `import psoasguide.cli` (and `psoasguide --help`) does
not load every stage.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Severity, format_line
    from .model import BuildConfig, BuildResult, OutputFile
    from .pipeline import build

#: public name -> the module that defines it
_HOMES = {
    "BuildConfig": "model",
    "BuildResult": "model",
    "Diagnostic": "diagnostics",
    "OutputFile": "model",
    "Severity": "diagnostics",
    "build": "pipeline",
    "format_line": "diagnostics",
}

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


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("psoasguide")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value = _version()
    elif name in _HOMES:
        value = getattr(import_module(f".{_HOMES[name]}", __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
