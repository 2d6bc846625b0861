/**
 * One batched MutationObserver for the whole page (Dark Reader's pattern): records are collected and
 * handed over in batches; a burst past `burst` records becomes one full rescan instead of
 * thousands of small ones. Our own hosts are ignored.
 *
 * A page that keeps mutating (again within `maxDelay` of its last change) gets longer windows: `delay`,
 * then each such batch doubles the wait up to `maxDelay`. A change after a quiet spell (a live insertion)
 * is handed over at once, in the next task: the background reads it while the page lays it out (on a
 * 2,000-update live blog that layout takes 100 ms or more, and a window of `delay` waited for it, so the
 * question went out only after it). So a storm costs a few batches a second, each node named once however
 * often it changed. Records are only collected as they come; nothing is read from them (and nothing of
 * layout, ever) until the batch is built.
 */
export interface DomBatch {
  /** Element or text nodes added (top-most only), still in the document. */
  added: Node[];
  /** Text nodes whose data changed. */
  changed: Text[];
  /** Something was removed. */
  removed: boolean;
  /** The nodes something was removed from, still in the document. */
  removedFrom: Node[];
  /** The removed nodes themselves (top-most, as the records name them). */
  removedNodes: Node[];
  /** Too many records: treat as "everything may have changed". */
  overflow: boolean;
}

export interface WatchOptions {
  delay?: number;
  /** The longest window while the page keeps mutating. */
  maxDelay?: number;
  burst?: number;
  /**
   * Text nodes whose data changed, told as the records come (before the browser paints), for what must
   * not wait for the batch: a drawn underline the edit moved off its name.
   */
  onText?: (nodes: Text[]) => void;
}

const isOurs = (node: Node): boolean =>
  (node.nodeType === 1 ? (node as Element) : node.parentElement)?.closest?.('[data-backstory-host]') != null;

export function watchDom(
  root: Node,
  onBatch: (batch: DomBatch) => void,
  signal: AbortSignal,
  options: WatchOptions = {},
): void {
  const delay = options.delay ?? 50;
  const maxDelay = Math.max(delay, options.maxDelay ?? 600);
  const burst = options.burst ?? 2000;
  let records: MutationRecord[] = [];
  let overflow = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The current window, and when the page last mutated. */
  let wait = 0;
  let lastRecordAt = -Infinity;

  const flush = () => {
    timer = undefined;
    const batch: DomBatch = {
      added: [],
      changed: [],
      removed: false,
      removedFrom: [],
      removedNodes: [],
      overflow,
    };
    const taken = records;
    records = [];
    overflow = false;
    if (!batch.overflow) {
      const added = new Set<Node>();
      const changed = new Set<Text>();
      const removedFrom = new Set<Node>();
      for (const r of taken) {
        if (r.type === 'characterData') {
          // Each node once, however many records name it; whether it is ours is asked below, once.
          changed.add(r.target as Text);
          continue;
        }
        if (r.removedNodes.length) {
          batch.removed = true;
          if (r.target.isConnected) removedFrom.add(r.target);
          for (const n of r.removedNodes)
            if (n.nodeType === 1 || n.nodeType === 3) batch.removedNodes.push(n);
        }
        for (const n of r.addedNodes)
          if (n.isConnected && (n.nodeType === 1 || n.nodeType === 3) && !isOurs(n)) added.add(n);
      }
      // Keep only top-most added nodes: a subtree is scanned once.
      for (const n of added) {
        let p = n.parentNode;
        let nested = false;
        while (p) {
          if (added.has(p)) {
            nested = true;
            break;
          }
          p = p.parentNode;
        }
        if (!nested) batch.added.push(n);
      }
      // Text inside an added subtree is read with it (its ancestors, not every added node, are asked).
      const inAdded = (t: Node) => {
        for (let p = t.parentNode; p; p = p.parentNode) if (added.has(p)) return true;
        return false;
      };
      for (const t of changed)
        if (t.isConnected && !(added.size && inAdded(t)) && !isOurs(t)) batch.changed.push(t);
      batch.removedFrom = [...removedFrom];
      if (!batch.added.length && !batch.changed.length && !batch.removed) return;
    }
    onBatch(batch);
  };

  const onText = options.onText;
  const observer = new MutationObserver((list) => {
    if (onText) {
      const texts: Text[] = [];
      for (const r of list) if (r.type === 'characterData') texts.push(r.target as Text);
      if (texts.length) onText(texts);
    }
    if (overflow) return;
    for (const r of list) {
      if (r.type === 'childList' && isOurs(r.target)) continue;
      records.push(r);
    }
    if (records.length > burst) {
      overflow = true;
      records = [];
    }
    const now = performance.now();
    if (!timer && (records.length || overflow)) {
      // The page mutated again within the widest window: a longer one; after a quiet spell, none.
      wait = now - lastRecordAt < maxDelay ? Math.min(Math.max(wait * 2, delay), maxDelay) : 0;
      timer = setTimeout(flush, wait);
    }
    lastRecordAt = now;
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer) clearTimeout(timer);
  });
}
