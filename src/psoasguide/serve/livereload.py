"""The live-reload script, injected into HTML responses (never written to disk)."""

from __future__ import annotations

import json

from ..diagnostics import Diagnostic, format_line

EVENTS_PATH = "/__psoasguide/events"

_SCRIPT = """<script>
(() => {
  const problems = %s;
  if (problems.length) {
    const box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;" +
      "background:#fff4f4;color:#600;border-top:3px solid #b3261e;padding:1em;" +
      "font:14px/1.4 monospace;white-space:pre-wrap;z-index:99999";
    box.textContent = "The last build failed; this is the previous version.\\n\\n" +
      problems.join("\\n");
    document.body.append(box);
  }
  const events = new EventSource(%s);
  let version = null;
  events.onmessage = (e) => {
    if (version !== null && e.data !== version) location.reload();
    version = e.data;
  };
})();
</script>"""


def inject(html: bytes, problems: list[Diagnostic]) -> bytes:
    """`html` with the reload script (and any build problems) before `</body>`."""
    lines = [format_line(d) for d in problems]
    script = _SCRIPT % (json.dumps(lines).replace("</", "<\\/"), json.dumps(EVENTS_PATH))
    marker = b"</body>"
    index = html.rfind(marker)
    data = script.encode("utf-8")
    return html[:index] + data + html[index:] if index >= 0 else html + data
