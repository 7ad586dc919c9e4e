"""The live-reload script: a file served by the dev server (never written to disk), named by a
`<script src>` injected into HTML responses, so the pages' Content-Security-Policy holds."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..diagnostics import Diagnostic, format_line

EVENTS_PATH = "/__psoasguide/events"
SCRIPT_PATH = "/__psoasguide/reload.js"
SCRIPT = (Path(__file__).parent / "reload.js").read_bytes()


def inject(html: bytes, problems: list[Diagnostic]) -> bytes:
    """`html` with the reload script's tag (and any build problems) before `</body>`."""
    lines = json.dumps([format_line(d) for d in problems])
    tag = (f'<script src="{SCRIPT_PATH}" data-events="{EVENTS_PATH}" '
           f'data-problems="{escape(lines, quote=True)}"></script>')
    marker = b"</body>"
    index = html.rfind(marker)
    data = tag.encode("utf-8")
    return html[:index] + data + html[index:] if index >= 0 else html + data
