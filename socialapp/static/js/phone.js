/* The attendee's phone: follows the live segment by itself. The page is patched from each
   state (SA.patch), never rebuilt, so a tap or a word being typed is never lost to a state. */
(function () {
  "use strict";
  const { v, $, patch } = SA;
  const body = document.body;

  function screen(s) {
    if (s.event.ended) {
      return ["Event ended", v("div", { class: "card center", key: "ended" }, v("h1", {}, "Thanks for coming!"), v("p", {}, s.event.name + " has ended."),
        v("a", { class: "button primary", href: location.pathname }, "See the people you met"))];
    }
    const live = s.live;
    if (!live) {
      const next = s.agenda.find((x) => x.status === "pending");
      return ["Waiting to start", v("div", { class: "card center", key: "waiting" },
        v("h1", {}, "You're in!"),
        v("p", { class: "lead" }, "Keep this page open: it changes by itself when the host starts."),
        next ? v("p", {}, "Up next: ", v("strong", {}, next.title)) : null)];
    }
    return [live.title, [
      v("div", { class: "card", key: "head" }, v("h1", {}, live.title), live.instructions ? v("p", { class: "instructions" }, live.instructions) : null),
      SA.renderKind("phone", s), SA.renderSide("phone", s)]];
  }

  function renderState(s) {
    if (SA.removed) return;
    // Full-screen notices a kind put on top of the page end with that kind's segment.
    document.querySelectorAll(".kind-overlay").forEach((o) => {
      if (!s.live || s.event.ended || o.dataset.kind !== s.live.kind) o.remove();
    });
    const [title, main] = screen(s);
    patch($("#now-title"), title);
    $("#now-timer").hidden = !s.live || s.event.ended;
    $("#now-timer [data-timer]").dataset.timer = SA.mainTimer;
    patch($("#main"), main);
    if (s.live && !s.event.ended) SA.kindDrawn("phone", s);
  }
  SA.draw = renderState;

  /* The host's private "wrap up" (socialapp/timing.py): loud, once per message, and gone with
     the segment (a kind-overlay of the live kind). */
  function wrapUp(m) {
    const w = m.wrap_up;
    const key = w && "sa-wrap-" + SA.code + "-" + w.at;
    let shown = false;
    try { shown = !!(key && localStorage.getItem(key)); } catch (e) { /* private mode */ }
    const old = document.getElementById("wrap-up");
    if (!w || shown || !SA.state || !SA.state.live) { if (old) old.remove(); return; }
    if (old && old.dataset.key === key) return;
    if (old) old.remove();
    const close = () => { try { localStorage.setItem(key, "1"); } catch (e) { /* private mode */ } box.remove(); };
    const box = SA.h("div", { id: "wrap-up", class: "wrap-up-alert kind-overlay", role: "alertdialog", "aria-modal": "true", "aria-labelledby": "wrap-up-title", dataset: { key, kind: SA.state.live.kind } },
      SA.h("div", {},
        SA.h("p", { "aria-hidden": "true", class: "mic-alert-icon" }, "⏳"),
        SA.h("h1", { id: "wrap-up-title" }, w.text),
        SA.h("p", {}, "From the host, just for you: time to finish your last point."),
        SA.h("button", { class: "primary big", id: "wrap-up-ok", onclick: close }, "OK")));
    document.body.append(box);
    try { if (navigator.vibrate) navigator.vibrate([400, 150, 400]); } catch (e) { /* not allowed */ }
    box.querySelector("button").focus({ preventScroll: true });
  }

  function renderMe(m) {
    patch($("#me-label"), m.label);
    wrapUp(m);
    if (SA.state) renderState(SA.state);
  }

  /* Removed by the host: say so, and stop (the server closed the socket and the cookie no
     longer works; reloading would show the same). */
  function removed(msg) {
    SA.removed = true;
    patch($("#now-title"), "Removed");
    patch($("#main"), v("div", { class: "card center", id: "removed" }, v("h1", {}, msg || "The host removed you from this event.")));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const socket = SA.start({
      role: "attendee",
      code: body.dataset.code,
      state: renderState,
      me: renderMe,
      refused: (msg) => patch($("#main"), v("div", { class: "card center" }, v("p", {}, msg), v("a", { href: location.pathname, class: "button" }, "Try again"))),
    });
    socket.on("removed", (m) => {
      removed(m && m.message);
      socket.disconnect();
      const conn = $("#conn");
      conn.dataset.status = "refused";
      conn.textContent = "Not connected";
    });
    // The server closing this socket on purpose: the page says why after a reload.
    socket.on("disconnect", (reason) => { if (reason === "io server disconnect" && !SA.removed) location.reload(); });
  });
})();
