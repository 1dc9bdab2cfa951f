/* wall segment screens (phone, projector, host panel): a live sticky-note wall.
   Drawn with SA.v and patched by the screens, so what someone is typing, a drag in progress
   and the projector's fade-ins survive the many states a busy wall causes. Text people type is
   only ever set as text. */
(function () {
  "use strict";
  const v = (...a) => SA.v(...a);
  const NOTE_MAX = 280;
  const UNSORTED = "Not in a theme yet";

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }
  function store(key, value) {
    try { if (value) localStorage.setItem(key, value); else localStorage.removeItem(key); } catch (e) { /* private mode */ }
  }
  function stored(key) {
    try { return localStorage.getItem(key) || ""; } catch (e) { return ""; }
  }
  const draftKey = () => "sa-wall-draft-" + SA.code;
  /* Notes still in core's outbox (typed offline, not yet acknowledged). */
  function unsentNotes() {
    try {
      const items = JSON.parse(localStorage.getItem("sa-outbox-attendee-" + SA.code) || "[]");
      return items.filter((i) => i.name === "wall.note_add" && i.args && typeof i.args.text === "string");
    } catch (e) { return []; }
  }
  /* Themes in order, each with its notes, then the unsorted ones (if any). */
  function grouped(kind, sortFn) {
    const byTheme = new Map(kind.themes.map((t) => [t.id, []]));
    const loose = [];
    kind.notes.forEach((n) => (byTheme.has(n.theme) ? byTheme.get(n.theme) : loose).push(n));
    const out = kind.themes.map((t) => ({ id: t.id, title: t.title, notes: byTheme.get(t.id) }));
    if (loose.length || !kind.themes.length) out.push({ id: null, title: kind.themes.length ? UNSORTED : "", notes: loose });
    if (sortFn) out.forEach((g) => g.notes.sort(sortFn));
    return out;
  }
  const byVotes = (a, b) => b.votes - a.votes || a.id - b.id;
  /* A button's accessible name names its note ("+1: Agree on authorship…"): a screen reader
     lists many +1 and Hide buttons, and each must say which note it acts on. */
  function about(text) {
    const all = String(text || "").trim().split(/\s+/);
    const words = all.slice(0, 6).join(" ");
    if (all.length <= 6 && words.length <= 48) return words;
    return words.slice(0, 47).replace(/[\s,.;:!?]+$/, "") + "…";
  }
  const NO_COLUMN = "In no column";
  /* A wall with columns: each column with its notes (most votes first), then any note whose
     column the host removed. */
  function byColumn(kind) {
    const names = kind.columns || [];
    const out = names.map((name, i) => ({ id: "col" + i, title: name, notes: [] }));
    const loose = [];
    kind.notes.forEach((n) => (typeof n.col === "number" && n.col < out.length ? out[n.col].notes : loose).push(n));
    if (loose.length) out.push({ id: "col-none", title: NO_COLUMN, notes: loose });
    out.forEach((g) => g.notes.sort(byVotes));
    return out;
  }
  const columnsOf = (kind) => (kind && kind.columns) || [];

  /* ------------------------------------------------------------------ phone */
  const P = { text: null, editing: null, votes: new Map(), column: null };
  // The box keeps its own text (no `value` from the state): it starts from the saved draft.
  const textRef = (el) => {
    if (el && el !== P.text) el.value = stored(draftKey());
    P.text = el;
    if (el) count();
  };
  function count() {
    const c = document.getElementById("wall-counter");
    if (!P.text || !c) return;
    const n = P.text.value.trim().length;
    c.textContent = n + " / " + NOTE_MAX;
    c.dataset.over = n > NOTE_MAX ? "1" : "";
  }
  function stopEdit() {
    P.editing = null;
    if (P.text) P.text.value = stored(draftKey());
    SA.redraw();
    count();
  }
  function startEdit(note) {
    P.editing = note.id;
    P.column = note.col === undefined ? P.column : note.col;
    SA.redraw();
    P.text.value = note.text;
    count();
    P.text.focus();
  }
  function submit(send, names) {
    const text = P.text.value.trim();
    if (!text) { SA.toast("Write something first."); return; }
    if (text.length > NOTE_MAX) { SA.toast("A note can be at most " + NOTE_MAX + " characters."); return; }
    const col = names.length === 1 ? 0 : P.column;
    if (names.length && (col === null || col >= names.length)) { SA.toast("Pick a column for your note first."); return; }
    const where = names.length ? { column: col } : {};
    if (P.editing) {
      const id = P.editing;
      stopEdit();
      send("wall.note_edit", Object.assign({ note_id: id, text }, where));
      return;
    }
    // The text leaves the box at once: it now lives in the outbox until the server has it.
    P.text.value = "";
    store(draftKey(), "");
    count();
    send("wall.note_add", Object.assign({ text, cid: newId() }, where)).then((ack) => {
      if (ack && !ack.ok) { // core has shown the reason; give the text back so it is not lost
        if (P.text && !P.text.value) { P.text.value = text; store(draftKey(), text); count(); }
      }
      SA.redraw();
    });
    SA.redraw();
  }
  /* A +1 shows at once; the state catches up. Taps faster than the server answers each
     toggle from what the phone shows, not from the last state. */
  function voted(id, server) {
    const p = P.votes.get(id);
    return p ? p.on : server.has(id);
  }
  function vote(id, server, send) {
    const p = P.votes.get(id) || { inflight: 0 };
    p.on = !voted(id, server);
    p.inflight += 1;
    P.votes.set(id, p);
    SA.redraw();
    send("wall.vote", { note_id: id, on: p.on }).then((ack) => {
      p.inflight -= 1;
      if (ack && !ack.ok) P.votes.delete(id);
      SA.redraw();
    });
  }
  function noteStateWords(state) {
    return { pending: "Waiting for the host", hidden: "Hidden by the host", shown: "On the wall" }[state] || "";
  }
  /* The phone's column picker: one big button per column (tap targets for a thumb). */
  function columnPicker(names, locked) {
    if (names.length < 2) return null;
    return v("div", { class: "wall-columns-pick", role: "radiogroup", "aria-label": "Column for your note" },
      names.map((name, i) => v("button", { type: "button", key: i, role: "radio", class: "wall-column-pick" + (P.column === i ? " on" : ""),
        "aria-checked": P.column === i ? "true" : "false", disabled: locked, onclick: () => { P.column = i; SA.redraw(); } }, name)));
  }
  function myNotes(mine, unsent, locked, left, send, names) {
    return v("section", { class: "wall-mine", "aria-label": "Your notes" },
      v("h2", {}, "Your notes", left !== null ? v("span", { class: "wall-left" }, " · " + left + " left") : null),
      mine.length || unsent.length ? null : v("p", { class: "muted" }, "Nothing yet. Write your first note below."),
      v("ul", { class: "wall-my-notes" },
        mine.map((n) => v("li", { key: n.id, class: "wall-note mine", "data-state": n.state, "data-id": n.id },
          v("p", { class: "wall-note-text" }, n.text),
          v("p", { class: "wall-note-state" }, (names.length > 1 && n.col !== null && n.col !== undefined && names[n.col] ? names[n.col] + " · " : "") + noteStateWords(n.state)),
          locked || n.state === "hidden" ? null : v("div", { class: "wall-note-actions" },
            v("button", { type: "button", class: "small", "aria-label": "Edit: " + about(n.text), onclick: () => startEdit(n) }, "Edit"),
            v("button", { type: "button", class: "small danger", "aria-label": "Delete: " + about(n.text), onclick: () => {
              if (confirm("Delete this note?")) send("wall.note_delete", { note_id: n.id });
            } }, "Delete")))),
        unsent.map((i) => v("li", { key: "unsent-" + i.cid, class: "wall-note mine unsent", "data-state": "unsent" },
          v("p", { class: "wall-note-text" }, i.args.text),
          v("p", { class: "wall-note-state" }, "Waiting to send: it goes out as soon as you are back online.")))));
  }
  function theWall(kind, server, send) {
    const total = (kind.notes || []).length;
    return v("section", { class: "wall-list", "aria-label": "The wall" },
      v("h2", {}, "The wall", v("span", { class: "wall-left" }, " · " + total + (total === 1 ? " note" : " notes"))),
      total ? null : v("p", { class: "muted" }, "No notes on the wall yet."),
      (columnsOf(kind).length ? byColumn(kind) : grouped(kind)).filter((g) => g.notes.length).map((g) => v("div", { key: "g" + g.id, class: "wall-group" },
        g.title ? v("h3", {}, g.title) : null,
        v("ul", {}, g.notes.map((n) => {
          const on = voted(n.id, server);
          return v("li", { key: n.id, class: "wall-note", "data-id": n.id },
            v("p", { class: "wall-note-text" }, n.text),
            v("div", { class: "wall-vote-box" },
              v("button", { type: "button", class: "wall-vote" + (on ? " on" : ""), "aria-pressed": on ? "true" : "false",
                "aria-label": (on ? "Take back your +1: " : "+1: ") + about(n.text), onclick: () => vote(n.id, server, send) }, on ? "✓ +1" : "+1"),
              v("span", { class: "wall-vote-count wall-votes" }, n.votes === 1 ? "1 vote" : n.votes + " votes")));
        })))));
  }
  function phone(s, me, send) {
    const kind = s.kind || {};
    const mk = me.kind || {};
    const server = new Set(mk.voted || []);
    for (const [id, p] of P.votes) if (!p.inflight && server.has(id) === p.on) P.votes.delete(id);
    const locked = !!kind.locked;
    if (locked && P.editing) P.editing = null;
    const left = me.kind ? me.kind.left : null;
    const names = columnsOf(kind);
    const compose = v("form", { class: "wall-compose", onsubmit: (e) => { e.preventDefault(); submit(send, names); } },
      v("div", { class: "wall-compose-row" }, v("label", { for: "wall-text", class: "wall-label" }, "Write a note"),
        v("span", { id: "wall-counter", class: "wall-counter", "aria-live": "off" }),
        v("button", { type: "button", class: "small", hidden: !P.editing, onclick: stopEdit }, "Cancel edit")),
      columnPicker(names, locked),
      v("textarea", { id: "wall-text", ref: textRef, rows: 2, maxlength: NOTE_MAX, placeholder: "One best practice per note", disabled: locked,
        oninput: () => { store(draftKey(), P.editing ? "" : P.text.value); count(); } }),
      v("button", { id: "wall-post", class: "primary big", type: "submit", disabled: locked || (!P.editing && mk.left === 0) }, P.editing ? "Save changes" : "Post note"));
    return v("div", { class: "wall-phone" },
      v("p", { class: "wall-locked", hidden: !locked }, "The host has locked the wall: notes can no longer change. You can still vote."),
      myNotes(mk.mine || [], unsentNotes(), locked, left, send, names),
      theWall(kind, server, send),
      compose);
  }

  /* ------------------------------------------------------------------ projector */
  const D = { flow: null, viewport: null, pager: null, page: 0, pages: 1, timer: null, firstSeen: new Map() };
  const SIZES = [56, 50, 44, 40, 36, 32]; // px at 1080p; 32 is the smallest we allow
  const PAGE_SECONDS = 12;
  const FRESH_MS = 1500; // a new note fades in (.7 s); after this it is an old note
  const ref = (name) => (el) => { D[name] = el; };
  const refs = { flow: ref("flow"), viewport: ref("viewport"), pager: ref("pager") };
  function card(n, now) {
    if (!D.firstSeen.has(n.id)) D.firstSeen.set(n.id, now);
    const fresh = now - D.firstSeen.get(n.id) < FRESH_MS;
    return v("li", { key: n.id, class: "wall-note" + (fresh ? " fresh" : ""), "data-id": n.id },
      v("p", { class: "wall-note-text" }, n.text),
      v("span", { class: "wall-votes", hidden: !n.votes }, n.votes ? "+" + n.votes : ""));
  }
  function showPage() {
    if (!D.flow || !D.viewport) return;
    const step = D.viewport.clientWidth + D.gap;
    D.flow.style.transform = "translateX(" + (-D.page * step) + "px)";
    D.pager.hidden = D.pages <= 1;
    D.pager.textContent = "Page " + (D.page + 1) + " of " + D.pages;
  }
  /* The largest font at which every note fits; if even the smallest does not, pages. */
  function layout() {
    const vp = D.viewport;
    if (!vp || !vp.isConnected || !vp.clientWidth) return;
    D.gap = parseFloat(getComputedStyle(D.flow).columnGap) || 0;
    // The sizes are for 1080p: a smaller screen (a 720p projector) scales them down with it.
    const scale = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
    let size = SIZES[SIZES.length - 1] * scale;
    for (const s of SIZES) {
      D.flow.style.fontSize = s * scale + "px";
      if (D.flow.scrollWidth <= vp.clientWidth + 2) { size = s * scale; break; }
    }
    D.flow.style.fontSize = size + "px";
    D.size = size;
    const step = vp.clientWidth + D.gap;
    D.pages = Math.max(1, Math.ceil((D.flow.scrollWidth + D.gap - 2) / step));
    if (D.page >= D.pages) D.page = 0;
    showPage();
  }
  function display(s) {
    const kind = s.kind || { notes: [], themes: [] };
    const notes = kind.notes || [];
    const columned = columnsOf(kind).length > 0;
    const themed = columned || !!(kind.themes && kind.themes.length);
    const now = Date.now();
    // With themes the projector shows the reveal (wall-reveal.display.js): clusters, not a flow. A wall
    // with columns (a reading group's strengths / weaknesses) keeps its columns.
    if (themed && !columned && SA.wallReveal) return SA.wallReveal(kind);
    const groups = columned ? byColumn({ notes, columns: kind.columns }) : grouped({ notes, themes: kind.themes || [] }, themed ? byVotes : null);
    if (!D.timer) D.timer = setInterval(() => { if (D.pages > 1) { D.page = (D.page + 1) % D.pages; showPage(); } }, PAGE_SECONDS * 1000);
    return v("div", { class: "wall-display" + (themed ? " themed" : "") + (columned ? " columned" : "") + (notes.length ? " busy" : "") },
      v("p", { class: "wall-empty", hidden: notes.length > 0 }, "Notes appear here as they are written."),
      v("div", { class: "wall-viewport", ref: refs.viewport },
        v("div", { class: "wall-flow", ref: refs.flow },
          groups.filter((g) => g.notes.length || g.id !== null).map((g) => v("section", { key: "t" + g.id, class: "wall-theme" + (g.id === null ? " loose" : "") },
            g.title ? v("h2", { class: "wall-theme-title" }, g.title, v("span", { class: "wall-theme-count" }, " · " + g.notes.length)) : null,
            v("ul", { class: "wall-notes" }, g.notes.map((n) => card(n, now))))))),
      v("p", { class: "wall-pager", hidden: true, ref: refs.pager }));
  }
  window.addEventListener("resize", layout);

  /* ------------------------------------------------------------------ host */
  // The host's board is wall-board.host.js (SA.wallHost), asked at render time: load order is free.
  SA.wallParts = { about };
  const hostKey = (name) => (e, state) => SA.wallHost.keys[name](e, state);
  const keys = { t: "wall-suggest", l: "wall-lock" };
  ["j", "k", "h", "a", "m", "/", "Escape", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"].forEach((name) => { keys[name] = hostKey(name); });

  SA.defineKind("wall", {
    phone,
    display,
    host: (s, me, send) => SA.wallHost.host(s, me, send),
    drawn: (role) => { if (role === "display") layout(); },
    keys,
  });
})();
