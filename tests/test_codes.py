"""The table of diagnostic codes (`psoasguide.codes`) is complete, used, and copied in the README.

Every code the source can report is found by reading `src/` (string codes passed to `error`,
`warning`, `Diagnostic` and the schema's `fail`, and module constants named `CODE`); the
`recorded_codes` fixture in conftest also checks every code reported while the suite runs.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from psoasguide.codes import CODES, ENVIRONMENT_CODES, markdown_table
from psoasguide.diagnostics import Diagnostic, Severity, exit_code
from psoasguide.lint.settings import RULES

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src" / "psoasguide"
CODE = re.compile(r"[a-z]+(?:-[a-z]+)*")
#: Calls that take a code: the severity they give it, and where the code goes among the
#: positional arguments (`fail` is the schema's `ctx.fail(at, code, ...)` or a local `fail(code)`).
REPORTERS = {"error": ("error", (3,)), "warning": ("warning", (3,)),
             "Diagnostic": (None, (4,)), "fail": ("error", (0, 1))}


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _codes_in(tree: ast.Module) -> set[tuple[str, str | None, int]]:
    """(code, severity or None, line) for every code this module reports."""
    constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                 for t in n.targets if isinstance(t, ast.Name)
                 and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _call_name(node) not in REPORTERS:
            continue
        severity, positions = REPORTERS[_call_name(node)]
        args = [node.args[i] for i in positions if i < len(node.args)]
        for arg in [*args, *(k.value for k in node.keywords if k.arg == "code")]:
            value = arg.value if isinstance(arg, ast.Constant) else (
                constants.get(arg.id) if isinstance(arg, ast.Name) else None)
            if isinstance(value, str) and CODE.fullmatch(value):
                found.add((value, severity, node.lineno))
    return found


def source_codes() -> dict[str, set[tuple[str, str | None]]]:
    """Every code reported in src/, with (file:line, severity) of each use."""
    uses: dict[str, set[tuple[str, str | None]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for code, severity, line in _codes_in(ast.parse(path.read_text(encoding="utf-8"))):
            uses.setdefault(code, set()).add((f"{path.relative_to(REPO)}:{line}", severity))
    return uses


def test_the_scan_finds_codes_of_every_reporting_style() -> None:
    uses = source_codes()
    # error(...), warning(...), ctx.fail(...), a local fail(...), and a module CODE constant
    for code in ("unknown-target", "orphan", "bad-value", "unknown-page", "overclaim"):
        assert code in uses, code
    assert len(uses) >= 45
    made_up = 'CODE = "made-up"\nerror(p, 1, 1, CODE, "m")\nwarning(p, 1, 1, code="odd-one")\n'
    assert {c for c, _, _ in _codes_in(ast.parse(made_up))} == {"made-up", "odd-one"}


def test_every_code_the_source_reports_is_in_the_table() -> None:
    missing = {code: sorted(where for where, _ in places)
               for code, places in source_codes().items() if code not in CODES}
    assert not missing, f"add these to psoasguide/codes.py: {missing}"


def test_every_code_is_reported_with_the_severity_the_table_gives() -> None:
    wrong = [(code, where, severity) for code, places in source_codes().items()
             for where, severity in places
             if code in CODES and severity and severity != CODES[code].severity]
    assert not wrong


def test_every_code_in_the_table_is_reported_somewhere() -> None:
    assert set(CODES) - set(source_codes()) == set()


def test_every_lint_rule_is_a_code() -> None:
    assert set(RULES) <= set(CODES)


def test_exit_class_decides_the_exit_code() -> None:
    environment = set(ENVIRONMENT_CODES)
    assert environment == {"no-site-config", "unreadable", "output-not-ours", "output-failed",
                           "bad-option", "search-index"}
    for code in CODES.values():
        d = Diagnostic("x", 1, 1, Severity(code.severity), code.name, "m")
        expected = {"error": {"content": 1, "environment": 2}[code.exit], "warning": 0}
        assert exit_code([d]) == expected[code.severity], code
        assert exit_code([d], strict=True) == (2 if code.exit == "environment" else 1), code


def test_the_readme_has_the_current_table() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "run: python scripts/codes_table.py"


def test_codes_reported_at_run_time_are_recorded(recorded_codes: set[str], check) -> None:
    check({"content/pages/x.md": "no front matter\n"})
    assert "no-front-matter" in recorded_codes
