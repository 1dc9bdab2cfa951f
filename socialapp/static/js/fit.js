/* Text fit for the projector: the one mechanism every kind's projector view uses for text
   people typed (names, titles, notes, themes, options: whatever a kind shows).

   A box with the class "fit" (class "fit" in SA.v; its lines in the CSS variable --fit-lines)
   wraps at word boundaries. When its text does not fit its box, this shrinks the font, never
   below the floor (32 px at 1080p, the room's smallest readable size, scaled with the
   screen), nor below the box's own --fit-min share of its size. If it still does not fit:
   a single word wider than the box may break anywhere (data-fit="word"; hyphens where the
   language allows), and then the last line ends with an ellipsis (data-fit="clamp"); the
   full text is on the phones and the host panel. Boxes never grow past their lines, so a
   long text never runs under the agenda strip or the join corner.

   When a whole area (the kind's area, or a .fit-area) is still too tall for its room, all
   its boxes shrink together, step by step, down to the floor; then they keep fewer lines
   (data-fit="tight" on the area).

   It runs after every change of the stage (a MutationObserver, once a frame) and on resize;
   a box whose text and width did not change is not measured again (timers tick every
   second). Measuring is done in rounds over all boxes at once: a few layouts per pass, not
   a few per box. After a pass that changed sizes it fires "sa:fitted" (a view that counts
   what fits by itself, like a kind's pages of tiles, measures again). */
(function () {
  "use strict";
  const SA = (window.SA = window.SA || {});
  const FLOOR_AT_1080P = 32;
  const ROUNDS = 5; // binary search steps between the floor and the box's own size

  // Glyphs of a tight line-height (a big name at 1.05) reach a little past their line box:
  // that is not a line too many, which would be a whole line (about 1em) more.
  const over = (el) => el.scrollWidth > el.clientWidth + 1 ||
    el.scrollHeight > el.clientHeight + Math.max(1, 0.3 * parseFloat(el.style.fontSize || getComputedStyle(el).fontSize));
  const floorPx = () => FLOOR_AT_1080P * Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
  const keyOf = (el) => el.textContent + "\u0000" + el.clientWidth + "\u0000" + window.innerWidth + "x" + window.innerHeight;
  const shown = (el) => el.isConnected && el.offsetParent !== null;

  function setSize(it, px) {
    it.size = px;
    it.el.style.fontSize = px.toFixed(2) + "px";
  }

  /* Fit boxes at `scale` of their own size (an area that overflows asks for less). */
  function fitBoxes(els, scale) {
    els.forEach((el) => { el.style.fontSize = ""; el.removeAttribute("data-fit"); });
    const floor = floorPx();
    const items = els.map((el) => {
      const cs = getComputedStyle(el);
      const own = parseFloat(cs.fontSize);
      const share = parseFloat(cs.getPropertyValue("--fit-min")) || 0;
      const min = Math.min(own, Math.max(floor, own * share));
      return { el, min, max: Math.max(min, own * scale), size: own };
    });
    items.filter((it) => it.max < it.size).forEach((it) => setSize(it, it.max));
    const todo = items.filter((it) => over(it.el));
    todo.forEach((it) => setSize(it, it.min));
    const fits = todo.filter((it) => !over(it.el));
    const stuck = todo.filter((it) => fits.indexOf(it) < 0);
    // Between the floor (fits) and the largest size (does not): the largest that fits.
    fits.forEach((it) => { it.lo = it.min; it.hi = it.max; });
    for (let r = 0; r < ROUNDS && fits.length; r++) {
      fits.forEach((it) => setSize(it, (it.lo + it.hi) / 2));
      fits.forEach((it) => { if (over(it.el)) it.hi = it.size; else it.lo = it.size; });
    }
    fits.forEach((it) => setSize(it, it.lo));
    // Last resorts: a giant word may break, then the last line ends with an ellipsis.
    stuck.forEach((it) => it.el.setAttribute("data-fit", "word"));
    stuck.filter((it) => over(it.el)).forEach((it) => it.el.setAttribute("data-fit", "word clamp"));
    els.forEach((el) => { el._fitKey = keyOf(el); });
  }

  /* An area (the kind's area, or a .fit-area) overflows when it, or a box in it that clips,
     is taller than its room: its boxes then all shrink together. */
  function areaOver(area, boxes) {
    if (area.scrollHeight > area.clientHeight) return true;
    return boxes.some((el) => {
      for (let a = el.parentElement; a && a !== area; a = a.parentElement) {
        if (a.classList.contains("fit-list")) return false; // a list hides what does not fit
        if (a.scrollHeight > a.clientHeight && getComputedStyle(a).overflowY !== "visible") return true;
      }
      return false;
    });
  }
  const AREA_STEPS = [0.85, 0.72, 0.6, 0.5];

  /* A .fit-list (its height set by the layout, overflow hidden) shows the items that fit
     whole and hides the rest; the .fit-more element right after it says how many are not
     shown: its data-more (left out by the view) plus the hidden ones. */
  function fitList(list) {
    const bottom = list.getBoundingClientRect().bottom + 1;
    let hidden = 0;
    Array.from(list.children).forEach((li) => {
      if (hidden || li.hidden || li.getBoundingClientRect().bottom > bottom) { li.hidden = true; hidden += 1; }
    });
    const more = list.nextElementSibling;
    if (!more || !more.classList.contains("fit-more")) return false;
    const n = (parseInt(more.dataset.more, 10) || 0) + hidden;
    const text = n > 0 ? "+" + n + " more" : "";
    if (more.textContent === text) return false;
    more.textContent = text;
    return true;
  }
  function fitLists(root) {
    // "+N more" appearing takes a line from the list: measure again (it only ever shrinks).
    root.querySelectorAll(".fit-list").forEach((list) => {
      for (let i = 0; i < 3 && fitList(list); i++);
    });
  }

  function changedBoxes(root) {
    const boxes = Array.from(root.querySelectorAll(".fit"));
    // Reads first (one layout), then writes: keep the browser from laying out per box.
    const keys = boxes.map((el) => (shown(el) ? keyOf(el) : null));
    return boxes.filter((el, i) => keys[i] !== null && el._fitKey !== keys[i]);
  }

  SA.fit = function (root) {
    root = root || document;
    if (!changedBoxes(root).length) return;
    // Lists show everything again, to be measured with the rest.
    root.querySelectorAll(".fit-list > [hidden]").forEach((li) => { li.hidden = false; });
    const changed = changedBoxes(root);
    const areas = Array.from(root.querySelectorAll("#kind, .fit-area"));
    const inArea = new Set();
    areas.forEach((area) => {
      const mine = Array.from(area.querySelectorAll(".fit")).filter(shown);
      mine.forEach((el) => inArea.add(el));
      if (!mine.some((el) => changed.indexOf(el) >= 0)) return;
      area.removeAttribute("data-fit");
      fitBoxes(mine, 1);
      for (let i = 0; i < AREA_STEPS.length && areaOver(area, mine); i++) fitBoxes(mine, AREA_STEPS[i]);
      if (areaOver(area, mine)) { area.setAttribute("data-fit", "tight"); fitBoxes(mine, AREA_STEPS[AREA_STEPS.length - 1]); }
    });
    fitBoxes(changed.filter((el) => !inArea.has(el)), 1);
    fitLists(root);
    root.dispatchEvent(new CustomEvent("sa:fitted", { bubbles: true }));
  };

  /* The projector fits its stage after every change, once a frame. */
  let queued = false;
  function soon(root) {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; SA.fit(root); });
  }
  SA.watchFit = function (root) {
    new MutationObserver(() => soon(root)).observe(root, { childList: true, characterData: true, subtree: true });
    window.addEventListener("resize", () => soon(root));
    soon(root);
  };
})();
