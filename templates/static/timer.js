// The hold timer and routine player. Progressive enhancement: the timer's section is `hidden`
// in the HTML and shown here, so a page without JavaScript shows no controls. The plan (the
// phases in `data-phases`) is worked out by the site builder; this file only plays it. Time is
// read from timestamps, never counted in ticks, so a throttled or backgrounded tab stays right.
(() => {
  "use strict";

  const SOUND_KEY = "psoasguide-timer-sound";
  const TICK_MS = 200;

  const clock = (seconds) => {
    const s = Math.max(0, Math.ceil(seconds));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };

  function soundChoice(fallback) {
    try {
      const saved = localStorage.getItem(SOUND_KEY);
      return saved === null ? fallback : saved === "on";
    } catch {
      return fallback;
    }
  }

  function rememberSound(on) {
    try {
      localStorage.setItem(SOUND_KEY, on ? "on" : "off");
    } catch {
      // storage may be blocked; the choice then lasts for this page only
    }
  }

  let audio = null;
  function tone(final) {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio = audio || new Context();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    const now = audio.currentTime;
    osc.frequency.value = final ? 660 : 880;
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.2, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + (final ? 0.6 : 0.2));
    osc.connect(gain).connect(audio.destination);
    osc.start(now);
    osc.stop(now + (final ? 0.65 : 0.25));
  }

  class Timer {
    constructor(root) {
      this.root = root;
      this.phases = JSON.parse(root.dataset.phases || "[]");
      this.starts = [];
      let t = 0;
      for (const p of this.phases) {
        this.starts.push(t);
        t += p.s;
      }
      this.total = t;
      this.items = [...document.querySelectorAll("[data-item]")].map((li) => {
        const link = li.querySelector("a");
        const text = (sel) => (li.querySelector(sel) || {}).textContent || "";
        return {name: link ? link.textContent : "", href: link ? link.getAttribute("href") : "",
                cue: li.dataset.cue || "", note: text("[data-item-note]").trim(),
                stop: text("[data-item-stop]").trim(), figure: li.querySelector("svg.fig")};
      });
      this.routine = root.classList.contains("timer-routine");
      this.el = {};
      for (const name of ["phase", "count", "sub", "next", "left", "live", "summary",
                          "progress", "name", "cue", "note", "stop", "figure"]) {
        this.el[name] = root.querySelector(`[data-${name}]`);
      }
      this.main = root.querySelector('[data-action="toggle"]');
      this.sound = root.querySelector("[data-sound-toggle]");
      this.sound.checked = soundChoice(root.dataset.sound === "on");
      this.sound.addEventListener("change", () => rememberSound(this.sound.checked));
      root.addEventListener("click", (e) => {
        const button = e.target.closest("[data-action]");
        if (button) this[button.dataset.action]();
      });
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible" && this.running) this.keepAwake();
        if (this.running) this.update();
      });
      this.figureItem = -1;
      if (!this.routine) this.showFigure(document.querySelector("figure.pose svg"));
      this.reset(true);
      root.hidden = false;
    }

    // --- where we are -------------------------------------------------------------------

    elapsed() {
      return this.running ? (Date.now() - this.origin) / 1000 : this.held;
    }

    indexAt(seconds) {
      let i = 0;
      while (i + 1 < this.phases.length && this.starts[i + 1] <= seconds) i += 1;
      return seconds >= this.total ? this.phases.length : i;
    }

    // --- controls -----------------------------------------------------------------------

    toggle() {
      if (this.running) this.pause();
      else this.start();
    }

    start() {
      if (this.indexAt(this.held) >= this.phases.length) this.reset(true);
      const resuming = this.held > 0;
      this.origin = Date.now() - this.held * 1000;
      this.running = true;
      this.interval = setInterval(() => this.update(), TICK_MS);
      this.keepAwake();
      if (resuming) this.announce("Resumed", false);
      this.update();
    }

    pause() {
      this.held = this.elapsed();
      this.stop();
      this.announce("Paused", false);
      this.update();
    }

    reset(quiet) {
      this.stop();
      this.held = 0;
      this.shown = -1;
      this.skipped = 0;
      this.el.summary.hidden = true;
      this.render(0);
      if (quiet !== true) this.announce("Timer reset", false);
    }

    skip() {
      this.jumpToItem(this.currentItem() + 1, true);
    }

    back() {
      this.jumpToItem(Math.max(0, this.currentItem() - 1), false);
    }

    jumpToItem(item, skipping) {
      if (item >= this.items.length) {
        if (skipping) this.skipped += 1;
        this.seek(this.total);
        return;
      }
      const first = this.phases.findIndex((p) => p.i === item);
      if (skipping) this.skipped += 1;
      this.seek(this.starts[first]);
    }

    seek(seconds) {
      if (this.running) this.origin = Date.now() - seconds * 1000;
      else this.held = seconds;
      this.update();
    }

    stop() {
      this.running = false;
      clearInterval(this.interval);
      this.release();
    }

    // --- Screen Wake Lock ---------------------------------------------------------------

    async keepAwake() {
      if (!("wakeLock" in navigator) || this.lock) return;
      try {
        this.lock = await navigator.wakeLock.request("screen");
        this.lock.addEventListener("release", () => { this.lock = null; });
      } catch {
        this.lock = null; // not allowed here (battery saver, no user gesture...): carry on
      }
    }

    release() {
      if (this.lock) this.lock.release().catch(() => {});
      this.lock = null;
    }

    // --- showing it ---------------------------------------------------------------------

    currentItem() {
      const i = Math.min(this.indexAt(this.elapsed()), this.phases.length - 1);
      return i < 0 ? 0 : this.phases[i].i;
    }

    update() {
      const seconds = this.elapsed();
      const index = this.indexAt(seconds);
      if (index >= this.phases.length && this.running) {
        this.held = this.total;
        this.stop();
      }
      if (index !== this.shown && (this.running || this.shown !== -1 || seconds > 0)) {
        this.shown = index;
        this.announcePhase(index);
      }
      this.render(seconds);
    }

    render(seconds) {
      const index = this.indexAt(seconds);
      const done = index >= this.phases.length;
      const phase = done ? null : this.phases[index];
      const into = done ? 0 : seconds - this.starts[index];
      this.el.phase.textContent = done ? "Done" :
        (this.shown === -1 && !this.running ? "Press Start when you are in position." : phase.t);
      this.el.count.textContent = done ? "0:00" : this.countText(phase, into);
      this.el.sub.textContent = done ? "" : this.subText(phase, into);
      const after = this.phases[index + 1];
      this.el.next.textContent = after ? `Next: ${after.t}` : (done ? "" : "Next: done");
      this.el.left.textContent = `${clock(this.total - Math.min(seconds, this.total))} left`;
      this.main.textContent = this.running ? "Pause" : (seconds > 0 && !done ? "Resume" : "Start");
      this.root.dataset.state = done ? "done" : (this.running ? "running" : "paused");
      this.root.dataset.kind = phase ? phase.k : "done";
      if (this.routine && done) this.renderFinished();
      else if (this.routine) this.renderItem(phase.i);
      if (done) this.showSummary();
    }

    countText(phase, into) {
      if (phase.k !== "reps") return clock(phase.s - into);
      const each = phase.s / phase.r;
      return `${Math.min(phase.r, Math.floor(into / each) + 1)} of ${phase.r}`;
    }

    subText(phase, into) {
      if (phase.k !== "reps") return "";
      const each = phase.s / phase.r;
      return `${clock(each - (into % each))} for this one`;
    }

    renderItem(i) {
      const item = this.items[i];
      if (!item) return;
      this.el.progress.textContent = `Exercise ${i + 1} of ${this.items.length}`;
      this.el.name.replaceChildren();
      const link = document.createElement("a");
      link.href = item.href;
      link.textContent = item.name;
      this.el.name.append(link);
      this.el.cue.textContent = item.cue;
      this.el.note.textContent = item.note;
      this.el.note.hidden = !item.note;
      this.el.stop.textContent = item.stop;
      if (this.figureItem !== i) {
        this.figureItem = i;
        this.showFigure(item.figure);
      }
    }

    // A copy of the exercise's start-position figure beside the count: decorative there, since
    // the page already shows it with its text alternative; ids dropped so none repeats.
    showFigure(svg) {
      const box = this.el.figure;
      if (!box) return;
      box.replaceChildren();
      box.hidden = !svg;
      if (!svg) return;
      const copy = svg.cloneNode(true);
      for (const el of [copy, ...copy.querySelectorAll("[id]")]) el.removeAttribute("id");
      for (const title of copy.querySelectorAll("title")) title.remove();
      copy.removeAttribute("aria-labelledby");
      copy.removeAttribute("role");
      copy.setAttribute("aria-hidden", "true");
      copy.setAttribute("focusable", "false");
      box.append(copy);
    }

    renderFinished() {
      this.el.progress.textContent = "Routine finished";
      this.el.name.replaceChildren();
      for (const name of ["cue", "note", "stop"]) this.el[name].textContent = "";
      this.el.note.hidden = true;
      this.figureItem = -1;
      this.showFigure(null);
    }

    showSummary() {
      const parts = this.routine ? [] : ["All sets done."];
      if (this.routine) {
        const done = this.items.length - this.skipped;
        parts.push(`${Math.max(0, done)} of ${this.items.length} exercises done` +
                   (this.skipped ? `, ${this.skipped} skipped.` : "."));
      }
      parts.push("Stop and get advice if anything felt sharp, numb or worse afterwards.");
      this.el.summary.textContent = parts.join(" ");
      this.el.summary.hidden = false;
    }

    // --- telling the reader -------------------------------------------------------------

    announcePhase(index) {
      const phase = this.phases[index];
      if (!phase) {
        this.announce("Done. " + (this.routine ? "Routine finished." : "Timer finished."), true);
        return;
      }
      let text = phase.t;
      if (phase.k === "reps") text += `, about ${clock(phase.s)}`;
      else text += `, ${phase.s} seconds`;
      const after = this.phases[index + 1];
      if (after && ["ready", "rest", "switch"].includes(phase.k)) {
        text += `. Next: ${after.t}`;
      }
      if (this.routine && (index === 0 || this.phases[index - 1].i !== phase.i)) {
        text = `Exercise ${phase.i + 1} of ${this.items.length}. ${text}`;
      }
      this.announce(text, true, index);
    }

    announce(text, signal, index) {
      if (!text) return;
      this.el.live.textContent = text;
      if (!signal) return;
      const final = index === undefined;
      if (this.sound.checked) tone(final);
      if (navigator.vibrate) navigator.vibrate(final ? [200, 100, 200] : 150);
    }
  }

  const start = () => document.querySelectorAll("[data-timer]").forEach((el) => new Timer(el));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
