/**
 * What the bench runs in every page before the page's own scripts, in the page's world (as any page
 * script could): a clock mark that ties the trace to the page's clock, long tasks, the pointer's last
 * move, and a frame loop (while watching) that records when the shared CSS.highlights registry changes,
 * how many of its ranges lie in the text of the first viewport, when inserted entries get a range, and
 * when the card's dialog is put in (a mutation observer on its open shadow root) and first there at a frame,
 * and likewise when the answer for its busy background layer is drawn. The same script runs with and without the extension.
 */
export const PROBE = `(() => {
  if (window.__bench) return;
  const B = (window.__bench = { long: [], hl: [], lastMove: 0, watching: false, vp: null, dcl: 0, card: null, ins: null });
  performance.mark('bench-sync');
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) B.long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  } catch {}
  addEventListener('pointermove', () => { B.lastMove = performance.now(); }, { capture: true, passive: true });
  const registry = () => (window.CSS && CSS.highlights) || null;
  const total = () => { let n = 0; const r = registry(); if (r) for (const [, h] of r) n += h.size; return n; };
  const count = (test) => { let n = 0; const r = registry(); if (r) for (const [, h] of r) for (const range of h) if (test(range.startContainer)) n++; return n; };
  let last = -1;
  let lastCheck = 0;
  const frame = (now) => {
    if (!B.watching) return;
    const t = total();
    const changed = t !== last;
    if (changed) { last = t; B.hl.push([performance.now(), t, B.vp ? count((n) => B.vp.has(n)) : 0]); }
    if (B.ins && B.ins.at == null && (changed || now - lastCheck > 250)) {
      lastCheck = now;
      const els = B.ins.els;
      if (count((n) => els.some((e) => e.contains(n))) > 0) B.ins.at = performance.now();
    }
    if (B.card && (B.card.at == null || (B.card.remote && B.card.layerAt == null))) {
      const host = document.querySelector('backstory-card');
      const root = host && host.shadowRoot;
      const dialog = () => root.querySelector('[role="dialog"]');
      // The card's background layer (places, Wikipedia, context) is marked busy until its answer comes.
      const busy = () => !!root.querySelector('[role="dialog"] [aria-busy="true"]');
      // Times only from the observer (the task that made the change), not from a frame that came after it.
      const seen = (observed) => {
        if (!dialog()) return;
        if (observed && B.card.drawn == null) B.card.drawn = performance.now();
        if (busy()) B.card.busy = true;
        else if (observed && B.card.busy && B.card.layer == null) B.card.layer = performance.now();
      };
      if (root && !B.card.mo) {
        // When the dialog is put in or shown, and when the answer replaces its busy layer (inside the task
        // that does it), not only when a frame finds it. A card drawn ahead, hidden, has no dialog role
        // until it is shown.
        B.card.mo = new MutationObserver(() => seen(true));
        B.card.mo.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['role', 'aria-busy'] });
        seen(false);
      }
      if (root && dialog()) {
        if (B.card.at == null) B.card.at = performance.now();
        if (B.card.layer != null && B.card.layerAt == null) B.card.layerAt = performance.now();
        if ((!B.card.remote || B.card.layerAt != null) && B.card.mo) B.card.mo.disconnect();
      }
    }
    requestAnimationFrame(frame);
  };
  B.watch = (on) => { const was = B.watching; B.watching = on; if (on && !was) { last = -1; requestAnimationFrame(frame); } };
  B.total = total;
  /** Inserts entries through the page's own script and watches for their first underline. */
  B.insert = (n) => {
    const t0 = performance.now();
    const ids = window.__page.insert(n);
    B.ins = { t0, t1: performance.now(), els: ids.map((id) => document.getElementById(id)), at: null };
    return t0;
  };
  document.addEventListener('DOMContentLoaded', () => {
    B.dcl = performance.now();
    // The text of the first viewport: text nodes whose element's box meets it (document order ~ top to bottom).
    B.vp = new Set();
    const w = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
    let below = 0;
    for (let n = w.nextNode(); n && below < 50; n = w.nextNode()) {
      if (!n.data.trim() || !n.parentElement) continue;
      const r = n.parentElement.getBoundingClientRect();
      if (!r.width && !r.height) continue;
      if (r.top >= innerHeight) { below++; continue; }
      if (r.bottom > 0 && r.left < innerWidth && r.right > 0) B.vp.add(n);
    }
    B.watch(true);
  });
})();`;
