"""The live-reload script and the error overlay, served as files (never inline, never written
to disk): each HTML response gets one `<script src>` before `</body>`."""

from __future__ import annotations

import json

from ..diagnostics import Diagnostic, format_line

EVENTS_PATH = "/_psoasguide/events"
SCRIPT_PATH = "/_psoasguide/reload.js"
STYLE_PATH = "/_psoasguide/reload.css"
PROBLEMS_PATH = "/_psoasguide/problems.json"

#: The script; it names the paths above.
SCRIPT = """(() => {
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = "/_psoasguide/reload.css";
  document.head.append(style);
  fetch("/_psoasguide/problems.json", {cache: "no-store"}).then((r) => r.json())
    .then((problems) => {
    if (!problems.length) return;
    const box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.className = "psoasguide-overlay";
    box.textContent = "The last build failed; this is the previous version.\\n\\n" +
      problems.join("\\n");
    document.body.append(box);
  });
  const events = new EventSource("/_psoasguide/events");
  let version = null;
  events.onmessage = (e) => {
    if (version !== null && e.data !== version) location.reload();
    version = e.data;
  };
})();
"""

STYLE = """.psoasguide-overlay {
  position: fixed; inset: auto 0 0 0; max-height: 50vh; overflow: auto; z-index: 99999;
  background: #fff4f4; color: #600; border-top: 3px solid #b3261e; padding: 1em;
  font: 14px/1.4 monospace; white-space: pre-wrap;
}
"""

_TAG = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()


def problems_json(problems: list[Diagnostic]) -> bytes:
    """The last build's problems, one formatted line each, for the overlay."""
    return json.dumps([format_line(d) for d in problems]).encode("utf-8")


def inject(html: bytes) -> bytes:
    """`html` with the reload script's tag before `</body>`."""
    index = html.rfind(b"</body>")
    return html[:index] + _TAG + html[index:] if index >= 0 else html + _TAG
