/* The host panel's People box: joins per minute (a scripted burst stands out), the cap and
   the rotating join code, and finding and removing people (one, or a whole burst). */
(function () {
  "use strict";
  const { $ } = SA;
  let view = null;
  let slice = null; // {since, until} of a clicked minute
  const selected = new Set();
  let shown = [];

  function minutes(v) {
    // The server counted whole clock minutes up to its "now"; shift if ours moved on since.
    const counts = v.per_minute.slice();
    const first = Math.floor(v.first_minute / 60);
    const shift = Math.min(counts.length, Math.max(0, Math.floor(SA.now() / 60000) - (first + counts.length - 1)));
    for (let i = 0; i < shift; i++) { counts.shift(); counts.push(0); }
    return { counts, start: (first + shift) * 60 };
  }

  /* Patched (SA.patch) from each state: a bar under the pointer and the limit being typed
     stay put; the list of people is patched when it is loaded again. */
  function drawJoins() {
    if (!view) return;
    const v = SA.v;
    const { counts, start } = minutes(view);
    const max = Math.max(1, ...counts);
    const bars = counts.map((n, i) => {
      const t = start + i * 60;
      return v("li", {}, v("button", { type: "button", class: "joins-bar", title: n + " joined at " + SA.clockTime(t),
        "aria-label": n + " joined at " + SA.clockTime(t) + ": list them", disabled: !n, onclick: () => showMinute(t) },
      v("span", { class: "joins-n" }, n ? String(n) : ""), v("span", { class: "joins-fill", style: { height: Math.round((n / max) * 100) + "%" } })));
    });
    SA.patch($("#joins"),
      v("p", { class: "joins-head" }, v("strong", { id: "people-joined" }, String(view.joined)), " joined",
        view.cap ? " (limit " + view.cap + ")" : "", view.removed ? " · " + view.removed + " removed" : ""),
      v("ol", { class: "joins-bars", id: "joins-bars", "aria-label": "Joins per minute, last " + counts.length + " minutes" }, bars),
      v("p", { class: "joins-axis" }, v("span", {}, SA.clockTime(start)), v("span", {}, "joins per minute"), v("span", {}, "now")));
  }

  let cap = null;
  const capRef = (el) => { cap = el; };
  function drawSettings() {
    if (!view) return;
    const v = SA.v;
    const save = () => {
      const raw = cap.value.trim();
      SA.send("people.settings", { max_attendees: raw === "" ? 0 : Number(raw) }).then((ack) => {
        if (ack && ack.ok) SA.toast(ack.max_attendees ? "At most " + ack.max_attendees + " people can join." : "No limit on joining.", "ok");
      });
    };
    // defaultValue: the server's limit shows until the host types; a new state never undoes typing.
    SA.patch($("#people-settings"),
      v("div", { class: "row" }, v("label", { for: "people-cap" }, "Most attendees"),
        v("input", { id: "people-cap", ref: capRef, type: "number", min: "0", max: "100000", inputmode: "numeric", defaultValue: view.cap || "", placeholder: "no limit", "aria-label": "Most attendees allowed",
          onkeydown: (e) => { if (e.key === "Enter") { e.preventDefault(); save(); } } }),
        v("button", { type: "button", id: "people-cap-save", class: "small", onclick: save, "aria-label": "Set the limit on people" }, "Set")),
      v("label", { class: "check" },
        v("input", { type: "checkbox", id: "people-rotate", checked: !!view.rotate, onchange: (e) => SA.send("people.settings", { rotate: e.target.checked }) }),
        "Rotating join code: the projector shows a code that changes every 3 minutes, so a photo of the QR code goes stale. Phones already in stay in."));
  }

  function showMinute(t) {
    slice = { since: t, until: t + 60 };
    $("#people-q").value = "";
    $("#people-manage").open = true;
    load();
  }

  function load() {
    const q = $("#people-q").value.trim();
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (slice && !q) { params.set("since", slice.since); params.set("until", slice.until); }
    SA.patch($("#people-filter"), q ? "Names with “" + q + "”" : slice ? "Joined at " + SA.clockTime(slice.since) + " " : "Newest first",
      slice && !q ? SA.v("button", { type: "button", class: "linklike", onclick: () => { slice = null; load(); } }, "show everyone") : null);
    fetch("/e/" + document.body.dataset.code + "/host/people.json?" + params, { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then(drawList)
      .catch(() => SA.toast("Could not load the list of people."));
  }

  function drawList(d) {
    shown = d.people;
    const ids = new Set(shown.map((p) => p.id));
    [...selected].forEach((id) => { if (!ids.has(id)) selected.delete(id); });
    const v = SA.v;
    SA.patch($("#people-list"), shown.length ? shown.map((p) => v("li", { key: p.id },
      v("label", { class: "check" },
        v("input", { type: "checkbox", value: String(p.id), checked: selected.has(p.id),
          onchange: (e) => { if (e.target.checked) selected.add(p.id); else selected.delete(p.id); updateButton(); } }),
        v("span", { class: "people-name" }, p.label),
        v("span", { class: "muted small" }, " · joined " + SA.clockTime(p.joined_at) + (p.present ? " · here" : ""))))) : v("li", { class: "muted" }, "Nobody here matches."),
    d.more ? v("li", { class: "muted small" }, "Only the newest 200 are shown: narrow the search.") : null);
    updateButton();
  }

  function updateButton() {
    const b = $("#people-remove");
    b.disabled = selected.size === 0;
    b.textContent = selected.size ? "Remove " + selected.size + (selected.size === 1 ? " person" : " people") : "Remove selected";
  }

  function remove() {
    const n = selected.size;
    if (!n || !confirm("Remove " + n + (n === 1 ? " person" : " people") + "? Their phones are disconnected and this browser cannot rejoin; what they wrote stays. Groups they were in are mended (nobody is left alone).")) return;
    SA.send("people.remove", { attendee_ids: [...selected] }).then((ack) => {
      if (ack && ack.ok) { SA.toast(ack.removed + (ack.removed === 1 ? " person" : " people") + " removed.", "ok"); selected.clear(); load(); }
    });
  }

  SA.peopleView = (v) => {
    if (!v) return;
    view = v;
    drawJoins();
    drawSettings();
  };

  document.addEventListener("DOMContentLoaded", () => {
    let timer = null;
    $("#people-q").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => { slice = null; load(); }, 300); });
    $("#people-manage").addEventListener("toggle", (e) => { if (e.target.open) load(); });
    $("#people-all").addEventListener("click", () => { shown.forEach((p) => selected.add(p.id)); drawList({ people: shown, more: false }); });
    $("#people-remove").addEventListener("click", remove);
    setInterval(drawJoins, 30000); // the minutes move on even when nobody joins
  });
})();
