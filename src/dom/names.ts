/**
 * The words an element is named by: its classes and id (and data-component), lower-cased and split at
 * punctuation. Both the scope (is this chrome?) and the live-blog vetting (is this an ad slot?) judge
 * elements by them; each asks for its own variant.
 */
export interface NameWordsOptions {
  /** Split camelCase too ("adSlot" → ad, slot), and keep the joined pairs to the caller. */
  camelCase?: boolean;
  /** Leave out script hooks (`js-ad-section`): they say where a script acts, not what the element is. */
  skipScriptHooks?: boolean;
  /** Read `data-component` too (component frameworks name their parts there). */
  dataComponent?: boolean;
}

export function nameWords(el: Element, o: NameWordsOptions = {}): string[] {
  const cls = classOf(el);
  // Most elements of a story (paragraphs, links, emphasis) have no name: asked of every element walked.
  if (!named(el, cls, o)) return [];
  const rest = restOf(el, o);
  let lower = lowered(cls + rest, o.camelCase);
  // Script hooks are looked for only where one can be: a name without "js-" is taken whole (the spaces
  // between its classes split words anyway).
  if (o.skipScriptHooks && (o.camelCase ? cls.toLowerCase() : lower).includes('js-'))
    lower = lowered(
      cls
        .split(/\s+/)
        .filter((c) => !/^js-/i.test(c))
        .join(' ') + rest,
      o.camelCase,
    );
  // Once lower-cased, a plain string's letters and digits are [a-z0-9]: the same split, without compiling the Unicode classes.
  return lower.split(plain(lower) ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * What `nameWords` reads of an element, as one string ('' when it has no name): a key for what its words
 * say, for a caller that keeps that (a feed's entries repeat the same few names).
 */
export function nameKey(el: Element, o: NameWordsOptions = {}): string {
  const cls = classOf(el);
  return named(el, cls, o) ? `${cls.length}:${cls}${restOf(el, o)}` : '';
}

const classOf = (el: Element): string =>
  typeof el.className === 'string' ? el.className : (el.getAttribute('class') ?? '');
const named = (el: Element, cls: string, o: NameWordsOptions): boolean =>
  !!cls || !!el.id || (!!o.dataComponent && el.hasAttribute('data-component'));
const restOf = (el: Element, o: NameWordsOptions): string =>
  o.dataComponent ? ` ${el.id} ${el.getAttribute('data-component') ?? ''}` : ` ${el.id}`;

const lowered = (raw: string, camelCase?: boolean): string =>
  (camelCase ? raw.replace(/([a-z])([A-Z])/g, '$1 $2') : raw).toLowerCase();

/**
 * Whether every letter and digit of a string is ASCII: it holds ASCII and, beyond it, only the no-break
 * space, © « ® ° · » and general punctuation (’ “ ” – — … •), none of them a letter or a digit. Names,
 * links and most English text are plain: their words are found with [a-z] classes, where a Unicode
 * property class (`\p{L}`) costs a page load hundreds of µs to compile.
 */
export const plain = (s: string): boolean => !NOT_PLAIN.test(s);
const NOT_PLAIN = /[^\x00-\x7f\u00a0\u00a9\u00ab\u00ae\u00b0\u00b7\u00bb\u2000-\u206f]/;
