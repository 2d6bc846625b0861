/**
 * The names feature: finds the names in the page's main content (in slices), underlines them with the
 * CSS Custom Highlight API, and keeps both current as the page changes. Its highlights go with its signal.
 */
import type { Feature } from '../context';
import { Highlighter } from '../highlights';
import { NamesIndex } from '../names';
import type { DomBatch } from '../observer';
import { EXCLUDED_SELECTOR, isExcluded, scanRoot } from '../../dom/scope';

export const namesFeature: Feature = {
  id: 'names',
  async init(ctx, signal) {
    const highlighter = new Highlighter(ctx.settings.kinds);
    signal.addEventListener('abort', () => highlighter.clear());
    let root = scanRoot(ctx.doc);
    let busy: Promise<unknown> = Promise.resolve();
    /** DOM work runs one batch at a time, in order. */
    const serial = (work: () => Promise<void>) => {
      const next = busy.then(work, work);
      busy = next.catch(() => undefined);
      return next;
    };
    const publish = () => {
      if (signal.aborted) return;
      highlighter.set(ctx.names.mentions);
      ctx.emit('names', undefined);
    };
    /** A fresh index of the whole scope. */
    const rescan = async () => {
      // Same page, same language: a rescan (edited text, a burst) does not sample the page again.
      const names = new NamesIndex(ctx.doc, ctx.names.language);
      root = scanRoot(ctx.doc);
      if (root) await names.scan([root], signal);
      if (!signal.aborted) ctx.names = names;
    };
    const inScope = (nodes: Node[]): Node[] => {
      const within = root ?? ctx.doc.body;
      return nodes.filter((n) => {
        const el = n.nodeType === 1 ? (n as Element) : n.parentElement;
        if (!el || !within?.contains(el)) return false;
        return !(isExcluded(el) || el.closest(EXCLUDED_SELECTOR));
      });
    };
    const onBatch = async (batch: DomBatch): Promise<void> => {
      if (signal.aborted) return;
      if (batch.overflow || (root && !root.isConnected) || (!root && batch.added.length)) {
        // One rescan of everything instead of thousands of small ones; and when the page replaced the
        // scanned root (a new <main> or <body>) or only now has one, the scope follows the page.
        await rescan();
      } else {
        const names = ctx.names;
        const pruned = batch.removed ? names.prune() : false;
        const roots = inScope([
          ...batch.added,
          ...batch.changed.map((t) => t.parentElement).filter((e): e is HTMLElement => !!e),
        ]);
        if (batch.changed.some((t) => names.has(t))) {
          // Edited text: simplest correct answer is a fresh index of the whole scope.
          await rescan();
        } else if (roots.length) {
          await names.scan(roots, signal);
        } else if (!pruned) return;
      }
      publish();
    };

    ctx.on('settings', (s) => highlighter.setEnabled(s.kinds, ctx.names.mentions), signal);
    ctx.on('dom', (batch) => void serial(() => onBatch(batch)), signal);
    await serial(async () => {
      if (root) await ctx.names.scan([root], signal);
      publish();
    });
  },
};
