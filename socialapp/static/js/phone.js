/* The attendee's phone: follows the live segment by itself. */
(function () {
  "use strict";
  const { h, $, fill } = SA;
  const body = document.body;

  function renderState(s) {
    if (SA.removed) return;
    // Full-screen notices a kind put on top of the page end with that kind's segment.
    document.querySelectorAll(".kind-overlay").forEach((o) => {
      if (!s.live || s.event.ended || o.dataset.kind !== s.live.kind) o.remove();
    });
    if (s.event.ended) {
      fill($("#now-title"), "Event ended");
      fill($("#main"), h("div", { class: "card center" }, h("h1", {}, "Thanks for coming!"), h("p", {}, s.event.name + " has ended."),
        h("a", { class: "button primary", href: location.pathname }, "See the people you met")));
      return;
    }
    const live = s.live;
    fill($("#now-title"), live ? live.title : "Waiting to start");
    $("#now-timer").hidden = !live;
    $("#now-timer [data-timer]").dataset.timer = SA.mainTimer;
    if (!live) {
      const next = s.agenda.find((x) => x.status === "pending");
      fill($("#main"), h("div", { class: "card center" },
        h("h1", {}, "You're in!"),
        h("p", { class: "lead" }, "Keep this page open: it changes by itself when the host starts."),
        next ? h("p", {}, "Up next: ", h("strong", {}, next.title)) : null));
      return;
    }
    const kind = SA.kindOf(s);
    const main = $("#main");
    const card = h("div", { class: "card" }, h("h1", {}, live.title), live.instructions ? h("p", { class: "instructions" }, live.instructions) : null);
    const area = h("div", { id: "kind", class: "kind kind-" + live.kind });
    fill(main, card, area);
    if (kind && kind.phone) kind.phone(area, s, SA.me || {}, SA.send);
  }

  function renderMe(m) {
    fill($("#me-label"), m.label);
    if (SA.state) renderState(SA.state);
  }

  /* Removed by the host: say so, and stop (the server closed the socket and the cookie no
     longer works; reloading would show the same). */
  function removed(msg) {
    SA.removed = true;
    fill($("#now-title"), "Removed");
    fill($("#main"), h("div", { class: "card center", id: "removed" }, h("h1", {}, msg || "The host removed you from this event.")));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const socket = SA.start({
      role: "attendee",
      code: body.dataset.code,
      state: renderState,
      me: renderMe,
      refused: (msg) => fill($("#main"), h("div", { class: "card center" }, h("p", {}, msg), h("a", { href: location.pathname, class: "button" }, "Try again"))),
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
