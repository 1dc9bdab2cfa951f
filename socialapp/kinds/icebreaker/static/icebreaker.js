/* icebreaker segment screens (phone, projector, host panel): rounds of a question in groups
   of 2 or 3, each group with a meeting sign (colour + emoji + number) shown very large.
   Drawn with SA.v and patched by the screens: "We found each other" stays the same button
   under the finger while states arrive. */
(function () {
  "use strict";
  const { h } = SA; // the live region below is the page's, outside what the screens patch
  const v = (...a) => SA.v(...a);
  const PAGE_SECONDS = 8;
  const MANY = 8; // more groups than this: the projector lists only those still looking

  /* A live region of the page's own, outside what the screens patch, so "your group" is
     announced once, not per state. */
  let lastSignKey = null;
  function announce(text) {
    let el = document.getElementById("ib-announce");
    if (!el) {
      el = h("div", { id: "ib-announce", class: "ib-sr", role: "status", "aria-live": "polite" });
      document.body.append(el);
    }
    el.textContent = text;
  }

  const paint = (hex, ink) => ({ backgroundColor: hex, color: ink });

  function roundLine(kind) {
    return kind.rounds ? "Round " + kind.round + " of " + kind.rounds : "Round " + kind.round;
  }

  function names(list) {
    if (list.length <= 1) return list.join("");
    return list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }

  /* ---------------- phone ---------------- */

  function bigSign(sign) {
    // The sign is the page's headline; a screen reader hears it as the level-one heading.
    return [v("h1", { class: "visually-hidden" }, "Your sign: " + sign.label), bigSignPicture(sign)];
  }

  function bigSignPicture(sign) {
    return v("div", { class: "ib-sign", role: "img", "aria-label": "Your sign: " + sign.label, style: paint(sign.hex, sign.ink) },
      v("span", { class: "ib-sign-emoji", "aria-hidden": "true" }, sign.emoji),
      v("span", { class: "ib-sign-number", "aria-hidden": "true" }, String(sign.number)),
      v("span", { class: "ib-sign-label", "aria-hidden": "true" }, sign.label));
  }

  function question(prompt, round) {
    if (!prompt) return null;
    return v("div", { class: "card ib-question" },
      v("p", { class: "eyebrow" }, round),
      v("p", { class: "ib-prompt" }, prompt));
  }

  /* "We found each other" is each person's own word: a contact line shared later goes only
     between two people who BOTH tapped it for each other (a name on a list is not a meeting).
     A pair has one button; a trio taps each person it found. */
  const SHARED_ONCE = "Contacts you share later go only to people who both confirm you met.";
  function foundActions(mine, act) {
    const mates = mine.mates || [];
    const note = (text) => v("p", { class: "ib-confirm-note" }, text);
    const back = v("div", { class: "ib-row" },
      mine.looking ? null : v("button", { id: "ib-looking", onclick: act("icebreaker.looking") }, "Can't find my group"),
      v("button", { id: "ib-skip", onclick: act("icebreaker.skip") }, "Skip this round"));
    if (mates.length > 1) {
      return [
        mine.confirmed ? v("p", { class: "ib-found", role: "status" }, "✓ You found each other. Enjoy the question!")
          : mine.looking ? v("p", { class: "ib-looking", role: "status" }, "The host knows you're looking. Keep your sign up high!") : null,
        v("p", { class: "ib-confirm-ask" }, "Tap each person you found:"),
        v("div", { class: "ib-row ib-mates" }, mates.map((m) => m.confirmed
          ? v("button", { key: m.id, class: "ib-found-mate done", "aria-pressed": "true", onclick: act("icebreaker.found", { found: false, mates: [m.id] }) },
            "✓ Found " + m.label + (m.confirmed_me ? " (both confirmed)" : ""))
          : v("button", { key: m.id, class: "ib-found-mate primary", "aria-pressed": "false", onclick: act("icebreaker.found", { mates: [m.id] }) },
            "I found " + m.label + (m.confirmed_me ? " (they found you)" : "")))),
        note(SHARED_ONCE),
        mine.confirmed ? null : back];
    }
    const mate = mates[0] || { label: "them" };
    if (mine.confirmed) {
      return [
        v("p", { class: "ib-found", role: "status" }, "✓ You found each other. Enjoy the question!"),
        note(mate.confirmed_me
          ? "You both confirmed: you can swap contacts in “Stay connected”."
          : "Contacts are shared once you both confirm you met: waiting for " + mate.label + " to tap too."),
        v("button", { class: "small", onclick: act("icebreaker.found", { found: false }) }, "Not yet, undo")];
    }
    return [
      mate.confirmed_me ? v("p", { class: "ib-mate-found", role: "status" }, mate.label + " says you found each other: tap too if it was you.")
        : mine.looking ? v("p", { class: "ib-looking", role: "status" }, "The host knows you're looking. Keep your sign up high!") : null,
      v("button", { id: "ib-found", class: "primary big", onclick: act("icebreaker.found") }, "We found each other"),
      back];
  }

  const WAITING = {
    waiting: ["Round 1 starts soon", () => "When it starts, your phone shows a big sign. Find the people with the same sign and answer the question together."],
    unplaced: ["You'll get a group in a moment", (mine, k) => "Round " + mine.round + " has started. " + (k && k.auto_place ? "You'll be put in a group in a few seconds" : "The host will put you in a group") + ": keep this page open."],
    alone: ["You're the first one here 🙂", (mine, k) => "Nobody to pair you with yet. As soon as someone else arrives, " + (k && k.auto_place ? "you'll be put together." : "the host will put you together.")],
    skipped: ["You're sitting this round out", () => "Take a breather. You'll be matched again next round."],
  };
  function waitingActions(status, mine, act) {
    if (status === "skipped") return v("button", { id: "ib-back", class: "primary big", onclick: act("icebreaker.skip", { skip: false }) }, "I'm back: match me");
    return [
      mine.here
        ? v("p", { class: "ib-here", role: "status" }, "✓ You're counted as here.")
        : v("button", { id: "ib-here", class: "primary big", onclick: act("icebreaker.here") }, "I'm here"),
      mine.skip_next
        ? v("button", { id: "ib-unskip", onclick: act("icebreaker.skip", { skip: false }) }, "I'll join the next round after all")
        : v("button", { id: "ib-skip", onclick: act("icebreaker.skip") }, "Sit out the next round")];
  }

  function phone(s, me, send) {
    const k = s.kind || {};
    const mine = me.kind || {};
    const status = mine.status || "waiting";
    const act = (name, args) => () => send(name, args || {});
    const area = { class: "ib-phone ib-" + status };
    if (status === "grouped") {
      const sign = mine.sign;
      const key = k.round + ":" + sign.label;
      if (key !== lastSignKey) {
        lastSignKey = key;
        announce("Your group: " + sign.label + ". Find " + names(mine.members) + ".");
        if (navigator.vibrate) { try { navigator.vibrate([150, 80, 150]); } catch (e) { /* not allowed */ } }
      }
      return SA.area(area,
        bigSign(sign),
        v("div", { class: "card ib-members" },
          v("p", { class: "eyebrow" }, mine.confirmed ? "Your group" : "Hold up your phone and find"),
          v("ul", { class: "ib-names" }, mine.members.map((n) => v("li", {}, n))),
          mine.late ? v("p", { class: "muted" }, "You joined this group during the round.") : null,
          mine.reason ? v("p", { class: "ib-reason", id: "ib-reason" }, mine.reason) : null),
        question(mine.prompt, roundLine(k)),
        v("div", { class: "actions" }, foundActions(mine, act)));
    }
    lastSignKey = null;
    const words = WAITING[status];
    return SA.area(area,
      v("div", { class: "card center ib-status" }, words
        ? [v("h2", {}, words[0]), v("p", { class: "lead" }, words[1](mine, k))]
        : v("h2", {}, "Icebreaker")),
      status === "waiting" ? null : question(mine.prompt, roundLine(k)),
      v("div", { class: "actions" }, waitingActions(status, mine, act)));
  }

  /* ---------------- projector ---------------- */

  let page = 0;
  let pager = null;

  function groupTile(g, colours) {
    const [number, ci, emoji, people, found] = g;
    const c = colours[ci] || ["", "#444444", "#FFFFFF"];
    return v("li", { key: number, class: "ib-tile" + (found ? " found" : "") },
      v("span", { class: "ib-chip", "aria-label": c[0] + " " + number, style: paint(c[1], c[2]) },
        v("span", { class: "ib-chip-emoji" }, emoji), v("span", { class: "ib-chip-number" }, String(number))),
      v("span", { class: "ib-tile-names fit" }, SA.names(people, " · ")),
      found ? v("span", { class: "ib-tick" }, "✓ found") : null);
  }

  /* Few groups: all of them, found ones ticked. Many: only those still looking for each
     other, so the pages get fewer as the room sorts itself out. */
  function shownGroups(k) {
    return k.total <= MANY ? k.groups : k.groups.filter((g) => !g[4]);
  }

  /* The tiles are laid out in the page first (one, to measure how many fit), so the grid is
     its own patched root inside the kind's area. */
  /* The text fit (static/js/fit.js) may give the grid more or less room than it had when the
     tiles were counted: count again then, only if its height changed (no loop). */
  let measuredHeight = null;
  document.addEventListener("sa:fitted", () => {
    const grid = document.querySelector(".ib-groups");
    if (grid && grid.clientHeight !== measuredHeight) drawGroups();
  });
  function drawGroups() {
    const s = SA.state;
    const grid = document.querySelector(".ib-groups");
    if (!s || !grid || !s.kind || !s.kind.groups) return;
    const groups = shownGroups(s.kind);
    const pageEl = document.querySelector(".ib-page");
    if (!groups.length) {
      SA.patch(grid, v("li", { class: "ib-all-found" }, "Every group has found each other 🎉"));
      if (pageEl) pageEl.textContent = "";
      return;
    }
    SA.patch(grid, groups.slice(0, 1).map((g) => groupTile(g, s.kind.colours)));
    const tile = grid.firstElementChild;
    const cols = Math.max(1, getComputedStyle(grid).gridTemplateColumns.split(" ").length);
    const rowH = tile ? tile.getBoundingClientRect().height + parseFloat(getComputedStyle(grid).rowGap || 0) : 80;
    const rows = Math.max(1, Math.floor((grid.clientHeight + 1) / rowH));
    measuredHeight = grid.clientHeight;
    const perPage = cols * rows;
    const pages = Math.max(1, Math.ceil(groups.length / perPage));
    page = page % pages;
    SA.patch(grid, groups.slice(page * perPage, (page + 1) * perPage).map((g) => groupTile(g, s.kind.colours)));
    const many = s.kind.total > MANY;
    const bits = [];
    if (pages > 1) bits.push("Page " + (page + 1) + " of " + pages);
    if (many) bits.push(groups.length + " groups still looking", "your sign is on your phone");
    if (pageEl) pageEl.textContent = bits.join(" · ");
  }

  function display(s) {
    const k = s.kind || {};
    if (!k.round) {
      return SA.area({ class: "ib-display" }, v("div", { class: "ib-ready" },
        v("p", { class: "ib-ready-big" }, "Get ready: round 1 starts soon"),
        v("p", {}, "Your phone will show a big sign. Hold it up and find the people with the same sign.")));
    }
    if (!pager) pager = setInterval(() => { page += 1; drawGroups(); }, PAGE_SECONDS * 1000);
    return SA.area({ class: "ib-display" + (k.total > MANY ? " many" : "") },
      v("div", { class: "ib-top" },
        v("span", { class: "ib-round" }, roundLine(k)),
        v("span", { class: "ib-count" }, k.total ? k.found + " of " + k.total + " groups found each other" : "")),
      v("p", { class: "ib-question-big fit fit-3" }, k.prompt || "Introduce yourselves!"),
      k.total
        ? v("ol", { key: "groups", class: "ib-groups" + (k.total <= 8 ? " few" : ""), "aria-label": "Groups of this round" })
        : v("p", { key: "none", class: "ib-ready-big" }, "Waiting for a second person to make the first group."),
      v("p", { class: "ib-page" }));
  }

  /* ---------------- host panel ---------------- */

  function chip(sign) {
    const [number, hex, emoji] = sign;
    return v("span", { class: "ib-mini", style: paint(hex, inkFor(hex)) }, emoji + " " + number);
  }
  function inkFor(hex) {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((x) => (x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4)));
    const l = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#FFFFFF";
  }

  const hostKind = (s) => (s.host && s.host.kind) || {};
  function startRound(s, send) {
    const k = hostKind(s);
    const next = k.next_number || 1;
    if (k.round && k.timer && SA.phase(k.timer) !== "time_up" && SA.phase(k.timer) !== "stopped" &&
        !confirm("Round " + k.round + " is still running. Start round " + next + " with new groups now?")) return;
    const by = document.getElementById("ib-by-question");
    const args = by && by.value ? { question_id: parseInt(by.value, 10), match: document.getElementById("ib-by-mode").value } : {};
    send("icebreaker.start_round", args).then((ack) => {
      if (ack && ack.ok) SA.toast("Round " + ack.round + ": " + ack.groups + (ack.groups === 1 ? " group" : " groups") + (ack.unmatched ? ", " + ack.unmatched + " not matched" : ""), "ok");
    });
  }
  const place = (send, ids) => send("icebreaker.place", ids ? { attendee_ids: ids } : {});

  function hostSettings(k, send) {
    return v("div", { class: "ib-row" },
      v("div", { class: "ib-mode", role: "group", "aria-label": "Group size from the next round" },
        v("span", {}, "Groups:"),
        v("button", { id: "ib-pairs", class: "small", "aria-pressed": String(k.mode === 2), onclick: () => send("icebreaker.mode", { group_size: 2 }) }, "Pairs"),
        v("button", { id: "ib-trios", class: "small", "aria-pressed": String(k.mode === 3), onclick: () => send("icebreaker.mode", { group_size: 3 }) }, "Trios")),
      v("button", { id: "ib-skip-q", class: "small", onclick: () => send("icebreaker.skip_prompt"), disabled: !k.prompts }, "Skip next question"),
      v("label", { class: "check" },
        v("input", { type: "checkbox", id: "ib-auto", checked: !!k.auto, onchange: (e) => send("icebreaker.auto", { auto: e.target.checked }) }),
        "Next round starts by itself when the round timer ends"),
      v("label", { class: "check" },
        v("input", { type: "checkbox", id: "ib-auto-place", checked: k.auto_place !== false, onchange: (e) => send("icebreaker.auto_place", { auto_place: e.target.checked }) }),
        "Place late joiners by themselves (a few seconds after they arrive)"),
      k.skipping_next ? v("span", { class: "muted" }, k.skipping_next + " will sit out the next round") : null,
      k.by_answers && k.by_answers.length ? v("label", { class: "ib-by" }, "Match the next round by the answers to ",
        v("select", { id: "ib-by-question" }, v("option", { value: "" }, "— no question (plain round) —"),
          k.by_answers.map((q) => v("option", { key: q.id, value: String(q.id) }, q.title + " (" + q.voters + ")"))),
        v("select", { id: "ib-by-mode", "aria-label": "How" },
          v("option", { value: "mixed" }, "people who answered differently meet"),
          v("option", { value: "alike" }, "people who answered alike meet"))) : null);
  }

  function hostBoxes(k, send) {
    return [
      k.alone ? v("p", { key: "alone", class: "ib-alert" }, "Only one person is here: their phone says they are waiting for a partner. Place them when someone arrives.") : null,
      k.waiting_count ? v("section", { key: "waiting", class: "ib-box", "aria-label": "Late joiners" },
        v("h3", {}, k.waiting_count + " waiting for a group"),
        v("p", {}, k.waiting.map((w) => w.label).join(", "), k.waiting_count > k.waiting.length ? " …" : ""),
        v("button", { id: "ib-place", class: "primary", onclick: () => place(send), "aria-keyshortcuts": "L" },
          k.waiting_count === 1 ? "Place them (into a pair)" : "Place them together", v("kbd", {}, "L"))) : null,
      k.looking_count ? v("section", { key: "looking", class: "ib-box ib-box-warn", "aria-label": "Looking for their group" },
        v("h3", {}, k.looking_count + " can't find their group"),
        v("ul", { class: "ib-list" }, k.looking.map((p) => v("li", {}, chip(p.sign), " ", p.label))),
        v("button", { id: "ib-rematch", onclick: () => send("icebreaker.rematch") }, "Re-match them")) : null,
      k.round && k.not_found && k.not_found.length ? v("details", { key: "not-found", class: "ib-box" },
        v("summary", {}, (k.groups - k.found) + " groups have not found each other yet"),
        v("ul", { class: "ib-list" }, k.not_found.map((g) => v("li", {}, chip(g), " ", SA.names(g[3], ", "))))) : null,
    ];
  }

  function host(s, me, send) {
    const k = hostKind(s);
    const next = k.next_number || 1;
    return SA.area({ class: "ib-host" },
      v("p", { class: "ib-stats" },
        v("span", {}, v("strong", { id: "ib-present" }, String(k.present)), " present"),
        k.round ? v("span", {}, "Round ", v("strong", {}, String(k.round)), k.prompts ? " of " + k.prompts : "") : v("span", {}, "No round yet"),
        k.round ? v("span", {}, v("strong", { id: "ib-found-count" }, k.found + "/" + k.groups), " groups found each other") : null,
        k.skipping ? v("span", {}, String(k.skipping) + " sitting out") : null),
      k.round ? v("div", { class: "ib-now" },
        v("p", { class: "eyebrow" }, "Round " + k.round + " · ", v("span", { class: "timer", "data-timer": "kind" }), " ", v("span", { "data-timer-words": "kind" })),
        v("p", { class: "ib-host-q" }, k.prompt || "(no question)")) : null,
      v("button", { id: "ib-start", class: "primary ib-start", onclick: () => startRound(SA.state, send), "aria-keyshortcuts": "R" },
        k.round ? "Start round " + next + ": new groups" : "Start round 1", v("kbd", {}, "R")),
      k.next_prompt ? v("p", { class: "ib-next" }, "Next question: ", v("em", {}, k.next_prompt)) : null,
      hostSettings(k, send),
      hostBoxes(k, send),
      v("p", { class: "muted small ib-keys" }, "Keys: R start round · L place late joiners"));
  }

  // leads: the round button is the host's next action, so the segment timer steps back.
  SA.defineKind("icebreaker", {
    phone,
    display,
    host,
    leads: true,
    drawn: (role) => { if (role === "display") drawGroups(); },
    keys: {
      r: (e, s) => { startRound(s, SA.send); return true; },
      l: (e, s) => { if (!hostKind(s).waiting_count) return false; place(SA.send); return true; },
    },
  });
})();
