/* connect segment screens ("Stay connected"): the phone lists the people you met tonight and
   lets you share one contact line with them; the projector and the host see numbers only.
   Built with SA.h only: names, story titles and contacts people type always stay text. */
(function () {
  "use strict";
  const { h, fill } = SA;

  /* The contact input is made once and moved into each new render, so typed text and focus
     survive other people's changes (someone you met starts sharing while you type). */
  let input = null;
  let editing = false;
  function contactInput() {
    if (input) return input;
    input = h("input", { id: "cx-contact", name: "contact", maxlength: "120", autocomplete: "email",
      placeholder: "e.g. ada@example.org, @ada, ada.example.org", "aria-describedby": "cx-contact-help" });
    input.addEventListener("focus", () => { input.dataset.focused = "1"; });
    input.addEventListener("blur", () => setTimeout(() => { if (document.activeElement !== input) input.dataset.focused = ""; }, 0));
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); const b = document.getElementById("cx-share"); if (b) b.click(); } });
    return input;
  }
  function refocus() {
    if (input && input.dataset.focused && input.isConnected && document.activeElement !== input) {
      try { input.focus({ preventScroll: true }); } catch (e) { /* old browser */ }
    }
  }
  function rerender() {
    const el = document.getElementById("kind");
    if (el && SA.state && SA.state.live && SA.state.live.kind === "connect") phone(el, SA.state, SA.me || {}, SA.send);
  }

  /* A contact that is plainly a web address or an e-mail becomes a link (http(s) and mailto
     only, built from the text, never parsed as HTML); anything else is shown as text. */
  function contactNode(text) {
    const attrs = { class: "cx-contact-text" };
    if (/^https?:\/\/[^\s<>"']+$/i.test(text)) {
      return h("a", Object.assign(attrs, { href: text, target: "_blank", rel: "noopener noreferrer nofollow" }), text);
    }
    if (/^[^\s@<>"':/]+@[^\s@<>"':/]+\.[^\s@<>"':/]+$/.test(text)) {
      return h("a", Object.assign(attrs, { href: "mailto:" + text }), text);
    }
    return h("span", attrs, text);
  }

  /* ---------------- phone ---------------- */

  /* Being grouped is not meeting: contacts go across only once both said they met ("we
     found each other" in the round, or "I met them" here), so the row says where it stands. */
  function meetLine(p, send) {
    const both = p.confirmed && p.confirmed_me;
    if (p.contact) return h("p", { class: "cx-contact" }, h("span", { class: "cx-contact-icon", "aria-hidden": "true" }, "📇 "), contactNode(p.contact));
    if (both) return h("p", { class: "cx-nocontact muted" }, "You both confirmed you met · no contact shared");
    const meet = (on) => () => send("connect.confirm", { attendee_id: p.id, met: on });
    if (p.confirmed) {
      return h("div", { class: "cx-meet" },
        h("p", { class: "cx-pending" }, "✓ You confirmed you met. A contact is shared once ", p.label, " confirms too."),
        h("button", { class: "small linklike cx-unmeet", onclick: meet(false) }, "Undo"));
    }
    return h("div", { class: "cx-meet" },
      h("p", { class: "cx-pending" }, p.confirmed_me
        ? p.label + " says you met. Contacts are shared once you both confirm."
        : "Contacts are shared once you both confirm you met."),
      h("button", { class: "cx-met-button" + (p.confirmed_me ? " primary" : ""), onclick: meet(true) }, "I met them"));
  }

  function personRow(p, send) {
    return h("li", { class: "cx-person" + (p.contact ? " shares" : "") },
      h("p", { class: "cx-name" }, p.label),
      h("p", { class: "cx-where" }, p.where, p.prompt ? h("span", { class: "cx-prompt" }, " · “" + p.prompt + "”") : null),
      meetLine(p, send));
  }

  function speakersCard(m) {
    if (!m.speakers || !m.speakers.length) return null;
    const more = (m.speakers_total || 0) - m.speakers.length;
    return h("div", { class: "card cx-speakers" },
      h("h2", {}, "Stories you heard"),
      h("ul", { class: "cx-list", id: "cx-speakers" }, m.speakers.map((sp) => h("li", { class: "cx-speaker" },
        h("p", { class: "cx-name" }, "🎤 ", sp.name, sp.met ? h("span", { class: "cx-tag" }, " · you met") : null),
        h("p", { class: "cx-where" }, sp.title ? "“" + sp.title + "” · " : "", sp.segment)))),
      more > 0 ? h("p", { class: "muted" }, "+ " + more + " more") : null);
  }

  function shareCard(m, send) {
    const met = m.met.length;
    const both = m.met.filter((p) => p.confirmed && p.confirmed_me).length;
    if (m.contact && !editing) {
      return [h("div", { class: "card cx-mine sharing", id: "cx-mine" },
        h("p", { class: "eyebrow" }, "You share"),
        h("p", { class: "cx-mine-contact", id: "cx-mine-contact" }, m.contact),
        h("p", { class: "cx-help", id: "cx-visible" }, "Only people you met who confirmed it, as you did, see it: " + (both === 1 ? "1 person" : both + " people") + " so far. Never the big screen, never the host."),
        h("div", { class: "cx-buttons" },
          h("button", { id: "cx-edit", onclick: () => { editing = true; contactInput().value = m.contact; rerender(); contactInput().focus(); } }, "Edit"),
          h("button", { id: "cx-stop", class: "danger", onclick: () => send("connect.stop").then((ack) => { if (ack && ack.ok) SA.toast("You no longer share your contact.", "ok"); }) }, "Stop sharing")))];
    }
    if (!met && !m.contact) {
      return [h("div", { class: "card cx-mine" }, h("p", { class: "muted" }, "Sharing a contact opens up once you have met someone in an icebreaker round."))];
    }
    const field = contactInput();
    const submit = () => {
      if (!field.value.trim()) { field.focus(); field.scrollIntoView({ block: "center" }); return; }
      send("connect.share", { contact: field.value }).then((ack) => {
        if (ack && ack.ok) { field.value = ""; field.dataset.focused = ""; editing = false; rerender(); }
      });
    };
    return [
      h("div", { class: "card cx-mine" },
        h("h2", {}, editing ? "Edit your contact" : "Share a contact?"),
        h("label", { class: "field", for: "cx-contact" }, h("span", {}, "Your e-mail, handle or homepage"), field,
          h("small", { id: "cx-contact-help" }, "Only people you met tonight see it, once you both confirm you met, and only while you share it. You can change it or stop at any time.")),
        editing ? h("button", { id: "cx-cancel", class: "linklike", onclick: () => { editing = false; field.value = ""; rerender(); } }, "Cancel") : null),
      h("div", { class: "actions" }, h("button", { id: "cx-share", class: "primary big", onclick: submit },
        editing ? "Save my contact" : "Share with people I met"))];
  }

  function phone(el, s, me, send) {
    const k = s.kind || {};
    const m = (me && me.kind) || {};
    if (k.pairs === undefined || !m.met) { fill(el, h("p", { class: "muted" }, "Loading the people you met…")); return; }
    if (!m.contact && editing) editing = false;
    const met = m.met;
    fill(el,
      h("div", { class: "card cx-met" },
        h("h2", {}, "People you met tonight ", h("span", { class: "cx-count", id: "cx-met-count" }, "(" + met.length + ")")),
        met.length
          ? h("ul", { class: "cx-list", id: "cx-people" }, met.map((p) => personRow(p, send)))
          : h("p", { id: "cx-none" }, "You were not in an icebreaker group tonight. The people around you right now are a good start!")),
      speakersCard(m),
      shareCard(m, send));
    refocus();
  }

  /* ---------------- projector ---------------- */

  function stat(id, n, words) {
    return h("div", { class: "cx-stat" }, h("p", { class: "cx-num", id }, String(n)), h("p", { class: "cx-words" }, words));
  }

  function display(el, s) {
    const k = s.kind || {};
    if (k.pairs === undefined) return;
    fill(el, h("div", { class: "cx-display" },
      h("div", { class: "cx-stats" },
        stat("cx-pairs", k.pairs, k.pairs === 1 ? "pair met tonight" : "pairs met tonight"),
        stat("cx-sharing", k.sharing, k.sharing === 1 ? "person shares a contact" : "people share a contact"),
        k.stories ? stat("cx-stories", k.stories, k.stories === 1 ? "story told" : "stories told") : null),
      h("p", { class: "cx-call", id: "cx-call" }, h("span", { "aria-hidden": "true" }, "📱 "), "Open your phone to find the people you met"),
      h("p", { class: "cx-note" }, "Contacts go only to people you met, once you both confirm it. Never on this screen.")));
  }

  /* ---------------- host panel ---------------- */

  function host(el, s) {
    const hk = (s.host && s.host.kind) || {};
    if (hk.pairs === undefined) return;
    const tile = (id, n, words) => h("li", {}, h("strong", { id }, String(n)), " ", words);
    fill(el,
      h("h3", {}, "Stay connected"),
      h("ul", { class: "cx-host-stats" },
        tile("cx-host-pairs", hk.pairs, hk.pairs === 1 ? "pair met" : "pairs met"),
        tile("cx-host-met", hk.met_people, "people met someone"),
        tile("cx-host-nobody", hk.met_nobody, "joined but met nobody in a round"),
        tile("cx-host-sharing", hk.sharing, hk.sharing === 1 ? "person shares a contact" : "people share a contact"),
        tile("cx-host-stories", hk.stories, hk.stories === 1 ? "story told" : "stories told")),
      h("p", { class: "muted" }, "Contacts are private: each one goes only to people its owner met in an icebreaker round, once both confirmed they met. You see counts only."));
  }

  SA.kinds.connect = { phone, display, host };
})();
