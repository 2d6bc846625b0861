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
  const cls = typeof el.className === 'string' ? el.className : (el.getAttribute('class') ?? '');
  // Most elements of a story (paragraphs, links, emphasis) have no name: asked of every element walked.
  if (!cls && !el.id && !(o.dataComponent && el.hasAttribute('data-component'))) return [];
  const classes = cls.split(/\s+/).filter((c) => c && !(o.skipScriptHooks && /^js-/i.test(c)));
  const parts = [...classes, el.id];
  if (o.dataComponent) parts.push(el.getAttribute('data-component') ?? '');
  let raw = parts.join(' ');
  if (o.camelCase) raw = raw.replace(/([a-z])([A-Z])/g, '$1 $2');
  return raw
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
