/* connect segment screens ("Stay connected"): the phone lists the people you met tonight and
   lets you share one contact line with them; the projector and the host see numbers only.
   Drawn with SA.v and patched by the screens: names, story titles and contacts people type
   always stay text, and the contact being typed keeps its text and focus across states. */
(function () {
  "use strict";
  const v = (...a) => SA.v(...a);

  let input = null; // the contact field while it is on the page
  let editing = false;
  const inputRef = (el) => { input = el; };

  /* A contact that is plainly a web address or an e-mail becomes a link (http(s) and mailto
     only, built from the text, never parsed as HTML); anything else is shown as text. */
  function contactNode(text) {
    const attrs = { class: "cx-contact-text" };
    if (/^https?:\/\/[^\s<>"']+$/i.test(text)) {
      return v("a", Object.assign(attrs, { href: text, target: "_blank", rel: "noopener noreferrer nofollow" }), text);
    }
    if (/^[^\s@<>"':/]+@[^\s@<>"':/]+\.[^\s@<>"':/]+$/.test(text)) {
      return v("a", Object.assign(attrs, { href: "mailto:" + text }), text);
    }
    return v("span", attrs, text);
  }

  /* ---------------- phone ---------------- */

  /* Being grouped is not meeting: contacts go across only once both said they met ("we
     found each other" in the round, or "I met them" here), so the row says where it stands. */
  function meetLine(p, send) {
    const both = p.confirmed && p.confirmed_me;
    if (p.contact) return v("p", { class: "cx-contact" }, v("span", { class: "cx-contact-icon", "aria-hidden": "true" }, "📇 "), contactNode(p.contact));
    if (both) return v("p", { class: "cx-nocontact muted" }, "You both confirmed you met · no contact shared");
    const meet = (on) => () => send("connect.confirm", { attendee_id: p.id, met: on });
    if (p.confirmed) {
      return v("div", { class: "cx-meet" },
        v("p", { class: "cx-pending" }, "✓ You confirmed you met. A contact is shared once ", p.label, " confirms too."),
        v("button", { class: "small linklike cx-unmeet", onclick: meet(false) }, "Undo"));
    }
    return v("div", { class: "cx-meet" },
      v("p", { class: "cx-pending" }, p.confirmed_me
        ? p.label + " says you met. Contacts are shared once you both confirm."
        : "Contacts are shared once you both confirm you met."),
      v("button", { class: "cx-met-button" + (p.confirmed_me ? " primary" : ""), onclick: meet(true) }, "I met them"));
  }

  function personRow(p, send) {
    return v("li", { key: p.id, class: "cx-person" + (p.contact ? " shares" : "") },
      v("p", { class: "cx-name" }, p.label),
      v("p", { class: "cx-where" }, p.where, p.prompt ? v("span", { class: "cx-prompt" }, " · “" + p.prompt + "”") : null),
      meetLine(p, send));
  }

  function speakersCard(m) {
    if (!m.speakers || !m.speakers.length) return null;
    const more = (m.speakers_total || 0) - m.speakers.length;
    return v("div", { class: "card cx-speakers" },
      v("h2", {}, "Stories you heard"),
      v("ul", { class: "cx-list", id: "cx-speakers" }, m.speakers.map((sp) => v("li", { class: "cx-speaker" },
        v("p", { class: "cx-name" }, "🎤 ", sp.name, sp.met ? v("span", { class: "cx-tag" }, " · you met") : null),
        v("p", { class: "cx-where" }, sp.title ? "“" + sp.title + "” · " : "", sp.segment)))),
      more > 0 ? v("p", { class: "muted" }, "+ " + more + " more") : null);
  }

  /* People met at earlier sessions of the series (a weekly club): names only, no contacts. */
  function beforeCard(m) {
    if (!m.before || !m.before.length) return null;
    return v("div", { class: "card cx-before" },
      v("h2", {}, "Met at earlier sessions"),
      v("ul", { class: "cx-list", id: "cx-before" }, m.before.map((p, i) => v("li", { key: i, class: "cx-person" },
        v("strong", {}, p.name), v("span", { class: "muted" }, " · " + p.session)))));
  }

  function shareCard(m, send) {
    const met = m.met.length;
    const both = m.met.filter((p) => p.confirmed && p.confirmed_me).length;
    if (m.contact && !editing) {
      return [v("div", { class: "card cx-mine sharing", id: "cx-mine" },
        v("p", { class: "eyebrow" }, "You share"),
        v("p", { class: "cx-mine-contact", id: "cx-mine-contact" }, m.contact),
        v("p", { class: "cx-help", id: "cx-visible" }, "Only people you met who confirmed it, as you did, see it: " + (both === 1 ? "1 person" : both + " people") + " so far. Never the big screen, never the host."),
        v("div", { class: "cx-buttons" },
          v("button", { id: "cx-edit", onclick: () => { editing = true; SA.redraw(); input.value = m.contact; input.focus(); } }, "Edit"),
          v("button", { id: "cx-stop", class: "danger", onclick: () => send("connect.stop").then((ack) => { if (ack && ack.ok) SA.toast("You no longer share your contact.", "ok"); }) }, "Stop sharing")))];
    }
    if (!met && !m.contact) {
      return [v("div", { class: "card cx-mine" }, v("p", { class: "muted" }, "Sharing a contact opens up once you have met someone: in an icebreaker round, or by offering help with a talk."))];
    }
    const submit = () => {
      if (!input.value.trim()) { input.focus(); input.scrollIntoView({ block: "center" }); return; }
      send("connect.share", { contact: input.value }).then((ack) => {
        if (ack && ack.ok) { if (input) input.value = ""; editing = false; SA.redraw(); }
      });
    };
    const field = v("input", { id: "cx-contact", ref: inputRef, name: "contact", maxlength: "120", autocomplete: "email",
      placeholder: "e.g. ada@example.org, @ada, ada.example.org", "aria-describedby": "cx-contact-help",
      onkeydown: (e) => { if (e.key === "Enter") { e.preventDefault(); submit(); } } });
    return [
      v("div", { class: "card cx-mine" },
        v("h2", {}, editing ? "Edit your contact" : "Share a contact?"),
        v("label", { class: "field", for: "cx-contact" }, v("span", {}, "Your e-mail, handle or homepage"), field,
          v("small", { id: "cx-contact-help" }, "Only people you met tonight see it, once you both confirm you met, and only while you share it. You can change it or stop at any time.")),
        editing ? v("button", { id: "cx-cancel", class: "linklike", onclick: () => { editing = false; input.value = ""; SA.redraw(); } }, "Cancel") : null),
      v("div", { class: "actions" }, v("button", { id: "cx-share", class: "primary big", onclick: submit },
        editing ? "Save my contact" : "Share with people I met"))];
  }

  /* Save all: one vCard file (contacts.vcf, made by the server) with everyone who shares. */
  function saveAll(met) {
    const n = met.filter((p) => p.contact).length;
    if (!n) return null;
    return v("p", { class: "cx-save" },
      v("a", { id: "cx-save-all", class: "button", href: "/j/" + encodeURIComponent(SA.code) + "/contacts.vcf", download: "" },
        "📇 Save all contacts (" + n + ")"));
  }

  function phone(s, me, send) {
    const k = s.kind || {};
    const m = (me && me.kind) || {};
    if (k.pairs === undefined || !m.met) return v("p", { class: "muted" }, "Loading the people you met…");
    if (!m.contact && editing) editing = false;
    const met = m.met;
    return [
      v("div", { class: "card cx-met" },
        v("h2", {}, "People you met tonight ", v("span", { class: "cx-count", id: "cx-met-count" }, "(" + met.length + ")")),
        met.length
          ? v("ul", { class: "cx-list", id: "cx-people" }, met.map((p) => personRow(p, send)))
          : v("p", { id: "cx-none" }, "You were not in an icebreaker group tonight, and nobody offered help with a talk of yours (or you with theirs). The people around you right now are a good start!"),
        saveAll(met)),
      beforeCard(m),
      speakersCard(m),
      shareCard(m, send),
      leaveCard(send)];
  }

  /* Remove me: my name, contact line and authorship leave the event (people.leave). Two taps:
     the first asks, the second does it; the server then closes this phone's session. */
  let leaving = false;
  function leaveCard(send) {
    const tap = () => {
      if (!leaving) { leaving = true; SA.redraw(); return; }
      send("people.leave").then((ack) => { if (ack && !ack.ok) { leaving = false; SA.redraw(); } });
    };
    return v("div", { class: "cx-leave" },
      leaving ? v("p", { class: "small" }, "Your name, contact line and the authorship of what you wrote will be deleted from this event. Tap again to confirm.") : null,
      v("button", { id: "cx-leave", class: "linklike small" + (leaving ? " danger" : ""), onclick: tap },
        leaving ? "Yes, remove me" : "Remove me from this event"));
  }

  /* ---------------- projector ---------------- */

  function stat(id, n, words) {
    return v("div", { class: "cx-stat" }, v("p", { class: "cx-num", id }, String(n)), v("p", { class: "cx-words" }, words));
  }

  function display(s) {
    const k = s.kind || {};
    if (k.pairs === undefined) return null;
    return v("div", { class: "cx-display" },
      v("div", { class: "cx-stats" },
        stat("cx-pairs", k.pairs, k.pairs === 1 ? "pair met tonight" : "pairs met tonight"),
        stat("cx-sharing", k.sharing, k.sharing === 1 ? "person shares a contact" : "people share a contact"),
        k.stories ? stat("cx-stories", k.stories, k.stories === 1 ? "story told" : "stories told") : null),
      v("p", { class: "cx-call", id: "cx-call" }, v("span", { "aria-hidden": "true" }, "📱 "), "Open your phone to find the people you met"),
      v("p", { class: "cx-note" }, "Contacts go only to people you met, once you both confirm it. Never on this screen."));
  }

  /* ---------------- host panel ---------------- */

  function host(s) {
    const hk = (s.host && s.host.kind) || {};
    if (hk.pairs === undefined) return null;
    const tile = (id, n, words) => v("li", {}, v("strong", { id }, String(n)), " ", words);
    return [
      v("h3", {}, "Stay connected"),
      v("ul", { class: "cx-host-stats" },
        tile("cx-host-pairs", hk.pairs, hk.pairs === 1 ? "pair met" : "pairs met"),
        tile("cx-host-met", hk.met_people, "people met someone"),
        tile("cx-host-nobody", hk.met_nobody, "joined but met nobody in a round"),
        tile("cx-host-sharing", hk.sharing, hk.sharing === 1 ? "person shares a contact" : "people share a contact"),
        tile("cx-host-stories", hk.stories, hk.stories === 1 ? "story told" : "stories told")),
      v("p", { class: "muted" }, "Contacts are private: each one goes only to people its owner met (an icebreaker round, an “I can help” on a talk), once both confirmed they met. You see counts only.")];
  }

  SA.defineKind("connect", { phone, display, host });
})();
