/* icebreaker segment screens (phone, projector, host panel): rounds of a question in groups
   of 2 or 3, each group with a meeting sign (colour + emoji + number) shown very large. */
(function () {
  "use strict";
  const { h, fill } = SA;
  const PAGE_SECONDS = 8;
  const MANY = 8; // more groups than this: the projector lists only those still looking

  /* A live region that outlives re-renders, so "your group" is announced once, not per state. */
  let lastSignKey = null;
  function announce(text) {
    let el = document.getElementById("ib-announce");
    if (!el) {
      el = h("div", { id: "ib-announce", class: "ib-sr", role: "status", "aria-live": "polite" });
      document.body.append(el);
    }
    el.textContent = text;
  }

  function paint(el, hex, ink) {
    el.style.backgroundColor = hex;
    el.style.color = ink;
    return el;
  }

  function roundLine(kind) {
    return kind.rounds ? "Round " + kind.round + " of " + kind.rounds : "Round " + kind.round;
  }

  function names(list) {
    if (list.length <= 1) return list.join("");
    return list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }

  /* ---------------- phone ---------------- */

  function bigSign(sign) {
    return paint(h("div", { class: "ib-sign", role: "img", "aria-label": "Your sign: " + sign.label },
      h("span", { class: "ib-sign-emoji", "aria-hidden": "true" }, sign.emoji),
      h("span", { class: "ib-sign-number", "aria-hidden": "true" }, String(sign.number)),
      h("span", { class: "ib-sign-label", "aria-hidden": "true" }, sign.label)), sign.hex, sign.ink);
  }

  function question(prompt, round) {
    if (!prompt) return null;
    return h("div", { class: "card ib-question" },
      h("p", { class: "eyebrow" }, round),
      h("p", { class: "ib-prompt" }, prompt));
  }

  /* "We found each other" is each person's own word: a contact line shared later goes only
     between two people who BOTH tapped it for each other (a name on a list is not a meeting).
     A pair has one button; a trio taps each person it found. */
  const SHARED_ONCE = "Contacts you share later go only to people who both confirm you met.";
  function foundActions(actions, mine, act) {
    const mates = mine.mates || [];
    const note = (text) => h("p", { class: "ib-confirm-note" }, text);
    const back = h("div", { class: "ib-row" },
      mine.looking ? null : h("button", { id: "ib-looking", onclick: act("icebreaker.looking") }, "Can't find my group"),
      h("button", { id: "ib-skip", onclick: act("icebreaker.skip") }, "Skip this round"));
    if (mates.length > 1) {
      if (mine.confirmed) actions.append(h("p", { class: "ib-found", role: "status" }, "✓ You found each other. Enjoy the question!"));
      else if (mine.looking) actions.append(h("p", { class: "ib-looking", role: "status" }, "The host knows you're looking. Keep your sign up high!"));
      actions.append(h("p", { class: "ib-confirm-ask" }, "Tap each person you found:"));
      const row = h("div", { class: "ib-row ib-mates" });
      actions.append(row);
      mates.forEach((m) => row.append(m.confirmed
        ? h("button", { class: "ib-found-mate done", "aria-pressed": "true", onclick: act("icebreaker.found", { found: false, mates: [m.id] }) },
          "✓ Found " + m.label + (m.confirmed_me ? " (both confirmed)" : ""))
        : h("button", { class: "ib-found-mate primary", "aria-pressed": "false", onclick: act("icebreaker.found", { mates: [m.id] }) },
          "I found " + m.label + (m.confirmed_me ? " (they found you)" : ""))));
      actions.append(note(SHARED_ONCE));
      if (!mine.confirmed) actions.append(back);
      return;
    }
    const mate = mates[0] || { label: "them" };
    if (mine.confirmed) {
      actions.append(
        h("p", { class: "ib-found", role: "status" }, "✓ You found each other. Enjoy the question!"),
        note(mate.confirmed_me
          ? "You both confirmed: you can swap contacts in “Stay connected”."
          : "Contacts are shared once you both confirm you met: waiting for " + mate.label + " to tap too."),
        h("button", { class: "small", onclick: act("icebreaker.found", { found: false }) }, "Not yet, undo"));
      return;
    }
    if (mate.confirmed_me) actions.append(h("p", { class: "ib-mate-found", role: "status" }, mate.label + " says you found each other: tap too if it was you."));
    else if (mine.looking) actions.append(h("p", { class: "ib-looking", role: "status" }, "The host knows you're looking. Keep your sign up high!"));
    actions.append(
      h("button", { id: "ib-found", class: "primary big", onclick: act("icebreaker.found") }, "We found each other"),
      back);
  }

  function phone(el, s, me, send) {
    const k = s.kind || {};
    const mine = me.kind || {};
    const status = mine.status || "waiting";
    el.classList.add("ib-phone", "ib-" + status);
    const act = (name, args) => () => send(name, args || {});
    const actions = h("div", { class: "actions" });
    let body;

    if (status === "grouped") {
      const sign = mine.sign;
      const key = k.round + ":" + sign.label;
      if (key !== lastSignKey) {
        lastSignKey = key;
        announce("Your group: " + sign.label + ". Find " + names(mine.members) + ".");
        if (navigator.vibrate) { try { navigator.vibrate([150, 80, 150]); } catch (e) { /* not allowed */ } }
      }
      body = [
        bigSign(sign),
        h("div", { class: "card ib-members" },
          h("p", { class: "eyebrow" }, mine.confirmed ? "Your group" : "Hold up your phone and find"),
          h("ul", { class: "ib-names" }, mine.members.map((n) => h("li", {}, n))),
          mine.late ? h("p", { class: "muted" }, "You joined this group during the round.") : null),
        question(mine.prompt, roundLine(k)),
      ];
      foundActions(actions, mine, act);
    } else {
      lastSignKey = null;
      const waiting = {
        waiting: [h("h2", {}, "Round 1 starts soon"),
          h("p", { class: "lead" }, "When it starts, your phone shows a big sign. Find the people with the same sign and answer the question together.")],
        unplaced: [h("h2", {}, "You'll get a group in a moment"),
          h("p", { class: "lead" }, "Round " + mine.round + " has started. The host will put you in a group: keep this page open.")],
        alone: [h("h2", {}, "You're the first one here 🙂"),
          h("p", { class: "lead" }, "Nobody to pair you with yet. As soon as someone else arrives, the host will put you together.")],
        skipped: [h("h2", {}, "You're sitting this round out"),
          h("p", { class: "lead" }, "Take a breather. You'll be matched again next round.")],
      }[status] || [h("h2", {}, "Icebreaker")];
      body = [h("div", { class: "card center ib-status" }, waiting),
        status === "waiting" ? null : question(mine.prompt, roundLine(k))];
      if (status === "skipped") {
        actions.append(h("button", { id: "ib-back", class: "primary big", onclick: act("icebreaker.skip", { skip: false }) }, "I'm back: match me"));
      } else {
        actions.append(mine.here
          ? h("p", { class: "ib-here", role: "status" }, "✓ You're counted as here.")
          : h("button", { id: "ib-here", class: "primary big", onclick: act("icebreaker.here") }, "I'm here"));
        if (mine.skip_next) {
          actions.append(h("button", { id: "ib-unskip", onclick: act("icebreaker.skip", { skip: false }) }, "I'll join the next round after all"));
        } else {
          actions.append(h("button", { id: "ib-skip", onclick: act("icebreaker.skip") }, "Sit out the next round"));
        }
      }
    }
    fill(el, body, actions);
  }

  /* ---------------- projector ---------------- */

  let page = 0;
  let pager = null;

  function groupTile(g, colours) {
    const [number, ci, emoji, people, found] = g;
    const c = colours[ci] || ["", "#444444", "#FFFFFF"];
    return h("li", { class: "ib-tile" + (found ? " found" : "") },
      paint(h("span", { class: "ib-chip", "aria-label": c[0] + " " + number },
        h("span", { class: "ib-chip-emoji" }, emoji), h("span", { class: "ib-chip-number" }, String(number))), c[1], c[2]),
      h("span", { class: "ib-tile-names" }, people.join(" · "), found ? h("span", { class: "ib-tick" }, " ✓ found") : null));
  }

  /* Few groups: all of them, found ones ticked. Many: only those still looking for each
     other, so the pages get fewer as the room sorts itself out. */
  function shownGroups(k) {
    return k.total <= MANY ? k.groups : k.groups.filter((g) => !g[4]);
  }

  function drawGroups() {
    const s = SA.state;
    const grid = document.querySelector(".ib-groups");
    if (!s || !grid || !s.kind || !s.kind.groups) return;
    const groups = shownGroups(s.kind);
    if (!groups.length) {
      fill(grid, h("li", { class: "ib-all-found" }, "Every group has found each other 🎉"));
      const pageEl = document.querySelector(".ib-page");
      if (pageEl) pageEl.textContent = "";
      return;
    }
    fill(grid, groups.slice(0, 1).map((g) => groupTile(g, s.kind.colours)));
    const tile = grid.firstElementChild;
    const cols = Math.max(1, getComputedStyle(grid).gridTemplateColumns.split(" ").length);
    const rowH = tile ? tile.getBoundingClientRect().height + parseFloat(getComputedStyle(grid).rowGap || 0) : 80;
    const rows = Math.max(1, Math.floor((grid.clientHeight + 1) / rowH));
    const perPage = cols * rows;
    const pages = Math.max(1, Math.ceil(groups.length / perPage));
    page = page % pages;
    fill(grid, groups.slice(page * perPage, (page + 1) * perPage).map((g) => groupTile(g, s.kind.colours)));
    const pageEl = document.querySelector(".ib-page");
    const many = s.kind.total > MANY;
    const bits = [];
    if (pages > 1) bits.push("Page " + (page + 1) + " of " + pages);
    if (many) bits.push(groups.length + " groups still looking", "your sign is on your phone");
    if (pageEl) pageEl.textContent = bits.join(" · ");
  }

  function display(el, s) {
    const k = s.kind || {};
    el.classList.add("ib-display");
    if (!k.round) {
      fill(el, h("div", { class: "ib-ready" },
        h("p", { class: "ib-ready-big" }, "Get ready: round 1 starts soon"),
        h("p", {}, "Your phone will show a big sign. Hold it up and find the people with the same sign.")));
      return;
    }
    el.classList.toggle("many", k.total > MANY);
    fill(el,
      h("div", { class: "ib-top" },
        h("span", { class: "ib-round" }, roundLine(k)),
        h("span", { class: "ib-count" }, k.total ? k.found + " of " + k.total + " groups found each other" : "")),
      h("p", { class: "ib-question-big" }, k.prompt || "Introduce yourselves!"),
      k.total
        ? h("ol", { class: "ib-groups" + (k.total <= 8 ? " few" : ""), "aria-label": "Groups of this round" })
        : h("p", { class: "ib-ready-big" }, "Waiting for a second person to make the first group."),
      h("p", { class: "ib-page" }));
    requestAnimationFrame(drawGroups);
    if (!pager) pager = setInterval(() => { page += 1; drawGroups(); }, PAGE_SECONDS * 1000);
  }

  /* ---------------- host panel ---------------- */

  function chip(sign) {
    const [number, hex, emoji] = sign;
    return paint(h("span", { class: "ib-mini" }, emoji + " " + number), hex, inkFor(hex));
  }
  function inkFor(hex) {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((v) => (v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)));
    const l = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#FFFFFF";
  }

  function host(el, s, send) {
    const k = (s.host && s.host.kind) || {};
    el.classList.add("ib-host");
    const next = k.next_number || 1;
    const start = () => {
      if (k.round && k.timer && SA.phase(k.timer) !== "time_up" && SA.phase(k.timer) !== "stopped" &&
          !confirm("Round " + k.round + " is still running. Start round " + next + " with new groups now?")) return;
      send("icebreaker.start_round").then((ack) => {
        if (ack && ack.ok) SA.toast("Round " + ack.round + ": " + ack.groups + (ack.groups === 1 ? " group" : " groups") + (ack.unmatched ? ", " + ack.unmatched + " not matched" : ""), "ok");
      });
    };
    const place = (ids) => send("icebreaker.place", ids ? { attendee_ids: ids } : {});
    SA.hostKeys = (e) => {
      if (!SA.state || !SA.state.live || SA.state.live.kind !== "icebreaker") return;
      if (e.key === "r" || e.key === "R") { e.preventDefault(); start(); }
      else if ((e.key === "l" || e.key === "L") && k.waiting_count) { e.preventDefault(); place(); }
    };

    const stats = h("p", { class: "ib-stats" },
      h("span", {}, h("strong", { id: "ib-present" }, String(k.present)), " present"),
      k.round ? h("span", {}, "Round ", h("strong", {}, String(k.round)), k.prompts ? " of " + k.prompts : "") : h("span", {}, "No round yet"),
      k.round ? h("span", {}, h("strong", { id: "ib-found-count" }, k.found + "/" + k.groups), " groups found each other") : null,
      k.skipping ? h("span", {}, String(k.skipping) + " sitting out") : null);

    const modeSwitch = h("div", { class: "ib-mode", role: "group", "aria-label": "Group size from the next round" },
      h("span", {}, "Groups:"),
      h("button", { id: "ib-pairs", class: "small", "aria-pressed": String(k.mode === 2), onclick: () => send("icebreaker.mode", { group_size: 2 }) }, "Pairs"),
      h("button", { id: "ib-trios", class: "small", "aria-pressed": String(k.mode === 3), onclick: () => send("icebreaker.mode", { group_size: 3 }) }, "Trios"));
    const autoBox = h("input", { type: "checkbox", id: "ib-auto", checked: !!k.auto, onchange: (e) => send("icebreaker.auto", { auto: e.target.checked }) });

    const parts = [
      stats,
      k.round ? h("div", { class: "ib-now" },
        h("p", { class: "eyebrow" }, "Round " + k.round + " · ", h("span", { class: "timer", "data-timer": "kind" }), " ", h("span", { "data-timer-words": "kind" })),
        h("p", { class: "ib-host-q" }, k.prompt || "(no question)")) : null,
      h("button", { id: "ib-start", class: "primary ib-start", onclick: start, "aria-keyshortcuts": "R" },
        k.round ? "Start round " + next + ": new groups" : "Start round 1", h("kbd", {}, "R")),
      k.next_prompt ? h("p", { class: "ib-next" }, "Next question: ", h("em", {}, k.next_prompt)) : null,
      h("div", { class: "ib-row" },
        modeSwitch,
        h("button", { id: "ib-skip-q", class: "small", onclick: () => send("icebreaker.skip_prompt"), disabled: !k.prompts }, "Skip next question"),
        h("label", { class: "check" }, autoBox, "Next round starts by itself when the round timer ends"),
        k.skipping_next ? h("span", { class: "muted" }, k.skipping_next + " will sit out the next round") : null),
    ];

    if (k.alone) parts.push(h("p", { class: "ib-alert" }, "Only one person is here: their phone says they are waiting for a partner. Place them when someone arrives."));
    if (k.waiting_count) {
      parts.push(h("section", { class: "ib-box", "aria-label": "Late joiners" },
        h("h3", {}, k.waiting_count + " waiting for a group"),
        h("p", {}, k.waiting.map((w) => w.label).join(", "), k.waiting_count > k.waiting.length ? " …" : ""),
        h("button", { id: "ib-place", class: "primary", onclick: () => place(), "aria-keyshortcuts": "L" },
          k.waiting_count === 1 ? "Place them (into a pair)" : "Place them together", h("kbd", {}, "L"))));
    }
    if (k.looking_count) {
      parts.push(h("section", { class: "ib-box ib-box-warn", "aria-label": "Looking for their group" },
        h("h3", {}, k.looking_count + " can't find their group"),
        h("ul", { class: "ib-list" }, k.looking.map((p) => h("li", {}, chip(p.sign), " ", p.label))),
        h("button", { id: "ib-rematch", onclick: () => send("icebreaker.rematch") }, "Re-match them")));
    }
    if (k.round && k.not_found && k.not_found.length) {
      parts.push(h("details", { class: "ib-box" },
        h("summary", {}, (k.groups - k.found) + " groups have not found each other yet"),
        h("ul", { class: "ib-list" }, k.not_found.map((g) => h("li", {}, chip(g), " ", g[3].join(", "))))));
    }
    parts.push(h("p", { class: "muted small ib-keys" }, "Keys: R start round · L place late joiners"));
    fill(el, parts);
  }

  // leads: the round button is the host's next action, so the segment timer steps back.
  SA.kinds.icebreaker = { phone, display, host, leads: true };
})();
