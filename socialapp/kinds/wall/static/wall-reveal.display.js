/* The wall's themes reveal on the projector: the group exercise's climax, read from 10 to 30
   metres. Each theme is a big labelled cluster with its count and its top notes by votes;
   what does not fit is summed up ("+12 more"). Three themes share the screen, side by side
   in columns as tall as the stage allows (six in two rows left one or no note readable per
   theme at 1080p under the countdown); more are paged calmly (every 12 s), never squeezed. Texts are the shared .fit boxes
   (static/js/fit.js): they wrap at word boundaries, shrink to the floor, then end with an
   ellipsis; the full notes are on every phone and on the host's board. */
(function () {
  "use strict";
  const v = SA.v;
  const PER_PAGE = 3;
  const PAGE_SECONDS = 12;
  const R = { page: 0, pages: 1, timer: null };

  const byVotes = (a, b) => b.votes - a.votes || a.id - b.id;
  const plural = (n, one, many) => n + " " + (n === 1 ? one : many);

  /* Pages of at most PER_PAGE themes, balanced (4 themes: 2 and 2, not 3 and 1). */
  function paged(themes) {
    const pages = Math.max(1, Math.ceil(themes.length / PER_PAGE));
    const size = Math.ceil(themes.length / pages);
    R.pages = pages;
    if (R.page >= pages) R.page = 0;
    return themes.slice(R.page * size, (R.page + 1) * size);
  }
  function rotate() {
    if (R.pages <= 1) return;
    R.page = (R.page + 1) % R.pages;
    SA.redraw();
  }

  function cluster(t, notes, show) {
    return v("li", { key: "t" + t.id, class: "wr-theme", "data-theme": t.id },
      v("h2", { class: "wr-title fit" }, t.title),
      v("p", { class: "wr-count" }, plural(notes.length, "note", "notes")),
      // The notes that fit whole are shown (static/js/fit.js hides the rest and counts them).
      // The votes float at the top right inside the text: the lines below them have the
      // card's whole width, so a long word ("acknowledgements") fits at the floor size.
      v("ol", { class: "wr-notes fit-list" }, notes.slice(0, show).map((n) => v("li", { key: n.id, class: "wr-note" },
        v("p", { class: "wr-text fit fit-3" },
          n.votes ? v("span", { class: "wr-votes", "aria-label": plural(n.votes, "vote", "votes") }, "+" + n.votes) : null,
          n.text)))),
      v("p", { class: "wr-more fit-more", "data-more": String(Math.max(0, notes.length - show)) }));
  }

  /* The projector's view of a wall with themes (kind: the wall's public view). */
  SA.wallReveal = function (kind) {
    const themes = kind.themes || [];
    const of = new Map(themes.map((t) => [t.id, []]));
    let loose = 0;
    (kind.notes || []).forEach((n) => { if (of.has(n.theme)) of.get(n.theme).push(n); else loose += 1; });
    of.forEach((list) => list.sort(byVotes));
    const shown = paged(themes);
    if (!R.timer) R.timer = setInterval(rotate, PAGE_SECONDS * 1000);
    // Notes per cluster before measuring: the layout then hides what does not fit.
    const show = 6;
    const foot = [];
    if (R.pages > 1) foot.push("Page " + (R.page + 1) + " of " + R.pages);
    foot.push(plural(themes.length, "theme", "themes") + " · " + plural((kind.notes || []).length, "note", "notes"));
    if (loose) foot.push(plural(loose, "note", "notes") + " not in a theme");
    // Its own key: the notes' flow (wall.js) keeps refs to its elements; none are reused here.
    return v("div", { key: "reveal", class: "wall-display themed busy wr" },
      v("ol", { key: "p" + R.page, class: "wr-grid", style: { "--cols": Math.max(shown.length, 1) }, "aria-label": "Themes" },
        shown.map((t) => cluster(t, of.get(t.id), show))),
      v("p", { class: "wr-foot" }, foot.join(" · ")));
  };
})();
