/**
 * The one extractor every element-per-entry tier uses: a recipe (which values to read, from where) turns
 * each entry element into a LiveUpdate, and a re-read after DOM changes reuses the entries nothing touched.
 */
import { walkBlocks } from '../dom/blocks';
import { textId } from './hash';
import { queryIn } from './query';
import { edgeStamp } from './stamps';
import type { Pick, Recipe } from './platforms';
import type { SchemaUpdate } from './schema';
import { matchSchema } from './schema';
import { isRelativeLabel, Timeline, type PageClock } from './time';
import type { LiveBlog, LiveUpdate } from './types';
import { dropCopies, isNotEntry, noteFacts } from './vet';

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
}

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

  function* read(dirty?: readonly Node[]): Steps<LiveUpdate[]> {
    const all = source.entries();
    const touched = new Set<Element>();
    if (dirty) {
      const set = new Set(all);
      for (const node of dirty) {
        for (let n: Node | null = node; n; n = n.parentNode) {
          if (set.has(n as Element)) {
            touched.add(n as Element);
            break;
          }
        }
      }
    }
    // Ad slots, teasers and placeholders can share the entries' list and even their shape. An element
    // judged before and untouched since keeps its verdict: a live re-read costs what changed.
    // Judging a thousand new elements is a walk of each: in steps too, so a first read yields to the page.
    const els: Element[] = [];
    let judged = 0;
    for (const el of all) {
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
    return uniqueIds(dropCopies(updates, (u) => unlisted.has(u.elements[0])));
  }

  /** The latest read, and where each entry element stands in it: what a text edit patches. */
  let last: LiveUpdate[] = [];
  let placeOf = new Map<Element, number>();
  const remember = (updates: LiveUpdate[]): LiveUpdate[] => {
    last = updates;
    placeOf = new Map(updates.map((u, i) => [u.elements[0], i]));
    return updates;
  };

  /**
   * Text that changed inside entries (a ticking clock, a corrected word), nothing added or removed: only
   * those entries are read again, in place, at a cost that does not grow with the page. Null when the
   * change could move more than them (an entry's id or time changed, text outside the entries): then
   * the caller reads the list.
   */
  const patch = (dirty: readonly Node[]): LiveUpdate[] | null => {
    if (!last.length) return null;
    const touched = new Set<number>();
    for (const node of dirty) {
      if (node.nodeType !== 3) return null;
      let at: number | undefined;
      for (let n = node.parentNode; n && at === undefined; n = n.parentNode) at = placeOf.get(n as Element);
      if (at === undefined) return null;
      touched.add(at);
    }
    const updates = last.slice();
    for (const at of touched) {
      const el = last[at].elements[0];
      const before = cache.get(el);
      const next = build(el, new Timeline({ ...clock, now: Date.now() }));
      if (!before || next.id !== before.id || next.time !== before.time) return null;
      cache.set(el, { ...next });
      noteFacts(next);
      // The id as the list's read made it unique.
      updates[at] = { ...next, id: last[at].id };
    }
    last = updates;
    return updates;
  };

  const updates = remember(yield* read());
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
    reread: (dirty) => (dirty && patch(dirty)) || remember(drain(read(dirty))),
    *rereadSteps(dirty) {
      return (dirty && patch(dirty)) || remember(yield* read(dirty));
    },
  };
}
