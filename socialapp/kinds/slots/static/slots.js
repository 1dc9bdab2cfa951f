/* slots segment screens: the phone (volunteer for a free slot, with what you would present;
   withdraw), the projector (every slot with its presenter) and the host panel (free a slot,
   write in a presenter without a phone). Drawn with SA.v; names and topics are always text. */
(function () {
  "use strict";
  const v = (...a) => SA.v(...a);
  const kept = {};
  const refs = {};
  const keep = (id) => refs[id] || (refs[id] = (el) => { kept[id] = el; });

  function who(s) { return s.name + (s.topic ? " · " + s.topic : ""); }

  function phone(s, me, send) {
    const k = s.kind || {};
    if (!Array.isArray(k.slots)) return null;
    const mine = me && me.kind && "mine" in me.kind ? me.kind.mine : null;
    const take = (slot) => {
      const topic = kept.topic ? kept.topic.value : "";
      send("slots.take", topic.trim() ? { slot, topic } : { slot }).then((ack) => {
        if (ack && ack.ok) SA.toast("You present " + slot + ". Thank you!", "ok");
      });
    };
    const row = (x) => {
      const isMine = x.slot === mine;
      return v("li", { key: x.slot, class: "slot" + (isMine ? " mine" : x.name ? " taken" : " free"), "data-slot": x.slot },
        v("div", { class: "slot-body" }, v("p", { class: "slot-label" }, x.slot),
          v("p", { class: "slot-who" }, x.name ? (isMine ? "You" + (x.topic ? " · " + x.topic : "") : who(x)) : "Free")),
        isMine ? v("button", { class: "slot-withdraw", onclick: () => send("slots.withdraw", {}) }, "Withdraw")
          : x.name ? null : v("button", { class: "slot-take primary", onclick: () => take(x.slot) }, mine ? "Move here" : "I'll present"));
    };
    return [
      v("div", { class: "card slots-card" }, v("h2", {}, k.prompt || "Volunteer"),
        mine ? v("p", { class: "slots-mine", id: "slots-mine" }, "You present ", v("strong", {}, mine), ". Thank you!") : v("p", { class: "muted" }, k.free ? k.free + (k.free === 1 ? " slot is free." : " slots are free.") : "Every slot is taken."),
        v("label", { class: "field", for: "slots-topic" }, v("span", {}, "What would you present? (optional)"),
          v("input", { id: "slots-topic", ref: keep("topic"), maxlength: "200", placeholder: "A paper's title" })),
        v("ol", { class: "slots-list", id: "slots-list" }, k.slots.map(row)))];
  }

  function display(s) {
    const k = s.kind || {};
    if (!Array.isArray(k.slots)) return null;
    return v("div", { class: "slots-display" },
      v("p", { class: "slots-eyebrow" }, k.prompt || "Volunteer"),
      v("ol", { class: "slots-board", id: "slots-board" }, k.slots.slice(0, 8).map((x) => v("li", { key: x.slot, class: x.name ? "taken" : "free" },
        v("span", { class: "slots-when" }, x.slot), v("span", { class: "slots-name" }, x.name ? who(x) : "Free: volunteer on your phone")))),
      k.slots.length > 8 ? v("p", { class: "slots-more" }, "+ " + (k.slots.length - 8) + " more on your phone") : null);
  }

  function host(s, me, send) {
    const k = s.kind || {};
    if (!Array.isArray(k.slots)) return null;
    const assign = (slot) => {
      const el = kept["name-" + slot];
      send("slots.assign", { slot, name: el ? el.value : "" }).then((ack) => { if (ack && ack.ok && el) el.value = ""; });
    };
    return v("div", { class: "slots-host" }, v("p", {}, k.prompt, " · ", k.free + " free of " + k.slots.length),
      k.slots.length ? null : v("p", { class: "muted" }, "No slots yet: list them in the agenda (one per line)."),
      v("ol", { class: "slots-hrows", id: "slots-hrows" }, k.slots.map((x) => v("li", { key: x.slot, class: "slots-hrow" },
        v("strong", {}, x.slot), " ",
        x.name ? [v("span", {}, who(x)), " ", v("button", { class: "small danger", onclick: () => send("slots.release", { slot: x.slot }) }, "Free this slot")]
          : [v("input", { ref: keep("name-" + x.slot), maxlength: "48", placeholder: "Presenter's name", "aria-label": "Presenter for " + x.slot }),
            v("button", { class: "small", onclick: () => assign(x.slot) }, "Write in")]))));
  }

  SA.defineKind("slots", { phone, display, host });
})();
