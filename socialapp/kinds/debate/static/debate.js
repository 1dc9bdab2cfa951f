/* debate segment screens: the phone (two ballots, a hand for the floor, "you're up"), the
   projector (the motion, who speaks for which side, the count of ballots, the reveal) and the
   host panel (the running order, the speech timer, the hands, the margin, the result with the
   ballots left out). Drawn with SA.v and patched by the screens: the motion and the names are
   always text; the room's views carry counts only. The speech timer is the core's
   (s.kind.timer: shown big in the stage head and the phone's top bar, coloured by phase). */
(function () {
  "use strict";
  const v = (...a) => SA.v(...a);
  const SIDES = ["for", "against", "undecided"];
  const WORD = { for: "For", against: "Against", undecided: "Undecided" };
  const SIDE = { for: "For the motion", against: "Against the motion" };
  const MARK = { for: "▲", against: "▼", undecided: "◆" }; // a shape as well as a colour
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many || one + "s"); }
  const pts = (x) => (x > 0 ? "+" : x < 0 ? "−" : "±") + Math.abs(x) + " pts";
  const kindOf = (s) => (s.kind && "motion" in s.kind ? s.kind : null);
  function say(text) { const el = document.getElementById("debate-said"); if (el) el.textContent = text; }

  function who(step) {
    if (step.kind !== "speech") return null;
    return v("p", { class: "debate-who", "data-side": step.side },
      v("span", { class: "debate-side-badge", "data-side": step.side }, MARK[step.side] + " " + SIDE[step.side]),
      v("span", { class: "debate-part" }, " · " + step.title.split(":")[0]),
      v("strong", { class: "debate-speaker fit", id: "debate-speaker" }, step.speaker || "The " + step.side + " side"));
  }

  /* ---------------- the result (projector, phone, host) ---------------- */

  function stack(label, shares, words) {
    return v("div", { class: "debate-row", key: label },
      v("span", { class: "debate-row-label" }, label),
      v("span", { class: "debate-stack", role: "img", "aria-label": label + ": " + SIDES.map((x) => WORD[x] + " " + shares[x].share + "%").join(", ") },
        SIDES.map((x) => shares[x].share > 0 ? v("span", { key: x, class: "debate-part-bar", "data-side": x, style: { width: shares[x].share + "%" } },
          shares[x].share >= (words ? 9 : 12) ? MARK[x] + " " + (words ? WORD[x] + " " : "") + shares[x].share + "%" : "") : null)));
  }

  // opts.words: the sides' names inside the bars (wide screens); a phone gets a legend instead.
  function result(r, opts) {
    const words = !!(opts && opts.words);
    const verdict = r.dead_heat ? "Dead heat" : r.winner ? "★ " + SIDE[r.winner] + " wins" : "No result";
    return v("div", { class: "debate-result" + (opts && opts.calm ? " calm" : "") },
      v("p", { class: "debate-verdict", id: "debate-verdict", "data-winner": r.winner || "none" }, verdict),
      r.paired ? [
        stack("Before", r.before, words), stack("After", r.after, words),
        words ? null : v("p", { key: "lg", class: "debate-legend", "aria-hidden": "true" }, SIDES.map((x) => v("span", { key: x, "data-side": x }, MARK[x] + " " + WORD[x]))),
        v("ul", { class: "debate-swings", key: "sw" }, ["for", "against"].map((x) =>
          v("li", { key: x, "data-side": x, class: r.winner === x ? "win" : "" }, MARK[x] + " " + WORD[x] + " " + pts(r.swing[x]))))] : null,
      r.summary.map((line, i) => v("p", { key: "s" + i, class: i ? "debate-more" : "debate-summary" }, line)));
  }

  /* ---------------- phone ---------------- */

  function ballot(k, me, send) {
    const round = k.step.round;
    const mine = me.ballots[round];
    const cast = (x) => send("debate.vote", { side: x }).then((ack) => { if (ack && ack.ok) say("Your vote: " + WORD[x] + "."); });
    return [
      v("h3", { key: "q", class: "debate-ask" }, round === "before" ? "Where do you stand on the motion?" : "Vote again: where do you stand now?"),
      v("div", { key: "b", class: "debate-ballot", role: "group", "aria-label": "Your vote" }, SIDES.map((x) =>
        v("button", { key: x, id: "debate-" + x, class: "debate-choice" + (mine === x ? " chosen" : ""), "data-side": x, "aria-pressed": String(mine === x), onclick: () => cast(x) },
          (mine === x ? "✓ " : MARK[x] + " ") + WORD[x]))),
      v("p", { key: "m", class: "muted", id: "debate-mine" }, mine ? "Your vote: " + WORD[mine] + ". You can change it until voting closes." : "Secret: nobody, not even the host, sees how you voted."),
      round === "after" ? v("p", { key: "n", class: "muted" }, "Only phones that vote both times are counted.") : null,
    ];
  }

  function hand(k, me, send) {
    if (!k.hands_open) return null;
    const h = me.hand;
    const raise = (up) => send("debate.hand", { up }).then((ack) => { if (ack && ack.ok) say(up ? "Your hand is up." : "Your hand is down."); });
    if (h === "speaking") {
      return v("div", { key: "up", class: "debate-yourturn", role: "alert" }, v("p", { class: "debate-up" }, "You're up!"), v("p", {}, "Speak from the floor: the host is calling on you."),
        v("button", { class: "big", id: "debate-hand", onclick: () => raise(false) }, "I'm done"));
    }
    return v("div", { key: "h", class: "actions" },
      h === "up" ? v("p", { class: "muted" }, "Your hand is up: the host calls hands in the order raised.") : null,
      v("button", { id: "debate-hand", class: "big" + (h === "up" ? "" : " primary"), onclick: () => raise(h !== "up") },
        h === "up" ? "Lower my hand" : "✋ I want to speak from the floor"));
  }

  function phone(s, me_, send) {
    const k = kindOf(s);
    if (!k) return null;
    // Until this segment's "me" arrives, me.kind may still be the last segment's.
    const mk = (me_ && me_.kind) || {};
    const me = { ballots: mk.ballots || {}, hand: mk.hand || null };
    const step = k.step;
    let body;
    if (step.kind === "ballot") body = ballot(k, me, send);
    else if (step.kind === "result") body = k.result ? result(k.result) : null;
    else if (step.kind === "floor") {
      const f = k.floor || {};
      body = v("p", { class: "debate-floor" }, f.speaker ? "On the floor: " + f.speaker : "Questions from the floor", " · " + plural(f.waiting || 0, "hand") + " up");
    } else body = who(step);
    const mine = ["before", "after"].filter((r) => me.ballots[r]).map((r) => (r === "before" ? "Before: " : "After: ") + WORD[me.ballots[r]]);
    const speaking = me.hand === "speaking";
    return SA.area({ "data-step": step.kind },
      speaking ? hand(k, me, send) : null,
      v("div", { class: "card debate-head" },
        v("p", { class: "eyebrow" }, "The motion · step " + (k.index + 1) + " of " + k.steps.length + ": " + step.title),
        v("h2", { id: "debate-motion" }, k.motion)),
      v("div", { class: "card" }, body),
      step.kind !== "ballot" && mine.length ? v("p", { class: "muted debate-mine" }, "Your votes: " + mine.join(" · ")) : null,
      speaking ? null : hand(k, me, send),
      v("p", { id: "debate-said", class: "sr-only", role: "status", "aria-live": "polite" }));
  }

  /* ---------------- projector ---------------- */

  function order(k) {
    return v("ol", { class: "debate-order", "aria-label": "Running order" }, k.steps.map((x, i) =>
      v("li", { key: i, class: i === k.index ? "now" : i < k.index ? "done" : "", "data-side": x.side || "" },
        x.kind === "speech" ? MARK[x.side] + " " + (x.speaker || WORD[x.side]) : x.kind === "ballot" ? "Vote" : x.kind === "floor" ? "Floor" : "Result")));
  }

  function upNext(k) {
    const x = k.steps[k.index + 1];
    if (!x || k.step.kind === "ballot") return null;
    const what = x.kind === "speech" ? MARK[x.side] + " " + x.title + (x.speaker ? ": " + x.speaker : "") : x.title;
    return v("p", { class: "debate-next fit", id: "debate-up-next" }, v("span", { class: "muted" }, "Up next: "), what);
  }

  function display(s) {
    const k = kindOf(s);
    if (!k) return null;
    const step = k.step;
    let main;
    if (step.kind === "ballot") {
      main = [v("p", { key: "c", class: "debate-call" }, step.round === "before" ? "Vote on your phone: for, against or undecided" : "Vote again on your phone"),
        v("p", { key: "n", class: "debate-voters", id: "debate-voters" }, v("strong", {}, String(k.voters)), k.voters === 1 ? " phone has voted" : " phones have voted"),
        v("p", { key: "h", class: "debate-note" }, step.round === "before" ? "The breakdown stays hidden until the end." : "Only phones that voted both times count.")];
    } else if (step.kind === "speech") main = who(step);
    else if (step.kind === "floor") {
      const f = k.floor || {};
      main = [v("p", { key: "c", class: "debate-call" }, "Questions from the floor", v("span", { class: "debate-waiting" }, " · " + plural(f.waiting || 0, "hand") + " up")),
        v("p", { key: "s", class: "debate-who" }, f.speaker ? [v("span", { class: "debate-part" }, "On the floor: "), v("strong", { class: "debate-speaker fit", id: "debate-speaker" }, f.speaker)] : "Raise your hand on your phone")];
    } else main = k.result ? result(k.result, { calm: true, words: true }) : null;
    return SA.area({ "data-step": step.kind },
      v("div", { class: "debate-stage" },
        v("p", { class: "debate-eyebrow" }, "The motion"),
        v("h1", { class: "debate-motion fit fit-3", id: "debate-motion" }, k.motion),
        main,
        upNext(k)));
  }

  /* ---------------- host panel ---------------- */

  function host(s, me, send) {
    const k = kindOf(s);
    const hk = (s.host && s.host.kind) || null;
    if (!k || !hk) return null;
    const step = k.step;
    const next = k.steps[k.index + 1];
    const t = k.timer;
    const waiting = hk.hands.filter((h) => !h.called).length;
    let margin = null;
    return [
      v("p", { class: "eyebrow" }, "Step " + (k.index + 1) + " of " + k.steps.length + ": " + step.title + (step.speaker ? " · " + step.speaker : "")),
      v("div", { class: "row debate-host-actions" },
        v("button", { id: "debate-next", class: "primary debate-primary", disabled: !next, onclick: () => send("debate.next", {}), "aria-keyshortcuts": "G" },
          next ? (next.kind === "result" ? "Close the vote and reveal" : "Next: " + next.title + (next.speaker ? " (" + next.speaker + ")" : "")) : "The result is on screen", v("kbd", {}, "G")),
        v("button", { id: "debate-back", class: "small", disabled: k.index === 0, onclick: () => send("debate.back", {}) }, "Back")),
      t ? v("p", { class: "host-timer debate-timer" },
        v("span", { class: "timer", "data-timer": "kind" }), " ", v("span", { class: "timer-words", "data-timer-words": "kind" }), " ",
        v("button", { id: "debate-timer", onclick: () => send(t.status === "running" ? "debate.pause" : "debate.start", {}), "aria-keyshortcuts": "S" },
          t.status === "running" ? "Pause" : t.status === "paused" ? "Resume" : "Start " + SA.fmt(t.remaining), v("kbd", {}, "S")),
        v("button", { class: "small", onclick: () => send("debate.extend", { seconds: 30 }) }, "+30 s"),
        v("button", { class: "small", onclick: () => send("debate.extend", { seconds: -30 }) }, "−30 s")) : null,
      hk.result ? v("div", { class: "debate-host-result" }, result(Object.assign({}, hk.result, { summary: hk.result.summary.slice(0, 2) }), { words: true }),
        v("p", { id: "debate-left-out" }, "Left out: " + plural(hk.result.unpaired.total, "ballot") + " from phones that voted once (" + hk.result.unpaired.before_only + " before only, " + hk.result.unpaired.after_only + " after only); counted: " + plural(hk.result.paired, "phone") + ".")) : null,
      v("p", { id: "debate-ballots" }, "Ballots in: before " + hk.ballots.before + " · after " + hk.ballots.after, v("span", { class: "muted" }, " (counts only: nobody sees who voted what)")),
      step.kind === "floor" || hk.hands.length ? v("section", { class: "debate-hands" },
        v("h3", {}, "Hands ", v("span", { class: "muted" }, "(" + waiting + " waiting)")),
        v("button", { id: "debate-call", disabled: step.kind !== "floor" || !waiting, onclick: () => send("debate.call", {}), "aria-keyshortcuts": "C" }, "Call the next hand", v("kbd", {}, "C")),
        v("ol", { id: "debate-hand-list" }, hk.hands.map((h, i) => v("li", { key: i, class: h.speaking ? "speaking" : h.called ? "done" : "" },
          h.label, h.speaking ? " · speaking now" : h.called ? " · spoke" : "")))) : null,
      v("form", { class: "row debate-margin", onsubmit: (e) => { e.preventDefault(); send("debate.margin", { margin: parseInt(margin.value, 10) }); } },
        v("label", { class: "field" }, v("span", {}, "Dead heat when the gains differ by less than (points)"),
          v("input", { id: "debate-margin", type: "number", min: 0, max: 50, defaultValue: String(hk.margin), ref: (el) => { margin = el; } })),
        v("button", { type: "submit", class: "small", "aria-label": "Set the dead-heat margin" }, "Set")),
      order(k),
    ];
  }

  // leads: the running order is the host's next action. Keys G (go on), S (timer), C (call).
  SA.defineKind("debate", { phone, display, host, leads: true, keys: { g: "debate-next", s: "debate-timer", c: "debate-call" } });
})();
