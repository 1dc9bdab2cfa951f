/* tally: a throwaway kind of the tests. The phone taps, every screen shows the total. */
(function () {
  "use strict";
  const { h, fill } = SA;
  SA.kinds.tally = {
    phone(el, s, me, send) {
      fill(el, h("p", { id: "tally-total" }, String(s.kind.total)),
        h("button", { id: "tally-tap", type: "button", onclick: () => send("tally.tap", {}) }, "Tap"));
    },
    display(el, s) { fill(el, h("p", { id: "tally-total" }, String(s.kind.total))); },
    host(el, s) { fill(el, h("p", {}, "Total " + s.kind.total)); },
  };
})();
