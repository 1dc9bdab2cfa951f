/* The projector: read-only kiosk. Keeps the screen awake, reconnects by itself. */
(function () {
  "use strict";
  const { h, $, fill } = SA;

  function agendaStrip(s) {
    const times = SA.agendaTimes(s);
    return s.agenda.map((seg) => {
      const live = s.live && s.live.id === seg.id;
      const skipped = seg.status === "pending" && times[seg.id] === null;
      const state = live ? "live" : seg.status === "done" || skipped ? "done" : "next";
      return h("li", { class: "seg " + state },
        h("span", { class: "seg-time" }, SA.clockTime(times[seg.id])),
        h("span", { class: "seg-title" }, seg.title),
        h("span", { class: "seg-state" }, live ? "Now" : skipped ? "Skipped" : state === "done" ? "Done" : seg.minutes + " min"));
    });
  }

  function renderState(s) {
    fill($("#agenda"), agendaStrip(s));
    setCount(s.event.count);
    if (s.event.ended) {
      fill($("#stage"), h("div", { class: "stage-idle" }, h("h1", {}, "Thanks for coming!"), h("p", {}, s.event.name + " has ended.")));
      return;
    }
    const live = s.live;
    if (!live) {
      const next = s.agenda.find((x) => x.status === "pending");
      fill($("#stage"), h("div", { class: "stage-idle" },
        h("h1", {}, s.event.name),
        h("p", { class: "big-instr" }, "Scan the QR code to join."),
        next ? h("p", { class: "up-next" }, "Up next: " + next.title) : h("p", { class: "up-next" }, "That's the end of the agenda.")));
      return;
    }
    const kind = SA.kindOf(s);
    const area = h("div", { id: "kind", class: "kind kind-" + live.kind });
    const hasKind = kind && kind.display;
    fill($("#stage"),
      h("div", { class: "stage-head" },
        h("h1", { id: "seg-title" }, live.title),
        h("div", { class: "timer-box" },
          h("div", { class: "timer", "data-timer": SA.mainTimer, role: "timer", "aria-label": s.kind.timer_label || "Time left" }),
          h("div", { class: "timer-words", "data-timer-words": SA.mainTimer }),
          SA.mainTimer === "kind" ? h("div", { class: "segment-left" }, live.title + ": ", h("span", { "data-timer": "segment" }), " left") : null)),
      live.instructions ? h("p", { class: "big-instr" + (hasKind ? " compact" : "") }, live.instructions) : null,
      area);
    if (hasKind) kind.display(area, s);
  }

  function setCount(count) {
    const el = $("#count");
    el.hidden = count === null || count === undefined;
    if (!el.hidden) fill(el, h("strong", {}, String(count)), " here");
  }

  /* Time-up chime: a short tone made in the browser (no audio file to fetch). */
  document.addEventListener("sa:phase", (e) => {
    if (e.detail.phase !== "time_up" || !SA.state || !SA.state.event.chime) return;
    try {
      const ctx = new (window.AudioContext || window.webkitAudioContext)();
      const osc = ctx.createOscillator(); const gain = ctx.createGain();
      osc.frequency.value = 880; gain.gain.setValueAtTime(0.2, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 1.2);
      osc.connect(gain).connect(ctx.destination); osc.start(); osc.stop(ctx.currentTime + 1.2);
    } catch (err) { /* no audio: the words on screen still say it */ }
  });

  async function keepAwake() {
    try { if (navigator.wakeLock) await navigator.wakeLock.request("screen"); } catch (e) { /* not allowed: fine */ }
  }
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") keepAwake(); });

  document.addEventListener("DOMContentLoaded", () => {
    keepAwake();
    SA.start({ role: "display", code: document.body.dataset.code, state: renderState, count: setCount,
      refused: (msg) => fill($("#stage"), h("div", { class: "stage-idle" }, h("h1", {}, msg))) });
    setInterval(() => { if (SA.state) fill($("#agenda"), agendaStrip(SA.state)); }, 30000);
  });
})();
