/* open_mic segment screens: the phone (bowl, your turn), the projector (speaker, big timer,
   on deck) and the host panel (draw, call up, timer, absent, add by hand, close).
   Built with SA.h only: names and story titles people type always stay text. */
(function () {
  "use strict";
  const { h, fill } = SA;

  /* Screens re-render on every state. Inputs are made once and moved into each new render,
     so typed text and focus survive other people's changes. */
  const kept = {};
  function keep(id, make) {
    if (kept[id]) return kept[id];
    const el = (kept[id] = make());
    el.dataset.focused = "";
    el.addEventListener("focus", () => { el.dataset.focused = "1"; });
    el.addEventListener("blur", () => setTimeout(() => { if (document.activeElement !== el) el.dataset.focused = ""; }, 0));
    return el;
  }
  function refocus() {
    Object.values(kept).forEach((el) => {
      if (el.dataset.focused && el.isConnected && document.activeElement !== el) {
        try { el.focus({ preventScroll: true }); } catch (e) { /* old browser */ }
      }
    });
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function bowlLine(k) {
    const names = plural(k.in_bowl, "name", "names") + " in the bowl";
    return k.closed ? "Bowl closed · " + names : names;
  }
  function quoted(title) { return title ? "“" + title + "”" : null; }
  function minutes(k) { return k.speaker_minutes + " minute" + (k.speaker_minutes === 1 ? "" : "s"); }

  /* ---------------- phone ---------------- */

  function seenKey() { return "sa-mic-seen-" + SA.code; }
  function seen() { try { return JSON.parse(localStorage.getItem(seenKey()) || "[]"); } catch (e) { return []; } }
  function markSeen(key) { try { localStorage.setItem(seenKey(), JSON.stringify(seen().concat([key]).slice(-50))); } catch (e) { /* private mode */ } }

  function moment(mine) {
    if (!mine) return null;
    if (mine.status === "speaking") return "speaking";
    if (mine.status === "drawn") return mine.position === 1 ? "deck" : "drawn";
    return null;
  }

  /* Full-screen notice, once per moment (drawn, on deck, speaking), with a vibration. */
  function alertOverlay(k, mine) {
    const m = moment(mine);
    const old = document.getElementById("mic-alert");
    const key = m && mine.id + ":" + m;
    if (!m || seen().includes(key)) { if (old) old.remove(); return; }
    if (old && old.dataset.key === key) return;
    if (old) old.remove();
    const words = {
      drawn: ["Your name was drawn!", "You are number " + mine.position + " in the running order. " + k.go_to],
      deck: ["You're on deck!", "You speak next. " + k.go_to],
      speaking: ["It's your turn!", "The room is listening: " + minutes(k) + " for your story."],
    }[m];
    const close = () => { markSeen(key); overlay.remove(); };
    const overlay = h("div", { id: "mic-alert", class: "mic-alert kind-overlay mic-" + m, role: "alertdialog", "aria-modal": "true", "aria-labelledby": "mic-alert-title", dataset: { key, kind: "open_mic" } },
      h("div", { class: "mic-alert-body" },
        h("p", { class: "mic-alert-icon", "aria-hidden": "true" }, m === "speaking" ? "🎤" : "🎉"),
        h("h1", { id: "mic-alert-title" }, words[0]),
        h("p", { class: "mic-alert-text" }, words[1]),
        mine.title ? h("p", { class: "mic-alert-story" }, quoted(mine.title)) : null,
        h("button", { class: "primary big", id: "mic-alert-ok", onclick: close }, m === "speaking" ? "I'm at the mic" : "OK, on my way")));
    document.body.append(overlay);
    try { if (navigator.vibrate) navigator.vibrate([300, 120, 300, 120, 300]); } catch (e) { /* not allowed */ }
    const ok = overlay.querySelector("button");
    if (ok) ok.focus({ preventScroll: true });
  }

  function orderList(k, mineId) {
    if (!k.speaker && !k.order.length) return null;
    const rows = [];
    if (k.speaker) rows.push(h("li", { class: "mic-now" + (k.speaker.id === mineId ? " mine" : "") }, h("span", { class: "mic-tag" }, "Speaking"), h("span", { class: "mic-name" }, k.speaker.name)));
    k.order.forEach((e, i) => rows.push(h("li", { class: e.id === mineId ? "mine" : "" },
      h("span", { class: "mic-tag" }, i === 0 ? "On deck" : String(i + 1)), h("span", { class: "mic-name" }, e.name))));
    if (k.order_total > k.order.length) rows.push(h("li", { class: "muted" }, "+ " + (k.order_total - k.order.length) + " more"));
    return h("div", { class: "card mic-order" }, h("h2", {}, "Running order"), h("ol", { class: "mic-list" }, rows));
  }

  function titleInput() {
    return keep("title", () => h("input", { id: "mic-title", name: "title", maxlength: "80", autocomplete: "off", placeholder: "e.g. The paper we wrote across 4 time zones", "aria-describedby": "mic-title-help" }));
  }

  function phone(el, s, me, send) {
    const k = s.kind || {};
    if (k.in_bowl === undefined) return;
    const mine = me && me.kind ? me.kind.entry : null;
    const status = mine ? mine.status : "out";
    el.dataset.status = status;
    let card, actions = null;
    if (status === "out") {
      if (k.closed) {
        card = h("div", { class: "card mic-status" }, h("h2", {}, "The bowl is closed"), h("p", {}, "No new names for this round. Enjoy the stories!"));
      } else {
        const input = titleInput();
        const enter = () => send("open_mic.enter", { title: input.value }).then((ack) => { if (ack && ack.ok) { input.value = ""; input.dataset.focused = ""; } });
        card = h("div", { class: "card mic-status" },
          h("h2", {}, "Have a story to tell?"),
          k.theme ? h("p", { class: "mic-theme" }, "Theme: ", h("strong", {}, k.theme)) : null,
          h("p", {}, "Put your name in the bowl. Names are drawn at random; each story gets " + minutes(k) + "."),
          h("label", { class: "field", for: "mic-title" }, h("span", {}, "Story title (optional)"), input,
            h("small", { id: "mic-title-help" }, "Up to 80 characters, shown on the big screen when you speak.")));
        actions = h("div", { class: "actions" }, h("button", { id: "mic-enter", class: "primary big", onclick: enter }, "Put my name in the bowl"));
      }
    } else if (status === "bowl") {
      card = h("div", { class: "card mic-status mic-in" },
        h("p", { class: "mic-big", "aria-hidden": "true" }, "🥣"),
        h("h2", {}, "Your name is in the bowl"),
        mine.title ? h("p", { class: "mic-story" }, quoted(mine.title)) : null,
        h("p", { id: "mic-bowl-count" }, bowlLine(k) + ". Keep your phone at hand: it buzzes when you're drawn."));
      actions = h("div", { class: "actions" }, h("button", { id: "mic-withdraw", class: "big", onclick: () => send("open_mic.withdraw") }, "Take my name out"));
    } else if (status === "drawn") {
      const deck = mine.position === 1;
      card = h("div", { class: "card mic-status mic-drawn" },
        h("p", { class: "eyebrow" }, deck ? "On deck" : "Drawn"),
        h("h2", {}, deck ? "You're on deck: you speak next" : "You're drawn: number " + mine.position + " in line"),
        h("p", { class: "mic-go" }, k.go_to),
        mine.title ? h("p", { class: "mic-story" }, quoted(mine.title)) : null);
    } else if (status === "speaking") {
      card = h("div", { class: "card mic-status mic-speaking" },
        h("p", { class: "eyebrow" }, "Speaking now"),
        h("h2", {}, "It's your turn!"),
        h("div", { class: "timer mic-phone-timer", "data-timer": "kind", role: "timer", "aria-label": "Your time left" }),
        h("p", { class: "timer-words", "data-timer-words": "kind" }),
        mine.title ? h("p", { class: "mic-story" }, quoted(mine.title)) : null);
    } else if (status === "done") {
      card = h("div", { class: "card mic-status" }, h("h2", {}, "Thank you for your story!"), h("p", {}, "Stay around for the others."));
    } else {
      card = h("div", { class: "card mic-status" }, h("h2", {}, "You were called but not here"), h("p", {}, "Ask the host if you still want to speak."));
    }
    fill(el, card,
      status !== "bowl" ? h("p", { class: "mic-count muted", id: "mic-count" }, bowlLine(k)) : null,
      orderList(k, mine ? mine.id : null),
      actions);
    refocus();
    alertOverlay(k, mine);
  }

  /* ---------------- projector ---------------- */

  function display(el, s) {
    const k = s.kind || {};
    if (k.in_bowl === undefined) return;
    const sp = k.speaker;
    const main = sp
      ? h("div", { class: "mic-stage-speaker" },
          h("p", { class: "mic-eyebrow" }, "Now speaking"),
          h("p", { class: "mic-speaker-name", id: "mic-speaker-name" }, sp.name),
          sp.title ? h("p", { class: "mic-speaker-title" }, quoted(sp.title)) : null)
      : h("div", { class: "mic-stage-speaker idle" },
          h("p", { class: "mic-eyebrow" }, k.order.length ? "Up next" : "Open mic"),
          k.order.length
            ? h("p", { class: "mic-speaker-name", id: "mic-speaker-name" }, k.order[0].name)
            : h("p", { class: "mic-call" }, "Put your name in the bowl on your phone"),
          k.theme ? h("p", { class: "mic-theme" }, "Theme: " + k.theme) : null);
    // With a speaker, the first name in the running order is on deck; without one, it is
    // "up next" in the main area and the side lists the ones after it.
    const deck = sp ? k.order[0] : null;
    const skip = sp ? 1 : Math.min(1, k.order.length);
    const rest = k.order.slice(skip, skip + 5);
    const more = k.order_total - skip - rest.length;
    fill(el, h("div", { class: "mic-display" },
      main,
      h("div", { class: "mic-side" },
        deck ? h("div", { class: "mic-deck" }, h("p", { class: "mic-eyebrow" }, "On deck"), h("p", { class: "mic-deck-name", id: "mic-deck" }, deck.name)) : null,
        rest.length ? h("div", {}, h("p", { class: "mic-eyebrow" }, "Then"), h("p", { class: "mic-then" }, rest.map((e) => e.name).join(" · ") + (more > 0 ? " · +" + more : ""))) : null,
        h("p", { class: "mic-bowl", id: "mic-bowl" }, h("strong", {}, String(k.in_bowl)), k.in_bowl === 1 ? " name in the bowl" : " names in the bowl", k.closed ? " · bowl closed" : ""))));
  }

  /* ---------------- host panel ---------------- */

  function primary(k, send) {
    const sp = k.speaker;
    if (sp) {
      const st = k.timer.status;
      if (st === "running") return ["Pause speaker timer", () => send("open_mic.pause")];
      if (st === "paused") return ["Resume speaker timer", () => send("open_mic.resume")];
      return ["Start " + SA.fmt(k.timer.remaining) + " for " + sp.name, () => send("open_mic.start")];
    }
    if (k.order.length) return ["Call up " + k.order[0].name, () => send("open_mic.next")];
    if (k.in_bowl) return ["Draw a name", () => send("open_mic.draw")];
    return [k.closed ? "Bowl closed and empty" : "The bowl is empty", null];
  }

  function entryRow(e, hk, send, opts) {
    const absent = (back) => {
      if (!back && !confirm("Take " + e.name + " out of this round?")) return;
      send("open_mic.absent", { entry_id: e.id, back, redraw: kept.redraw && kept.redraw.checked });
    };
    return h("li", { class: "mic-row" + (opts.speaking ? " speaking" : "") + (opts.tag ? "" : " untagged"), dataset: { entry: e.id } },
      opts.tag ? h("span", { class: "mic-no" }, opts.tag) : null,
      h("span", { class: "mic-who" }, h("strong", {}, e.name), e.manual ? h("span", { class: "muted" }, " (by hand)") : null,
        e.title ? h("span", { class: "mic-t" }, " " + quoted(e.title)) : null),
      h("span", { class: "mic-acts" },
        opts.absent ? h("button", { class: "small", title: "Not here: back into the bowl", onclick: () => absent(true) }, "Not here → bowl") : null,
        opts.absent ? h("button", { class: "small", title: "Not here: out of this round", onclick: () => absent(false) }, "Not here → out") : null,
        opts.remove ? h("button", { class: "small danger", "aria-label": "Remove " + e.name, onclick: () => confirm("Remove " + e.name + "?") && send("open_mic.remove", { entry_id: e.id }) }, "Remove") : null));
  }

  function host(el, s, send) {
    const k = s.kind || {};
    const hk = (s.host && s.host.kind) || {};
    if (k.in_bowl === undefined || !hk.bowl) return;
    const [label, action] = primary(k, send);
    const sp = k.speaker;
    const count = keep("count", () => h("input", { id: "mic-count-input", type: "number", min: "2", max: "20", value: "3", "aria-label": "How many names to draw", class: "mic-num" }));
    const redraw = keep("redraw", () => h("input", { type: "checkbox", id: "mic-redraw", checked: true }));
    const addName = keep("addName", () => h("input", { id: "mic-add-name", maxlength: "40", placeholder: "Name", "aria-label": "Name to add by hand", autocomplete: "off" }));
    const addTitle = keep("addTitle", () => h("input", { id: "mic-add-title", maxlength: "80", placeholder: "Story title (optional)", "aria-label": "Story title", autocomplete: "off" }));
    const add = (e) => {
      e.preventDefault();
      send("open_mic.add", { name: addName.value, title: addTitle.value }).then((ack) => {
        if (ack && ack.ok) { addName.value = ""; addTitle.value = ""; addName.focus(); }
      });
    };
    const drawLabel = sp && !k.order.length ? "Draw on deck" : "Draw a name";
    fill(el,
      h("div", { class: "mic-host-now" },
        sp ? h("div", { class: "mic-host-speaker" },
          h("p", { class: "eyebrow" }, "Speaking"),
          h("p", { class: "mic-host-name" }, sp.name, sp.title ? h("span", { class: "mic-t" }, " " + quoted(sp.title)) : null),
          h("p", {}, h("span", { class: "timer mic-host-timer", "data-timer": "kind" }), " ", h("span", { class: "timer-words", "data-timer-words": "kind" })))
          : h("p", { class: "muted" }, "Nobody is speaking.")),
      h("button", { id: "mic-primary", class: "primary mic-primary", disabled: !action, onclick: action }, label,
        h("kbd", {}, sp ? "S" : k.order.length ? "C" : "D")),
      h("div", { class: "row mic-row-buttons" },
        h("button", { id: "mic-draw", disabled: !k.in_bowl, onclick: () => send("open_mic.draw"), "aria-keyshortcuts": "D" }, drawLabel, h("kbd", {}, "D")),
        h("span", { class: "mic-several" }, count, h("button", { id: "mic-draw-several", disabled: !k.in_bowl, onclick: () => send("open_mic.draw", { count: Math.max(1, Math.min(20, parseInt(count.value, 10) || 1)) }) }, "Draw several")),
        h("button", { id: "mic-next", disabled: !k.order.length, onclick: () => send("open_mic.next"), "aria-keyshortcuts": "C" }, sp ? "Next speaker" : "Call up", h("kbd", {}, "C"))),
      h("div", { class: "row mic-row-buttons" },
        h("button", { id: "mic-timer", disabled: !sp, onclick: () => send(sp && k.timer.status === "running" ? "open_mic.pause" : "open_mic.start"), "aria-keyshortcuts": "S" },
          sp && k.timer.status === "running" ? "Pause" : sp && k.timer.status === "paused" ? "Resume" : "Start", h("kbd", {}, "S")),
        h("button", { id: "mic-plus30", disabled: !sp, onclick: () => send("open_mic.extend", { seconds: 30 }), "aria-keyshortcuts": "T" }, "+30 s", h("kbd", {}, "T")),
        h("button", { id: "mic-end", disabled: !sp, onclick: () => send("open_mic.end"), "aria-keyshortcuts": "E" }, "End talk", h("kbd", {}, "E")),
        h("button", { id: "mic-close", onclick: () => send("open_mic.close", { closed: !k.closed }) }, k.closed ? "Reopen the bowl" : "Close the bowl"),
        h("button", { id: "mic-chime", "aria-pressed": String(!!s.event.chime), onclick: () => send("event.settings", { chime: !s.event.chime }) }, s.event.chime ? "🔔 Chime on" : "🔕 Chime muted")),
      h("div", { class: "mic-host-lists" },
        h("section", {},
          h("h3", {}, "Running order ", h("span", { class: "muted" }, "(" + hk.order.length + ")")),
          h("label", { class: "check small" }, redraw, "When someone is not here, draw again at once"),
          h("ol", { class: "mic-rows", id: "mic-order" },
            hk.speaker ? entryRow(hk.speaker, hk, send, { speaking: true, tag: "🎤", absent: true }) : null,
            hk.order.map((e, i) => entryRow(e, hk, send, { tag: i === 0 ? "On deck" : "#" + e.no, absent: true, remove: true })),
            !hk.speaker && !hk.order.length ? h("li", { class: "muted" }, "Nobody drawn yet.") : null)),
        h("section", {},
          h("h3", {}, "In the bowl ", h("span", { class: "muted", id: "mic-host-count" }, "(" + hk.bowl.length + ")"), k.closed ? h("span", { class: "badge mic-closed" }, "CLOSED") : null),
          h("ul", { class: "mic-rows", id: "mic-bowl-list" },
            hk.bowl.map((e) => entryRow(e, hk, send, { remove: true })),
            !hk.bowl.length ? h("li", { class: "muted" }, "Empty.") : null),
          h("form", { class: "mic-add", onsubmit: add }, addName, addTitle, h("button", { type: "submit" }, "Add by hand"))),
        h("details", { class: "mic-log" },
          h("summary", {}, "Spoken (" + hk.done.length + "), absent (" + hk.absent.length + "), draw log (" + hk.log.length + ")"),
          hk.done.length ? h("p", {}, "Spoken: " + hk.done.map((e) => e.name).join(", ")) : null,
          hk.absent.length ? h("ul", { class: "mic-rows" }, hk.absent.map((e) => entryRow(e, hk, send, { remove: true, tag: "absent" }))) : null,
          h("ol", { class: "mic-loglist" }, hk.log.map((g) => h("li", {},
            SA.clockTime(g.at), " · ", g.action === "draw" ? "drew #" + g.no + " " : g.action === "absent_back" ? "not here, back in the bowl: " : "not here, out: ",
            h("strong", {}, g.name), g.action === "draw" ? " (from " + g.pool + ")" : ""))))));
    refocus();
  }

  /* Host shortcuts D, C, S, T, E (core uses Space, N, P, +, -). A listener of our own, so
     another kind's SA.hostKeys cannot replace it. */
  document.addEventListener("keydown", (e) => {
    if (!document.body.classList.contains("host") || !SA.state || !SA.state.live || SA.state.live.kind !== "open_mic") return;
    if (e.target.closest("input, textarea, select, [contenteditable]") || e.ctrlKey || e.metaKey || e.altKey) return;
    const ids = { d: "mic-draw", c: "mic-next", s: "mic-timer", t: "mic-plus30", e: "mic-end" };
    const id = ids[(e.key || "").toLowerCase()];
    const b = id && document.getElementById(id);
    if (b && !b.disabled) { e.preventDefault(); b.click(); }
  });

  // leads: draw / call up / start is the host's next action, so the segment timer steps back.
  SA.kinds.open_mic = { phone, display, host, leads: true };
})();
