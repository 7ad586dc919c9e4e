"""Diagnostics: every problem the build finds, as data, and how it is shown.

A stage never raises for a content problem; it returns `Diagnostic` values. Only the CLI turns
them into text (`format_line`, `github_annotation`) and an exit code (`exit_code`). Every code,
with its severity, exit class and meaning, is in the table in `codes.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .codes import ENVIRONMENT_CODES


class Severity(StrEnum):
    """How bad a problem is. Errors fail the build; warnings fail it only under `--strict`."""

    ERROR = "error"
    WARNING = "warning"




@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place. `path` is relative to the site root; line and col are 1-based."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[int, str, int, int, str, str]:
        """Errors first, then by file and position."""
        rank = 0 if self.severity is Severity.ERROR else 1
        return (rank, self.path, self.line, self.col, self.code, self.message)


def error(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> Diagnostic:
    """Shorthand for an error diagnostic."""
    return Diagnostic(path, line, col, Severity.ERROR, code, message, hint)


def warning(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> Diagnostic:
    """Shorthand for a warning diagnostic."""
    return Diagnostic(path, line, col, Severity.WARNING, code, message, hint)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A "did you mean 'x'?" hint for the closest choice, or "" when nothing is close."""
    import difflib  # here: only a build with a mistyped name needs it (2 ms of every start)

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Unique diagnostics, errors first, then by path and position."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


_COLOURS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m"}
_RESET = "\033[0m"


def format_line(d: Diagnostic, colour: bool = False) -> str:
    """`path:line:col: error[code] message (hint)`, optionally coloured for a terminal."""
    label = f"{d.severity.value}[{d.code}]"
    if colour:
        label = f"{_COLOURS[d.severity]}{label}{_RESET}"
    text = f"{d.path}:{d.line}:{d.col}: {label} {d.message}"
    return f"{text} ({d.hint})" if d.hint else text


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(d: Diagnostic, path_prefix: str = "") -> str:
    """A GitHub Actions workflow command (`::error file=..,line=..,col=..::message`)."""
    message = f"[{d.code}] {d.message}" + (f" ({d.hint})" if d.hint else "")
    props = (
        f"file={_escape_property(path_prefix + d.path)},"
        f"line={d.line},col={d.col},title={_escape_property(d.code)}"
    )
    return f"::{d.severity.value} {props}::{_escape_data(message)}"


def count(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for d in diagnostics:
        if d.severity is Severity.ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def exit_code(diagnostics: Iterable[Diagnostic], strict: bool = False) -> int:
    """0 when clean, 2 for environment problems, 1 for content errors (and warnings if strict)."""
    items = list(diagnostics)
    if any(d.code in ENVIRONMENT_CODES and d.severity is Severity.ERROR for d in items):
        return 2
    errors, warnings = count(items)
    if errors or (strict and warnings):
        return 1
    return 0
