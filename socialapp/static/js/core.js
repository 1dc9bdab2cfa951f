/* socialapp core: connection, clock sync, outbox, timers. Every screen renders only from the
   last state the server sent; nothing here depends on having seen every message. */
(function () {
  "use strict";
  const SA = (window.SA = window.SA || {});
  SA.offset = 0; // server time minus local time, in ms

  /* Build DOM without ever parsing HTML: text typed by people stays text. */
  SA.h = function (tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (k === "dataset") Object.assign(el.dataset, v);
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  };
  SA.$ = (sel, root) => (root || document).querySelector(sel);
  SA.fill = function (el, ...children) {
    el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
    return el;
  };
  SA.now = () => Date.now() + SA.offset;

  /* Screens describe what they show with SA.v (Preact's h: same arguments as SA.h, but it
     makes a description, not an element) and SA.patch brings the page to it, changing only
     what differs. An element that stays in the description stays in the page: the button
     under a finger, the field being typed in (its text, caret and focus), an open <details>,
     a scroll position and a drag survive a new state. Text is always set as text. Lists of
     things that come and go (notes, people) give each item a `key`. An input whose text the
     person owns gets no `value` (or only `defaultValue`), so a new state never overwrites it. */
  const preact = window.preact;
  SA.v = preact.h;
  SA.patch = function (el, ...children) {
    preact.render(preact.h(preact.Fragment, null, ...children), el);
    return el;
  };
  /* Names people typed, side by side in one line ("Ada · نور · 欧阳娜娜"): each in its own <bdi>,
     so an Arabic name is laid out right to left without pulling the separators and the names
     around it into its direction (a projector line takes its direction from its first name:
     unicode-bidi: plaintext). */
  SA.names = (list, sep) => list.flatMap((name, i) => (i ? [sep, preact.h("bdi", { key: i }, name)] : [preact.h("bdi", { key: i }, name)]));
  /* A view may put classes and attributes on its kind's area: return SA.area(props, ...children). */
  SA.area = (props, ...children) => ({ area: props, children });

  /* Kinds: SA.defineKind(name, {phone(s, me, send), display(s, me, send), host(s, me, send),
     keys, drawn(role, el, s), leads}). Views return what SA.v makes; `keys` maps a host-panel
     key to a button id (clicked when enabled) or a function(event, state) that returns true
     when it used the key; `drawn` runs after each patch for what needs the laid-out page (the
     projector's paging). */
  SA.kinds = SA.kinds || {};
  SA.defineKind = function (name, kind) {
    SA.kinds[name] = kind;
    return kind;
  };
  /* The live kind's area for a screen: one <div id="kind">, new for each segment (so a new
     segment starts with empty fields), patched for each state of the same segment. */
  SA.renderKind = function (role, s) {
    const live = s.live;
    const kind = SA.kindOf(s);
    let out = kind && kind[role] ? kind[role](s, SA.me || {}, SA.send) : null;
    if (!kind && SA.kindLoading(s)) out = SA.v("p", { class: "card center muted kind-loading" }, "Loading…");
    let props = {};
    if (out && out.area) { props = out.area; out = out.children; }
    const cls = ["kind", live ? "kind-" + live.kind : "", props.class].filter(Boolean).join(" ");
    return SA.v("div", Object.assign({}, props, { id: "kind", class: cls, key: live ? "seg-" + live.id : "none" }), out);
  };
  /* Side panels (socialapp/side.py): segments that are not live but take part from the
     phones now (collecting from the room during a presenter's section). Each kind that opens one
     draws it with its `side(panel, me, send)` on phones (`sideHost` on the host panel): panel
     is {id, kind, title, view}, me its personal view; commands to it carry segment_id. */
  SA.renderSide = function (role, s) {
    const mine = (SA.me && SA.me.side) || {};
    return (s.side || []).map((p) => {
      const kind = SA.kindNamed(p.kind); // a side panel's kind is fetched like a live one
      const draw = kind && (role === "phone" ? kind.side : role === "host" ? kind.sideHost : null);
      const out = draw ? draw(p, mine[String(p.id)] || {}, SA.send) : null;
      return out ? SA.v("div", { class: "side side-" + p.kind, key: "side-" + p.id, "data-segment": String(p.id) }, out) : null;
    });
  };
  /* After a screen patched the page: the kind may measure what it drew. */
  SA.kindDrawn = function (role, s) {
    const kind = SA.kindOf(s);
    const el = document.getElementById("kind");
    if (kind && kind.drawn && el) kind.drawn(role, el, s);
  };
  /* Draw the screen again from the last state (a kind's own change: a note picked, an edit). */
  SA.redraw = function () {
    if (SA.state && SA.draw) SA.draw(SA.state);
  };
  /* The host panel's one key handler asks the live kind for keys the core does not use. */
  SA.hostKey = function (e) {
    const kind = SA.state && SA.kindOf(SA.state);
    const keys = (kind && kind.keys) || {};
    const k = keys[e.key] !== undefined ? keys[e.key] : keys[(e.key || "").toLowerCase()];
    if (typeof k === "function") { if (k(e, SA.state)) e.preventDefault(); return; }
    const b = k && document.getElementById(k);
    if (b && !b.disabled) { e.preventDefault(); b.click(); }
  };

  /* m:ss, overtime as +m:ss */
  SA.fmt = function (seconds) {
    const over = seconds < 0;
    const s = over ? Math.floor(-seconds) : Math.ceil(seconds);
    const m = Math.floor(s / 60);
    return (over ? "+" : "") + m + ":" + String(s % 60).padStart(2, "0");
  };
  SA.remaining = function (timer) {
    if (!timer) return null;
    if (timer.status === "running") return timer.ends_at - SA.now() / 1000;
    return timer.remaining !== null && timer.remaining !== undefined ? timer.remaining : timer.duration;
  };
  /* The host sets when timers turn amber (event.warn seconds before the end; 0: never). */
  SA.warnSeconds = () => { const w = SA.state && SA.state.event ? SA.state.event.warn : undefined; return typeof w === "number" ? w : 60; };
  SA.phase = function (timer) {
    if (!timer || timer.status !== "running") return timer ? timer.status : "idle";
    const left = SA.remaining(timer);
    return left <= 0 ? "time_up" : left <= SA.warnSeconds() ? "last_minute" : "running";
  };
  const PHASE_WORDS = { paused: "Paused", time_up: "Time's up", stopped: "Ended", idle: "Not started", running: "" };
  SA.phaseWords = (p) => {
    if (p !== "last_minute") return PHASE_WORDS[p] || "";
    const w = SA.warnSeconds();
    return w === 60 ? "Last minute" : w < 60 ? "Last " + w + " seconds" : "Last " + Math.round(w / 60) + " minutes";
  };

  /* Timers: any element with data-timer="key" shows SA.timers[key]; one loop for the page. */
  SA.timers = {};
  // Last phase announced per timer key: a timer element can be new (a new segment), so
  // "sa:phase" (the time-up chime) fires when a timer's phase changes, not per new element.
  const announced = {};
  function drawTimers() {
    document.querySelectorAll("[data-timer]").forEach((el) => {
      const key = el.dataset.timer;
      const timer = SA.timers[key];
      if (!timer) { el.textContent = ""; el.dataset.phase = "none"; announced[key] = "none"; return; }
      const left = SA.remaining(timer);
      const text = SA.fmt(left);
      if (el.textContent !== text) el.textContent = text;
      const phase = SA.phase(timer);
      if (el.dataset.phase !== phase) {
        el.dataset.phase = phase;
        const words = document.querySelector('[data-timer-words="' + key + '"]');
        if (words) words.textContent = SA.phaseWords(phase);
      }
      if (announced[key] !== phase) {
        announced[key] = phase;
        document.dispatchEvent(new CustomEvent("sa:phase", { detail: { key, phase } }));
      }
    });
  }
  setInterval(drawTimers, 200);
  document.addEventListener("visibilitychange", drawTimers);
  SA.drawTimers = drawTimers;

  /* Toasts: errors the server sends back and short confirmations, in words people understand.
     They expire after a few seconds, at most three show, and a new segment clears them: a
     "Round 2: 4 groups" never lingers over the next segment's controls (the CSS keeps them
     out of the way: the host panel's bottom-right corner, and clicks pass through them). */
  const TOAST_MS = { ok: 4000, error: 6000 };
  SA.toast = function (message, kind) {
    let box = SA.$("#toasts");
    if (!box) { box = SA.h("div", { id: "toasts", role: "status", "aria-live": "polite" }); document.body.append(box); }
    const t = SA.h("div", { class: "toast " + (kind || "error") }, message);
    box.append(t);
    while (box.children.length > 3) box.firstElementChild.remove();
    setTimeout(() => t.remove(), TOAST_MS[kind || "error"] || TOAST_MS.error);
  };
  SA.clearToasts = function () {
    const box = SA.$("#toasts");
    if (box) box.replaceChildren();
  };
  let toastSegment; // the live segment the toasts on screen belong to
  function clearToastsOnNewSegment(s) {
    const live = s.live ? s.live.id : null;
    if (toastSegment !== undefined && live !== toastSegment) SA.clearToasts();
    toastSegment = live;
  }

  /* Outbox: changing messages carry a client-made id and stay in localStorage until the
     server acknowledges them, so a dropped Wi-Fi or a reload never loses or doubles one. */
  function outboxKey() { return "sa-outbox-" + SA.role + "-" + SA.code; }
  // A host's "next" replayed an hour later would surprise the room; a phone's note would not.
  const HOST_REPLAY_MS = 120000;
  function loadOutbox() {
    let items;
    try { items = JSON.parse(localStorage.getItem(outboxKey()) || "[]"); } catch (e) { return []; }
    return SA.role === "host" ? items.filter((i) => !i.at || Date.now() - i.at < HOST_REPLAY_MS) : items;
  }
  function saveOutbox(items) {
    try { localStorage.setItem(outboxKey(), JSON.stringify(items)); } catch (e) { /* private mode */ }
  }
  function newCid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }
  /* One message in flight at a time, in the order they were made: a note and its later edit
     never overtake each other after a reconnect. */
  const waiting = {}; // cid -> resolve, for messages sent from this page load
  let inFlight = null;
  function pump() {
    const items = loadOutbox();
    updatePending();
    if (!items.length || inFlight || !SA.socket || !SA.socket.connected) return;
    const item = items[0];
    inFlight = item.cid;
    SA.socket.timeout(10000).emit("command", { name: item.name, args: item.args, cid: item.cid }, (err, ack) => {
      inFlight = null;
      if (err) return setTimeout(pump, 1000); // no answer yet: the same cid goes again
      saveOutbox(loadOutbox().filter((i) => i.cid !== item.cid));
      if (waiting[item.cid]) { waiting[item.cid](ack); delete waiting[item.cid]; }
      pump();
    });
  }
  function updatePending() {
    const n = loadOutbox().length;
    const el = SA.$("#pending");
    if (el) { el.hidden = n === 0; el.textContent = n ? n + " waiting to send" : ""; }
  }
  const MAX_MESSAGE = 12000; // the server refuses more than 16 KB; say so before sending
  /* send(name, args) -> Promise of the ack; errors are shown as a toast by the "error" event. */
  SA.send = function (name, args) {
    const item = { cid: newCid(), name, args: args || {}, at: Date.now() };
    if (JSON.stringify(item).length > MAX_MESSAGE) {
      SA.toast("That is too long to send.");
      return Promise.resolve({ ok: false, error: "That is too long to send.", code: "invalid" });
    }
    saveOutbox(loadOutbox().concat([item]));
    return new Promise((resolve) => { waiting[item.cid] = resolve; pump(); });
  };

  /* Clock offset from a few pings; keep the ones with the shortest round trip. */
  function syncClock() {
    const samples = [];
    let n = 0;
    function ping() {
      const sent = Date.now();
      SA.socket.timeout(5000).emit("sync", { t: sent }, (err, ack) => {
        if (!err && ack && typeof ack.s === "number") {
          const got = Date.now();
          samples.push({ rtt: got - sent, offset: ack.s * 1000 - (sent + got) / 2 });
        }
        if (++n < 5) return setTimeout(ping, 150);
        samples.sort((a, b) => a.rtt - b.rtt);
        const best = samples.slice(0, 3);
        if (best.length) SA.offset = best.reduce((s, x) => s + x.offset, 0) / best.length;
        drawTimers();
      });
    }
    ping();
  }

  function setConn(status) {
    document.body.dataset.conn = status;
    const el = SA.$("#conn");
    if (!el) return;
    el.dataset.status = status;
    el.textContent = { online: "Live", offline: "Offline: reconnecting…", connecting: "Connecting…", refused: "Not connected" }[status];
  }

  /* A state as changes (socialapp/core/patches.py is the other half and says the format):
     apply(value, patch) is the new value; `value` is left as it was. */
  SA.patches = (function () {
    function keyed(items, p) {
      const gone = new Set((p.x || []).map(String));
      let out = (items || []).filter((it) => !gone.has(String(it.id)));
      const where = new Map(out.map((it, n) => [String(it.id), n]));
      (p.u || []).forEach((it) => {
        const n = where.get(String(it.id));
        if (n === undefined) { where.set(String(it.id), out.length); out.push(it); } else out[n] = it;
      });
      if (p.o) {
        const byId = new Map(out.map((it) => [String(it.id), it]));
        out = p.o.map((id) => byId.get(String(id)));
      }
      return out;
    }
    function apply(value, p) {
      if (!p) return value;
      if (Object.prototype.hasOwnProperty.call(p, "=")) return p["="];
      if (p.l) return keyed(value, p.l);
      const out = Object.assign({}, value);
      (p.x || []).forEach((k) => { delete out[k]; });
      Object.keys(p.d || {}).forEach((k) => { out[k] = apply(out[k], p.d[k]); });
      return out;
    }
    return { apply };
  })();

  /* Connect as a role; handlers: state(s), me(m), count(n). */
  SA.start = function (opts) {
    SA.role = opts.role;
    SA.code = opts.code;
    setConn("connecting");
    const socket = (SA.socket = io({ auth: { code: opts.code, role: opts.role, key: opts.key }, transports: ["websocket", "polling"], tryAllTransports: true, reconnectionDelayMax: 4000 }));
    let lastV = 0;
    socket.on("connect", () => { setConn("online"); syncClock(); pump(); });
    // The server closing the socket (signed out) is final; anything else reconnects by itself.
    socket.on("disconnect", (reason) => setConn(reason === "io server disconnect" ? "refused" : "offline"));
    socket.on("connect_error", (err) => {
      if (err && err.message && !/xhr|websocket|timeout/i.test(err.message)) {
        setConn("refused");
        if (opts.refused) opts.refused(err.message);
      } else setConn("offline");
    });
    // One Redis may carry several installs: a state for another event is never ours to show.
    const ours = (m) => m && (m.event ? m.event.code : m.code) === opts.code;
    // A patch applies to the state it was made from (p.base) and to no other: a screen that
    // holds another one (it missed a message) asks for the whole state, once at a time.
    let resyncing = false;
    const resync = () => {
      if (resyncing || !socket.connected) return;
      resyncing = true;
      socket.timeout(10000).emit("resync", {}, () => { resyncing = false; });
    };
    socket.on("patch", (p) => {
      if (!ours(p) || !SA.state) return;
      if (SA.state.v === p.base) onState(SA.patches.apply(SA.state, p.p));
      else if (SA.state.v < p.v) resync();
    });
    socket.on("state", (s) => { if (ours(s)) onState(s); });
    function onState(s) {
      lastV = s.v;
      clearToastsOnNewSegment(s);
      SA.state = s;
      SA.timers.segment = s.live ? s.live.timer : null;
      // A kind with its own clock (a round, a speaker's turn) puts it in s.kind.timer:
      // screens then show that one big, and the segment's time small.
      SA.timers.kind = s.kind && s.kind.timer ? s.kind.timer : null;
      SA.mainTimer = SA.timers.kind ? "kind" : "segment";
      opts.state(s);
      drawTimers();
    }
    socket.on("me", (m) => { if (!ours(m)) return; SA.me = m; if (opts.me) opts.me(m); drawTimers(); });
    socket.on("count", (c) => { if (c.code && c.code !== opts.code) return; if (opts.count) opts.count(c.count); });
    socket.on("error", (e) => SA.toast(e.error || "Something went wrong."));
    setInterval(() => { if (socket.connected) socket.emit("here", {}); }, 25000);
    setInterval(() => { if (socket.connected) syncClock(); }, 300000);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && socket.connected) socket.emit("resync", {});
    });
    return socket;
  };

  /* Agenda strip: done, live, next, with projected start times. */
  /* When each segment started (done, live) or should start (the ones after the live one).
     Pending segments the host jumped over get no time: they are not coming up next. */
  SA.agendaTimes = function (s) {
    const out = {};
    const live = s.live;
    let anchor = live ? live.index : -1;
    if (!live) s.agenda.forEach((seg, i) => { if (seg.status === "done") anchor = i; });
    let t = SA.now() / 1000 + (live ? Math.max(0, SA.remaining(live.timer) || 0) : 0);
    s.agenda.forEach((seg, i) => {
      if (seg.status === "done" || (live && seg.id === live.id)) out[seg.id] = seg.started_at;
      else if (i < anchor) out[seg.id] = null;
      else { out[seg.id] = t; t += seg.minutes * 60; }
    });
    return out;
  };
  SA.clockTime = (epoch) => (epoch ? new Date(epoch * 1000 - SA.offset).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }) : "");
  /* The live kind's views, or null. A kind whose files this page has not loaded yet (the
     phone links none: a phone on a crowded Wi-Fi downloads only the kinds it lives through)
     is fetched now, style and script, from the page's list of them (#sa-kind-assets); the
     screen is drawn again once both are in, and the fetch is retried while it fails. */
  let kindFiles = null;
  const loading = {}; // kind -> "loading" | "ready" | "retry" (a file failed: try again)
  function addFile(tag, attrs) {
    return new Promise((resolve, reject) => {
      const el = Object.assign(document.createElement(tag), attrs);
      el.onload = resolve;
      el.onerror = () => { el.remove(); reject(new Error("could not load " + (attrs.src || attrs.href))); };
      document.head.append(el);
    });
  }
  function loadKind(name) {
    if (kindFiles === null) {
      const el = document.getElementById("sa-kind-assets");
      try { kindFiles = el ? JSON.parse(el.textContent) : {}; } catch (e) { kindFiles = {}; }
    }
    const files = kindFiles[name];
    if (!files || loading[name] === "loading" || loading[name] === "ready") return;
    loading[name] = "loading";
    const parts = files.css.map((href) => addFile("link", { rel: "stylesheet", href }))
      .concat(files.js.map((src) => addFile("script", { src, async: false }))); // in order
    Promise.all(parts).then(
      () => { loading[name] = "ready"; SA.redraw(); },
      () => setTimeout(() => { loading[name] = "retry"; SA.redraw(); }, 3000));
  }
  SA.kindLoading = (s) => Boolean(s.live && ["loading", "retry"].includes(loading[s.live.kind]));
  SA.kindNamed = function (name) {
    if (!name) return null;
    if (SA.kinds[name] && (!loading[name] || loading[name] === "ready")) return SA.kinds[name];
    loadKind(name);
    return null;
  };
  SA.kindOf = (s) => SA.kindNamed(s.live && s.live.kind);
})();
