/* questions segment screens: the phone (ask, upvote, my questions, "your question is up", the
   speaking queue), the projector (top questions with votes, the one being answered large, the
   speaker) and the host panel (approve, hide, merge, answer now, answered, open/close the floor,
   call the next hand). Drawn with SA.v and patched by the screens: questions people typed are
   always text, and the question being typed survives new states. */
(function () {
  "use strict";
  const v = (...a) => SA.v(...a);
  const MAX = 280;

  const kept = {};
  const refs = {};
  const keep = (id) => refs[id] || (refs[id] = (el) => { kept[id] = el; });
  const picked = new Set(); // host: duplicates ticked for a merge

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  /* The same list worded for paper suggestions (setting wording: "papers"): a title and a link. */
  const papers = (k) => k.wording === "papers";
  function linkOf(q) {
    // The server keeps only http(s) addresses; shown as text too, so a phone sees where it goes.
    return q.link ? v("a", { class: "q-link", href: q.link, target: "_blank", rel: "noopener noreferrer nofollow" }, q.link.replace(/^https?:\/\//, "")) : null;
  }
  function who(q) { return q.name || "Anonymous"; }
  function votes(q) { return plural(q.votes, "vote", "votes"); }

  /* ---------------- phone ---------------- */

  function askCard(k, mine) {
    if (k.closed) {
      return v("div", { class: "card q-closed", id: "q-closed" }, v("h2", {}, "The floor is closed"),
        v("p", {}, "Questions open again soon. You can still vote for the ones on the list."));
    }
    const count = () => { if (kept.count && kept.text) kept.count.textContent = kept.text.value.length + " / " + MAX; };
    const paper = papers(k);
    const ask = () => {
      const text = kept.text ? kept.text.value : "";
      const args = { text };
      if (paper && kept.link && kept.link.value.trim()) args.link = kept.link.value.trim();
      if (k.names === "either") args.anonymous = !!(kept.anon && kept.anon.checked);
      send("questions.ask", args).then((ack) => {
        if (ack && ack.ok && kept.text) { kept.text.value = ""; if (kept.link) kept.link.value = ""; count(); SA.toast(ack.status === "pending" ? "Sent: the host will put it on the list." : "Your question is on the list.", "ok"); }
      });
    };
    const named = k.names === "named" ? "Your name is shown with your question." : k.names === "anonymous" ? "Questions are anonymous." : null;
    return [v("div", { class: "card q-ask" },
      v("label", { class: "field", for: "q-text" }, v("span", { class: "q-label" }, paper ? "Suggest a paper" : "Ask a question"),
        v("textarea", { id: "q-text", ref: keep("text"), rows: paper ? 2 : 3, maxlength: String(MAX), oninput: count, placeholder: paper ? "The paper's title" : "What would you like to ask?", "aria-describedby": "q-count" }),
        v("small", { id: "q-count", ref: keep("count") }, "0 / " + MAX)),
      paper ? v("label", { class: "field", for: "q-link" }, v("span", {}, "Link (optional)"),
        v("input", { id: "q-link", ref: keep("link"), type: "url", inputmode: "url", maxlength: "300", placeholder: "https://arxiv.org/abs/…" })) : null,
      k.names === "either" ? v("label", { class: "check" }, v("input", { type: "checkbox", id: "q-anon", ref: keep("anon") }), "Ask anonymously") : v("p", { class: "muted small" }, named),
      k.moderated ? v("p", { class: "muted small" }, "The host reads questions before they go on the list.") : null),
      // The one primary action, kept within thumb reach at the bottom.
      v("div", { class: "actions" }, v("button", { id: "q-ask", class: "primary big", onclick: ask }, paper ? "Suggest this paper" : "Ask my question"))];
  }
  let send = SA.send;

  function questionRow(q, mine, voted, sid) {
    const on = voted.has(q.id);
    const tap = () => send("questions.vote", sid ? { question_id: q.id, segment_id: sid } : { question_id: q.id });
    return v("li", { key: q.id, class: "q-item" + (mine.has(q.id) ? " mine" : ""), "data-q": q.id },
      v("button", { class: "q-vote" + (on ? " on" : ""), "aria-pressed": String(on), "aria-label": (on ? "Take back your vote for: " : "Vote for: ") + q.text, onclick: tap },
        v("span", { class: "q-arrow", "aria-hidden": "true" }, "▲"), v("span", { class: "q-n" }, String(q.votes))),
      v("div", { class: "q-body" }, v("p", { class: "q-text" }, q.text), linkOf(q),
        v("p", { class: "q-who" }, who(q), q.merged ? " + " + plural(q.merged, "similar question", "similar questions") : "", mine.has(q.id) ? v("strong", { class: "q-yours" }, " · yours") : null)));
  }

  function handCard(k, m) {
    if (!k.hands) return null;
    if (m.hand === "speaking") {
      return v("div", { class: "card q-speaking", role: "status" }, v("p", { class: "eyebrow" }, "You have the floor"), v("h2", {}, "It's your turn to speak"),
        v("div", { class: "timer speaker-timer", "data-timer": "kind", role: "timer", "aria-label": "Your time left" }),
        v("p", { class: "timer-words", "data-timer-words": "kind" }));
    }
    if (m.hand === "waiting") {
      return v("div", { class: "card q-hand waiting" }, v("h2", {}, m.position === 1 ? "You speak next" : "You're number " + m.position + " in the queue"),
        v("button", { id: "q-hand", class: "big", onclick: () => send("questions.hand", { up: false }) }, "Leave the queue"));
    }
    return v("div", { class: "card q-hand" }, v("p", {}, k.queue_total ? plural(k.queue_total, "person", "people") + " waiting to speak." : "Nobody is waiting to speak."),
      v("button", { id: "q-hand", class: "big", disabled: k.closed, onclick: () => send("questions.hand", { up: true }) }, "✋ I want to speak"));
  }

  function phone(s, me, sendFn) {
    const k = s.kind || {};
    if (k.questions === undefined) return null;
    send = sendFn;
    // Until this segment's "me" arrives, me.kind may still be the last segment's.
    const m = me && me.kind && Array.isArray(me.kind.asked) ? me.kind : { asked: [], voted: [] };
    const mine = new Set(m.asked.map((a) => a.id));
    const voted = new Set(m.voted);
    const waiting = m.asked.filter((a) => a.status === "pending" || a.status === "hidden");
    const a = k.answering;
    return SA.area({ "data-up": m.up ? "yes" : "no" },
      m.up ? v("div", { class: "card q-up", role: "alert", id: "q-up" }, v("p", { class: "q-up-icon", "aria-hidden": "true" }, "🎤"), v("h2", {}, "Your question is up!"), v("p", {}, a ? a.text : "")) : null,
      a && !m.up ? v("div", { class: "card q-now" }, v("p", { class: "eyebrow" }, "Answering now"), v("p", { class: "q-text" }, a.text)) : null,
      handCard(k, m),
      waiting.length ? v("div", { class: "card q-mine" }, v("h2", {}, "Your questions waiting"),
        v("ul", {}, waiting.map((w) => v("li", { key: "w" + w.id }, w.text, v("span", { class: "muted" }, w.status === "pending" ? " · the host will read it" : " · not shown"))))) : null,
      v("div", { class: "card q-list-card" }, v("h2", {}, papers(k) ? "Paper suggestions " : "Questions ", v("span", { class: "muted" }, "(" + k.total + ")")),
        k.questions.length ? v("ol", { class: "q-list", id: "q-list" }, k.questions.map((q) => questionRow(q, mine, voted)))
          : v("p", { class: "muted" }, papers(k) ? "No suggestions yet: be the first." : "No questions yet: be the first."),
        k.total > k.questions.length ? v("p", { class: "muted" }, "+ " + (k.total - k.questions.length) + " more") : null),
      askCard(k, mine));
  }

  /* A segment collecting early (ask_early): while a presenter's section is live, phones ask
     and vote for the pause to come. */
  function side(p, m, sendFn) {
    send = sendFn;
    const k = p.view || {};
    if (k.questions === undefined) return null;
    const sid = p.id;
    const key = "side-text-" + sid;
    const voted = new Set(m.voted || []);
    const mine = new Set((m.asked || []).map((a) => a.id));
    const ask = () => {
      const el = kept[key];
      send("questions.ask", { segment_id: sid, text: el ? el.value : "" }).then((ack) => {
        if (ack && ack.ok && el) { el.value = ""; SA.toast(ack.status === "pending" ? "Sent: the host will put it on the list." : "Saved for the pause.", "ok"); }
      });
    };
    return v("div", { class: "card q-side-panel", id: "q-side-" + sid },
      v("p", { class: "eyebrow" }, "Questions for the pause"),
      v("h2", {}, p.title, " ", v("span", { class: "muted" }, "(" + k.total + ")")),
      k.questions.length ? v("ol", { class: "q-list q-side-list" }, k.questions.map((q) => questionRow(q, mine, voted, sid)))
        : v("p", { class: "muted" }, "No questions yet: ask the first."),
      k.total > k.questions.length ? v("p", { class: "muted" }, "+ " + (k.total - k.questions.length) + " more") : null,
      k.closed ? v("p", { class: "muted" }, "The floor is closed.") : [
        v("label", { class: "field", for: key }, v("span", { class: "q-label" }, "Ask a question"),
          v("textarea", { id: key, class: "q-side-text", ref: keep(key), rows: 2, maxlength: String(MAX), placeholder: "What would you ask the presenter?" })),
        v("div", { class: "actions" }, v("button", { id: "q-side-ask-" + sid, class: "primary big q-side-ask", onclick: ask }, "Ask for the pause"))]);
  }

  /* The host sees what the pause will bring while the section runs. */
  function sideHost(p) {
    const k = p.view || {};
    if (k.questions === undefined) return null;
    return v("div", { class: "q-side-host", id: "q-side-host-" + p.id },
      v("p", { class: "eyebrow" }, "Collecting for " + p.title),
      v("p", {}, k.total ? plural(k.total, "question", "questions") + " so far; the top ones:" : "No questions yet."),
      k.questions.length ? v("ol", { class: "q-hrows" }, k.questions.slice(0, 3).map((q) => v("li", { key: q.id, class: "q-hrow" },
        v("span", { class: "q-hvotes" }, String(q.votes)), v("span", { class: "q-htext" }, q.text)))) : null);
  }

  /* ---------------- projector ---------------- */

  function display(s) {
    const k = s.kind || {};
    if (k.questions === undefined) return null;
    const a = k.answering;
    const top = k.questions.slice(0, a ? 3 : 5);
    const side = k.hands ? v("div", { class: "q-side" },
      v("p", { class: "q-eyebrow" }, k.speaker ? "Speaking" : "Speaking queue"),
      k.speaker ? v("p", { class: "q-speaker fit", id: "q-speaker" }, k.speaker.name) : null,
      k.queue.length ? v("ol", { class: "q-queue fit-list" }, k.queue.slice(0, 5).map((h) => v("li", { key: h.id }, v("span", { class: "fit" }, h.name)))) : v("p", { class: "q-quiet" }, "Tap “I want to speak”"),
      k.queue.length ? v("p", { class: "q-quiet fit-more", "data-more": String(Math.max(0, k.queue_total - Math.min(5, k.queue.length))) }) : null) : null;
    return v("div", { class: "q-display" + (k.hands ? " with-side" : "") },
      v("div", { class: "q-main" },
        a ? v("div", { class: "q-answering", id: "q-answering" }, v("p", { class: "q-eyebrow" }, "Answering now"),
          v("p", { class: "q-big fit fit-3" }, a.text), v("p", { class: "q-meta fit fit-1" }, who(a) + " · " + votes(a))) : null,
        // The projector never scrolls: a row the list has no room for is hidden whole rather
        // than cut (the shared .fit-list, static/js/fit.js).
        top.length ? v("ol", { class: "q-top fit-list", id: "q-top" }, top.map((q) => v("li", { key: q.id },
          v("span", { class: "q-count" }, v("strong", {}, String(q.votes)), v("small", {}, q.votes === 1 ? "vote" : "votes")),
          v("span", { class: "q-line fit" }, q.text))))
          : !a ? v("p", { class: "q-call" }, papers(k) ? "Suggest a paper on your phone" : "Ask your question on your phone") : null,
        v("p", { class: "q-foot" }, k.closed ? "The floor is closed" : (papers(k) ? plural(k.total, "paper", "papers") : plural(k.total, "question", "questions")) + " · vote on your phone", k.answered ? " · " + k.answered + " answered" : "")),
      side);
  }

  /* ---------------- host panel ---------------- */

  function row(q, send, acts) {
    return v("li", { key: q.id, class: "q-hrow", "data-q": q.id },
      acts.pick ? v("input", { type: "checkbox", class: "q-pick", "aria-label": "Pick as a duplicate: " + q.text, checked: picked.has(q.id), onchange: (e) => { if (e.target.checked) picked.add(q.id); else picked.delete(q.id); SA.redraw(); } }) : null,
      v("span", { class: "q-hvotes" }, String(q.votes)),
      v("span", { class: "q-htext" }, q.text, v("span", { class: "muted" }, " — " + who(q) + (q.merged ? " +" + q.merged : ""))),
      v("span", { class: "q-acts" },
        acts.approve ? v("button", { class: "small", onclick: () => send("questions.approve", { question_id: q.id }) }, "Approve") : null,
        acts.answer ? v("button", { class: "small", onclick: () => send("questions.answer", { question_id: q.id }) }, "Answer now") : null,
        acts.merge && picked.size && !picked.has(q.id) ? v("button", { class: "small", onclick: () => send("questions.merge", { question_id: q.id, duplicate_ids: [...picked] }).then((ack) => { if (ack && ack.ok) { picked.clear(); SA.redraw(); } }) }, "Merge " + picked.size + " here") : null,
        acts.hide ? v("button", { class: "small danger", onclick: () => send("questions.hide", { question_id: q.id }) }, "Hide") : null,
        acts.show ? v("button", { class: "small", onclick: () => send("questions.hide", { question_id: q.id, hidden: false }) }, "Show again") : null));
  }

  function primary(k, hk, send) {
    if (k.answering) return ["Answered ✓", () => send("questions.answered", { question_id: k.answering.id })];
    if (k.questions.length) return ["Answer now: “" + k.questions[0].text.slice(0, 60) + (k.questions[0].text.length > 60 ? "…" : "") + "”", () => send("questions.answer", { question_id: k.questions[0].id })];
    if (hk.pending.length) return ["Approve the oldest waiting question", () => send("questions.approve", { question_id: hk.pending[hk.pending.length - 1].id })];
    return ["No questions yet", null];
  }

  function host(s, me, send) {
    const k = s.kind || {};
    const hk = (s.host && s.host.kind) || {};
    if (k.questions === undefined || !hk.open) return null;
    for (const id of [...picked]) if (!hk.open.some((q) => q.id === id) && !hk.pending.some((q) => q.id === id) && !hk.hidden.some((q) => q.id === id)) picked.delete(id);
    const [label, action] = primary(k, hk, send);
    const opt = (key, value) => send("questions.options", { [key]: value });
    return [
      k.answering ? v("div", { class: "q-host-now" }, v("p", { class: "eyebrow" }, "Answering now"), v("p", { class: "q-host-pinned" }, k.answering.text, v("span", { class: "muted" }, " — " + who(k.answering) + " · " + votes(k.answering)))) : null,
      v("button", { id: "q-primary", class: "primary q-primary", disabled: !action, onclick: action }, label, v("kbd", {}, "A")),
      v("div", { class: "row q-row-buttons" },
        v("button", { id: "q-floor", onclick: () => send("questions.floor", { open: k.closed }) }, k.closed ? "Open the floor" : "Close the floor", v("kbd", {}, "F")),
        v("label", { class: "check small" }, v("input", { type: "checkbox", id: "q-moderated", checked: k.moderated, onchange: (e) => opt("moderated", e.target.checked) }), "Approve questions first"),
        v("label", { class: "small" }, "Names ", v("select", { id: "q-names", value: k.names, onchange: (e) => opt("names", e.target.value) },
          v("option", { value: "either" }, "each phone chooses"), v("option", { value: "named" }, "always shown"), v("option", { value: "anonymous" }, "always anonymous"))),
        v("label", { class: "check small" }, v("input", { type: "checkbox", id: "q-hands", checked: k.hands, onchange: (e) => opt("hands", e.target.checked) }), "Hand-raise queue")),
      k.hands ? v("div", { class: "q-host-queue" },
        v("p", {}, k.speaker ? v("span", {}, "Speaking: ", v("strong", {}, k.speaker.name), " ", v("span", { class: "timer", "data-timer": "kind" }), " ", v("span", { class: "timer-words", "data-timer-words": "kind" })) : "Nobody is speaking.",
          " · waiting: " + (hk.queue.map((h) => h.name).join(", ") || "nobody")),
        v("div", { class: "row q-row-buttons" },
          v("button", { id: "q-call", disabled: !hk.queue.length, onclick: () => send("questions.call") }, hk.queue.length ? "Call " + hk.queue[0].name : "Nobody waiting", v("kbd", {}, "C")),
          v("button", { id: "q-plus30", disabled: !k.speaker, onclick: () => send("questions.extend", { seconds: 30 }) }, "+30 s"),
          v("button", { id: "q-done", disabled: !k.speaker, onclick: () => send("questions.done") }, "Speaker done"))) : null,
      v("div", { class: "q-host-lists" },
        hk.pending.length || k.moderated ? v("section", {}, v("h3", {}, "Waiting for approval (" + hk.pending.length + ")"),
          v("ol", { class: "q-hrows", id: "q-pending" }, hk.pending.map((q) => row(q, send, { approve: true, hide: true, pick: true })))) : null,
        v("section", {}, v("h3", {}, "On the list (" + hk.open.length + ")", picked.size ? v("span", { class: "muted" }, " · " + picked.size + " picked: press “Merge here” on the one to keep") : null),
          v("ol", { class: "q-hrows", id: "q-open" }, hk.open.length ? hk.open.map((q) => row(q, send, { answer: true, hide: true, pick: true, merge: true })) : v("li", { class: "muted" }, "Nothing yet."))),
        v("details", { class: "q-archive" }, v("summary", {}, "Hidden (" + hk.hidden.length + "), answered (" + hk.archive.length + ")"),
          v("ol", { class: "q-hrows" }, hk.hidden.map((q) => row(q, send, { show: true, pick: true }))),
          v("ol", { class: "q-hrows" }, hk.archive.map((q) => v("li", { key: q.id, class: "q-hrow" }, v("span", { class: "q-hvotes" }, String(q.votes)), v("span", { class: "q-htext" }, q.text))))))];
  }

  SA.defineKind("questions", {
    phone,
    side,
    sideHost,
    display,
    host,
    leads: true,
    keys: { a: "q-primary", f: "q-floor", c: "q-call" },
  });
})();
