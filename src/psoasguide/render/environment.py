"""The Jinja2 environment: site templates over the default theme, autoescape, StrictUndefined.

Template problems become diagnostics naming the template file and line, never a traceback.
Templates run sandboxed (no Python internals) and guarded: a page that takes longer than
`RENDER_SECONDS` or grows past `MAX_PAGE_CHARS` stops with a `template-limit` problem, and after
one such page the rest are not tried (the build fails anyway).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from types import BuiltinMethodType, FrameType, MethodType, TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from ..diagnostics import Diagnostic, error

#: Most CPU seconds a page may take to render, and most characters it may have.
RENDER_SECONDS = 3.0
MAX_PAGE_CHARS = 32_000_000
#: The size is added up and the clock read once every this many pieces of a page (a page has
#: about 270), so a page may grow past its limit by as many pieces.
_CLOCK_EVERY = 16


_MISSING = object()
_METHODS = (MethodType, BuiltinMethodType)


class _LimitExceeded(Exception):
    """A page ran past the render guard's time or size limit."""


class _GuardedEnvironment(SandboxedEnvironment):
    """The sandbox, and `*` and `**` refused when their result would be huge."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """The sandbox's answer, which depends only on the attribute's name and the object's
        type, worked out once for each (a page reads some 250 attributes)."""
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute` as the sandbox gives it, straight away when the attribute is known to
        be safe on that type and its value is not a method (which the sandbox may wrap)."""
        if self._safe.get((type(obj), attribute)):
            value = getattr(obj, attribute, _MISSING)
            if value is not _MISSING and not isinstance(value, _METHODS):
                return value
        return super().getattr(obj, attribute)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int) and \
                        len(seq) * times > MAX_PAGE_CHARS:
                    raise _LimitExceeded(f"'*' would make {len(seq) * times:,} items")
        if operator == "**" and isinstance(right, int) and abs(right) > 1000 and \
                isinstance(left, int) and abs(left) > 1:
            raise _LimitExceeded(f"'**' with the exponent {right} is too large")
        return super().call_binop(context, operator, left, right)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise `_LimitExceeded` in the main thread after `seconds` of CPU time, so a busy machine
    does not stop a page that is merely waiting its turn (elsewhere: do nothing)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(_signum: int, _frame: FrameType | None) -> None:
        raise _LimitExceeded(f"rendering took more than {RENDER_SECONDS:g} CPU seconds")

    previous = signal.signal(signal.SIGPROF, ring)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


class Templates:
    """Loads templates from the site's `templates/` first, then the default theme."""

    def __init__(self, dirs: Sequence[Path], root: Path,
                 compiled: jinja2.BytecodeCache | None = None) -> None:
        """`compiled`: where compiled templates are kept between builds (the dev server's)."""
        self.root = root
        self.dirs = [d.resolve() for d in dict.fromkeys(dirs) if d.is_dir()]
        self.stopped = False  # a page hit the render guard; the others are not tried
        self.env = _GuardedEnvironment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.dirs]),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=compiled,
            # one build reads each template once: no file is checked for changes per page
            auto_reload=False,
        )

    def preload(self, ctx: Any = None) -> None:
        """Compile every HTML template now, before the pages (of `ctx`) are shared out to
        forked workers, which would each compile them again. A template's problems are
        reported by the pages that use it."""
        for name in self.env.list_templates(extensions=["html"]):
            try:
                self.env.get_template(name)
            except Exception:  # reported by the pages that use it, if any
                continue

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
        where = self._display(filename, name)
        if isinstance(exc, _LimitExceeded):
            return error(where, line, 1, "template-limit", f"{exc}; stopped rendering",
                         f"a page may take {RENDER_SECONDS:g} CPU seconds and {MAX_PAGE_CHARS:,} "
                         "characters: look for a loop that never ends or grows too much")
        if isinstance(exc, SecurityError):
            return error(where, line, 1, "template-unsafe", str(exc),
                         "templates may not reach Python internals")
        message = exc.message if isinstance(exc, jinja2.UndefinedError) else (
            f"{type(exc).__name__}: {exc}")
        return error(where, line, 1, "template-error", str(message))

    def render_page(self, url: str, name: str, site: Any, make_view: Callable[[Any], Any],
                    ctx: Any) -> tuple[bytes | None, Diagnostic | None]:
        """The page at `url` through template `name`, in UTF-8: its view is `make_view(ctx)`
        (`url` names the page to a stand-in that reuses pages, `cache.CachedTemplates`).
        Encoded where it is rendered, it travels from a worker at half a text's size."""
        text, problem = self.render(name, site=site, page=make_view(ctx))
        return None if text is None else text.encode("utf-8"), problem

    def render(self, name: str, **context: Any) -> tuple[str | None, Diagnostic | None]:
        """Render template `name`; the text, or None and the problem (None, None once an
        earlier page hit the render guard)."""
        if self.stopped:
            return None, None
        try:
            template = self.env.get_template(name)
            with _alarm(RENDER_SECONDS):
                return _guarded(template.generate(**context)), None
        except Exception as exc:  # any template failure is the author's, reported as such
            self.stopped = isinstance(exc, _LimitExceeded | RecursionError | MemoryError)
            return None, self._problem(exc, name)


def _guarded(chunks: Generator[str, None, None]) -> str:
    """Join a template's output, stopping it when it grows too long or runs out of time. The
    stop is thrown into the template, so the problem is reported at the template's line. The
    pieces are taken `_CLOCK_EVERY` at a time (in C), then counted and the clock read."""
    out: list[str] = []
    size = 0
    deadline = time.process_time() + RENDER_SECONDS
    try:
        while batch := list(islice(chunks, _CLOCK_EVERY)):
            out += batch
            size += sum(map(len, batch))
            if size > MAX_PAGE_CHARS:
                raise _LimitExceeded(f"the page grew past {MAX_PAGE_CHARS:,} characters")
            if time.process_time() > deadline:
                raise _LimitExceeded(f"rendering took more than {RENDER_SECONDS:g} CPU seconds")
    except _LimitExceeded as exc:
        chunks.throw(exc)  # raises it again, from inside the template when it is suspended
    return "".join(out)


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
