/* open_mic segment screens: the phone (bowl, your turn), the projector (speaker, big timer,
   on deck) and the host panel (draw, call up, timer, absent, add by hand, close).
   The talk-queue mode (k.mode === "talk_queue") is the same screens with a talk title and a
   one-line pitch, first-come or drawn order, and "I can help" on the phones.
   Drawn with SA.v and patched by the screens: names and story titles people type always stay
   text, and fields keep what is being typed in them while states arrive. */
(function () {
  "use strict";
  const { h } = SA; // the full-screen notice below is put on the page once, not patched
  const v = (...a) => SA.v(...a);

  /* The fields on the page (refs): read when a button is pressed, never set from a state. */
  const kept = {};
  const refs = {};
  const keep = (id) => refs[id] || (refs[id] = (el) => { kept[id] = el; });

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  const talks = (k) => k.mode === "talk_queue";
  const firstCome = (k) => k.order_by === "first_come";
  function bowlLine(k) {
    const names = firstCome(k)
      ? plural(k.order_total, "talk", "talks") + " waiting"
      : plural(k.in_bowl, talks(k) ? "talk" : "name", talks(k) ? "talks" : "names") + " in the bowl";
    return k.closed ? (firstCome(k) ? "Sign-up closed · " : "Bowl closed · ") + names : names;
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
  function loud(k, m) { return m && !(m === "drawn" && firstCome(k)); }

  /* Full-screen notice, once per moment (drawn, on deck, speaking), with a vibration. */
  function alertOverlay(k, mine) {
    const m = moment(mine);
    const old = document.getElementById("mic-alert");
    const key = m && mine.id + ":" + m;
    if (!loud(k, m) || seen().includes(key)) { if (old) old.remove(); return; }
    if (old && old.dataset.key === key) return;
    if (old) old.remove();
    const words = {
      drawn: [firstCome(k) ? "You're in the queue!" : "Your name was drawn!", "You are number " + mine.position + " in the running order. " + k.go_to],
      deck: ["You're on deck!", "You speak next. " + k.go_to],
      speaking: [talks(k) ? "You're up!" : "It's your turn!", "The room is listening: " + minutes(k) + " for your " + (talks(k) ? "talk." : "story.")],
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
    const what = (e) => talks(k) && e.title ? v("span", { class: "mic-t" }, " " + quoted(e.title)) : null;
    if (k.speaker) rows.push(v("li", { key: "speaker", class: "mic-now" + (k.speaker.id === mineId ? " mine" : "") }, v("span", { class: "mic-tag" }, "Speaking"), v("span", { class: "mic-name" }, k.speaker.name, what(k.speaker))));
    k.order.forEach((e, i) => rows.push(v("li", { key: e.id, class: e.id === mineId ? "mine" : "" },
      v("span", { class: "mic-tag" }, i === 0 ? "On deck" : String(i + 1)), v("span", { class: "mic-name" }, e.name, what(e)))));
    if (k.order_total > k.order.length) rows.push(v("li", { key: "more", class: "muted" }, "+ " + (k.order_total - k.order.length) + " more"));
    return v("div", { class: "card mic-order" }, v("h2", {}, "Running order"), v("ol", { class: "mic-list" }, rows));
  }

  /* Talk queue: "I'm interested / I can help" with the talk being given and the ones given. */
  function helpCard(k, mine, helping, send) {
    const talksHeard = (k.speaker ? [k.speaker] : []).concat(k.heard || []);
    const others = talksHeard.filter((e) => !mine || e.id !== mine.id);
    if (!others.length) return null;
    const row = (e) => {
      const on = helping.includes(e.id);
      return v("li", { key: e.id, class: "mic-help-row" + (on ? " on" : ""), "data-entry": e.id },
        v("div", { class: "mic-help-what" },
          v("strong", {}, e.title || "(untitled)"), v("span", { class: "muted" }, " · " + e.name),
          e.pitch ? v("p", { class: "mic-pitch" }, "Request for plot: " + e.pitch) : null),
        v("button", { class: on ? "mic-help-btn on" : "mic-help-btn", "aria-pressed": String(on), onclick: () => send("open_mic.help", { entry_id: e.id, on: !on }) },
          on ? "✓ You can help" : "I can help"));
    };
    return v("div", { class: "card mic-help", id: "mic-help" },
      v("h2", {}, "Interested? Can you help?"),
      v("p", { class: "muted" }, "The speaker sees your name, and you both find each other in Stay connected."),
      v("ul", { class: "mic-help-list" }, others.map(row)));
  }

  function helpersLine(helpers) {
    if (!helpers || !helpers.length) return v("p", { class: "muted", id: "mic-helpers" }, "Nobody has offered help yet.");
    return v("div", { class: "mic-helpers", id: "mic-helpers" },
      v("p", { class: "eyebrow" }, plural(helpers.length, "person", "people") + " can help"),
      v("ul", {}, helpers.map((n, i) => v("li", { key: i }, n))));
  }

  function talkSignup(k, send) {
    const title = v("input", { id: "mic-title", ref: keep("title"), name: "title", maxlength: "80", autocomplete: "off", placeholder: "e.g. Do sparse probes find syntax?", required: true });
    const pitch = v("input", { id: "mic-pitch", ref: keep("pitch"), name: "pitch", maxlength: "120", autocomplete: "off", placeholder: "e.g. probe accuracy vs. layer, per language", "aria-describedby": "mic-pitch-help" });
    const enter = () => send("open_mic.enter", { title: kept.title.value, pitch: kept.pitch.value }).then((ack) => {
      if (ack && ack.ok && kept.title) { kept.title.value = ""; kept.pitch.value = ""; }
    });
    const card = v("div", { class: "card mic-status" },
      v("h2", {}, "Have something to pitch?"),
      k.theme ? v("p", { class: "mic-theme" }, "Theme: ", v("strong", {}, k.theme)) : null,
      v("p", {}, (firstCome(k) ? "Slots go first come, first served" : "Slots are drawn at random") + "; each talk gets " + minutes(k) + "."),
      v("label", { class: "field", for: "mic-title" }, v("span", {}, "Talk title"), title),
      v("label", { class: "field", for: "mic-pitch" }, v("span", {}, "Request for plot (optional)"), pitch,
        v("small", { id: "mic-pitch-help" }, "One line: the first plot someone could make for you.")));
    return [card, v("div", { class: "actions" }, v("button", { id: "mic-enter", class: "primary big", onclick: enter }, "Sign up for a slot"))];
  }

  function titleInput() {
    return v("input", { id: "mic-title", ref: keep("title"), name: "title", maxlength: "80", autocomplete: "off", placeholder: "e.g. The paper we wrote across 4 time zones", "aria-describedby": "mic-title-help" });
  }

  function phone(s, me, send) {
    const k = s.kind || {};
    if (k.in_bowl === undefined) return null;
    const mine = me && me.kind ? me.kind.entry : null;
    const status = mine ? mine.status : "out";
    const tq = talks(k);
    let card, actions = null;
    if (status === "out") {
      if (tq && !k.closed) {
        [card, actions] = talkSignup(k, send);
      } else if (k.closed) {
        card = v("div", { class: "card mic-status" }, v("h2", {}, "The bowl is closed"), v("p", {}, "No new names for this round. Enjoy the stories!"));
      } else {
        const input = titleInput();
        const enter = () => send("open_mic.enter", { title: kept.title.value }).then((ack) => { if (ack && ack.ok && kept.title) kept.title.value = ""; });
        card = v("div", { class: "card mic-status" },
          v("h2", {}, "Have a story to tell?"),
          k.theme ? v("p", { class: "mic-theme" }, "Theme: ", v("strong", {}, k.theme)) : null,
          v("p", {}, "Put your name in the bowl. Names are drawn at random; each story gets " + minutes(k) + "."),
          v("label", { class: "field", for: "mic-title" }, v("span", {}, "Story title (optional)"), input,
            v("small", { id: "mic-title-help" }, "Up to 80 characters, shown on the big screen when you speak.")));
        actions = v("div", { class: "actions" }, v("button", { id: "mic-enter", class: "primary big", onclick: enter }, "Put my name in the bowl"));
      }
    } else if (status === "bowl") {
      card = v("div", { class: "card mic-status mic-in" },
        v("p", { class: "mic-big", "aria-hidden": "true" }, "🥣"),
        v("h2", {}, tq ? "Your talk is in the bowl" : "Your name is in the bowl"),
        mine.title ? v("p", { class: "mic-story" }, quoted(mine.title)) : null,
        v("p", { id: "mic-bowl-count" }, bowlLine(k) + ". Keep your phone at hand: it buzzes when you're drawn."));
      actions = v("div", { class: "actions" }, v("button", { id: "mic-withdraw", class: "big", onclick: () => send("open_mic.withdraw") }, "Take my name out"));
    } else if (status === "drawn") {
      const deck = mine.position === 1;
      card = v("div", { class: "card mic-status mic-drawn" },
        v("p", { class: "eyebrow" }, deck ? "On deck" : "Drawn"),
        v("h2", {}, deck ? "You're on deck: you speak next" : (firstCome(k) ? "You're number " : "You're drawn: number ") + mine.position + " in line"),
        v("p", { class: "mic-go" }, k.go_to),
        mine.title ? v("p", { class: "mic-story" }, quoted(mine.title)) : null,
        mine.pitch ? v("p", { class: "mic-pitch" }, "Request for plot: " + mine.pitch) : null);
      if (firstCome(k)) actions = v("div", { class: "actions" }, v("button", { id: "mic-withdraw", class: "big", onclick: () => send("open_mic.withdraw") }, "Leave the queue"));
    } else if (status === "speaking") {
      card = v("div", { class: "card mic-status mic-speaking" },
        v("p", { class: "eyebrow" }, "Speaking now"),
        v("h2", {}, tq ? "You're up!" : "It's your turn!"),
        v("div", { class: "timer mic-phone-timer", "data-timer": "kind", role: "timer", "aria-label": "Your time left" }),
        v("p", { class: "timer-words", "data-timer-words": "kind" }),
        mine.title ? v("p", { class: "mic-story" }, quoted(mine.title)) : null,
        tq ? helpersLine(me.kind.helpers) : null);
    } else if (status === "done") {
      card = v("div", { class: "card mic-status" }, v("h2", {}, tq ? "Thank you for your talk!" : "Thank you for your story!"),
        tq ? helpersLine(me.kind.helpers) : v("p", {}, "Stay around for the others."));
    } else {
      card = v("div", { class: "card mic-status" }, v("h2", {}, "You were called but not here"), v("p", {}, "Ask the host if you still want to speak."));
    }
    alertOverlay(k, mine);
    // While someone else pitches, "I can help" comes first: that is what the moment asks.
    const help = tq ? helpCard(k, mine, (me && me.kind && me.kind.helping) || [], send) : null;
    const helpFirst = help && k.speaker && (!mine || k.speaker.id !== mine.id);
    return SA.area({ "data-status": status, "data-mode": k.mode || "open_mic" },
      helpFirst ? help : null,
      card,
      status !== "bowl" ? v("p", { class: "mic-count muted", id: "mic-count" }, bowlLine(k)) : null,
      helpFirst ? null : help,
      orderList(k, mine ? mine.id : null),
      actions);
  }

  /* ---------------- projector ---------------- */

  function display(s) {
    const k = s.kind || {};
    if (k.in_bowl === undefined) return null;
    const sp = k.speaker;
    const tq = talks(k);
    const pitch = (e) => tq && e.pitch ? v("p", { class: "mic-speaker-pitch fit" }, v("span", { class: "mic-eyebrow" }, "Request for plot"), " " + e.pitch) : null;
    const main = sp
      ? v("div", { class: "mic-stage-speaker" },
          v("p", { class: "mic-eyebrow" }, "Now speaking"),
          v("p", { class: "mic-speaker-name fit", id: "mic-speaker-name" }, sp.name),
          sp.title ? v("p", { class: "mic-speaker-title fit fit-3" }, quoted(sp.title)) : null,
          pitch(sp))
      : v("div", { class: "mic-stage-speaker idle" },
          v("p", { class: "mic-eyebrow" }, k.order.length ? "Up next" : tq ? "Talk queue" : "Open mic"),
          k.order.length
            ? v("p", { class: "mic-speaker-name fit", id: "mic-speaker-name" }, k.order[0].name)
            : v("p", { class: "mic-call" }, tq ? "Sign up for a talk on your phone" : "Put your name in the bowl on your phone"),
          k.order.length && tq && k.order[0].title ? v("p", { class: "mic-speaker-title fit fit-3" }, quoted(k.order[0].title)) : null,
          k.theme ? v("p", { class: "mic-theme fit" }, "Theme: " + k.theme) : null);
    // With a speaker, the first name in the running order is on deck; without one, it is
    // "up next" in the main area and the side lists the ones after it.
    const deck = sp ? k.order[0] : null;
    const skip = sp ? 1 : Math.min(1, k.order.length);
    const rest = k.order.slice(skip, skip + 5);
    const more = k.order_total - skip - rest.length;
    // The running order shows what fits whole (static/js/fit.js hides the rest and counts it).
    const then = tq
      ? [v("ol", { key: "list", class: "mic-then-list fit-list", id: "mic-then" }, rest.map((e) => v("li", { key: e.id }, v("span", { class: "fit fit-1" }, v("strong", {}, e.name), e.title ? " " + quoted(e.title) : null)))),
          v("p", { key: "more", class: "mic-more fit-more", "data-more": String(Math.max(0, more)) })]
      : v("p", { class: "mic-then fit fit-3" }, SA.names(rest.map((e) => e.name), " · "), more > 0 ? " · +" + more : null);
    const waiting = firstCome(k)
      ? [v("strong", {}, String(k.order_total)), k.order_total === 1 ? " talk in the queue" : " talks in the queue", k.closed ? " · sign-up closed" : ""]
      : [v("strong", {}, String(k.in_bowl)), (tq ? (k.in_bowl === 1 ? " talk" : " talks") : (k.in_bowl === 1 ? " name" : " names")) + " in the bowl", k.closed ? " · bowl closed" : ""];
    return v("div", { class: "mic-display" + (tq ? " mic-talks" : "") },
      main,
      v("div", { class: "mic-side" },
        deck ? v("div", { class: "mic-deck" }, v("p", { class: "mic-eyebrow" }, "On deck"), v("p", { class: "mic-deck-name fit", id: "mic-deck" }, deck.name),
          tq && deck.title ? v("p", { class: "mic-deck-title fit" }, quoted(deck.title)) : null) : null,
        rest.length ? v("div", { class: "mic-then-box" }, v("p", { class: "mic-eyebrow" }, tq ? "Running order" : "Then"), then) : null,
        v("p", { class: "mic-bowl", id: "mic-bowl" }, ...waiting)));
  }

  /* ---------------- host panel ---------------- */

  /* The host's next action, and which control it stands for ("draw", "call", "timer"): that
     control is then not drawn a second time in the rows below (one button per action). */
  function primary(k, send) {
    const sp = k.speaker;
    if (sp) {
      const st = k.timer.status;
      if (st === "running") return ["Pause speaker timer", () => send("open_mic.pause"), "timer"];
      if (st === "paused") return ["Resume speaker timer", () => send("open_mic.resume"), "timer"];
      return ["Start " + SA.fmt(k.timer.remaining) + " for " + sp.name, () => send("open_mic.start"), "timer"];
    }
    if (k.order.length) return ["Call up " + k.order[0].name, () => send("open_mic.next"), "call"];
    if (firstCome(k)) return [k.closed ? "Sign-up closed, queue empty" : "Waiting for sign-ups", null, "none"];
    if (k.in_bowl) return ["Draw a name", () => send("open_mic.draw"), "draw"];
    return [k.closed ? "Bowl closed and empty" : "The bowl is empty", null, "none"];
  }
  const KBD = { draw: "D", call: "C", timer: "S", none: null };
  let primaryVerb = "none"; // what the big button does now (the keys below follow it)

  function entryRow(e, hk, send, opts) {
    const absent = (back) => {
      if (!back && !confirm("Take " + e.name + " out of this round?")) return;
      send("open_mic.absent", { entry_id: e.id, back, redraw: kept.redraw && kept.redraw.checked });
    };
    return v("li", { key: e.id, class: "mic-row" + (opts.speaking ? " speaking" : "") + (opts.tag ? "" : " untagged"), "data-entry": e.id },
      opts.tag ? v("span", { class: "mic-no" }, opts.tag) : null,
      v("span", { class: "mic-who" }, v("strong", {}, e.name), e.manual ? v("span", { class: "muted" }, " (by hand)") : null,
        e.title ? v("span", { class: "mic-t" }, " " + quoted(e.title)) : null,
        e.pitch ? v("span", { class: "mic-p" }, " · " + e.pitch) : null),
      v("span", { class: "mic-acts" },
        opts.absent ? v("button", { class: "small", title: "Not here: back into the bowl", onclick: () => absent(true) }, "Not here → bowl") : null,
        opts.absent ? v("button", { class: "small", title: "Not here: out of this round", onclick: () => absent(false) }, "Not here → out") : null,
        opts.remove ? v("button", { class: "small danger", "aria-label": "Remove " + e.name, onclick: () => confirm("Remove " + e.name + "?") && send("open_mic.remove", { entry_id: e.id }) }, "Remove") : null));
  }

  /* Mode, order and slot minutes: one form, sent as open_mic.setup. */
  function setupRow(k, send) {
    const apply = (e) => {
      e.preventDefault();
      const f = e.currentTarget;
      send("open_mic.setup", { mode: f.elements.mode.value, order: f.elements.order.value, speaker_minutes: parseInt(f.elements.minutes.value, 10) || null });
    };
    const tq = talks(k);
    return v("form", { class: "mic-setup", id: "mic-setup", onsubmit: apply, key: (k.mode || "") + (k.order_by || "") + k.speaker_minutes },
      v("label", {}, "Mode ", v("select", { name: "mode", id: "mic-mode" },
        v("option", { value: "open_mic", selected: !tq }, "Open mic"), v("option", { value: "talk_queue", selected: tq }, "Talk queue"))),
      v("label", {}, "Order ", v("select", { name: "order", id: "mic-order-by" },
        v("option", { value: "drawn", selected: !firstCome(k) }, "Drawn (fair draw)"), v("option", { value: "first_come", selected: firstCome(k) }, "First come"))),
      v("label", {}, tq ? "Minutes per slot " : "Minutes per speaker ", v("input", { name: "minutes", id: "mic-minutes", type: "number", min: tq ? "3" : "1", max: tq ? "10" : "60", defaultValue: String(k.speaker_minutes), class: "mic-num" })),
      v("button", { type: "submit", id: "mic-setup-apply" }, "Apply"));
  }

  function host(s, me, send) {
    const k = s.kind || {};
    const hk = (s.host && s.host.kind) || {};
    if (k.in_bowl === undefined || !hk.bowl) return null;
    const [label, action, verb] = primary(k, send);
    primaryVerb = verb;
    const sp = k.speaker;
    const count = v("input", { id: "mic-count-input", ref: keep("count"), type: "number", min: "2", max: "20", defaultValue: "3", "aria-label": "How many names to draw", class: "mic-num" });
    const redraw = v("input", { type: "checkbox", id: "mic-redraw", ref: keep("redraw"), defaultChecked: true });
    const addName = v("input", { id: "mic-add-name", ref: keep("addName"), maxlength: "40", placeholder: "Name", "aria-label": "Name to add by hand", autocomplete: "off" });
    const addTitle = v("input", { id: "mic-add-title", ref: keep("addTitle"), maxlength: "80", placeholder: talks(k) ? "Talk title" : "Story title (optional)", "aria-label": talks(k) ? "Talk title" : "Story title", autocomplete: "off" });
    const add = (e) => {
      e.preventDefault();
      send("open_mic.add", { name: kept.addName.value, title: kept.addTitle.value }).then((ack) => {
        if (ack && ack.ok && kept.addName) { kept.addName.value = ""; kept.addTitle.value = ""; kept.addName.focus(); }
      });
    };
    const big = v("button", { id: "mic-primary", class: "primary mic-primary", disabled: !action, onclick: action, "aria-keyshortcuts": KBD[verb] || undefined }, label,
      KBD[verb] ? v("kbd", {}, KBD[verb]) : null);
    const drawLabel = sp && !k.order.length ? "Draw on deck" : "Draw a name";
    // During a talk the speaker's timer is the thing: a box of its own, named, with its clock
    // big and every control that acts on it inside (the segment clock is elsewhere, small).
    const speakerBox = sp ? v("section", { class: "mic-speaker-clock", id: "mic-speaker-clock", role: "group", "aria-labelledby": "mic-speaker-clock-h" },
      v("p", { class: "eyebrow", id: "mic-speaker-clock-h" }, "Speaker timer"),
      v("p", { class: "muted small mic-segment-left" }, "The segment clock (its controls are below): ", v("span", { "data-timer": "segment" }), " left"),
      v("p", { class: "mic-host-name" }, sp.name, sp.title ? v("span", { class: "mic-t" }, " " + quoted(sp.title)) : null),
      v("p", { class: "mic-host-clock" }, v("span", { class: "timer mic-host-timer", "data-timer": "kind" }), " ", v("span", { class: "timer-words", "data-timer-words": "kind" })),
      big,
      v("div", { class: "row mic-row-buttons" },
        v("button", { id: "mic-plus30", onclick: () => send("open_mic.extend", { seconds: 30 }), "aria-keyshortcuts": "T", "aria-label": "Speaker timer +30 seconds" }, "+30 s", v("kbd", {}, "T")),
        v("button", { id: "mic-end", onclick: () => send("open_mic.end"), "aria-keyshortcuts": "E" }, "End talk", v("kbd", {}, "E")),
        SA.wrapUpButton ? SA.wrapUpButton(s) : null)) : null;
    return [
      sp ? speakerBox : v("div", { class: "mic-host-now" }, v("p", { class: "muted" }, "Nobody is speaking."), big),
      v("div", { class: "row mic-row-buttons" },
        verb === "draw" ? null : v("button", { id: "mic-draw", disabled: !k.in_bowl, onclick: () => send("open_mic.draw"), "aria-keyshortcuts": "D" }, drawLabel, v("kbd", {}, "D")),
        v("span", { class: "mic-several" }, count, v("button", { id: "mic-draw-several", disabled: !k.in_bowl, onclick: () => send("open_mic.draw", { count: Math.max(1, Math.min(20, parseInt(kept.count.value, 10) || 1)) }) }, "Draw several")),
        verb === "call" ? null : v("button", { id: "mic-next", disabled: !k.order.length, onclick: () => send("open_mic.next"), "aria-keyshortcuts": "C" }, sp ? "Next speaker" : "Call up", v("kbd", {}, "C")),
        v("button", { id: "mic-close", onclick: () => send("open_mic.close", { closed: !k.closed }) }, firstCome(k) ? (k.closed ? "Reopen sign-up" : "Close sign-up") : k.closed ? "Reopen the bowl" : "Close the bowl")),
      setupRow(k, send),
      v("div", { class: "mic-host-lists" },
        v("section", {},
          v("h3", {}, "Running order ", v("span", { class: "muted" }, "(" + hk.order.length + ")")),
          v("label", { class: "check small" }, redraw, "When someone is not here, draw again at once"),
          v("ol", { class: "mic-rows", id: "mic-order" },
            hk.speaker ? entryRow(hk.speaker, hk, send, { speaking: true, tag: "🎤", absent: true }) : null,
            hk.order.map((e, i) => entryRow(e, hk, send, { tag: i === 0 ? "On deck" : "#" + e.no, absent: true, remove: true })),
            !hk.speaker && !hk.order.length ? v("li", { class: "muted" }, "Nobody drawn yet.") : null)),
        v("section", {},
          v("h3", {}, "In the bowl ", v("span", { class: "muted", id: "mic-host-count" }, "(" + hk.bowl.length + ")"), k.closed ? v("span", { class: "badge mic-closed" }, "CLOSED") : null),
          v("ul", { class: "mic-rows", id: "mic-bowl-list" },
            hk.bowl.map((e) => entryRow(e, hk, send, { remove: true })),
            !hk.bowl.length ? v("li", { class: "muted" }, "Empty.") : null),
          v("form", { class: "mic-add", onsubmit: add }, addName, addTitle, v("button", { type: "submit" }, "Add by hand"))),
        v("details", { class: "mic-log" },
          v("summary", {}, "Spoken (" + hk.done.length + "), absent (" + hk.absent.length + "), draw log (" + hk.log.length + ")"),
          hk.done.length ? v("p", {}, "Spoken: " + hk.done.map((e) => e.name).join(", ")) : null,
          hk.absent.length ? v("ul", { class: "mic-rows" }, hk.absent.map((e) => entryRow(e, hk, send, { remove: true, tag: "absent" }))) : null,
          v("ol", { class: "mic-loglist" }, hk.log.map((g) => v("li", {},
            SA.clockTime(g.at), " · ", g.action === "draw" ? "drew #" + g.no + " " : g.action === "absent_back" ? "not here, back in the bowl: " : "not here, out: ",
            v("strong", {}, g.name), g.action === "draw" ? " (from " + g.pool + ")" : "")))))];
  }

  /* A key clicks the big button when that is what it stands for, else its own button. */
  function key(verb, id) {
    return () => {
      const b = document.getElementById(primaryVerb === verb ? "mic-primary" : id);
      if (!b || b.disabled) return false;
      b.click();
      return true;
    };
  }

  // leads: draw / call up / start is the host's next action, so the segment timer steps back.
  // Host keys D, C, S, T, E (core uses Space, N, P, +, -).
  SA.defineKind("open_mic", {
    phone,
    display,
    host,
    leads: true,
    wrapUp: true, // the host's "Wrap up" sits in the speaker's box
    keys: { d: key("draw", "mic-draw"), c: key("call", "mic-next"), s: key("timer", null), t: "mic-plus30", e: "mic-end" },
  });
})();
