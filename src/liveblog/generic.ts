/**
 * The structural tier: a list of sibling blocks of one shape, each with a time element (and, unless the
 * page already said it is a live blog, an id), whose text is their own rather than links elsewhere. Comment
 * threads, teaser lists and navigation are not live blogs.
 */
import type { Pick } from './platforms';
import type { Recipe } from './platforms';

const TIME_SELECTOR = 'time, [datetime], [data-timestamp], [data-time], [data-post-time], [data-sort-time]';

/** Elements whose class says they print the entry's time. */
const STAMP =
  '[class*="time" i], [class*="stamp" i], [class*="date" i], [class*="heure" i], [class*="uhrzeit" i]';

export const GENERIC_RECIPE: Recipe = {
  id: [
    { attr: 'id' },
    { sel: 'h2[id], h3[id], h4[id]', attr: 'id' },
    { attr: 'data-id' },
    { attr: 'data-post-id' },
  ],
  time: [
    { sel: 'time[datetime]', attr: 'datetime' },
    { attr: 'data-timestamp' },
    { attr: 'data-time' },
    { attr: 'data-post-time' },
    { attr: 'data-sort-time' },
    { sel: '[datetime]', attr: 'datetime' },
    { sel: '[data-timestamp]', attr: 'data-timestamp' },
    { sel: 'time' },
    { sel: STAMP },
  ] satisfies Pick[],
  label: [{ sel: 'time' }, { sel: STAMP }],
  title: [{ sel: 'h2' }, { sel: 'h3' }, { sel: 'h4' }],
  skip: `time, ${STAMP}, [class*="byline" i], [class*="share" i]`,
};

/** Entries found by the stamp they print: the stamp is their label, and their time unless a machine value says more. */
export const STAMPED_RECIPE: Recipe = {
  ...GENERIC_RECIPE,
  time: [...GENERIC_RECIPE.time!.filter((p) => p.attr), { stamp: true }],
  label: [{ stamp: true }, ...GENERIC_RECIPE.label!],
};

/** Class words that say what state an entry is in, not what it is ("block--pinned", "is-key-event", "left"). */
const STATE_WORDS = new Set([
  'active',
  'pending',
  'new',
  'key',
  'pinned',
  'pin',
  'highlight',
  'highlighted',
  'first',
  'last',
  'odd',
  'even',
  'featured',
  'sticky',
  'breaking',
  'open',
  'closed',
  'selected',
  'current',
  'visible',
  'hidden',
  'expanded',
  'collapsed',
  'left',
  'right',
  'important',
  'major',
  'minor',
  'loaded',
  'animated',
  'green',
  'red',
  'blue',
  'yellow',
]);

/**
 * A state class: "is-…"/"has-…", numbered, or any of its words a state word. Whole words only: "live-events"
 * is no "even", and "newsitem" no "new".
 */
export const isStateClass = (c: string): boolean =>
  /^(is|has)-|\d/i.test(c) ||
  c
    .toLowerCase()
    .split(/[-_]+/)
    .some((w) => STATE_WORDS.has(w));

/** What makes siblings "the same kind of block": tag and first class that is not a state. */
export function shapeOf(el: Element): string {
  const cls = [...el.classList].find((c) => !isStateClass(c));
  return cls ? `${el.tagName}.${cls}` : el.tagName;
}

const NOT_CONTENT =
  'nav, aside, footer, header, form, [role="navigation"], [role="complementary"], [role="contentinfo"]';
const DISCUSSION = /comment|repl(y|ies)|review|discussion|disqus|respond/i;

function isDiscussion(container: Element, entries: Element[]): boolean {
  for (let n: Element | null = container; n; n = n.parentElement) {
    if (DISCUSSION.test(n.id) || DISCUSSION.test(typeof n.className === 'string' ? n.className : ''))
      return true;
  }
  return entries
    .slice(0, 3)
    .some(
      (e) => DISCUSSION.test(e.id) || DISCUSSION.test(typeof e.className === 'string' ? e.className : ''),
    );
}

const textLength = (el: Element): number => (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;

/** Posts carry their own text; teaser lists are mostly links, and their headings lead to other pages. */
export function isTeaserList(doc: Document, entries: Element[], minOwnText = 60): boolean {
  let text = 0;
  let links = 0;
  let away = 0;
  const here = doc.URL.split('#')[0];
  for (const e of entries) {
    text += textLength(e);
    for (const a of e.querySelectorAll('a')) links += textLength(a);
    const head = e.querySelector('h1 a[href], h2 a[href], h3 a[href], h4 a[href]');
    const href = head?.getAttribute('href');
    if (href && !href.startsWith('#')) {
      try {
        if (new URL(href, doc.baseURI).href.split('#')[0] !== here) away++;
      } catch {
        // An unparsable link says nothing either way.
      }
    }
  }
  const ownText = (text - links) / entries.length;
  return ownText < minOwnText || links > text * 0.5 || away > entries.length / 2;
}

/** A list in the page's content: not in navigation, a sidebar or footer, and not a comment thread. */
export const inContent = (container: Element): boolean => !container.closest(NOT_CONTENT);
export const isContentList = (container: Element, entries: Element[]): boolean =>
  inContent(container) && !isDiscussion(container, entries);

export interface GenericOptions {
  /** Every entry must have an id (the page has not said it is a live blog). */
  requireIds: boolean;
  min: number;
  /** Reject teaser lists: only when nothing else says this is a live blog. */
  strict: boolean;
}

/** A run of timed entries: like siblings under one container, each holding (or being) a timed element. */
export interface TimedRun {
  container: Element;
  shape: string;
  entries: Element[];
}

/**
 * The runs of timed entries under `root` that the generic tier reads, most entries first: at least `min`
 * like siblings in the page's content (not in navigation, a sidebar or footer), each with an id when
 * `requireIds`. What is left to judge (a comment thread, a list of teasers) is findGenericList's.
 */
export function timedRuns(root: Element, options: { requireIds: boolean; min: number }): TimedRun[] {
  const groups = new Map<Element, Map<string, Set<Element>>>();
  const times = root.querySelectorAll(TIME_SELECTOR);
  for (let i = 0; i < times.length && i < 5000; i++) {
    let a: Element | null = times[i].parentElement;
    for (let depth = 0; a && a !== root && depth < 7; depth++, a = a.parentElement) {
      const parent = a.parentElement;
      if (!parent || (options.requireIds && !a.id)) continue;
      let byShape = groups.get(parent);
      if (!byShape) groups.set(parent, (byShape = new Map()));
      const shape = shapeOf(a);
      let set = byShape.get(shape);
      if (!set) byShape.set(shape, (set = new Set()));
      set.add(a);
    }
    // An entry can itself be the timed element (AMP items, legacy data-timestamp divs).
    const self = times[i];
    if (self.parentElement && self !== root && self.tagName !== 'TIME' && (!options.requireIds || self.id)) {
      const byShape = groups.get(self.parentElement) ?? new Map<string, Set<Element>>();
      groups.set(self.parentElement, byShape);
      const set = byShape.get(shapeOf(self)) ?? new Set<Element>();
      byShape.set(shapeOf(self), set.add(self));
    }
  }
  const runs: TimedRun[] = [];
  for (const [container, byShape] of groups) {
    for (const [shape, set] of byShape)
      if (set.size >= options.min && inContent(container)) runs.push({ container, shape, entries: [...set] });
  }
  return runs.sort((a, b) => b.entries.length - a.entries.length);
}

/** The generic tier's search where nothing on the page has said it is a live blog. */
export const GENERIC_STRICT: GenericOptions = { requireIds: true, min: 2, strict: true };

/** The best list of entries under `root`, or null. */
export function findGenericList(doc: Document, root: Element, options: GenericOptions): TimedRun | null {
  for (const c of timedRuns(root, options)) {
    if (isDiscussion(c.container, c.entries)) continue;
    if (options.strict && isTeaserList(doc, c.entries)) continue;
    // Keep page order.
    c.entries = [...c.container.children].filter((e) => c.entries.includes(e));
    return c;
  }
  return null;
}

/** The current entries of a list found before: its children of the same shape (new ones included). */
export const siblingsOfShape = (container: Element, shape: string): Element[] =>
  [...container.children].filter((e) => shapeOf(e) === shape);
