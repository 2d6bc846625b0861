/**
 * The names feature: reads the page's main content (in slices) for the background's detector, underlines
 * what it finds in and near the viewport with the CSS Custom Highlight API (a tint on a very long page), and keeps both current as the
 * page changes, in proportion to the change: an edited text node sends its block again, an insertion its
 * own blocks, a removal takes its blocks out. A page that changes without pause gets a capped share of the
 * main thread: changes pile up (coalesced) while the extension waits its turn. Its highlights go with its
 * signal.
 */
import type { Feature } from '../context';
import { Highlighter } from '../highlights';
import type { DomBatch } from '../observer';
import { Governor } from '../schedule';
import { outOfScope, scanRoot } from '../../dom/scope';

/** The names feature's share of the main thread under a mutation storm (issue 11 asks ≤ 10%). */
export const STORM_SHARE = 0.05;

export const namesFeature: Feature = {
  id: 'names',
  async init(ctx, signal) {
    const { doc } = ctx;
    const names = ctx.names;
    const highlighter = new Highlighter(ctx.settings.kinds, undefined, (fn) => ctx.paint(fn));
    signal.addEventListener('abort', () => {
      highlighter.clear();
      if (names.onChange === onChange) names.onChange = null;
    });
    const onChange: typeof names.onChange = (recs) => {
      if (signal.aborted) return;
      // With the batch's other changes (the reading markers): one frame for the page to paint.
      ctx.paint(() => {
        if (signal.aborted) return;
        highlighter.fit(doc);
        highlighter.update(recs);
        ctx.emit('names', undefined);
      });
    };
    names.onChange = onChange;
    let root = scanRoot(doc);
    const governor = new Governor(STORM_SHARE);

    // DOM changes wait here until the last ones are done and the governor lets them through.
    let pending = { changed: new Set<Text>(), added: new Set<Node>(), removed: [] as Node[], all: false };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    signal.addEventListener('abort', () => clearTimeout(timer));

    const inScope = (nodes: Iterable<Node>): Node[] => {
      const within = root ?? doc.body;
      const known = new Map<Element, boolean>();
      return [...nodes].filter((n) => {
        const el = n.nodeType === 1 ? (n as Element) : n.parentElement;
        if (!el || !within?.contains(el)) return false;
        // Chrome found from structure too (a new item in a related rail), not only by selector.
        return !outOfScope(el, within, known);
      });
    };

    const process = async () => {
      timer = undefined;
      running = true;
      const before = names.work;
      const p = pending;
      pending = { changed: new Set(), added: new Set(), removed: [], all: false };
      // What the batch changes on screen waits for its answers, and is drawn with them.
      const release = ctx.hold();
      try {
        if (p.all || (root && !root.isConnected) || (!root && p.added.size)) {
          // A burst past the observer's limit, or the page replaced the scanned root (a new <main> or
          // <body>) or only now has one: the scope follows the page, and what did not change is kept.
          root = scanRoot(doc);
          if (root) await names.resync(root, signal, true);
        } else {
          if (p.removed.length) await names.removed(p.removed, signal);
          const unknown = names.edited(p.changed);
          const roots = inScope([...p.added, ...unknown]);
          if (roots.length && root) await names.added(roots, signal, root);
        }
        await names.idle(signal);
        // The page changed: its frame is painted anyway, and the blocks that left the band go with it.
        ctx.paint(() => !signal.aborted && highlighter.sweep());
      } finally {
        release();
        governor.spend(names.work - before);
        running = false;
        schedule();
      }
    };

    const schedule = () => {
      if (timer !== undefined || running || signal.aborted) return;
      if (!pending.all && !pending.changed.size && !pending.added.size && !pending.removed.length) return;
      timer = setTimeout(() => void process(), governor.delay());
    };

    const onBatch = (batch: DomBatch) => {
      if (signal.aborted) return;
      if (batch.overflow) pending.all = true;
      else {
        for (const t of batch.changed) pending.changed.add(t);
        for (const n of batch.added) pending.added.add(n);
        pending.removed.push(...batch.removedNodes);
      }
      // The scanned root itself was replaced: found on the next turn.
      if (root && !root.isConnected) pending.all = true;
      schedule();
    };

    ctx.on('settings', (s) => highlighter.setEnabled(s.kinds), signal);
    ctx.on('dom', onBatch, signal);
    ctx.on('text', (nodes) => highlighter.touched(names.blocksOf(nodes)), signal);
    running = true;
    try {
      // The first read is the page's fixed cost (in slices); the cap is for what the page keeps doing.
      if (root) await names.scan([root], signal, true);
      highlighter.measureNew = true;
      if (!signal.aborted) ctx.emit('names', undefined);
    } finally {
      running = false;
      schedule();
    }
  },
};
