/* vote segment screens: the phone (ballot), the projector (voters, then the calm reveal) and
   the host panel (question list, open / close / reveal / next, live counts).
   Drawn with SA.v and patched by the screens: options, answers and titles people typed are
   always text; results carry counts only. */
(function () {
  "use strict";
  const v = (...a) => SA.v(...a);
  const kept = {};
  const refs = {};
  const keep = (id) => refs[id] || (refs[id] = (el) => { kept[id] = el; });

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many || one + "s"); }
  const TYPE_WORDS = { single: "Pick one", approval: "Tick any you like", ranked: "Rank in order", scale: "Rate", words: "A few words", text: "Your answer" };
  const labelOf = (q, id) => { const o = (q.options || []).find((x) => x.id === id); return o ? o.label : String(id); };

  /* ---------------- results (projector, host, phone after the reveal) ---------------- */

  function bars(rows, opts) {
    const top = Math.max(1, ...rows.map((r) => r.count));
    return v("ol", { class: "vote-bars" + (opts && opts.calm ? " calm" : "") }, rows.map((r, i) =>
      v("li", { key: r.key, class: "vote-bar" + (r.win ? " win" : ""), style: { "--d": i * 0.12 + "s" } },
        v("span", { class: "vote-bar-label fit" }, r.win ? v("span", { class: "vote-star", "aria-label": "winner" }, "★ ") : null, r.label),
        v("span", { class: "vote-bar-track", "aria-hidden": "true" }, v("span", { class: "vote-bar-fill", style: { width: (100 * r.count / top).toFixed(1) + "%" } })),
        v("span", { class: "vote-bar-num" }, String(r.count), r.share !== undefined && r.share !== "" ? v("small", {}, " · " + r.share + "%") : null))));
  }

  function optionRows(r) {
    const win = new Set(r.winners || []);
    return r.options.map((o) => ({ key: String(o.id), label: o.label, count: o.count, share: o.share, win: win.has(o.id) }));
  }

  function cloud(r) {
    return v("p", { class: "vote-cloud", lang: "" }, (r.words || []).slice(0, 40).map((w) =>
      v("span", { key: w.key, class: "vote-word fit fit-1 s" + w.size, title: plural(w.count, "phone") }, w.text, v("sup", {}, String(w.count)))));
  }

  function rankedView(q, r, full) {
    const out = [];
    if (r.ranking && r.ranking.length) {
      out.push(v("ol", { class: "vote-ranking" }, r.ranking.map((tier, i) =>
        v("li", { key: i, class: i === 0 ? "win" : "" }, v("span", { class: "vote-place" }, (i === 0 ? "★ " : "") + (i + 1) + ". "), v("span", { class: "vote-rank-label fit" }, tier.map((id) => labelOf(q, id)).join(" = "))))));
    }
    if (r.rounds && r.rounds.length) {
      out.push(v("table", { class: "vote-rounds" },
        v("caption", {}, "Instant-runoff rounds"),
        v("thead", {}, v("tr", {}, v("th", { scope: "col" }, "Option"), r.rounds.map((x) => v("th", { scope: "col", key: x.round }, "Round " + x.round)))),
        v("tbody", {}, q.options.map((o) => v("tr", { key: String(o.id) }, v("th", { scope: "row" }, o.label),
          r.rounds.map((x) => {
            const c = x.counts.find((y) => y.id === o.id);
            const out_ = x.eliminated.includes(o.id);
            return v("td", { key: x.round, class: out_ ? "out" : "" }, c ? String(c.count) + (out_ ? " ✗ out" : x.elected === o.id ? " ★" : "") : "–");
          }))))));
    }
    if (full && r.method === "schulze" && r.pairwise && r.pairwise.length) {
      out.push(v("table", { class: "vote-pairwise" },
        v("caption", {}, "Head to head: how many ranked the row above the column"),
        v("thead", {}, v("tr", {}, v("td", {}), q.options.map((o) => v("th", { scope: "col", key: String(o.id) }, o.label)))),
        v("tbody", {}, q.options.map((o, i) => v("tr", { key: String(o.id) }, v("th", { scope: "row" }, o.label),
          r.pairwise[i].map((n, j) => v("td", { key: j, class: i === j ? "self" : n > r.pairwise[j][i] ? "beats" : "" }, i === j ? "–" : String(n) + (n > r.pairwise[j][i] ? " ▲" : ""))))))));
    }
    return out;
  }

  function resultBody(q, r, opts) {
    const full = opts && opts.full;
    if (r.type === "words") return cloud(r);
    if (r.type === "text") {
      const list = r.answers || [];
      return v("ul", { class: "vote-answers" }, list.map((a) => v("li", { key: a.text }, v("span", { class: "fit" }, "“" + a.text + "”", a.count > 1 ? v("small", {}, " ×" + a.count) : null))));
    }
    if (r.type === "scale") {
      return [v("p", { class: "vote-mean" }, r.mean === null ? "No ballots yet" : "Mean " + r.mean + " / " + r.scale_max),
        bars(r.values.map((x) => ({ key: String(x.value), label: String(x.value), count: x.count, share: x.share })), opts)];
    }
    if (r.type === "ranked") {
      const order = rankedView(q, r, full);
      if (opts && opts.brief && order.length) return order; // the projector: the order, big
      return [...order, v("h3", { class: "vote-sub" }, "First choices"), bars(optionRows(r), opts)];
    }
    return bars(optionRows(r), opts);
  }

  function groupsView(q, res, opts) {
    const groups = res.groups || {};
    const names = Object.keys(groups);
    if (res.groups_withheld) return v("p", { class: "vote-more" }, "Judges and audience are shown apart once each group has 3 ballots: ballots are secret.");
    if (!names.length) return null;
    return v("div", { class: "vote-groups" }, names.map((g) => v("section", { key: g },
      v("h3", {}, g === "judges" ? "Judges" : "Audience", " · ", plural(groups[g].ballots, "ballot")),
      v("p", { class: "vote-summary" }, groups[g].summary[0]))));
  }

  function result(q, res, opts) {
    const r = res.all;
    return v("div", { class: "vote-result", "data-type": r.type },
      v("p", { class: "vote-headline fit", id: "vote-headline" }, r.summary[0]),
      r.summary.slice(1).map((s, i) => v("p", { key: i, class: "vote-more fit" }, s)),
      v("p", { class: "vote-method" }, "Counted by: " + r.method_label + " · " + plural(r.ballots, "ballot")),
      resultBody(q, r, opts),
      groupsView(q, res, opts));
  }

  /* ---------------- phone ---------------- */

  const picks = {}; // question id -> [option ids] being ticked or ranked, before sending
  let said = ""; // the last thing a tap did, for screen readers (a polite live region)
  function say(text) { said = text; SA.redraw(); }

  function sent(q, ack, words) {
    if (ack && ack.ok) { delete picks[q.id]; say(words); SA.redraw(); }
  }

  function mineOf(me, q) {
    const b = me && me.kind && me.kind.ballots;
    return b ? b[String(q.id)] : undefined;
  }

  function mineWords(q, mine) {
    if (mine === undefined) return null;
    if (q.type === "single") return labelOf(q, mine);
    if (q.type === "approval" || q.type === "ranked") return mine.map((id, i) => (q.type === "ranked" ? i + 1 + ". " : "") + labelOf(q, id)).join(q.type === "ranked" ? "  " : ", ");
    if (q.type === "words") return mine.join(", ");
    return String(mine);
  }

  function choiceButtons(q, mine, send) {
    return v("div", { class: "vote-options", role: "group", "aria-label": q.title }, q.options.map((o) =>
      v("button", { key: String(o.id), class: "vote-option" + (mine === o.id ? " chosen" : ""), "aria-pressed": String(mine === o.id),
        onclick: () => send("vote.cast", { question_id: q.id, answer: o.id }).then((ack) => sent(q, ack, "Your vote: " + o.label)) },
        mine === o.id ? "✓ " : "", o.label)));
  }

  function approvalButtons(q, mine, send) {
    const cur = picks[q.id] || (picks[q.id] = mine ? mine.slice() : []);
    const toggle = (id) => { const i = cur.indexOf(id); if (i >= 0) cur.splice(i, 1); else cur.push(id); SA.redraw(); };
    const limit = q.max_approvals;
    return [v("p", { class: "muted" }, limit ? "Tick up to " + limit + "." : "Tick every option you like."),
      v("div", { class: "vote-options", role: "group", "aria-label": q.title }, q.options.map((o) => {
        const on = cur.includes(o.id);
        return v("button", { key: String(o.id), class: "vote-option" + (on ? " chosen" : ""), "aria-pressed": String(on), onclick: () => toggle(o.id) }, on ? "☑ " : "☐ ", o.label);
      })),
      v("div", { class: "actions" }, v("button", { id: "vote-send", class: "primary big", disabled: !cur.length,
        onclick: () => send("vote.cast", { question_id: q.id, answer: cur.slice() }).then((ack) => sent(q, ack, "Your ticks are in.")) },
        cur.length ? "Send my " + plural(cur.length, "tick") : "Tick at least one"))];
  }

  function rankedButtons(q, mine, send) {
    const cur = picks[q.id] || (picks[q.id] = []);
    const all = q.options.length;
    const add = (o) => { cur.push(o.id); say(o.label + " ranked number " + cur.length + "."); SA.redraw(); };
    const undo = () => { const id = cur.pop(); if (id !== undefined) say(labelOf(q, id) + " taken back."); SA.redraw(); };
    const ready = cur.length === all || (!q.rank_all && cur.length > 0);
    return [v("p", { class: "muted" }, "Tap the options in order, your favourite first." + (q.rank_all ? " Rank them all." : " Stop whenever you like.")),
      v("div", { class: "row vote-rank-tools" },
        v("button", { id: "vote-undo", disabled: !cur.length, onclick: undo }, "↶ Undo last"),
        v("button", { id: "vote-clear", disabled: !cur.length, onclick: () => { picks[q.id] = []; say("Ranking cleared."); SA.redraw(); } }, "Start over")),
      v("ol", { class: "vote-options vote-rank", "aria-label": "Your ranking so far" }, q.options.map((o) => {
        const place = cur.indexOf(o.id) + 1;
        return v("li", { key: String(o.id) }, v("button", { class: "vote-option" + (place ? " chosen" : ""), disabled: !!place,
          "aria-label": place ? o.label + ", ranked " + place : "Rank " + o.label + " number " + (cur.length + 1), onclick: () => add(o) },
          v("span", { class: "vote-place", "aria-hidden": "true" }, place ? String(place) : "+"), o.label));
      })),
      v("div", { class: "actions" }, v("button", { id: "vote-send", class: "primary big", disabled: !ready,
        onclick: () => send("vote.cast", { question_id: q.id, answer: cur.slice() }).then((ack) => sent(q, ack, "Your ranking is in.")) },
        ready ? "Send my ranking (" + cur.length + ")" : "Rank " + (q.rank_all ? "every option" : "at least one")))];
  }

  function scaleButtons(q, mine, send) {
    const nums = Array.from({ length: q.scale_max }, (_, i) => i + 1);
    return v("div", { class: "vote-scale", role: "group", "aria-label": q.title + ", 1 (lowest) to " + q.scale_max + " (highest)" }, nums.map((n) =>
      v("button", { key: n, class: "vote-option" + (mine === n ? " chosen" : ""), "aria-pressed": String(mine === n),
        onclick: () => send("vote.cast", { question_id: q.id, answer: n }).then((ack) => sent(q, ack, "You gave " + n + ".")) }, String(n))));
  }

  function wordInputs(q, send) {
    const n = q.type === "words" ? q.max_answers : 1;
    const fields = Array.from({ length: n }, (_, i) => v("input", { key: q.id + "-" + i, id: "vote-word-" + i, ref: keep("w" + i), maxlength: q.type === "words" ? "40" : "280",
      autocomplete: "off", "aria-label": q.type === "words" ? "Answer " + (i + 1) : "Your answer", placeholder: q.type === "words" ? (i ? "Another (optional)" : "A word or two") : "Type here" }));
    const go = (e) => {
      e.preventDefault();
      const vals = Array.from({ length: n }, (_, i) => (kept["w" + i] ? kept["w" + i].value.trim() : "")).filter(Boolean);
      const answer = q.type === "words" ? vals : vals[0] || "";
      send("vote.cast", { question_id: q.id, answer }).then((ack) => {
        if (ack && ack.ok) { for (let i = 0; i < n; i++) if (kept["w" + i]) kept["w" + i].value = ""; }
        sent(q, ack, "Sent.");
      });
    };
    return v("form", { class: "vote-words-form", onsubmit: go }, fields, v("div", { class: "actions" }, v("button", { id: "vote-send", class: "primary big", type: "submit" }, "Send")));
  }

  function ballotUI(q, mine, send) {
    if (q.type === "single") return choiceButtons(q, mine, send);
    if (q.type === "approval") return approvalButtons(q, mine, send);
    if (q.type === "ranked") return rankedButtons(q, mine, send);
    if (q.type === "scale") return scaleButtons(q, mine, send);
    return wordInputs(q, send);
  }

  function phone(s, me, send) {
    const k = s.kind || {};
    if (!("question" in k)) return null;
    const q = k.question;
    if (!q) return v("div", { class: "card" }, v("h2", {}, "The vote starts soon"), v("p", {}, "Questions appear here when the host opens them."));
    const mine = mineOf(me, q);
    const judge = me && me.kind && me.kind.judge;
    const head = v("div", { class: "card vote-q" },
      v("p", { class: "eyebrow" }, "Question " + (k.index + 1) + " of " + k.total + (judge ? " · you vote as a judge" : "")),
      v("h2", { id: "vote-title" }, q.title),
      q.state === "open" ? v("p", { class: "muted" }, TYPE_WORDS[q.type] + " · " + plural(q.voters, "phone has voted", "phones have voted")) : null);
    const yours = mine !== undefined ? v("p", { class: "vote-mine", id: "vote-mine" }, v("strong", {}, "Your answer: "), mineWords(q, mine),
      q.state === "open" ? (q.lock_first ? " (final)" : " (you can change it until voting closes)") : "") : null;
    const live = v("p", { id: "vote-said", class: "sr-only", role: "status", "aria-live": "polite" }, said);
    let body;
    if (q.state === "draft") body = v("p", { class: "card" }, "Voting opens in a moment.");
    else if (q.state === "open" && !(q.lock_first && mine !== undefined)) body = ballotUI(q, mine, send);
    else if (q.state === "open") body = null;
    else if (k.result) body = v("div", { class: "card" }, result(q, k.result));
    else body = v("p", { class: "card" }, "Voting is closed. The result is coming on the big screen.");
    return SA.area({ "data-state": q.state, "data-type": q.type }, head, yours, body, live);
  }

  /* ---------------- projector ---------------- */

  function display(s) {
    const k = s.kind || {};
    if (!("question" in k)) return null;
    const q = k.question;
    if (!q) return v("div", { class: "vote-stage" }, v("p", { class: "vote-call" }, "The vote starts soon"));
    const n = v("p", { class: "vote-voters", id: "vote-voters" }, v("strong", {}, String(q.voters)), q.voters === 1 ? " phone has voted" : " phones have voted");
    let main;
    if (k.result) main = result(q, k.result, { calm: q.state === "revealed", brief: true });
    else if (q.state === "open") main = [v("p", { class: "vote-call" }, "Vote on your phone"), n, v("p", { class: "vote-note" }, "Results stay hidden until the reveal.")];
    else if (q.state === "closed") main = [v("p", { class: "vote-call" }, "Voting is closed"), n, v("p", { class: "vote-note" }, "The result is coming…")];
    else main = v("p", { class: "vote-call" }, "Get your phone ready");
    return SA.area({ "data-state": q.state, "data-type": q.type },
      v("div", { class: "vote-stage" },
        v("p", { class: "vote-eyebrow" }, "Question " + (k.index + 1) + " of " + k.total + (q.state === "revealed" ? " · result" : "")),
        v("h1", { class: "vote-title fit fit-3", id: "vote-title" }, q.title),
        main));
  }

  /* ---------------- host panel ---------------- */

  function primary(q, qs) {
    if (!q) return ["Add a question below", null];
    const last = qs.findIndex((x) => x.id === q.id) === qs.length - 1;
    if (q.state === "draft") return ["Open voting", ["vote.open", { question_id: q.id }]];
    if (q.state === "open") return ["Close voting (" + plural(q.voters, "ballot") + ")", ["vote.close", { question_id: q.id }]];
    if (q.state === "closed") return ["Reveal the result", ["vote.reveal", { question_id: q.id }]];
    return last ? ["That was the last question", null] : ["Next question", ["vote.next", {}]];
  }

  function questionRow(x, cur, send) {
    return v("li", { key: x.id, class: "vote-qrow" + (x.id === cur ? " current" : ""), "data-question": x.id },
      v("span", { class: "vote-qstate badge" }, x.state),
      v("span", { class: "vote-qtitle" }, v("strong", {}, x.title), v("span", { class: "muted" }, " · " + x.type + (x.method ? " (" + x.method + ")" : "") + " · " + plural(x.voters, "ballot"))),
      v("span", { class: "vote-qacts" },
        x.id !== cur ? v("button", { class: "small", onclick: () => send("vote.show", { question_id: x.id }) }, "Show") : null,
        x.state !== "revealed" && x.state !== "open" ? v("button", { class: "small", onclick: () => send("vote.open", { question_id: x.id }) }, "Open") : null,
        v("label", { class: "check small" }, v("input", { type: "checkbox", checked: x.live_results, onchange: (e) => send("vote.edit", { question_id: x.id, live_results: e.target.checked }) }), "live results"),
        v("label", { class: "check small" }, v("input", { type: "checkbox", checked: x.lock_first, onchange: (e) => send("vote.edit", { question_id: x.id, lock_first: e.target.checked }) }), "lock first answers"),
        x.state !== "open" ? v("button", { class: "small danger", "aria-label": "Remove " + x.title, onclick: () => confirm("Remove “" + x.title + "” and its ballots?") && send("vote.remove", { question_id: x.id }) }, "Remove") : null));
  }

  function addForm(hk, send) {
    const go = (e) => {
      e.preventDefault();
      const type = kept.type.value;
      const args = { title: kept.qtitle.value, type, live_results: kept.liveRes.checked, lock_first: kept.lock.checked };
      if (["single", "approval", "ranked"].includes(type)) {
        if (kept.source && kept.source.value) args.source = kept.source.value; else args.options = kept.options.value;
      }
      if (type === "ranked") args.method = kept.method.value;
      if (type === "scale") args.scale_max = parseInt(kept.scale.value, 10);
      if (type === "words") args.max_answers = parseInt(kept.maxAnswers.value, 10);
      send("vote.add", args).then((ack) => { if (ack && ack.ok) { kept.qtitle.value = ""; kept.options.value = ""; } });
    };
    const sel = (id, key, opts, label) => v("label", { class: "field" }, v("span", {}, label),
      v("select", { id, ref: keep(key) }, opts.map(([val, text]) => v("option", { key: val, value: val }, text))));
    return v("section", { class: "vote-add" },
      v("h3", {}, "Add a question"),
      v("form", { onsubmit: go },
        v("label", { class: "field" }, v("span", {}, "Question"), v("input", { id: "vote-new-title", ref: keep("qtitle"), maxlength: "200", autocomplete: "off", placeholder: "e.g. Best vision paper" })),
        sel("vote-new-type", "type", [["single", "Single choice"], ["approval", "Approval (tick any)"], ["ranked", "Ranked choice"], ["scale", "Scale"], ["words", "Word cloud"], ["text", "Open text"]], "Type"),
        v("label", { class: "field" }, v("span", {}, "Options, one per line"), v("textarea", { id: "vote-new-options", ref: keep("options"), rows: 4 })),
        hk.sources.length ? sel("vote-new-source", "source", [["", "— or take the options from —"], ...hk.sources.map((x) => [x.key, x.label + " (" + x.count + ")"])], "From the evening") : null,
        v("div", { class: "row" },
          sel("vote-new-method", "method", [["schulze", "Schulze (ranked)"], ["irv", "Instant-runoff (ranked)"]], "Counting"),
          sel("vote-new-scale", "scale", [["5", "1 to 5"], ["10", "1 to 10"]], "Scale"),
          sel("vote-new-max", "maxAnswers", [["3", "3"], ["2", "2"], ["1", "1"]], "Words per phone")),
        v("label", { class: "check" }, v("input", { type: "checkbox", id: "vote-new-live", ref: keep("liveRes") }), "Live results (the room sees counts while voting)"),
        v("label", { class: "check" }, v("input", { type: "checkbox", id: "vote-new-lock", ref: keep("lock") }), "Lock first answers"),
        v("button", { type: "submit", id: "vote-add" }, "Add question")));
  }

  function picksView(q, x, send) {
    if (!x || x.type !== "text") return null;
    const all = x.result.all.answers || [];
    return v("section", { class: "vote-picks" }, v("h3", {}, "Open answers: pick the ones the room sees after the reveal"),
      v("ul", {}, all.map((a) => {
        const on = x.picked.includes(a.text);
        return v("li", { key: a.text }, v("button", { class: "small", "aria-pressed": String(on), onclick: () => send("vote.pick", { question_id: x.id, text: a.text, on: !on }) }, on ? "Shown ✓" : "Show"), " “" + a.text + "”", a.count > 1 ? " ×" + a.count : "");
      })));
  }

  /* Judges: the host finds phones by name (the host's people list) and marks them. */
  let judgeHits = [];
  function findJudges(e) {
    e.preventDefault();
    const q = kept.judgeQ ? kept.judgeQ.value.trim() : "";
    if (!q) return;
    fetch("/e/" + SA.code + "/host/people.json?q=" + encodeURIComponent(q), { cache: "no-store" })
      .then((r) => r.json()).then((d) => { judgeHits = (d.people || []).slice(0, 8); SA.redraw(); })
      .catch(() => SA.toast("Could not look people up."));
  }

  function judgesView(hk, send) {
    const ids = new Set(hk.judges.map((j) => j.id));
    const mark = (id, on) => send("vote.judges", { attendee_ids: [id], on });
    return v("details", { class: "vote-judges" },
      v("summary", {}, "Judges (" + hk.judges.length + "): counted apart as well as with everyone"),
      v("ul", {}, hk.judges.map((j) => v("li", { key: j.id }, j.label, " ", v("button", { class: "small", onclick: () => mark(j.id, false) }, "Not a judge")))),
      v("form", { class: "row", onsubmit: findJudges },
        v("input", { id: "vote-judge-q", ref: keep("judgeQ"), placeholder: "Find a phone by name", "aria-label": "Find a phone by name", autocomplete: "off" }),
        v("button", { type: "submit" }, "Find")),
      v("ul", { id: "vote-judge-hits" }, judgeHits.map((p) => v("li", { key: p.id }, p.label, " ",
        ids.has(p.id) ? v("span", { class: "muted" }, "judge") : v("button", { class: "small", onclick: () => mark(p.id, true) }, "Mark as judge")))));
  }

  function host(s, me, send) {
    const k = s.kind || {};
    const hk = (s.host && s.host.kind) || {};
    if (!("question" in k) || !hk.questions) return null;
    const x = hk.questions.find((y) => y.id === hk.current) || null;
    const [label, action] = primary(x, hk.questions);
    const shown = x && (x.state === "revealed" || x.live_results);
    return [
      v("div", { class: "vote-host-now" },
        x ? [v("p", { class: "eyebrow" }, "On screen: " + x.state + (shown ? " · the room sees the result" : " · the room sees only the count")),
          v("h3", { class: "vote-host-title" }, x.title)] : v("p", { class: "muted" }, "No question yet.")),
      v("button", { id: "vote-primary", class: "primary vote-primary", disabled: !action, onclick: () => action && send(action[0], action[1]) }, label, v("kbd", {}, "V")),
      x ? v("div", { class: "vote-live", "aria-label": "Live counts (only you see these)" }, result(x, x.result, { full: true })) : null,
      picksView(k.question, x, send),
      v("section", {}, v("h3", {}, "Questions ", v("span", { class: "muted" }, "(" + hk.questions.length + ")")),
        v("ol", { class: "vote-qlist", id: "vote-qlist" }, hk.questions.map((y) => questionRow(y, hk.current, send)))),
      addForm(hk, send),
      judgesView(hk, send),
      v("p", { class: "vote-exports" }, "Export counts: ",
        v("a", { href: "/e/" + SA.code + "/vote/export.md", target: "_blank", rel: "noopener" }, "Markdown"), " · ",
        v("a", { href: "/e/" + SA.code + "/vote/export.csv", target: "_blank", rel: "noopener" }, "CSV")),
    ];
  }

  // leads: open / close / reveal / next is the host's next action. Key V (core uses Space, N, P, +, -).
  SA.defineKind("vote", { phone, display, host, leads: true, keys: { v: "vote-primary" } });
})();
