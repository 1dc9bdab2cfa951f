/* The host's wall board (host panel), made for hundreds of notes: one dense list of rows of a
   fixed height (two lines of text; the current note in full above the list), filters with
   their counts (new since I last looked, waiting, hidden, in no theme, each theme), a search,
   keyboard moderation, and only the rows in view drawn, so a state at 500 notes costs about
   what it costs at 20. It reads the wall's host state through hostWall() only. wall.js
   registers the kind and calls SA.wallHost.host / SA.wallHost.keys at render time. */
(function () {
  "use strict";
  const v = (...a) => SA.v(...a);
  const ROW = 56; // px, every row: the rows in view are found by arithmetic, not by measuring
  const EXTRA = 6; // rows drawn above and below the view, so a quick scroll shows no gap
  const UNSORTED = "In no theme"; // the side list's last entry: a filter and a drop target
  const HELP = "J / K next / previous · H hide or show · 1–9 into that theme · 0 out of its theme · A approve · / search · M mark all seen · Esc clear";

  const H = { cursor: null, index: 0, filter: "all", query: "", seen: null, frame: 0,
    scroller: null, search: null, newTheme: null, words: null, maxNotes: null, columns: null, last: [], names: [] };
  const hostRef = (name) => (el) => { H[name] = el; };
  const refs = { scroller: hostRef("scroller"), search: hostRef("search"), newTheme: hostRef("newTheme"),
    words: hostRef("words"), maxNotes: hostRef("maxNotes"), columns: hostRef("columns") };
  let send = () => Promise.resolve(null); // the panel's send, kept from the last render for keys

  /* The one place that reads the wall's state for the host (its shape may change). */
  function hostWall(s) { return (s && s.host && s.host.kind) || {}; }
  const about = (text) => SA.wallParts.about(text);

  /* "New since I last looked": notes above the id the host marked as seen (this browser). */
  const seenKey = () => "sa-wall-seen-" + SA.code;
  function seen() {
    if (H.seen === null) { try { H.seen = parseInt(localStorage.getItem(seenKey()) || "0", 10) || 0; } catch (e) { H.seen = 0; } }
    return H.seen;
  }
  function markSeen(notes) {
    H.seen = notes.reduce((m, n) => Math.max(m, n.id), seen());
    try { localStorage.setItem(seenKey(), String(H.seen)); } catch (e) { /* private mode */ }
    SA.redraw();
  }

  /* Counts per filter and each filter's test, computed once per state (and seen mark). */
  let memo = { k: null, seen: -1, d: null };
  function derive(k) {
    if (memo.k === k && memo.seen === seen()) return memo.d;
    const notes = k.notes || [];
    const themes = k.themes || [];
    const known = new Set(themes.map((t) => t.id));
    const tests = {
      all: (n) => n.state !== "hidden",
      new: (n) => n.state !== "hidden" && n.id > seen(),
      pending: (n) => n.state === "pending",
      hidden: (n) => n.state === "hidden",
      loose: (n) => n.state === "shown" && !known.has(n.theme),
    };
    themes.forEach((t) => { tests["t" + t.id] = (n) => n.state === "shown" && n.theme === t.id; });
    const counts = {};
    for (const f in tests) counts[f] = 0;
    for (const n of notes) {
      if (n.state === "hidden") { counts.hidden += 1; continue; }
      counts.all += 1;
      if (n.id > seen()) counts.new += 1;
      if (n.state === "pending") counts.pending += 1;
      else if (known.has(n.theme)) counts["t" + n.theme] += 1;
      else counts.loose += 1;
    }
    const names = new Map(themes.map((t) => [t.id, t]));
    const number = new Map(themes.map((t, i) => [t.id, i + 1]));
    memo = { k, seen: seen(), d: { notes, themes, tests, counts, names, number } };
    return memo.d;
  }
  /* The notes the list shows: the filter, then the search (text or author, any case). */
  function shown(d) {
    if (!d.tests[H.filter]) H.filter = "all"; // its theme was deleted or merged
    const test = d.tests[H.filter];
    const q = H.query.trim().toLowerCase();
    return d.notes.filter((n) => test(n) && (!q || n.text.toLowerCase().includes(q) || (n.by || "").toLowerCase().includes(q)));
  }

  /* ------------------------------------------------------------ the cursor (J/K, clicks) */
  function current() {
    return H.last.find((n) => n.id === H.cursor) || null;
  }
  /* Keep the cursor on a note of the list: when its note left (hidden, moved away), the note
     that took its place. */
  function settleCursor(list) {
    const at = list.findIndex((n) => n.id === H.cursor);
    if (at >= 0) { H.index = at; return; }
    if (H.cursor === null || !list.length) { H.cursor = null; return; }
    H.index = Math.min(H.index, list.length - 1);
    H.cursor = list[H.index].id;
  }
  function moveCursor(step) {
    const list = H.last;
    if (!list.length) return false;
    const at = list.findIndex((n) => n.id === H.cursor);
    H.index = at < 0 ? (step > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, at + step));
    H.cursor = list[H.index].id;
    reveal(H.index);
    SA.redraw();
    return true;
  }
  function pick(id) {
    H.cursor = H.cursor === id ? null : id;
    SA.redraw();
  }
  /* Scroll the list (not the page) so row i is in view. */
  function reveal(i) {
    const el = H.scroller;
    if (!el) return;
    const top = i * ROW;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW - el.clientHeight;
  }
  function onScroll() {
    if (H.frame) return;
    H.frame = requestAnimationFrame(() => { H.frame = 0; SA.redraw(); });
  }
  function setFilter(f) {
    H.filter = f;
    H.index = 0;
    if (H.scroller) H.scroller.scrollTop = 0;
    SA.redraw();
  }

  /* ------------------------------------------------------------ moderation */
  function hide(n) {
    if (n) send("wall.hide", { note_id: n.id, hidden: n.state !== "hidden" });
  }
  function moveTo(n, themeId) {
    if (n && n.state !== "hidden") send("wall.note_move", { note_id: n.id, theme_id: themeId });
  }
  function approve(n) {
    if (n && n.state === "pending") send("wall.approve", { note_id: n.id });
  }
  const stop = (f) => (e) => { e.stopPropagation(); f(); };

  function row(n, i, d, isCurrent) {
    const theme = d.names.get(n.theme);
    const tag = n.state === "pending" ? "Waiting" : n.state === "hidden" ? "Hidden"
      : theme ? d.number.get(theme.id) + " · " + theme.title : "No theme";
    return v("li", { key: n.id, class: "wall-note wall-item" + (isCurrent ? " selected" : "") + (n.id > seen() ? " new" : ""),
      style: { top: i * ROW + "px" }, "data-id": n.id, "data-state": n.state, "data-theme": theme ? theme.id : "",
      "aria-current": isCurrent ? "true" : null, draggable: n.state !== "hidden" ? "true" : null,
      ondragstart: (e) => { e.dataTransfer.setData("text/plain", String(n.id)); e.dataTransfer.effectAllowed = "move"; },
      onclick: () => pick(n.id) },
      v("span", { class: "wall-row-tag", title: tag }, tag),
      v("p", { class: "wall-note-text", title: n.text }, n.text),
      v("p", { class: "wall-note-meta" }, n.by + (n.votes ? " · +" + n.votes : "") + (n.flag ? " · filter: " + n.flag : "") +
        (typeof n.col === "number" && H.names[n.col] ? " · " + H.names[n.col] : "")),
      v("div", { class: "wall-note-actions" },
        n.state === "pending" ? v("button", { class: "small", "aria-label": "Approve: " + about(n.text), onclick: stop(() => approve(n)) }, "Approve") : null,
        n.state === "hidden"
          ? v("button", { class: "small", "aria-label": "Show again: " + about(n.text), onclick: stop(() => hide(n)) }, "Show")
          : v("button", { class: "small danger wall-hide", "aria-label": "Hide: " + about(n.text), onclick: stop(() => hide(n)) }, "Hide")));
  }
  /* Only the rows in view (and a few around them) are in the page. */
  function rows(list, d) {
    const el = H.scroller;
    const top = el ? el.scrollTop : 0;
    const height = el && el.clientHeight ? el.clientHeight : 640;
    const first = Math.max(0, Math.floor(top / ROW) - EXTRA);
    const last = Math.min(list.length, Math.ceil((top + height) / ROW) + EXTRA);
    const out = [];
    for (let i = first; i < last; i += 1) out.push(row(list[i], i, d, list[i].id === H.cursor));
    return out;
  }

  function chip(f, label, count, extra) {
    return v("button", { type: "button", class: "small wall-filter", "data-filter": f, "aria-pressed": H.filter === f ? "true" : "false",
      onclick: () => setFilter(f), ...(extra || {}) }, label, " ", v("span", { class: "wall-filter-count" }, String(count)));
  }
  function tools(k, d, list) {
    const c = d.counts;
    return v("div", { class: "wall-tools" },
      v("div", { class: "wall-row" },
        v("input", { id: "wall-search", type: "search", ref: refs.search, placeholder: "Search notes or authors", "aria-label": "Search notes", "aria-keyshortcuts": "/",
          autocomplete: "off", maxlength: 80, defaultValue: H.query,
          oninput: (e) => { H.query = e.target.value; H.index = 0; if (H.scroller) H.scroller.scrollTop = 0; SA.redraw(); },
          onkeydown: (e) => {
            if (e.key === "Escape") { e.target.value = ""; H.query = ""; e.target.blur(); SA.redraw(); }
            else if (e.key === "Enter" || e.key === "ArrowDown") { e.preventDefault(); e.target.blur(); moveCursor(1); }
          } }),
        v("span", { class: "wall-match muted", "aria-live": "off" }, H.query.trim() ? list.length + " match" + (list.length === 1 ? "" : "es") : ""),
        c.pending ? v("button", { class: "small", id: "wall-approve-all", onclick: () => send("wall.approve", { all: true }) }, "Approve all " + c.pending) : null,
        v("button", { class: "small", id: "wall-seen", "aria-keyshortcuts": "M", disabled: !c.new, onclick: () => markSeen(d.notes) }, "Mark all seen", v("kbd", {}, "M"))),
      v("div", { class: "wall-row wall-filters", role: "group", "aria-label": "Show" },
        chip("all", "All", c.all),
        chip("new", "New since I last looked", c.new),
        c.pending || k.premoderate ? chip("pending", "Waiting", c.pending) : null,
        chip("hidden", "Hidden", c.hidden)),
      v("p", { class: "wall-keys muted" }, HELP));
  }

  function themeTools(theme, themes) {
    return v("div", { class: "wall-col-tools" },
      v("button", { class: "small", onclick: () => { const t = prompt("Rename the theme", theme.title); if (t && t.trim()) send("wall.theme_rename", { theme_id: theme.id, title: t.trim() }); } }, "Rename"),
      themes.length > 1 ? v("select", { value: "", "aria-label": "Merge “" + theme.title + "” into", onchange: (e) => {
        const into = parseInt(e.target.value, 10);
        if (into) send("wall.theme_merge", { theme_id: theme.id, into_id: into });
      } }, v("option", { value: "" }, "Merge into…"), themes.filter((t) => t.id !== theme.id).map((t) => v("option", { key: t.id, value: t.id }, t.title))) : null,
      v("button", { class: "small danger", onclick: () => { if (confirm("Delete the theme “" + theme.title + "”? Its notes stay, unsorted.")) send("wall.theme_delete", { theme_id: theme.id }); } }, "Delete"));
  }
  /* A theme in the side list: shows its notes (click), takes a dropped note, and offers
     "Move here" for the current note; its number is its key. */
  function target(theme, d, cur) {
    const id = theme ? theme.id : null;
    const f = theme ? "t" + theme.id : "loose";
    const over = (on) => (e) => { if (on) e.preventDefault(); e.currentTarget.classList.toggle("over", on); };
    const here = cur && cur.state !== "hidden" && (theme ? cur.theme !== id : d.names.has(cur.theme));
    const label = theme ? theme.title : UNSORTED;
    return v("li", { key: "c" + id, class: "wall-col" + (theme ? "" : " loose"), "data-theme": theme ? theme.id : "",
      ondragover: over(true), ondragleave: over(false),
      ondrop: (e) => {
        e.preventDefault();
        e.currentTarget.classList.remove("over");
        const noteId = parseInt(e.dataTransfer.getData("text/plain"), 10);
        if (noteId) send("wall.note_move", { note_id: noteId, theme_id: id });
      } },
      v("button", { type: "button", class: "wall-filter wall-theme-filter", "data-filter": f, "aria-pressed": H.filter === f ? "true" : "false", onclick: () => setFilter(f) },
        v("kbd", {}, theme ? String(d.number.get(id)) : "0"),
        v("h3", {}, label), v("span", { class: "wall-filter-count" }, String(d.counts[f]))),
      here ? v("button", { class: "small wall-move-here", "aria-label": "Move “" + about(cur.text) + "” into " + label,
        onclick: () => moveTo(cur, id) }, "Move") : null);
  }
  function currentNote(cur, d) {
    if (!cur) return v("div", { class: "wall-current muted" }, "Click a note or press J to pick one; its full text shows here.");
    const theme = d.names.get(cur.theme);
    return v("div", { class: "wall-current", "data-id": cur.id },
      v("p", { class: "wall-current-text" }, cur.text),
      v("p", { class: "muted" }, cur.by + " · " + (cur.votes === 1 ? "1 vote" : cur.votes + " votes") + " · " +
        (cur.state === "pending" ? "waiting for approval" : cur.state === "hidden" ? "hidden" : theme ? "in “" + theme.title + "”" : "in no theme")));
  }

  function board(k, d) {
    const list = shown(d);
    settleCursor(list);
    H.last = list;
    const cur = current();
    const active = H.filter[0] === "t" ? d.names.get(parseInt(H.filter.slice(1), 10)) : null;
    return v("section", { class: "wall-board", "aria-label": "Notes" },
      tools(k, d, list),
      v("div", { class: "wall-board-body" },
        v("nav", { class: "wall-themes", "aria-label": "Themes" },
          v("ul", { class: "wall-cols" }, d.themes.map((t) => target(t, d, cur)), target(null, d, cur))),
        v("div", { class: "wall-main" },
          currentNote(cur, d),
          active ? v("div", { class: "wall-row" }, v("strong", {}, active.title), themeTools(active, d.themes)) : null,
          v("div", { class: "wall-rows", ref: refs.scroller, onscroll: onScroll },
            v("ul", { class: "wall-rows-inner", style: { height: list.length * ROW + "px" } }, rows(list, d))),
          v("p", { class: "wall-list-foot muted" }, list.length
            ? list.length + (list.length === 1 ? " note" : " notes") + " in this list"
            : H.query.trim() ? "No note matches “" + H.query.trim() + "”." : "No notes here yet."))));
  }

  function hostBar(k) {
    const c = k.counts || {};
    const sug = k.suggestion;
    return v("div", { class: "wall-host-bar" },
      v("button", { id: "wall-suggest", class: "primary wall-suggest", disabled: !c.shown, onclick: () => send("wall.suggest", { granularity: sug ? sug.granularity : 0 }), "aria-keyshortcuts": "T" },
        sug ? "Suggest again" : "Suggest themes", v("kbd", {}, "T")),
      v("button", { id: "wall-lock", onclick: () => send("wall.lock", { locked: !k.locked }), "aria-keyshortcuts": "L" },
        k.locked ? "Unlock the wall" : "Lock the wall", v("kbd", {}, "L")),
      v("label", { class: "check" },
        v("input", { type: "checkbox", id: "wall-premoderate", checked: !!k.premoderate, onchange: (e) => send("wall.premoderate", { on: e.target.checked }) }),
        " Approve notes before the projector shows them"),
      v("p", { class: "wall-counts" }, (c.shown || 0) + " on the wall · " + (c.pending || 0) + " waiting · " + (c.hidden || 0) + " hidden" + (k.locked ? " · LOCKED" : "")),
      k.can_undo ? v("button", { id: "wall-undo", class: "small", onclick: () => send("wall.undo_accept") }, "Undo accepted themes") : null);
  }
  function suggestion(k, texts) {
    const sug = k.suggestion;
    if (!sug) return v("section", { class: "wall-suggestion", hidden: true });
    const g = sug.granularity;
    return v("section", { class: "wall-suggestion", "aria-label": "Suggested themes (only you see this)" },
      v("div", { class: "wall-sug-head" },
        v("h3", {}, "Suggested themes"),
        v("p", { class: "muted" }, "Only you see this until you accept. " + sug.groups.length + " groups, " + (sug.ms / 1000).toFixed(1) + " s (" + sug.engine + ")."),
        v("div", { class: "wall-row" },
          v("button", { id: "wall-accept", class: "primary", onclick: () => send("wall.suggestion_accept") }, "Accept: show these themes"),
          v("button", { id: "wall-fewer", disabled: g <= -2, onclick: () => send("wall.suggest", { granularity: g - 1 }) }, "Fewer, larger groups"),
          v("button", { id: "wall-more", disabled: g >= 2, onclick: () => send("wall.suggest", { granularity: g + 1 }) }, "More, smaller groups"),
          v("button", { id: "wall-discard", class: "danger", onclick: () => send("wall.suggestion_discard") }, "Discard"))),
      // A new suggestion gets new fields (key); a renamed group keeps the one being typed in.
      v("ol", { class: "wall-sug-groups", key: sug.engine + ":" + g + ":" + sug.ms }, sug.groups.map((grp, i) => v("li", { key: i, class: "wall-sug-group" },
        v("div", { class: "wall-row" },
          v("input", { defaultValue: grp.title, maxlength: 80, "aria-label": "Name of suggested group " + (i + 1),
            onchange: (e) => { const t = e.target.value.trim(); if (t) send("wall.suggestion_edit", { group: i, title: t }); } }),
          v("button", { class: "small", onclick: () => send("wall.suggestion_edit", { group: i, remove: true }), "aria-label": "Leave out group " + (i + 1) }, "Leave out")),
        v("ul", {}, grp.notes.map((id) => v("li", { key: id }, texts.get(id) || "(note removed)")))))));
  }
  function settings(k) {
    const num = () => parseInt(H.maxNotes.value, 10);
    return v("details", { class: "wall-settings" },
      v("summary", {}, "Wall settings: word filter, columns, notes per person"),
      v("form", { class: "wall-row", onsubmit: (e) => { e.preventDefault(); send("wall.words", { words: H.words.value }); } },
        v("label", { for: "wall-words" }, "Hold notes with these words for approval (a short built-in list applies too):"),
        v("input", { id: "wall-words", ref: refs.words, defaultValue: (k.words || []).join(", "), placeholder: "words, separated, by commas" }),
        v("button", { type: "submit" }, "Save words")),
      v("form", { class: "wall-row", onsubmit: (e) => { e.preventDefault(); send("wall.columns", { columns: H.columns.value }); } },
        v("label", { for: "wall-columns" }, "Columns (phones pick one per note; none for a plain wall):"),
        v("input", { id: "wall-columns", ref: refs.columns, defaultValue: (k.columns || []).join(", "), maxlength: 200, placeholder: "Strengths, Weaknesses, How I'd apply it" }),
        v("button", { type: "submit", id: "wall-columns-save" }, "Save columns")),
      v("form", { class: "wall-row", onsubmit: (e) => { e.preventDefault(); send("wall.max_notes", { max_notes: num() }); } },
        v("label", { for: "wall-max-notes" }, "Notes per person:"),
        v("input", { id: "wall-max-notes", ref: refs.maxNotes, type: "number", min: 1, max: 50, defaultValue: k.max_notes || 10 }),
        v("button", { type: "submit" }, "Save")),
      v("p", { class: "muted" }, "The wall's Markdown and CSV files are under “Take home” on this panel."));
  }

  function host(s, me, sendFn) {
    send = sendFn;
    const k = hostWall(s);
    H.names = k.columns || [];
    const d = derive(k);
    const addTheme = (e) => {
      e.preventDefault();
      const title = H.newTheme.value.trim();
      if (!title) return;
      send("wall.theme_add", { title }).then((ack) => { if (ack && ack.ok && H.newTheme) H.newTheme.value = ""; });
    };
    return v("div", { class: "wall-host" },
      hostBar(k),
      suggestion(k, new Map(d.notes.map((n) => [n.id, n.text]))),
      v("form", { class: "wall-add-theme", onsubmit: addTheme },
        v("input", { id: "wall-new-theme", ref: refs.newTheme, maxlength: 80, placeholder: "New theme name", "aria-label": "New theme name" }),
        v("button", { type: "submit" }, "Add theme")),
      board(k, d),
      settings(k));
  }

  /* Keys (asked only while the wall is live and no field has the focus). */
  function digit(e) {
    const n = current();
    if (!n) return false;
    const i = parseInt(e.key, 10);
    const themes = memo.d ? memo.d.themes : [];
    if (i === 0) { moveTo(n, null); return true; }
    if (!themes[i - 1]) { SA.toast("There is no theme " + i + "."); return true; }
    moveTo(n, themes[i - 1].id);
    return true;
  }
  const keys = {
    j: () => moveCursor(1),
    k: () => moveCursor(-1),
    h: () => { const n = current(); hide(n); return !!n; },
    a: () => { const n = current(); approve(n); return !!n; },
    m: () => { if (memo.d) markSeen(memo.d.notes); return true; },
    "/": () => { if (!H.search) return false; H.search.focus(); return true; },
    Escape: () => { // first the picked note, then the search
      if (H.cursor !== null) H.cursor = null;
      else if (H.query) { H.query = ""; if (H.search) H.search.value = ""; }
      else return false;
      SA.redraw();
      return true;
    },
  };
  for (let i = 0; i <= 9; i += 1) keys[String(i)] = digit;

  SA.wallHost = { host, keys, hostWall };
})();
