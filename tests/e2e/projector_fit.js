/* Used by tests/e2e/test_projector_fit.py (page.evaluate). */

/* draw: a state on the projector page, resolved once the stage's fit pass ran. */
([s]) => new Promise((done) => {
  SA.state = s;
  SA.timers.segment = s.live.timer;
  SA.timers.kind = s.kind && s.kind.timer ? s.kind.timer : null;
  SA.mainTimer = SA.timers.kind ? "kind" : "segment";
  SA.draw(s);
  SA.drawTimers();
  // Two frames: the stage's fit pass runs in the frame after a change.
  requestAnimationFrame(() => requestAnimationFrame(() => { SA.fit(document.getElementById("stage")); done(); }));
});

/* check: every element with its own text in the stage: its box, the boxes that clip it, overlaps. */
() => {
  const stage = document.getElementById("stage").getBoundingClientRect();
  const problems = [];
  const texts = [];
  const name = (el) => el.tagName.toLowerCase() + "." + String(el.className).split(" ").join(".") + " «" + el.textContent.trim().slice(0, 30) + "»";
  const clipsOf = (el) => {
    const out = [];
    for (let a = el.parentElement; a && a.id !== "stage"; a = a.parentElement) {
      const o = getComputedStyle(a);
      if (o.overflowX !== "visible" || o.overflowY !== "visible") out.push(a.getBoundingClientRect());
    }
    return out;
  };
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  for (const el of document.querySelectorAll("#stage *")) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !visible(el) || el.closest("[hidden]")) continue;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    // A box that ends with its ellipsis (line clamp): the rest of its text is elsewhere.
    let clamped = false;
    let insideClamp = false; // text inside a clamped box: its hidden lines have boxes too
    for (let a = el; a && a.id !== "stage"; a = a.parentElement) {
      if (getComputedStyle(a).webkitLineClamp !== "none") { clamped = true; insideClamp = a !== el; break; }
    }
    // Paged out of sight (the wall's pages slide past a clipping viewport): not on screen.
    const clips = clipsOf(el);
    if (clips.some((b) => r.right <= b.left || r.left >= b.right || r.bottom <= b.top || r.top >= b.bottom)) continue;
    // What is seen of it: its box within every box that clips it.
    const within = (q) => clips.reduce((a, b) => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) }),
      { left: q.left, top: q.top, right: q.right, bottom: q.bottom });
    const seen = within(r);
    if (cs.display !== "inline") {
      if (el.scrollWidth > el.clientWidth + 1) problems.push(name(el) + " overflows sideways: " + el.scrollWidth + " > " + el.clientWidth);
      // A box that clips its text must hold it (or end with its ellipsis); one that does not
      // clip shows it, and the checks below catch text that runs over something.
      const clipping = cs.overflowY !== "visible";
      // Less than a third of a line more is glyphs of a tight line-height, not a hidden line.
      if (clipping && !clamped && el.scrollHeight > el.clientHeight + Math.max(1, 0.3 * parseFloat(cs.fontSize))) problems.push(name(el) + " overflows downwards: " + el.scrollHeight + " > " + el.clientHeight);
    }
    if (seen.left < stage.left - 1 || seen.right > stage.right + 1 || seen.top < stage.top - 1 || seen.bottom > stage.bottom + 1) {
      problems.push(name(el) + " leaves the stage: " + JSON.stringify([seen.left, seen.top, seen.right, seen.bottom]));
    }
    if (!insideClamp) {
      for (let a = el.parentElement; a && a.id !== "stage"; a = a.parentElement) {
        const o = getComputedStyle(a);
        if (o.overflowX === "visible" && o.overflowY === "visible") continue;
        const b = a.getBoundingClientRect();
        if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) {
          problems.push(name(el) + " is cut by " + name(a));
          break;
        }
      }
    }
    // An inline run of text (a name among names) that wraps is one box per line: its
    // bounding box would cover the names beside it on those lines.
    texts.push([el, cs.display === "inline" ? Array.from(el.getClientRects(), within) : [seen]]);
  }
  const overlap = (ra, rb) => Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 2 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 2;
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const [a, pa] = texts[i], [b, pb] = texts[j];
      if (a.contains(b) || b.contains(a)) continue;
      // Two runs of one text box (names in a line of names): the browser lays its lines out;
      // their inline boxes are taller than a tight line-height, not overlapping glyphs.
      if (a.closest(".fit") && a.closest(".fit") === b.closest(".fit")) continue;
      if (pa.some((ra) => pb.some((rb) => overlap(ra, rb)))) problems.push(name(a) + " overlaps " + name(b));
    }
  }
  const sizes = Array.from(document.querySelectorAll("#stage .fit")).filter(visible).map((el) => parseFloat(getComputedStyle(el).fontSize));
  return { problems, texts: texts.length, fits: sizes.length, smallest: Math.min(...sizes) };
};
