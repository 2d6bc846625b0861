/**
 * DOM → a live blog's updates, or null for an ordinary page. Tiers, strongest first: schema.org
 * LiveBlogPosting says the page is a live blog and maps ids; known platform shapes (`platforms.ts`); the
 * schema's ids located in the DOM; generic structure; text markers inside one article body.
 */
import {
  changedNodes,
  commonAncestor,
  deltaOf,
  drain,
  elementBlog,
  isDomChange,
  uniqueIds,
  type Steps,
} from './extract';
import { gradeStructure } from './confidence';
import {
  findGenericList,
  GENERIC_RECIPE,
  GENERIC_STRICT,
  STAMPED_RECIPE,
  shapeOf,
  siblingsOfShape,
  type GenericOptions,
} from './generic';
import { firstLook, type FirstLook } from './first-look';
import { findStampedList, STAMPED_MIN, stampedSiblings } from './stamped';
import { PLATFORMS, platformEntries, type PlatformShape } from './platforms';
import { elementsForSchema, readSchema, type SchemaInfo } from './schema';
import { findMarkerBody, textMarkerUpdates } from './text-markers';
import { pageClock, publishedTime, type PageClock } from './time';
import type { DomChange, LiveBlog, LiveUpdate } from './types';

export type { Confidence, DomChange, LiveBlog, LiveUpdate, UpdatesDelta } from './types';
export { isBorderline } from './types';

/** A list's entries are its container's children of one shape: an added node is one, or holds none. */
const childrenOfShape = (container: Element, shape: string) => ({
  entries: () => siblingsOfShape(container, shape),
  entriesIn: (root: Node): Element[] =>
    root.nodeType === 1 && root.parentNode === container && shapeOf(root as Element) === shape
      ? [root as Element]
      : [],
  holds: (el: Element) => el.parentNode === container,
});

function* fromGenericList(
  doc: Document,
  root: Element,
  clock: () => PageClock,
  options: GenericOptions,
  via: string,
  schema: SchemaInfo | null,
): Steps<LiveBlog | null> {
  const list = findGenericList(doc, root, options);
  if (!list) return null;
  const { container, shape } = list;
  return yield* elementBlog(
    {
      via,
      recipe: GENERIC_RECIPE,
      ...childrenOfShape(container, shape),
      schema: schema ?? undefined,
    },
    clock(),
  );
}

function* fromPlatform(
  doc: Document,
  shape: PlatformShape,
  clock: () => PageClock,
  schema: SchemaInfo | null,
): Steps<LiveBlog | null> {
  const newestFirst = shape.order !== 'oldest-first';
  if (shape.embed) {
    // A widget rendered into the page: its own markup is unknown, so the generic tier reads inside it.
    for (const root of doc.querySelectorAll(shape.entry)) {
      const blog = yield* fromGenericList(
        doc,
        root,
        clock,
        { requireIds: false, min: 1, strict: false },
        `platform:${shape.name}`,
        schema,
      );
      if (blog) return blog;
    }
    return null;
  }
  const kept = (el: Element) => !(shape.exclude && el.closest(shape.exclude));
  const entries = () => [...doc.querySelectorAll(shape.entry)].filter(kept);
  // What an added subtree holds (its root too): the same selector, asked of the subtree alone.
  const entriesIn = (root: Node): Element[] => {
    if (root.nodeType !== 1) return [];
    const el = root as Element;
    const found = el.matches(shape.entry) ? [el] : [];
    found.push(...el.querySelectorAll(shape.entry));
    return found.filter(kept);
  };
  if (!entries().length) return null;
  yield;
  return yield* elementBlog(
    {
      via: `platform:${shape.name}`,
      recipe: shape,
      entries,
      entriesIn,
      newestFirst,
      revealAt: shape.revealAt ? doc.querySelector(shape.revealAt) : null,
      schema: schema ?? undefined,
    },
    clock(),
  );
}

/** A tier ruled out by a first look. */
function* nothing(): Steps<LiveBlog | null> {
  return null;
}

/** The schema's ids found in the DOM: their list, and every sibling of the same shape (newer ones too). */
function* fromSchema(doc: Document, schema: SchemaInfo, clock: () => PageClock): Steps<LiveBlog | null> {
  const found = elementsForSchema(doc, schema);
  if (!found.length) return null;
  let container: Element;
  let items: Element[];
  if (found.length > 1) {
    container = commonAncestor(found);
    items = found.map((el) => {
      let e = el;
      while (e.parentElement && e.parentElement !== container) e = e.parentElement;
      return e;
    });
  } else {
    // One known entry: climb to the first ancestor that has siblings like it.
    let e = found[0];
    while (
      e.parentElement &&
      e.parentElement !== doc.body &&
      siblingsOfShape(e.parentElement, shapeOf(e)).length < 2
    )
      e = e.parentElement;
    container = e.parentElement ?? e;
    items = [e];
  }
  const shapes = new Map<string, number>();
  for (const e of items) shapes.set(shapeOf(e), (shapes.get(shapeOf(e)) ?? 0) + 1);
  const shape = [...shapes].sort((a, b) => b[1] - a[1])[0][0];
  return yield* elementBlog(
    { via: 'schema', recipe: GENERIC_RECIPE, ...childrenOfShape(container, shape), schema },
    clock(),
  );
}

function* fromTextMarkers(
  doc: Document,
  pageClock: () => PageClock,
  starts?: readonly Node[],
): Steps<LiveBlog | null> {
  const body = yield* findMarkerBody(doc, starts);
  if (!body) return null;
  const clock = pageClock();
  const published = publishedTime(doc);
  const updates = uniqueIds(yield* textMarkerUpdates(body, clock, published));
  if (!updates.length) return null;
  const root: Element = body;
  function* rereadSteps(dirty?: readonly Node[] | DomChange): Steps<LiveUpdate[]> {
    return uniqueIds(
      yield* textMarkerUpdates(root, dirty ? { ...clock, now: Date.now() } : clock, published),
    );
  }
  const reread = (dirty?: readonly Node[] | DomChange) => drain(rereadSteps(dirty));
  return {
    via: 'text-markers',
    ...gradeStructure(updates),
    updates,
    container: body,
    newestFirst: true,
    reread,
    rereadSteps,
  };
}

/** Entries without ids, found by the stamps they print (a clock time, a match minute, a relative age). */
function* fromStamped(
  doc: Document,
  root: Element,
  clock: () => PageClock,
  texts?: readonly Text[],
): Steps<LiveBlog | null> {
  const list = yield* findStampedList(doc, root, STAMPED_MIN, texts);
  if (!list) return null;
  return yield* elementBlog(
    {
      via: 'generic',
      recipe: STAMPED_RECIPE,
      entries: () => stampedSiblings(list.container, list.shape),
      newestFirst: list.newestFirst,
    },
    clock(),
  );
}

export interface DetectOptions {
  /**
   * Also return a borderline page (`confidence: 'low'`): structure that looks like a live blog but is too
   * thin to act on unasked. The caller asks the reader before tracking it.
   */
  borderline?: boolean;
}

/**
 * The detection, as steps: a step per entry read, so that a page with hundreds of updates can be read in
 * slices that yield to it (`runSteps`), or all at once (`findLiveBlog`).
 */
export function* detectLiveBlog(
  doc: Document,
  now = Date.now(),
  options: DetectOptions = {},
): Steps<LiveBlog | null> {
  // The page's dates are read only once a tier has found entries to date: an ordinary page never needs them.
  let read: PageClock | undefined;
  const clock = () => (read ??= pageClock(doc, now));
  const schema = readSchema(doc);
  // Evidence: the page's own markup says it is a live blog. One look for every platform's entries first:
  // a platform whose entries are nowhere finds nothing, and most pages have none.
  if (doc.querySelector(platformEntries()))
    for (const shape of PLATFORMS) {
      // A step per platform: each asks the whole document for its entries (on a 2,000-entry page the
      // platforms before the page's own took 20 ms in one step).
      yield;
      const blog = yield* fromPlatform(doc, shape, clock, schema);
      if (blog) return blog;
    }
  const root = doc.body ?? doc.documentElement;
  if (schema) {
    const blog =
      (yield* fromSchema(doc, schema, clock)) ??
      (yield* fromGenericList(
        doc,
        root,
        clock,
        { requireIds: false, min: 2, strict: false },
        'schema',
        schema,
      ));
    if (blog) return blog;
  }
  // No evidence: structure, then text markers, each graded; the first strong one wins. The stamped and
  // text-marker tiers run only where a first look, taken just before each, finds they could find anything.
  let borderline: LiveBlog | null = null;
  let look: FirstLook | undefined;
  const tiers = [
    () => fromGenericList(doc, root, clock, GENERIC_STRICT, 'generic', null),
    () => {
      look = firstLook(doc, root, STAMPED_MIN);
      return look.stamped ? fromStamped(doc, root, clock, look.stampTexts) : nothing();
    },
    // The stamped tier's search yields to the page, which may have changed meanwhile: then look again.
    () => {
      const { markers, markerStarts } = look?.stamped || !look ? firstLook(doc, root, 0) : look;
      return markers ? fromTextMarkers(doc, clock, markerStarts) : nothing();
    },
  ];
  for (const tier of tiers) {
    const found = yield* tier();
    if (!found) continue;
    const blog = found.via === 'text-markers' ? found : { ...found, ...gradeStructure(found.updates) };
    if (blog.confidence !== 'low') return blog;
    if (!borderline || blog.score > borderline.score) borderline = blog;
  }
  return options.borderline ? borderline : null;
}

export function findLiveBlog(doc: Document, now = Date.now(), options: DetectOptions = {}): LiveBlog | null {
  return drain(detectLiveBlog(doc, now, options));
}

/**
 * The live blog after DOM changes (`nodes`: added nodes, changed text nodes, and the parents nodes were
 * removed from; or the same told apart, as a `DomChange`), doing as little as the change allows: changes
 * outside the updates' container cost nothing ('none'), changes inside it re-read only the touched
 * entries ('entries'; told apart, the new entries are found in the added nodes, without listing every
 * entry, and the blog carries the `delta`). Null when the list itself is gone or empty: then only a new
 * detection (`findLiveBlog`) can tell.
 */
export function rereadLiveBlog(
  previous: LiveBlog,
  nodes: readonly Node[] | DomChange,
): { blog: LiveBlog; work: 'none' | 'entries' } | null {
  return drain(rereadLiveBlogSteps(previous, nodes));
}

/** rereadLiveBlog in steps, for a caller that runs them in slices that yield. */
export function* rereadLiveBlogSteps(
  previous: LiveBlog,
  nodes: readonly Node[] | DomChange,
): Steps<{ blog: LiveBlog; work: 'none' | 'entries' } | null> {
  const { container } = previous;
  if (!container.isConnected) return null;
  // Only what lies inside the list: a banner removed from <body> above it touches no update.
  const within = (list: readonly Node[]) => list.filter((n) => container.contains(n));
  const inside: readonly Node[] | DomChange = isDomChange(nodes)
    ? { added: within(nodes.added), changed: within(nodes.changed), removedFrom: within(nodes.removedFrom) }
    : within(nodes);
  if (!changedNodes(inside).length) return { blog: previous, work: 'none' };
  const updates = previous.rereadSteps
    ? yield* previous.rereadSteps(inside)
    : previous.reread(changedNodes(inside) as Node[]);
  if (!updates.length) return null;
  if (updates === previous.updates) return { blog: previous, work: 'none' };
  const delta = deltaOf(updates);
  return {
    blog: { ...previous, updates, delta: delta?.base === previous.updates ? delta : undefined },
    work: 'entries',
  };
}

/** First line of an update for lists: its text, cut at a word boundary. */
export function firstLine(text: string, max = 140): string {
  const line = text.split('\n', 1)[0].trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).trimEnd() + '…';
}
