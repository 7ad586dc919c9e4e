// psoasguide serve: reload the page when a rebuild finishes, and show the last build's problems.
// Served as a file (never written to the site) so the pages' security policy can refuse inline
// script; the problems come in the script element's data-problems attribute.
(() => {
  const me = document.currentScript;
  const problems = JSON.parse((me && me.dataset.problems) || "[]");
  if (problems.length) {
    const box = document.createElement("div");
    box.setAttribute("role", "alert");
    Object.assign(box.style, {
      position: "fixed", inset: "auto 0 0 0", maxHeight: "50vh", overflow: "auto",
      background: "#fff4f4", color: "#600", borderTop: "3px solid #b3261e", padding: "1em",
      font: "14px/1.4 monospace", whiteSpace: "pre-wrap", zIndex: "99999",
    });
    box.textContent = "The last build failed; this is the previous version.\n\n" +
      problems.join("\n");
    document.body.append(box);
  }
  const events = new EventSource((me && me.dataset.events) || "/__psoasguide/events");
  let version = null;
  events.onmessage = (e) => {
    if (version !== null && e.data !== version) location.reload();
    version = e.data;
  };
})();
