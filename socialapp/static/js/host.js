/* The host panel: the next action is the biggest button; shortcuts for the frequent ones.
   Drawn with SA.v and patched from each state (SA.patch): a field being typed in, an open
   <details> and a drag survive the states a busy room sends. */
(function () {
  "use strict";
  const { h, v, $, patch } = SA;
  const send = (name, args) => SA.send(name, args);

  function primaryAction(s) {
    const live = s.live;
    if (!live) {
      const next = s.agenda.find((x) => x.status === "pending");
      return next ? ["Start “" + next.title + "”", () => send("agenda.start")] : ["Agenda finished", null];
    }
    const st = live.timer.status;
    if (st === "running") return ["Pause timer", () => send("agenda.pause")];
    if (st === "paused") return ["Resume timer", () => send("agenda.resume")];
    return ["Start timer", () => send("agenda.start")];
  }

  /* Which clock a control acts on is in its name: the segment clock here, a kind's own timer
     (a speaker's, a round's) in the kind's area, each in a named group. */
  function controls(s) {
    const [label, action] = primaryAction(s);
    const live = s.live;
    // A kind with its own next action (draw a name, start a round) owns the biggest button.
    const kind = SA.kindOf(s);
    const leads = !!(live && live.timer.status !== "stopped" && kind && kind.leads);
    const panel = document.querySelector(".live-panel");
    if (panel) {
      panel.classList.toggle("kind-leads", leads);
      // A kind's own clock runs (a speaker's, a round's): that one is the thing, shown first.
      panel.classList.toggle("kind-clock-first", leads && SA.mainTimer === "kind");
    }
    const clockLabel = leads ? label.replace("timer", "segment clock") : label;
    return [
      v("div", { class: "segment-clock" + (leads ? " quiet" : ""), role: "group", "aria-label": "Segment clock" },
        v("button", { id: "primary", class: leads ? "segment-timer-button" : "primary", disabled: !action, onclick: action, "aria-keyshortcuts": "Space" }, clockLabel, v("kbd", {}, "Space")),
        v("button", { id: "minus", disabled: !live, onclick: () => send("agenda.extend", { seconds: -60 }), "aria-keyshortcuts": "-", "aria-label": "Segment clock −1 minute" }, "−1 min", v("kbd", {}, "−")),
        v("button", { id: "plus", disabled: !live, onclick: () => send("agenda.extend", { seconds: 60 }), "aria-keyshortcuts": "+", "aria-label": "Segment clock +1 minute" }, "+1 min", v("kbd", {}, "+"))),
      v("div", { class: "row" },
        v("button", { id: "prev", onclick: () => send("agenda.prev"), "aria-keyshortcuts": "P" }, "◀ Previous", v("kbd", {}, "P")),
        v("button", { id: "end", disabled: !live, onclick: () => confirm("End “" + live.title + "” now?") && send("agenda.end") }, "End segment"),
        v("button", { id: "next", onclick: () => send("agenda.next"), "aria-keyshortcuts": "N" }, "Next ▶", v("kbd", {}, "N"))),
      SA.timesUp ? SA.timesUp(s) : null,
    ];
  }

  /* Time's up (socialapp/timing.py): the projector's sound (off by default), when timers turn
     amber, and a private "wrap up" to the phone of whoever speaks now (the live kind says who). */
  const WARN_CHOICES = [[0, "never"], [30, "30 s before the end"], [60, "1 min before the end"], [120, "2 min before the end"], [300, "5 min before the end"]];
  function timesUp(s) {
    const t = s.host.timing || {};
    const warn = s.event.warn === undefined ? 60 : s.event.warn;
    const choices = WARN_CHOICES.some(([n]) => n === warn) ? WARN_CHOICES : WARN_CHOICES.concat([[warn, warn + " s before the end"]]);
    const kind = SA.kindOf(s);
    const own = kind && kind.wrapUp; // the kind shows the button next to its speaker
    return v("div", { class: "times-up", role: "group", "aria-label": "Time's up" },
      v("span", { class: "times-up-label" }, "Time's up"),
      v("button", { id: "sound", class: "small", "aria-pressed": String(!!s.event.chime), onclick: () => send("event.settings", { chime: !s.event.chime }) },
        s.event.chime ? "🔔 Projector sound on" : "🔕 Projector sound off"),
      v("label", { class: "small times-up-warn" }, "Turn amber ",
        v("select", { id: "warn-seconds", value: String(warn), onchange: (e) => send("event.warning", { warn_seconds: parseInt(e.target.value, 10) }) },
          choices.map(([n, words]) => v("option", { key: n, value: String(n) }, words)))),
      own ? null : wrapUpButton(s));
  }
  SA.timesUp = timesUp;

  /* "Wrap up: <name>" while someone with a phone speaks, and when the last one was sent; a
     kind with a speaker box puts it there (kind.wrapUp: true), else it is in the row above. */
  function wrapUpButton(s) {
    const t = s.host.timing || {};
    const sp = t.speaker;
    if (!sp) return null;
    const wrapUp = () => send("event.wrap_up").then((ack) => { if (ack && ack.ok) SA.toast("“Please wrap up” sent to " + ack.to + "’s phone.", "ok"); });
    return v("span", { class: "wrap-up" },
      v("button", { id: "wrap-up", class: "small", onclick: wrapUp, "aria-keyshortcuts": "W" }, "Wrap up: " + sp.label, v("kbd", {}, "W")),
      t.wrap_up_at ? v("span", { class: "muted small", id: "wrap-up-sent" }, " sent " + SA.clockTime(t.wrap_up_at)) : null);
  }
  SA.wrapUpButton = wrapUpButton;

  function agendaList(s) {
    const times = SA.agendaTimes(s);
    return s.agenda.map((seg) => {
      const live = s.live && s.live.id === seg.id;
      return v("li", { key: seg.id, class: "seg " + (live ? "live" : seg.status) },
        v("span", { class: "seg-time" }, SA.clockTime(times[seg.id])),
        v("span", { class: "seg-title" }, seg.title),
        v("span", { class: "seg-meta" }, seg.minutes + " min · " + seg.kind.replace("_", " ")),
        live ? v("span", { class: "badge" }, "LIVE") :
          v("button", { class: "small", "aria-label": (seg.status === "done" ? "Run again: " : "Go live: ") + seg.title, onclick: () => send("agenda.goto", { segment_id: seg.id }) }, seg.status === "done" ? "Run again" : "Go live"));
    });
  }

  function renderState(s) {
    SA.state = s;
    const live = s.live;
    patch($("#live-title"), live ? live.title : "Nothing live");
    patch($("#controls"), controls(s));
    patch($("#agenda-live"), agendaList(s));
    setCount(s.host.count, s.host.joined);
    if (SA.peopleView) SA.peopleView(s.host.people);
    patch($("#kind-slot"), SA.renderKind("host", s), SA.renderSide("host", s));
    SA.kindDrawn("host", s);
  }
  SA.draw = renderState;

  function setCount(count, joined) {
    patch($("#count"), v("strong", {}, String(count)), " here now", joined !== undefined ? " · " + joined + " joined" : "");
  }

  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, textarea, select, [contenteditable]") || e.ctrlKey || e.metaKey || e.altKey) return;
    const click = (id) => { const b = document.getElementById(id); if (b && !b.disabled) { e.preventDefault(); b.click(); } };
    if (e.key === " ") click("primary");
    else if (e.key === "n" || e.key === "N") click("next");
    else if (e.key === "p" || e.key === "P") click("prev");
    else if (e.key === "+" || e.key === "=") click("plus");
    else if (e.key === "-") click("minus");
    else if ((e.key === "w" || e.key === "W") && document.getElementById("wrap-up")) click("wrap-up");
    else SA.hostKey(e); // the live kind's keys
  });

  document.addEventListener("DOMContentLoaded", () => {
    const socket = SA.start({ role: "host", code: document.body.dataset.code, state: renderState,
      count: (c) => { if (SA.state) setCount(c, SA.state.host.joined); },
      refused: (msg) => SA.toast(msg) });
    // The key was rotated or the event ended: the server closes this socket. A reload shows
    // the panel again if this browser holds the new key, the sign-in page if not.
    socket.on("signed_out", (e) => {
      if ($("#signed-out")) return;
      $(".host-bar").after(h("p", { id: "signed-out", class: "flash error", role: "alert" },
        e.error + " ", h("a", { href: location.pathname }, "Reload")));
    });
    socket.on("people", (p) => {
      if (p.code && p.code !== SA.code) return; // another event's message (a shared Redis)
      if (SA.state) { SA.state.host.joined = p.joined; setCount(SA.state.host.count, p.joined); }
      if (SA.peopleView) SA.peopleView(p);
    });
    const preview = $(".preview");
    if (preview && window.ResizeObserver) {
      new ResizeObserver(() => preview.style.setProperty("--preview-scale", preview.clientWidth / 1920)).observe(preview);
    }
    document.querySelectorAll("[data-copy]").forEach((b) => b.addEventListener("click", () => {
      navigator.clipboard && navigator.clipboard.writeText(b.dataset.copy).then(() => SA.toast("Copied", "ok"));
    }));
    document.querySelectorAll("form[data-confirm]").forEach((f) => f.addEventListener("submit", (e) => {
      if (!confirm(f.dataset.confirm)) e.preventDefault();
    }));
  });
})();
