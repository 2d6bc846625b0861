/**
 * The one extractor every element-per-entry tier uses: a recipe (which values to read, from where) turns
 * each entry element into a LiveUpdate, and a re-read after DOM changes reuses the entries nothing touched.
 */
import { byDocumentOrder, precedes } from '../dom/order';
import { walkBlocks } from '../dom/blocks';
import { textId } from './hash';
import { queryIn } from './query';
import { edgeStamp } from './stamps';
import type { Pick, Recipe } from './platforms';
import type { SchemaUpdate } from './schema';
import { matchSchema } from './schema';
import { isRelativeLabel, Timeline, type PageClock } from './time';
import type { DomChange, LiveBlog, LiveUpdate, UpdatesDelta } from './types';
import { copyFacts, dropCopies, isNotEntry, noteFacts } from './vet';

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * An element's text with a space where two of its elements meet without one: "<span>21 mins ago</span>11:48"
 * reads "21 mins ago 11:48", a date box's "<b>November</b><b>02</b>" "November 02", as a reader sees them.
 */
export function spacedText(el: Element): string {
  const walker = el.ownerDocument.createTreeWalker(el, 0x4 /* SHOW_TEXT */);
  let out = '';
  let lastParent: Node | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const data = (n as Text).data;
    if (!data) continue;
    if (
      lastParent &&
      n.parentNode !== lastParent &&
      /[\p{L}\p{N}]$/u.test(out) &&
      /^[\p{L}\p{N}]/u.test(data)
    )
      out += ' ';
    out += data;
    lastParent = n.parentNode;
  }
  return clean(out);
}

export function readPick(el: Element, p: Pick): string | undefined {
  const target = p.sel ? queryIn(el, p.sel) : el;
  if (!target) return undefined;
  if (p.stamp) return edgeStamp(target)?.text;
  let value = p.attr ? (target.getAttribute(p.attr) ?? '').trim() : spacedText(target);
  if (value && p.fragment) value = value.includes('#') ? value.slice(value.indexOf('#') + 1) : '';
  if (value && p.param) {
    try {
      value = new URL(value, el.ownerDocument.baseURI).searchParams.get(p.param) ?? '';
    } catch {
      value = '';
    }
  }
  if (value && p.match) {
    const m = new RegExp(p.match).exec(value);
    value = m ? (m[1] ?? m[0]) : '';
  }
  return value || undefined;
}

export const firstPick = (el: Element, picks: readonly Pick[] = []): string | undefined => {
  for (const p of picks) {
    const v = readPick(el, p);
    if (v) return v;
  }
  return undefined;
};

/**
 * How much of an entry's text is read: its first line, its id's opening words and re-matching need no
 * more, and a long day's live blog has hundreds of long entries.
 */
export const TEXT_CHARS = 600;

/** Elements judged (ad slot or entry?) between two steps of a read. */
const VET_STEP = 32;

/**
 * An entry's opening text: headline first, then each block (paragraph, list item) on its own line, up to
 * `TEXT_CHARS`, or only the first line when that is all that is needed (the entry has its own id).
 */
export function entryText(el: Element, recipe: Recipe, firstLineOnly = false): string {
  const title = firstPick(el, recipe.title);
  if (title && firstLineOnly) return title;
  const body = (recipe.body && queryIn(el, recipe.body)) || el;
  const lines: string[] = title ? [title] : [];
  let length = title?.length ?? 0;
  for (const block of walkBlocks(body, el.ownerDocument, recipe.skip)) {
    const line = clean(block.text);
    if (!line || line === title) continue;
    lines.push(line);
    length += line.length;
    if (length >= TEXT_CHARS || firstLineOnly) break;
  }
  return lines.join('\n');
}

/** The deepest element that contains all of `els`. */
export function commonAncestor(els: readonly Element[]): Element {
  let node: Element = els[0].parentElement ?? els[0];
  for (const el of els) while (!node.contains(el) && node.parentElement) node = node.parentElement;
  return node;
}

/** Two entries may hash alike (the same words under the same label): later ones get a counter, in page order. */
export function uniqueIds(updates: LiveUpdate[]): LiveUpdate[] {
  const seen = new Map<string, number>();
  for (const u of updates) {
    const n = seen.get(u.id) ?? 0;
    seen.set(u.id, n + 1);
    if (n) u.id = `${u.id}~${n + 1}`;
  }
  return updates;
}

/**
 * Work that can pause between steps (one entry each): run it at once with `drain`, or in slices that
 * yield to the page (`runSteps` in src/page/schedule.ts), so a long live blog never blocks it for long.
 */
export type Steps<T> = Generator<void, T, void>;

export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export interface EntrySource {
  via: string;
  recipe: Recipe;
  /** The entry elements, in page order, as they are now. */
  entries(): Element[];
  newestFirst?: boolean;
  revealAt?: Element | null;
  schema?: { kind: 'json-ld' | 'microdata'; updates: SchemaUpdate[] };
  /**
   * The entries in a subtree just added to the page (its root included), in page order, as `entries()`
   * would list them. Given, a live insertion is read from the added nodes alone, not by listing every entry.
   */
  entriesIn?(root: Node): Element[];
  /** Whether an entry listed before still is one, as far as its place says (asked after a removal). */
  holds?(el: Element): boolean;
}

/**
 * What `dropCopies` and `uniqueIds` could do to a list, kept up to date entry by entry: while no two
 * entries share an id, no entry marked as a copy shares a first line, and no unstamped entry is marked or
 * unlisted, both leave the list as it is, and a live re-read need not run them over every entry.
 */
class CopyTally {
  private ids = new Map<string, number>();
  private lines = new Map<string, number>();
  private of = new Map<Element, { id: string; line: string; marked: boolean; odd: boolean }>();
  private dupIds = 0;
  private dupLines = 0;
  private marked = 0;
  private odd = 0;

  constructor(private unlisted: (el: Element) => boolean) {}

  get clean(): boolean {
    return this.dupIds === 0 && this.odd === 0 && (this.marked === 0 || this.dupLines === 0);
  }

  add(u: LiveUpdate): void {
    const el = u.elements[0];
    this.remove(el);
    const { line, marked } = copyFacts(u);
    const f = { id: u.id, line, marked, odd: !u.time && !u.label && (marked || this.unlisted(el)) };
    this.of.set(el, f);
    this.dupIds += count(this.ids, f.id, 1) === 2 ? 1 : 0;
    this.dupLines += count(this.lines, line, 1) === 2 ? 1 : 0;
    if (f.marked) this.marked++;
    if (f.odd) this.odd++;
  }

  remove(el: Element): void {
    const f = this.of.get(el);
    if (!f) return;
    this.of.delete(el);
    this.dupIds -= count(this.ids, f.id, -1) === 1 ? 1 : 0;
    this.dupLines -= count(this.lines, f.line, -1) === 1 ? 1 : 0;
    if (f.marked) this.marked--;
    if (f.odd) this.odd--;
  }
}

function count(map: Map<string, number>, key: string, by: 1 | -1): number {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
  return n;
}

/** `fresh` (in page order) merged into `list` (in page order) at their places in the document. */
function mergeInPlace(list: readonly Element[], fresh: readonly Element[]): Element[] {
  const out: Element[] = [];
  let from = 0;
  for (const el of fresh) {
    // The first entry of `list` after `el`, by bisection (a live insertion lands at the top or the end).
    let lo = from;
    let hi = list.length;
    if (hi > lo && precedes(el, list[lo])) hi = lo;
    else if (hi > lo && precedes(list[hi - 1], el)) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (precedes(list[mid], el)) lo = mid + 1;
      else hi = mid;
    }
    for (; from < lo; from++) out.push(list[from]);
    out.push(el);
  }
  for (; from < list.length; from++) out.push(list[from]);
  return out;
}

/** Lists of updates a re-read made from a change, and how they differ from the list before. */
const deltas = new WeakMap<readonly LiveUpdate[], UpdatesDelta>();
export const deltaOf = (updates: readonly LiveUpdate[]): UpdatesDelta | undefined => deltas.get(updates);

export const isDomChange = (dirty: readonly Node[] | DomChange): dirty is DomChange => !Array.isArray(dirty);

/** Every node of a change, as the re-reads that do not tell kinds apart take them. */
export const changedNodes = (dirty: readonly Node[] | DomChange): readonly Node[] =>
  isDomChange(dirty) ? [...dirty.added, ...dirty.changed, ...dirty.removedFrom] : dirty;

/**
 * A live blog whose updates are one element each. Reading an entry costs a text walk, so re-reads after a
 * live insertion only read the new and the touched entries.
 */
export function* elementBlog(source: EntrySource, clock: PageClock): Steps<LiveBlog | null> {
  const cache = new WeakMap<Element, LiveUpdate>();
  const notEntry = new WeakMap<Element, boolean>();
  // Entries the page's schema.org updates do not list (judged only where it lists some).
  const unlisted = new WeakSet<Element>();
  const newestFirst = source.newestFirst ?? true;

  const build = (el: Element, timeline: Timeline): LiveUpdate => {
    const { recipe } = source;
    const label = firstPick(el, recipe.label) ?? '';
    const ownId = firstPick(el, recipe.id);
    // With an id of its own, an entry's first line is all the text needed; without, its opening words.
    let text = entryText(el, recipe, !!ownId);
    // A stamp printed inline with the text is the label, not the text's opening words.
    if (label && text.startsWith(label)) text = text.slice(label.length).replace(/^[\s:|–—-]+/, '');
    const picks = recipe.time ?? [];
    // Machine values first (attributes), then the schema's date, then what the page prints.
    const machine = picks.filter((p) => p.attr).map((p) => readPick(el, p));
    const printed = picks.filter((p) => !p.attr).map((p) => readPick(el, p));
    const mapped =
      source.schema && (!ownId || !machine.some(Boolean))
        ? matchSchema(source.schema.updates, el, text)
        : undefined;
    const time = timeline.resolve([...machine, mapped?.published, ...printed, label]);
    if (source.schema?.updates.length && !mapped && !ownId) unlisted.add(el);
    return {
      id: ownId ?? mapped?.id ?? textId(isRelativeLabel(label) ? '' : label, text),
      label,
      time,
      text,
      elements: [el],
      hidden: recipe.pending ? el.matches(recipe.pending) : undefined,
    };
  };

  /**
   * The latest read: every entry element in page order (ads and placeholders among them included), the
   * record of each one that is an update, and what dropping copies would do to them.
   */
  let all: Element[] = [];
  let known = new Set<Element>();
  let recordOf = new Map<Element, LiveUpdate>();
  let tally = new CopyTally((el) => unlisted.has(el));
  let last: LiveUpdate[] = [];

  function* read(dirty?: readonly Node[]): Steps<LiveUpdate[]> {
    const all0 = source.entries();
    const touched = new Set<Element>();
    if (dirty) {
      const set = new Set(all0);
      for (const node of dirty) {
        for (let n: Node | null = node; n; n = n.parentNode) {
          if (set.has(n as Element)) {
            touched.add(n as Element);
            break;
          }
        }
      }
    }
    // Finding the entries asks the whole document: the judging starts in a step of its own.
    yield;
    // Ad slots, teasers and placeholders can share the entries' list and even their shape. An element
    // judged before and untouched since keeps its verdict: a live re-read costs what changed.
    // Judging a thousand new elements is a walk of each: in steps too, so a first read yields to the page.
    const els: Element[] = [];
    let judged = 0;
    for (const el of all0) {
      let skip = touched.has(el) ? undefined : notEntry.get(el);
      if (skip === undefined) {
        notEntry.set(el, (skip = isNotEntry(el)));
        if (++judged % VET_STEP === 0) yield;
      }
      if (!skip) els.push(el);
    }
    // Relative labels ("Just now") count back from when an entry is read: the page's load for the first
    // read, the insertion for entries that arrive later.
    const timeline = new Timeline(dirty ? { ...clock, now: Date.now() } : clock);
    const updates: LiveUpdate[] = new Array(els.length);
    for (const i of timeline.walk(els.length, newestFirst)) {
      const el = els[i];
      const cached = dirty && !touched.has(el) ? cache.get(el) : undefined;
      if (cached) {
        // Keeps the timeline's idea of "the day we are in" for the entries after it.
        timeline.resolve([cached.time]);
        updates[i] = {
          ...cached,
          hidden: source.recipe.pending ? el.matches(source.recipe.pending) : undefined,
        };
        continue;
      }
      updates[i] = build(el, timeline);
      cache.set(el, { ...updates[i] });
      noteFacts(updates[i]);
      yield;
    }
    // What a live re-read from a change starts from (the copies' tally before `uniqueIds` renames any).
    all = all0;
    known = new Set(all0);
    tally = new CopyTally((el) => unlisted.has(el));
    for (const u of updates) tally.add(u);
    const list = uniqueIds(dropCopies(updates, (u) => unlisted.has(u.elements[0])));
    recordOf = new Map(list.map((u) => [u.elements[0], u]));
    return (last = list);
  }

  /**
   * A live re-read at the cost of the change: the entries added (found in the added nodes), removed
   * (the listed ones asked whether they are still in place, a pass over references, only when something
   * lost children) and touched are read; every other update keeps its record, the very same object. Null
   * when it cannot tell (an entry moved, the tier cannot say what an added node holds, copies are in
   * play): then the list is read.
   */
  function* readChange(change: DomChange): Steps<LiveUpdate[] | null> {
    const { entriesIn, holds, recipe } = source;
    if (!entriesIn || !last.length || !tally.clean) return null;
    const entryOf = (node: Node | null): Element | null => {
      for (let n = node; n; n = n.parentNode) if (known.has(n as Element)) return n as Element;
      return null;
    };
    const touched = new Set<Element>();
    const fresh: Element[] = [];
    // An entry can sit inside another (nested matches): any removal asks every listed entry.
    const lostChildren = change.removedFrom.length > 0;
    for (const list of [change.changed, change.removedFrom])
      for (const node of list) {
        const el = entryOf(node);
        if (el) touched.add(el);
      }
    for (const node of change.added) {
      if (known.has(node as Element)) return null;
      const el = entryOf(node.parentNode);
      if (el) {
        touched.add(el);
        continue;
      }
      for (const e of entriesIn(node)) {
        if (known.has(e)) return null;
        fresh.push(e);
      }
    }
    const removed = new Set<Element>();
    if (lostChildren) for (const el of all) if (!el.isConnected || (holds && !holds(el))) removed.add(el);
    for (const el of removed) touched.delete(el);
    if (!fresh.length && !removed.size && !touched.size && !recipe.pending) return last;
    if (fresh.length > 1) fresh.sort(byDocumentOrder);
    let next = removed.size ? all.filter((el) => !removed.has(el)) : all;
    if (fresh.length) next = mergeInPlace(next, fresh);
    let judged = 0;
    for (const el of [...fresh, ...touched]) {
      notEntry.set(el, isNotEntry(el));
      if (++judged % VET_STEP === 0) yield;
    }
    const rebuilt = new Set<Element>();
    for (const el of [...fresh, ...touched]) if (!notEntry.get(el)) rebuilt.add(el);
    // The updates' elements in page order (one pass over references): their records, old or new.
    const els: Element[] = [];
    for (const el of next) if (!notEntry.get(el)) els.push(el);
    const updates: Array<LiveUpdate | undefined> = els.map((el) =>
      rebuilt.has(el) ? undefined : recordOf.get(el),
    );
    const delta: UpdatesDelta = { base: last, added: [], removed: [], changed: [] };
    // Entries gone, or no longer updates (an ad in the place of one).
    for (const el of [...removed, ...touched]) {
      const was = recordOf.get(el);
      if (was && (removed.has(el) || notEntry.get(el))) {
        delta.removed.push(was);
        tally.remove(el);
      }
    }
    // The new and touched entries, in the order the timeline takes them. Its idea of the day comes from
    // the last entry with a time before each, as a read of the whole list would have it.
    const now = { ...clock, now: Date.now() };
    const forward = new Timeline(now).walk(2, newestFirst)[0] === 0;
    const order: number[] = [];
    for (let i = 0; i < els.length; i++) if (updates[i] === undefined) order.push(i);
    if (!forward) order.reverse();
    let timeline: Timeline | null = null;
    let prev = forward ? -1 : els.length;
    for (const i of order) {
      let seed: string | undefined;
      for (let q = forward ? i - 1 : i + 1; forward ? q > prev : q < prev; q += forward ? -1 : 1) {
        seed = updates[q]!.time;
        if (seed) break;
      }
      if (seed || !timeline) {
        timeline = new Timeline(now);
        if (seed) timeline.resolve([seed]);
      }
      prev = i;
      const el = els[i];
      const u = build(el, timeline);
      cache.set(el, { ...u });
      noteFacts(u);
      updates[i] = u;
      const before = recordOf.get(el);
      if (before && before.id === u.id) delta.changed.push(u);
      else {
        if (before) delta.removed.push(before);
        delta.added.push(u);
      }
      tally.add(u);
      yield;
    }
    // The page shows what it kept hidden by a class, which no observer of the list reports: asked of each.
    if (recipe.pending) {
      for (let i = 0; i < els.length; i++) {
        const u = updates[i]!;
        const hidden = els[i].matches(recipe.pending);
        if (u.hidden === hidden || rebuilt.has(els[i])) continue;
        updates[i] = { ...u, hidden };
        delta.changed.push(updates[i]!);
      }
    }
    // Copies now in play: the whole list's read decides which stay.
    if (!tally.clean) return null;
    for (const el of removed) known.delete(el);
    for (const el of fresh) known.add(el);
    all = next;
    if (!delta.added.length && !delta.removed.length && !delta.changed.length) return last;
    if (!forward) delta.added.reverse();
    for (const u of delta.removed) if (recordOf.get(u.elements[0]) === u) recordOf.delete(u.elements[0]);
    for (const u of [...delta.added, ...delta.changed]) recordOf.set(u.elements[0], u);
    const list = updates as LiveUpdate[];
    deltas.set(list, delta);
    return (last = list);
  }

  /**
   * Text that changed inside entries (a ticking clock, a corrected word), nothing added or removed: only
   * those entries are read again, in place, at a cost that does not grow with the page. Null when the
   * change could move more than them (an entry's id or time changed, text outside the entries): then
   * the caller reads the list.
   */
  const patch = (dirty: readonly Node[]): LiveUpdate[] | null => {
    if (!last.length) return null;
    const touched = new Set<LiveUpdate>();
    for (const node of dirty) {
      if (node.nodeType !== 3) return null;
      let at: LiveUpdate | undefined;
      for (let n = node.parentNode; n && !at; n = n.parentNode) at = recordOf.get(n as Element);
      if (!at) return null;
      touched.add(at);
    }
    const updates = last.slice();
    const delta: UpdatesDelta = { base: last, added: [], removed: [], changed: [] };
    for (const was of touched) {
      const el = was.elements[0];
      const before = cache.get(el);
      const next = build(el, new Timeline({ ...clock, now: Date.now() }));
      if (!before || next.id !== before.id || next.time !== before.time) return null;
      cache.set(el, { ...next });
      noteFacts(next);
      // The id as the list's read made it unique.
      const u = { ...next, id: was.id };
      updates[last.indexOf(was)] = u;
      recordOf.set(el, u);
      tally.add(next);
      delta.changed.push(u);
    }
    deltas.set(updates, delta);
    return (last = updates);
  };

  const reread = (dirty?: readonly Node[] | DomChange): LiveUpdate[] => drain(rereadSteps(dirty));
  function* rereadSteps(dirty?: readonly Node[] | DomChange): Steps<LiveUpdate[]> {
    if (!dirty) return yield* read();
    const nodes = changedNodes(dirty);
    const patched = patch(nodes);
    if (patched) return patched;
    if (isDomChange(dirty)) {
      const updates = yield* readChange(dirty);
      if (updates) return updates;
    }
    return yield* read(nodes);
  }

  const updates = yield* read();
  if (!updates.length) return null;
  const els = updates.map((u) => u.elements[0]);
  return {
    via: source.via,
    // Evidence by default; the structural tiers grade their own finds.
    confidence: 'high',
    score: 1,
    schema: source.schema?.kind,
    updates,
    container: commonAncestor(els),
    newestFirst,
    revealAt: source.revealAt,
    reread,
    rereadSteps,
  };
}
