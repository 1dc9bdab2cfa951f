/* wall segment screens (phone, projector, host panel): a live sticky-note wall.
   Text people type is only ever set with textContent (SA.h). Each screen keeps one root element
   across state messages, so what someone is typing, a drag in progress and the projector's
   fade-ins survive the many re-renders a busy wall causes. */
(function () {
  "use strict";
  const SA = (window.SA = window.SA || {});
  SA.kinds = SA.kinds || {};
  const h = (...a) => SA.h(...a);
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

  /* ------------------------------------------------------------------ phone */
  const P = { root: null };
  function phoneRoot(send) {
    if (P.root) return P;
    P.send = send;
    P.editing = null; // note id being edited, or null for a new note
    P.text = h("textarea", { id: "wall-text", rows: 2, maxlength: NOTE_MAX, "aria-label": "Your note", placeholder: "One best practice per note" });
    P.text.value = stored("sa-wall-draft-" + SA.code);
    P.counter = h("span", { class: "wall-counter", "aria-live": "off" });
    P.postBtn = h("button", { id: "wall-post", class: "primary big", type: "submit" }, "Post note");
    P.cancelBtn = h("button", { type: "button", class: "small", hidden: true, onclick: () => stopEdit() }, "Cancel edit");
    P.lockMsg = h("p", { class: "wall-locked", hidden: true }, "The host has locked the wall: notes can no longer change. You can still vote.");
    P.form = h("form", { class: "wall-compose", onsubmit: (e) => { e.preventDefault(); submit(); } },
      h("div", { class: "wall-compose-row" }, h("label", { for: "wall-text", class: "wall-label" }, "Write a note"), P.counter, P.cancelBtn),
      P.text, P.postBtn);
    P.mine = h("section", { class: "wall-mine", "aria-label": "Your notes" });
    P.wall = h("section", { class: "wall-list", "aria-label": "The wall" });
    P.root = h("div", { class: "wall-phone" }, P.lockMsg, P.mine, P.wall);
    // The compose box lives outside the area phone.js redraws on every state message, so typing
    // (and a phone's on-screen keyboard) is never interrupted by other people's notes.
    P.form.hidden = true;
    document.body.append(P.form);
    const main = document.getElementById("main");
    if (main && window.MutationObserver) {
      new MutationObserver(() => { if (!P.area || !P.area.isConnected) showCompose(false); }).observe(main, { childList: true, subtree: true });
    }
    P.text.addEventListener("input", () => { store("sa-wall-draft-" + SA.code, P.editing ? "" : P.text.value); count(); });
    count();
    return P;
  }
  function showCompose(on) {
    P.form.hidden = !on;
    document.body.classList.toggle("wall-composing", on);
  }
  function count() {
    const n = P.text.value.trim().length;
    P.counter.textContent = n + " / " + NOTE_MAX;
    P.counter.dataset.over = n > NOTE_MAX ? "1" : "";
  }
  function stopEdit() {
    P.editing = null;
    P.text.value = stored("sa-wall-draft-" + SA.code);
    P.postBtn.textContent = "Post note";
    P.cancelBtn.hidden = true;
    count();
  }
  function startEdit(note) {
    P.editing = note.id;
    P.text.value = note.text;
    P.postBtn.textContent = "Save changes";
    P.cancelBtn.hidden = false;
    count();
    P.text.focus();
  }
  function submit() {
    const text = P.text.value.trim();
    if (!text) { SA.toast("Write something first."); return; }
    if (text.length > NOTE_MAX) { SA.toast("A note can be at most " + NOTE_MAX + " characters."); return; }
    if (P.editing) {
      const id = P.editing;
      stopEdit();
      P.send("wall.note_edit", { note_id: id, text });
      return;
    }
    // The text leaves the box at once: it now lives in the outbox until the server has it.
    P.text.value = "";
    store("sa-wall-draft-" + SA.code, "");
    count();
    P.send("wall.note_add", { text, cid: newId() }).then((ack) => {
      if (ack && !ack.ok) { // core has shown the reason; give the text back so it is not lost
        if (!P.text.value) { P.text.value = text; store("sa-wall-draft-" + SA.code, text); count(); }
      }
      if (P.last) renderPhone(P.last.s, P.last.me);
    });
    if (P.last) renderPhone(P.last.s, P.last.me);
  }
  function noteStateWords(state) {
    return { pending: "Waiting for the host", hidden: "Hidden by the host", shown: "On the wall" }[state] || "";
  }
  function renderPhone(s, me) {
    const kind = s.kind || {};
    const mine = (me.kind && me.kind.mine) || [];
    const voted = new Set((me.kind && me.kind.voted) || []);
    const locked = !!kind.locked;
    P.lockMsg.hidden = !locked;
    P.text.disabled = locked;
    P.postBtn.disabled = locked || (!P.editing && me.kind && me.kind.left === 0);
    if (locked && P.editing) stopEdit();
    const left = me.kind ? me.kind.left : null;
    const unsent = unsentNotes();
    SA.fill(P.mine,
      h("h2", {}, "Your notes", left !== null ? h("span", { class: "wall-left" }, " · " + left + " left") : null),
      mine.length || unsent.length ? null : h("p", { class: "muted" }, "Nothing yet. Write your first note below."),
      h("ul", { class: "wall-my-notes" },
        mine.map((n) => h("li", { class: "wall-note mine", "data-state": n.state, "data-id": n.id },
          h("p", { class: "wall-note-text" }, n.text),
          h("p", { class: "wall-note-state" }, noteStateWords(n.state)),
          locked || n.state === "hidden" ? null : h("div", { class: "wall-note-actions" },
            h("button", { type: "button", class: "small", onclick: () => startEdit(n) }, "Edit"),
            h("button", { type: "button", class: "small danger", onclick: () => {
              if (confirm("Delete this note?")) P.send("wall.note_delete", { note_id: n.id });
            } }, "Delete")))),
        unsent.map((i) => h("li", { class: "wall-note mine unsent", "data-state": "unsent" },
          h("p", { class: "wall-note-text" }, i.args.text),
          h("p", { class: "wall-note-state" }, "Waiting to send: it goes out as soon as you are back online.")))));
    const groups = grouped(kind);
    const total = (kind.notes || []).length;
    SA.fill(P.wall,
      h("h2", {}, "The wall", h("span", { class: "wall-left" }, " · " + total + (total === 1 ? " note" : " notes"))),
      total ? null : h("p", { class: "muted" }, "No notes on the wall yet."),
      groups.filter((g) => g.notes.length).map((g) => h("div", { class: "wall-group" },
        g.title ? h("h3", {}, g.title) : null,
        h("ul", {}, g.notes.map((n) => {
          const on = voted.has(n.id);
          return h("li", { class: "wall-note", "data-id": n.id },
            h("p", { class: "wall-note-text" }, n.text),
            h("div", { class: "wall-vote-box" },
              h("button", { type: "button", class: "wall-vote" + (on ? " on" : ""), "aria-pressed": on ? "true" : "false",
                "aria-label": on ? "Take back your +1" : "+1 this note",
                onclick: (e) => {
                  e.currentTarget.classList.toggle("on", !on);
                  e.currentTarget.setAttribute("aria-pressed", on ? "false" : "true");
                  P.send("wall.vote", { note_id: n.id, on: !on });
                } }, on ? "✓ +1" : "+1"),
              h("span", { class: "wall-vote-count wall-votes" }, n.votes === 1 ? "1 vote" : n.votes + " votes")));
        })))));
  }
  function phone(el, s, me, send) {
    const p = phoneRoot(send);
    p.last = { s, me };
    p.area = el;
    el.append(p.root);
    showCompose(true);
    renderPhone(s, me);
  }

  /* ------------------------------------------------------------------ projector */
  const D = { root: null, cards: new Map(), page: 0, pages: 1, timer: null };
  const SIZES = [56, 50, 44, 40, 36, 32]; // px at 1080p; 32 is the smallest we allow
  const PAGE_SECONDS = 12;
  function displayRoot() {
    if (D.root) return D;
    D.flow = h("div", { class: "wall-flow" });
    D.viewport = h("div", { class: "wall-viewport" }, D.flow);
    D.pager = h("p", { class: "wall-pager", hidden: true });
    D.empty = h("p", { class: "wall-empty", hidden: true }, "Notes appear here as they are written.");
    D.root = h("div", { class: "wall-display" }, D.empty, D.viewport, D.pager);
    D.timer = setInterval(() => { if (D.pages > 1) { D.page = (D.page + 1) % D.pages; showPage(); } }, PAGE_SECONDS * 1000);
    return D;
  }
  function card(n) {
    let c = D.cards.get(n.id);
    if (!c) {
      c = { text: h("p", { class: "wall-note-text" }), votes: h("span", { class: "wall-votes" }) };
      c.el = h("li", { class: "wall-note fresh", "data-id": n.id }, c.text, c.votes);
      c.el.addEventListener("animationend", () => c.el.classList.remove("fresh"));
      D.cards.set(n.id, c);
    }
    if (c.text.textContent !== n.text) c.text.textContent = n.text;
    const v = n.votes ? "+" + n.votes : "";
    if (c.votes.textContent !== v) c.votes.textContent = v;
    c.votes.hidden = !n.votes;
    return c.el;
  }
  function showPage() {
    const step = D.viewport.clientWidth + D.gap;
    D.flow.style.transform = "translateX(" + (-D.page * step) + "px)";
    D.pager.hidden = D.pages <= 1;
    D.pager.textContent = "Page " + (D.page + 1) + " of " + D.pages;
  }
  function layout() {
    const vp = D.viewport;
    if (!vp.isConnected || !vp.clientWidth) return;
    D.gap = parseFloat(getComputedStyle(D.flow).columnGap) || 0;
    let size = SIZES[SIZES.length - 1];
    for (const s of SIZES) {
      D.flow.style.fontSize = s + "px";
      if (D.flow.scrollWidth <= vp.clientWidth + 2) { size = s; break; }
    }
    D.flow.style.fontSize = size + "px";
    D.size = size;
    const step = vp.clientWidth + D.gap;
    D.pages = Math.max(1, Math.ceil((D.flow.scrollWidth + D.gap - 2) / step));
    if (D.page >= D.pages) D.page = 0;
    showPage();
  }
  function display(el, s) {
    const d = displayRoot();
    const kind = s.kind || { notes: [], themes: [] };
    const notes = kind.notes || [];
    const seen = new Set(notes.map((n) => n.id));
    for (const id of [...d.cards.keys()]) if (!seen.has(id)) d.cards.delete(id); // hidden: gone
    const groups = grouped({ notes, themes: kind.themes || [] }, kind.themes && kind.themes.length ? byVotes : null);
    d.root.classList.toggle("themed", !!(kind.themes && kind.themes.length));
    SA.fill(d.flow, groups.filter((g) => g.notes.length || g.id !== null).map((g) => h("section", { class: "wall-theme" + (g.id === null ? " loose" : "") },
      g.title ? h("h2", { class: "wall-theme-title" }, g.title, h("span", { class: "wall-theme-count" }, " · " + g.notes.length)) : null,
      h("ul", { class: "wall-notes" }, g.notes.map(card)))));
    d.empty.hidden = notes.length > 0;
    d.root.classList.toggle("busy", notes.length > 0);
    el.append(d.root);
    layout();
  }
  window.addEventListener("resize", () => { if (D.root && D.root.isConnected) layout(); });

  /* ------------------------------------------------------------------ host */
  const H = { root: null, selected: null, dragging: false };
  function hostRoot(send) {
    if (H.root) return H;
    H.send = send; // refusals are shown by core (the server's "error" event)
    H.bar = h("div", { class: "wall-host-bar" });
    H.suggestion = h("section", { class: "wall-suggestion", "aria-label": "Suggested themes (only you see this)" });
    H.queue = h("section", { class: "wall-queue" });
    H.board = h("section", { class: "wall-board", "aria-label": "Themes and notes" });
    H.newTheme = h("input", { id: "wall-new-theme", maxlength: 80, placeholder: "New theme name", "aria-label": "New theme name" });
    H.words = h("input", { id: "wall-words", placeholder: "words, separated, by commas", "aria-label": "Extra filter words" });
    H.maxNotes = h("input", { id: "wall-max-notes", type: "number", min: 1, max: 50, "aria-label": "Notes per person" });
    H.addTheme = h("form", { class: "wall-add-theme", onsubmit: (e) => {
      e.preventDefault();
      const title = H.newTheme.value.trim();
      if (!title) return;
      H.send("wall.theme_add", { title }).then((ack) => { if (ack && ack.ok) H.newTheme.value = ""; });
    } }, H.newTheme, h("button", { type: "submit" }, "Add theme"));
    H.settings = h("details", { class: "wall-settings" },
      h("summary", {}, "Wall settings: word filter, notes per person, export"),
      h("form", { class: "wall-row", onsubmit: (e) => { e.preventDefault(); H.send("wall.words", { words: H.words.value }); } },
        h("label", { for: "wall-words" }, "Hold notes with these words for approval (a short built-in list applies too):"), H.words, h("button", { type: "submit" }, "Save words")),
      h("form", { class: "wall-row", onsubmit: (e) => { e.preventDefault(); H.send("wall.max_notes", { max_notes: parseInt(H.maxNotes.value, 10) }); } },
        h("label", { for: "wall-max-notes" }, "Notes per person:"), H.maxNotes, h("button", { type: "submit" }, "Save")),
      h("p", { class: "wall-row wall-exports" }, "Take-home export: ",
        h("a", { id: "wall-export-md", href: "/e/" + SA.code + "/export.md", target: "_blank", rel: "noopener" }, "Markdown"), " · ",
        h("a", { id: "wall-export-csv", href: "/e/" + SA.code + "/export.csv", target: "_blank", rel: "noopener" }, "CSV")));
    H.root = h("div", { class: "wall-host" }, H.bar, H.suggestion, H.queue, H.addTheme, H.board, H.settings);
    // host.js empties the panel on every state message: remember which field had the focus (and
    // its selection) so typing a theme name is not interrupted by notes arriving.
    H.root.addEventListener("focusin", (e) => { H.focus = e.target.matches("input, textarea") ? e.target : null; });
    H.root.addEventListener("focusout", (e) => {
      if (e.target === H.focus) H.sel = [e.target.selectionStart, e.target.selectionEnd];
      if (e.relatedTarget) H.focus = null;
    });
    document.addEventListener("pointerdown", (e) => { if (H.focus && e.target !== H.focus) H.focus = null; }, true);
    return H;
  }
  function hostBar(k) {
    const c = k.counts || {};
    const sug = k.suggestion;
    SA.fill(H.bar,
      h("button", { id: "wall-suggest", class: "primary wall-suggest", disabled: !c.shown, onclick: () => H.send("wall.suggest", { granularity: sug ? sug.granularity : 0 }), "aria-keyshortcuts": "T" },
        sug ? "Suggest again" : "Suggest themes", h("kbd", {}, "T")),
      h("button", { id: "wall-lock", onclick: () => H.send("wall.lock", { locked: !k.locked }), "aria-keyshortcuts": "L" },
        k.locked ? "Unlock the wall" : "Lock the wall", h("kbd", {}, "L")),
      h("label", { class: "check" },
        h("input", { type: "checkbox", id: "wall-premoderate", checked: k.premoderate, onchange: (e) => H.send("wall.premoderate", { on: e.target.checked }) }),
        " Approve notes before the projector shows them"),
      h("p", { class: "wall-counts" }, (c.shown || 0) + " on the wall · " + (c.pending || 0) + " waiting · " + (c.hidden || 0) + " hidden" + (k.locked ? " · LOCKED" : "")),
      k.can_undo ? h("button", { id: "wall-undo", class: "small", onclick: () => H.send("wall.undo_accept") }, "Undo accepted themes") : null);
  }
  function hostSuggestion(k, texts) {
    const sug = k.suggestion;
    const key = JSON.stringify(sug);
    if (key === H.sugKey) return;
    H.sugKey = key;
    if (!sug) { SA.fill(H.suggestion); H.suggestion.hidden = true; return; }
    H.suggestion.hidden = false;
    const g = sug.granularity;
    SA.fill(H.suggestion,
      h("div", { class: "wall-sug-head" },
        h("h3", {}, "Suggested themes"),
        h("p", { class: "muted" }, "Only you see this until you accept. " + sug.groups.length + " groups, " + (sug.ms / 1000).toFixed(1) + " s (" + sug.engine + ")."),
        h("div", { class: "wall-row" },
          h("button", { id: "wall-accept", class: "primary", onclick: () => H.send("wall.suggestion_accept") }, "Accept: show these themes"),
          h("button", { id: "wall-fewer", disabled: g <= -2, onclick: () => H.send("wall.suggest", { granularity: g - 1 }) }, "Fewer, larger groups"),
          h("button", { id: "wall-more", disabled: g >= 2, onclick: () => H.send("wall.suggest", { granularity: g + 1 }) }, "More, smaller groups"),
          h("button", { id: "wall-discard", class: "danger", onclick: () => H.send("wall.suggestion_discard") }, "Discard"))),
      h("ol", { class: "wall-sug-groups" }, sug.groups.map((grp, i) => {
        const input = h("input", { value: grp.title, maxlength: 80, "aria-label": "Name of suggested group " + (i + 1) });
        input.addEventListener("change", () => { if (input.value.trim()) H.send("wall.suggestion_edit", { group: i, title: input.value.trim() }); });
        return h("li", { class: "wall-sug-group" },
          h("div", { class: "wall-row" }, input,
            h("button", { class: "small", onclick: () => H.send("wall.suggestion_edit", { group: i, remove: true }), "aria-label": "Leave out this group" }, "Leave out")),
          h("ul", {}, grp.notes.map((id) => h("li", {}, texts.get(id) || "(note removed)"))));
      })));
  }
  function noteCard(n, themes) {
    const sel = H.selected === n.id;
    const pick = () => { H.selected = sel ? null : n.id; renderHost(H.last); };
    const el = h("li", { class: "wall-note" + (sel ? " selected" : ""), "data-id": n.id, "data-state": n.state, draggable: n.state !== "hidden" ? "true" : null },
      h("p", { class: "wall-note-text" }, n.text),
      h("p", { class: "wall-note-meta" }, n.by + (n.votes ? " · +" + n.votes : "") + (n.flag ? " · filter: " + n.flag : "")),
      h("div", { class: "wall-note-actions" },
        n.state === "shown" ? h("button", { class: "small", "aria-pressed": sel ? "true" : "false", title: "Pick this note, then press “Move here” on a theme (or drag it)",
          onclick: (e) => { e.stopPropagation(); pick(); } }, sel ? "Picked" : "Move") : null,
        n.state === "pending" ? h("button", { class: "small", onclick: (e) => { e.stopPropagation(); H.send("wall.approve", { note_id: n.id }); } }, "Approve") : null,
        n.state === "hidden"
          ? h("button", { class: "small", onclick: (e) => { e.stopPropagation(); H.send("wall.hide", { note_id: n.id, hidden: false }); } }, "Show again")
          : h("button", { class: "small danger wall-hide", onclick: (e) => { e.stopPropagation(); H.send("wall.hide", { note_id: n.id, hidden: true }); } }, "Hide")));
    el.addEventListener("dragstart", (e) => { H.dragging = true; e.dataTransfer.setData("text/plain", String(n.id)); e.dataTransfer.effectAllowed = "move"; });
    el.addEventListener("dragend", () => { H.dragging = false; if (H.last) renderHost(H.last); });
    if (n.state === "shown") el.addEventListener("click", pick);
    return el;
  }
  function column(g, themes) {
    const theme = g.id !== null ? themes.find((t) => t.id === g.id) : null;
    const col = h("div", { class: "wall-col" + (theme ? "" : " loose"), "data-theme": theme ? theme.id : "" },
      h("div", { class: "wall-col-head" },
        h("h3", {}, theme ? theme.title : UNSORTED, h("span", { class: "muted" }, " · " + g.notes.length)),
        H.selected !== null ? h("button", { class: "small wall-move-here", onclick: () => { const id = H.selected; H.selected = null; H.send("wall.note_move", { note_id: id, theme_id: theme ? theme.id : null }); } }, "Move here") : null,
        theme ? h("div", { class: "wall-col-tools" },
          h("button", { class: "small", onclick: () => { const t = prompt("Rename the theme", theme.title); if (t && t.trim()) H.send("wall.theme_rename", { theme_id: theme.id, title: t.trim() }); } }, "Rename"),
          themes.length > 1 ? h("select", { "aria-label": "Merge “" + theme.title + "” into", onchange: (e) => {
            const into = parseInt(e.target.value, 10);
            if (into) H.send("wall.theme_merge", { theme_id: theme.id, into_id: into });
          } }, h("option", { value: "" }, "Merge into…"), themes.filter((t) => t.id !== theme.id).map((t) => h("option", { value: t.id }, t.title))) : null,
          h("button", { class: "small danger", onclick: () => { if (confirm("Delete the theme “" + theme.title + "”? Its notes stay, unsorted.")) H.send("wall.theme_delete", { theme_id: theme.id }); } }, "Delete")) : null),
      h("ul", { class: "wall-col-notes" }, g.notes.map((n) => noteCard(n, themes))));
    col.addEventListener("dragover", (e) => { e.preventDefault(); col.classList.add("over"); });
    col.addEventListener("dragleave", () => col.classList.remove("over"));
    col.addEventListener("drop", (e) => {
      e.preventDefault();
      col.classList.remove("over");
      const id = parseInt(e.dataTransfer.getData("text/plain"), 10);
      if (id) H.send("wall.note_move", { note_id: id, theme_id: theme ? theme.id : null });
    });
    return col;
  }
  function renderHost(s) {
    const k = s.host.kind || {};
    const notes = k.notes || [];
    const themes = k.themes || [];
    if (H.selected !== null && !notes.some((n) => n.id === H.selected)) H.selected = null;
    hostBar(k);
    hostSuggestion(k, new Map(notes.map((n) => [n.id, n.text])));
    if (document.activeElement !== H.words) H.words.value = (k.words || []).join(", ");
    if (document.activeElement !== H.maxNotes) H.maxNotes.value = k.max_notes || 10;
    const pending = notes.filter((n) => n.state === "pending");
    SA.fill(H.queue, pending.length ? [
      h("div", { class: "wall-row" }, h("h3", {}, pending.length + " waiting for approval"),
        h("button", { class: "small", onclick: () => H.send("wall.approve", { all: true }) }, "Approve all")),
      h("ul", { class: "wall-col-notes wall-queue-notes" }, pending.map((n) => noteCard(n, themes)))] : []);
    H.queue.hidden = !pending.length;
    const shown = notes.filter((n) => n.state === "shown");
    const hidden = notes.filter((n) => n.state === "hidden");
    const groups = grouped({ notes: shown, themes });
    if (!groups.some((g) => g.id === null)) groups.push({ id: null, title: UNSORTED, notes: [] });
    groups.sort((a, b) => (a.id === null) - (b.id === null));
    SA.fill(H.board,
      h("div", { class: "wall-cols" }, groups.map((g) => column(g, themes))),
      hidden.length ? h("details", { class: "wall-hidden" }, h("summary", {}, hidden.length + " hidden"),
        h("ul", { class: "wall-col-notes" }, hidden.map((n) => noteCard(n, themes)))) : null);
  }
  function host(el, s, send) {
    const hr = hostRoot(send);
    H.last = s;
    el.append(hr.root);
    if (H.focus && H.focus.isConnected && document.activeElement !== H.focus) {
      H.focus.focus({ preventScroll: true });
      try { if (H.sel) H.focus.setSelectionRange(H.sel[0], H.sel[1]); } catch (e) { /* number inputs */ }
    }
    SA.hostKeys = (e) => {
      const click = (id) => { const b = document.getElementById(id); if (b && !b.disabled) { e.preventDefault(); b.click(); } };
      if (e.key === "t" || e.key === "T") click("wall-suggest");
      else if (e.key === "l" || e.key === "L") click("wall-lock");
      else if (e.key === "Escape" && H.selected !== null) { H.selected = null; renderHost(H.last); }
    };
    if (H.dragging) return; // the board is redrawn when the drag ends
    renderHost(s);
  }

  SA.kinds.wall = { phone, display, host };
})();
