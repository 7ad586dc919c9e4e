"""The Jinja2 environment: site templates over the default theme, autoescape, StrictUndefined.

Template problems become diagnostics naming the template file and line, never a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

from ..diagnostics import Diagnostic, error

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"


class Templates:
    """Loads templates from the site's `templates/` first, then the default theme."""

    def __init__(self, dirs: Sequence[Path], root: Path) -> None:
        self.root = root
        self.dirs = [d.resolve() for d in dict.fromkeys(dirs) if d.is_dir()]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.dirs]),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def _display(self, filename: str | None, name: str) -> str:
        if not filename:
            return f"templates/{name}"
        path = Path(filename).resolve()
        try:
            return path.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def _problem(self, exc: Exception, name: str) -> Diagnostic:
        if isinstance(exc, jinja2.TemplateSyntaxError):
            where = self._display(exc.filename, exc.name or name)
            return error(where, exc.lineno or 1, 1, "template-syntax", exc.message or str(exc))
        if isinstance(exc, jinja2.TemplateNotFound):
            return error(f"templates/{exc.name}", 1, 1, "template-missing",
                         f"template '{exc.name}' was not found",
                         "add it to templates/ or remove the reference")
        filename, line = _template_frame(exc.__traceback__, self.dirs)
        message = exc.message if isinstance(exc, jinja2.UndefinedError) else (
            f"{type(exc).__name__}: {exc}")
        return error(self._display(filename, name), line, 1, "template-error", str(message))

    def render(self, name: str, **context: Any) -> tuple[str | None, Diagnostic | None]:
        """Render template `name`; the text, or None and the problem."""
        try:
            return self.env.get_template(name).render(**context), None
        except Exception as exc:  # any template failure is the author's, reported as such
            return None, self._problem(exc, name)


def _template_frame(tb: TracebackType | None, dirs: Sequence[Path]) -> tuple[str | None, int]:
    """The innermost traceback frame inside a template file: (filename, line)."""
    found: tuple[str | None, int] = (None, 1)
    roots = tuple(str(d) for d in dirs)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(roots):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
