/* The projector: read-only kiosk. Keeps the screen awake, reconnects by itself. Patched from
   each state (SA.patch), so notes fade in once and timers are not redrawn mid-second. */
(function () {
  "use strict";
  const { v, $, patch } = SA;

  function agendaStrip(s) {
    const times = SA.agendaTimes(s);
    return s.agenda.map((seg) => {
      const live = s.live && s.live.id === seg.id;
      const skipped = seg.status === "pending" && times[seg.id] === null;
      const state = live ? "live" : seg.status === "done" || skipped ? "done" : "next";
      return v("li", { key: seg.id, class: "seg " + state },
        v("span", { class: "seg-time" }, SA.clockTime(times[seg.id])),
        v("span", { class: "seg-title" }, seg.title),
        v("span", { class: "seg-state" }, live ? "Now" : skipped ? "Skipped" : state === "done" ? "Done" : seg.minutes + " min"));
    });
  }

  function stage(s) {
    if (s.event.ended) {
      return v("div", { class: "stage-idle", key: "ended" }, v("h1", {}, "Thanks for coming!"), v("p", { class: "fit" }, s.event.name + " has ended."));
    }
    const live = s.live;
    if (!live) {
      const next = s.agenda.find((x) => x.status === "pending");
      return v("div", { class: "stage-idle", key: "idle" },
        v("h1", { class: "fit fit-3" }, s.event.name),
        v("p", { class: "big-instr" }, "Scan the QR code to join."),
        next ? v("p", { class: "up-next fit" }, "Up next: " + next.title) : v("p", { class: "up-next" }, "That's the end of the agenda."));
    }
    const kind = SA.kindOf(s);
    const hasKind = kind && kind.display;
    return [
      v("div", { class: "stage-head", key: "head" },
        v("h1", { id: "seg-title", class: "fit" }, live.title),
        v("div", { class: "timer-box" },
          v("div", { class: "timer", "data-timer": SA.mainTimer, role: "timer", "aria-label": s.kind.timer_label || "Time left" }),
          v("div", { class: "timer-words", "data-timer-words": SA.mainTimer }),
          // The title is in the heading: repeating a long one here would push the clock aside.
          SA.mainTimer === "kind" ? v("div", { class: "segment-left" }, "This segment: ", v("span", { "data-timer": "segment" }), " left") : null)),
      live.instructions ? v("p", { key: "instr", class: "big-instr fit " + (hasKind ? "compact fit-3" : "alone") }, live.instructions) : null,
      SA.renderKind("display", s),
    ];
  }

  function renderState(s) {
    patch($("#agenda"), agendaStrip(s));
    joinCode(s);
    setCount(s.event.count);
    patch($("#stage"), stage(s));
    if (s.live && !s.event.ended) SA.kindDrawn("display", s);
  }
  SA.draw = renderState;

  /* The rotating join code (host setting): the QR and the code come from the server every few
     seconds, for this projector only (its display key is in the link the host panel opened). */
  const key = document.body.dataset.key || "";
  const plainQr = () => "/e/" + document.body.dataset.code + "/qr.svg";
  let codeTimer = null;
  function joinCode(s) {
    const box = $("#room-code");
    if (!s.event.rotating || s.event.ended) {
      clearTimeout(codeTimer); codeTimer = null;
      box.hidden = true;
      const qr = $(".join-corner .qr");
      if (qr.getAttribute("src") !== plainQr()) qr.setAttribute("src", plainQr());
      return;
    }
    box.hidden = false;
    if (!key) {
      box.classList.add("needs-key");
      patch(box, v("strong", {}, "Open this display from the host panel to show the room code."));
      return;
    }
    if (!codeTimer) fetchCode();
  }
  function fetchCode() {
    clearTimeout(codeTimer);
    codeTimer = setTimeout(fetchCode, 10000);
    fetch("/e/" + document.body.dataset.code + "/join-code.json?key=" + encodeURIComponent(key), { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : null))
      .then((d) => {
        if (!d || !d.rotating) return;
        const qr = $(".join-corner .qr");
        if (qr.getAttribute("src") !== d.qr_svg) qr.setAttribute("src", d.qr_svg);
        patch($("#room-code"),
          v("span", { class: "room-code-label" }, "Room code"),
          v("strong", { id: "room-code-value" }, d.code),
          v("span", { class: "room-code-left" }, "changes every " + Math.round(d.window_seconds / 60) + " min"));
        // Ask again just after it changes, and every 10 s in case the clock or network hiccups.
        clearTimeout(codeTimer);
        codeTimer = setTimeout(fetchCode, Math.min(10000, Math.max(500, d.changes_in * 1000 + 300)));
      })
      .catch(() => { /* offline: the next try comes by itself */ });
  }

  function setCount(count) {
    const el = $("#count");
    el.hidden = count === null || count === undefined;
    if (!el.hidden) patch(el, v("strong", {}, String(count)), " here");
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
    SA.watchFit($("#stage"));
    SA.start({ role: "display", code: document.body.dataset.code, key: key, state: renderState, count: setCount,
      refused: (msg) => patch($("#stage"), v("div", { class: "stage-idle" }, v("h1", {}, msg))) });
    setInterval(() => { if (SA.state) patch($("#agenda"), agendaStrip(SA.state)); }, 30000);
  });
})();
