/**
 * Where names are looked for: the page's main content (article body, updates, captions, author box),
 * not navigation, footers, forms, scripts, editable areas or comment threads, nor the chrome that news
 * pages put inside the article: share bars, bylines' social links, menus, related-story rails, tag lists,
 * photo credits, cookie and sign-up text. Chrome is learnt from structure, as sites name it differently:
 *  - names: class, id and data-component words and ARIA roles listed in `chrome.json`; a name that only
 *    says "related" counts when the element is shaped as a rail (a heading or label, three links or more);
 *  - links to social networks and share schemes (`chrome.json` too): share buttons, handles, hashtags, and
 *    paragraphs that send the reader to the site's own accounts;
 *  - link density: a list (or a run of like items) whose text is mostly links is navigation (menus,
 *    "More on this story", "Most viewed", topic tags, key-event carousels), whatever its class, and a
 *    paragraph that is mostly a link to another page is a teaser;
 *  - repeated per-entry chrome: in a run of like entries (live-blog updates, teaser cards), a short text
 *    that many entries repeat at the same place ("Share", "Post on X", the author of each update), or a
 *    few texts that take turns there (two reporters' names), is chrome.
 * The judgements read the DOM only and are cached per element (refreshed when its children change).
 */
import chrome from './chrome.json';
import { nameKey, nameWords, plain } from './names';

/** Elements whose whole subtree is out of scope. */
export const EXCLUDED_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'video',
  'audio',
  'math',
  'textarea',
  'input',
  'select',
  'button',
  'option',
  'label',
  'form',
  'code',
  'pre',
  'kbd',
  'samp',
  'nav',
  '[role="navigation"]',
  'footer',
  '[role="contentinfo"]',
  'aside',
  '[role="complementary"]',
  '[aria-modal="true"]',
  '[contenteditable=""]',
  '[contenteditable="true" i]',
  '[contenteditable="plaintext-only" i]',
  '[aria-hidden="true"]',
  '[hidden]',
  '#comments',
  '.comments',
  '.comments-area',
  '.comment-list',
  '#respond',
  '#disqus_thread',
  '.ad',
  '.advert',
  '.advertisement',
  '[class*="ad-slot"]',
  '.cookie-banner',
  '#cookie-banner',
  '[data-backstory-host]',
].join(',');

/** Whether an element's text (its `textContent`) is longer than `n`, read no further than that. */
function textLongerThan(doc: Document, el: Element, n: number): boolean {
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  let length = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode())
    if ((length += (t as Text).data.length) > n) return true;
  return false;
}

/** The part of the page to scan: the main landmark when there is one, else the body. */
export function scanRoot(doc: Document): Element | null {
  const main = doc.querySelector('main, [role="main"]');
  // Not the landmark's whole textContent, built as one string on every call: 200 characters decide.
  if (main && textLongerThan(doc, main, 200)) return main;
  const articles = doc.querySelectorAll('article');
  if (articles.length === 1) return articles[0];
  return doc.body;
}

/** `contenteditable` is an enumerated attribute: "", "true" and "plaintext-only" in any case make an element editable. */
const EDITABLE = new Set(['', 'true', 'plaintext-only']);

/** What a name word says (bits): chrome, a rail's name, byline furniture, the first word of chrome phrases. */
const CHROME = 1;
const RAIL = 2;
const BYLINE_WORD = 4;
const PHRASE = 8;
/**
 * Every word `chrome.json` lists, with what it says, and the phrases by their first word: an element's
 * words are looked up once each (the same answers as asking each list and each phrase at each word, for
 * a fraction of the work; nearly every word of a page's class names is in none).
 */
const NAME_WORDS = new Map<string, number>();
const PHRASES = new Map<string, string[][]>();
for (const [list, bit] of [
  [chrome.words, CHROME],
  [chrome.railWords, RAIL],
  [chrome.bylineWords, BYLINE_WORD],
] as const)
  for (const w of list) NAME_WORDS.set(w, (NAME_WORDS.get(w) ?? 0) | bit);
for (const phrase of chrome.phrases) {
  const words = phrase.split(' ');
  NAME_WORDS.set(words[0], (NAME_WORDS.get(words[0]) ?? 0) | PHRASE);
  const list = PHRASES.get(words[0]);
  if (list) list.push(words);
  else PHRASES.set(words[0], [words]);
}
/** The story's byline as markup says it: its author link or author item. */
const BYLINE = '[rel~="author"], [itemprop~="author"]';
const CHROME_ROLES = new Set(chrome.roles);
const KEEP = new Set(chrome.keep.map((t) => t.toUpperCase()));
const LINK_HOSTS = new Set(chrome.linkHosts);
const LINK_SCHEMES = chrome.linkSchemes;

const LINK_WORDS = new Set(chrome.linkWords);
const LINK_PATHS = new Set(chrome.linkPaths);

/** A social network's host: www.facebook.com, mobile.twitter.com (the registrable part decides). */
function socialHost(host: string): boolean {
  for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) if (LINK_HOSTS.has(h)) return true;
  return false;
}

/**
 * A share or follow link: a share scheme (mailto:), or a link to a social network that shares or
 * follows, or whose text is a handle, a hashtag, an address or the network's name ("Share on Facebook",
 * "@robpicheta", "#EFC", "pic.twitter.com/…"). A byline's name linking to its author's profile stays.
 */
export function socialLink(el: Element): boolean {
  if (el.tagName !== 'A') return false;
  const href = el.getAttribute('href')?.trim().toLowerCase();
  if (!href) return false;
  if (LINK_SCHEMES.some((s) => href.startsWith(s))) return true;
  const m = /^(?:https?:)?\/\/([^/?#:]+)([^?#]*)/.exec(href);
  if (!m) return false;
  if (!socialHost(m[1])) return false;
  if (m[2].split(/[/._-]+/).some((w) => LINK_PATHS.has(w))) return true;
  const text = (el.textContent ?? '').trim();
  if (!text || /^[@#]|[/.]\S/.test(text)) return true;
  return letterWords(text).some((w) => LINK_WORDS.has(w));
}

/** A text's runs of letters, lower-cased (see `plain`: most links' text needs no Unicode class). */
function letterWords(text: string): string[] {
  const lower = text.toLowerCase();
  return lower.split(plain(lower) ? /[^a-z]+/ : /[^\p{L}]+/u);
}

/** A link to a social network's profile (one path segment) whose text names the network or the action. */
function followLink(a: Element): boolean {
  const href = a.getAttribute('href')?.trim().toLowerCase() ?? '';
  const m = /^(?:https?:)?\/\/([^/?#:]+)\/[^/?#]+\/?(?:[?#]|$)/.exec(href);
  if (!m || !socialHost(m[1])) return false;
  return letterWords(a.textContent ?? '').some((w) => LINK_WORDS.has(w));
}

/**
 * A paragraph that sends the reader to the site's own accounts ("Follow Metro.co.uk on Twitter and
 * Facebook", "You can contact CorkBeo on Facebook, Twitter, Instagram"): two links or more to social
 * profiles, each named by its network. A story that cites one post links to the post, by its words.
 */
export function followPromo(
  el: Element,
  links: ArrayLike<Element> = el.querySelectorAll('a[href]'),
): boolean {
  if (el.tagName !== 'P' || links.length < 2) return false;
  let follows = 0;
  for (let i = 0; i < links.length; i++) if (followLink(links[i]) && ++follows >= 2) return true;
  return false;
}

/** Whether a paragraph is a teaser or a follow promo: both read its links (none, as most have: neither). */
function paragraphChrome(el: Element): boolean {
  const links = el.querySelectorAll('a[href]');
  return links.length > 0 && (teaser(el, links) || followPromo(el, links));
}

const NAMES = { skipScriptHooks: true, dataComponent: true };
/** What names say (`SAYS_CHROME`, else their byline and rail bits), by the names as written (`nameKey`). */
const saidBy = new Map<string, number>();
const SAYS_CHROME = -1;
/** Names kept: a page that names every element differently costs a bounded map. */
const NAMES_KEPT = 4096;

/** Whether the element's names or role say it is chrome (`chrome.json`). */
export function namedChrome(el: Element): boolean {
  if (KEEP.has(el.tagName)) return false;
  const role = el.getAttribute('role');
  if (role && CHROME_ROLES.has(role.trim().toLowerCase())) return true;
  // Asked of every element a walk enters; the entries of a feed repeat a few names, read once each.
  const key = nameKey(el, NAMES);
  if (!key) return false;
  let said = saidBy.get(key);
  if (said === undefined) {
    said = wordsSay(nameWords(el, NAMES));
    if (saidBy.size >= NAMES_KEPT) saidBy.clear();
    saidBy.set(key, said);
  }
  if (said === SAYS_CHROME) return true;
  if (said & BYLINE_WORD && !el.querySelector(BYLINE)) return true;
  return (said & RAIL) !== 0 && railShaped(el);
}

/** A chrome word or phrase anywhere decides; byline and rail words only once none is there. */
function wordsSay(words: readonly string[]): number {
  let said = 0;
  for (let i = 0; i < words.length; i++) {
    const bits = NAME_WORDS.get(words[i]);
    if (bits === undefined) continue;
    if (bits & CHROME) return SAYS_CHROME;
    if (bits & PHRASE && PHRASES.get(words[i])!.some((p) => phraseAt(words, i, p))) return SAYS_CHROME;
    said |= bits;
  }
  return said;
}

/** Whether `words` holds the phrase's words from `i` on. */
function phraseAt(words: readonly string[], i: number, phrase: readonly string[]): boolean {
  if (i + phrase.length > words.length) return false;
  for (let j = 1; j < phrase.length; j++) if (words[i + j] !== phrase[j]) return false;
  return true;
}

const HEADINGS = 'h1,h2,h3,h4,h5,h6,[role="heading"]';
/** How many letters and digits a text has (see `plain`). */
const wordChars = (s: string | null | undefined) =>
  s ? (s.match(plain(s) ? /[a-zA-Z0-9]/g : /[\p{L}\p{N}]/gu)?.length ?? 0) : 0;

/**
 * Whether an element named as related links is shaped as a rail: a heading or a label of its own ("Related
 * Coverage", "Related Posts", "Lee también": words that are not links), or links enough to be a list of
 * its own, or no link at all. A link or two and nothing else, set among the story's paragraphs (the seed
 * page's two opinion pieces, whose headlines name the State Department), are read as the story's text.
 */
export function railShaped(el: Element): boolean {
  if (el.querySelector(HEADINGS)) return true;
  const links = [...el.querySelectorAll('a[href]')];
  if (el.tagName === 'A' && el.hasAttribute('href')) links.push(el);
  if (!links.length || links.length >= MIN_LINKS) return true;
  let linked = 0;
  for (const a of links)
    if (a === el || !a.parentElement?.closest('a[href]')) linked += wordChars(a.textContent);
  return linked < wordChars(el.textContent);
}

const LIST_TAGS = new Set(['UL', 'OL', 'MENU', 'DL']);
/** At least this many links, making at least this share of the text, make a list navigation. */
const MIN_LINKS = 3;
const LINK_SHARE = 0.7;
/** A teaser's link is a headline, longer than a name. */
const TEASER_WORDS = 4;
/** Entries that repeat a text at the same place: at least this many, and this share of the entries (two
 * authors taking turns on a live blog each sign fewer than half). */
const MIN_ENTRIES = 3;
const REPEAT_SHARE = 0.4;
/** Reporters taking turns in unequal shares (15 and 10 of 26 entries): at one place, at most this many
 * texts, each repeated by MIN_ENTRIES entries, that together fill this share of the entries are chrome. */
const MAX_TURNS = 4;
const TURNS_SHARE = 2 / 3;
/** Repeated chrome is short ("Share", "Post on X", an author's name); a longer repeated text is kept. */
const SHORT = 40;

const letters = (s: string | null | undefined) => (s ? s.replace(/\s+/g, '').length : 0);
/** An item's shape: its tag and class, so that the entries of one run match and a heading does not. */
const shape = (el: Element) => `${el.tagName}.${el.getAttribute('class') ?? ''}`;

/**
 * Not items: inline elements are runs of text (three linked names in a byline are not a list), and
 * metadata or void elements hold no entries (some parsers even nest content inside a stray <meta>).
 */
const NOT_ITEMS = new Set(
  'A SPAN B I EM STRONG SMALL TIME ABBR BR WBR SUP SUB MARK CITE Q U S IMG PICTURE SOURCE META LINK SCRIPT STYLE NOSCRIPT TEMPLATE HR INPUT'.split(
    ' ',
  ),
);

/**
 * Whether an element has more than `n` element children, stepping through at most n + 1 of them. The walk
 * asks this of every element, where reading `children` makes each one a live collection that the browser
 * keeps (1.2–1.5 µs an element in Chromium: 5.6–6.9 ms over 4,500 new elements in a page script).
 */
export function moreChildrenThan(el: Element, n: number): boolean {
  let c = el.firstElementChild;
  for (let i = 0; c; i++, c = c.nextElementSibling) if (i >= n) return true;
  return false;
}

/** The run of like items under `el`: its children sharing the most common shape, if there are enough. */
function likeChildren(el: Element): Element[] {
  if (!moreChildrenThan(el, MIN_ENTRIES - 1)) return [];
  const byShape = new Map<string, Element[]>();
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (NOT_ITEMS.has(c.tagName)) continue;
    const s = shape(c);
    const list = byShape.get(s);
    if (list) list.push(c);
    else byShape.set(s, [c]);
  }
  let best: Element[] = [];
  for (const list of byShape.values()) if (list.length > best.length) best = list;
  return best.length >= MIN_ENTRIES ? best : [];
}

/**
 * A long run is judged on this many of its items, spread over it: a question about one element must not
 * read a whole 2,000-entry live blog (and again after every insertion).
 */
export const RUN_SAMPLE = 48;

/** Up to RUN_SAMPLE items, evenly spread from the first to the last. */
function sampleOf(items: readonly Element[]): readonly Element[] {
  if (items.length <= RUN_SAMPLE) return items;
  const out: Element[] = [];
  for (let k = 0; k < RUN_SAMPLE; k++)
    out.push(items[Math.round((k * (items.length - 1)) / (RUN_SAMPLE - 1))]);
  return out;
}

/** A list, or a run of like items (`items`: its like children), whose text is mostly link text: menus, rails, tag lists. */
export function linkList(el: Element, items: readonly Element[] = likeChildren(el)): boolean {
  if (!LIST_TAGS.has(el.tagName) && !items.length) return false;
  // A long run: its sampled items' text stands for the whole.
  const parts = items.length > RUN_SAMPLE ? sampleOf(items) : [el];
  let links = 0;
  let text = 0;
  let linked = 0;
  for (const part of parts) {
    const found = part.querySelectorAll('a[href]');
    links += found.length;
    text += letters(part.textContent);
    for (const a of found) if (!a.parentElement?.closest('a[href]')) linked += letters(a.textContent);
  }
  if (links < MIN_LINKS || !text) return false;
  return linked / text >= LINK_SHARE;
}

/**
 * A paragraph that is mostly one link to another page: a teaser ("MORE : The Metro daily cartoon",
 * "Read the full transcript"), not the story's own text. A headline has words enough; a byline's linked
 * name ("By Jon King") or several linked names are not a teaser.
 */
export function teaser(el: Element, links: ArrayLike<Element> = el.querySelectorAll('a[href]')): boolean {
  if (el.tagName !== 'P') return false;
  if (links.length !== 1 || links[0].getAttribute('href')!.trim().startsWith('#')) return false;
  const text = links[0].textContent ?? '';
  if (text.trim().split(/\s+/).length < TEASER_WORDS) return false;
  return letters(text) / Math.max(1, letters(el.textContent)) >= LINK_SHARE;
}

/** The path from an entry to one of its descendants, by tag and class: the "same place" in each entry. */
function placeIn(entry: Element, el: Element): string {
  const parts: string[] = [];
  for (let e: Element | null = el; e && e !== entry; e = e.parentElement) parts.push(shape(e));
  return parts.join('<');
}

/**
 * What a run of like entries repeats (same place, same short text): the per-entry share links, "Post on
 * X", a repeated author or label. Kept as keys (`place|text`) (the entries' shape is the judgement's),
 * so that an entry added later is matched without reading the run again; a long run is read from a sample
 * of its entries.
 */
function repeatedChrome(el: Element, entries: readonly Element[] = likeChildren(el)): Set<string> | null {
  if (!entries.length) return null;
  const sampled = sampleOf(entries);
  const seen = new Map<string, Set<Element>>();
  /** The keys found at each place. */
  const atPlace = new Map<string, string[]>();
  for (const entry of sampled) {
    for (const d of entry.querySelectorAll('*')) {
      const key = repeatKey(entry, d);
      if (key === null) continue;
      let s = seen.get(key);
      if (!s) {
        seen.set(key, (s = new Set()));
        const place = placeIn(entry, d);
        const list = atPlace.get(place);
        if (list) list.push(key);
        else atPlace.set(place, [key]);
      }
      s.add(entry);
    }
  }
  const need = Math.max(MIN_ENTRIES, Math.ceil(sampled.length * REPEAT_SHARE));
  const keys = new Set<string>();
  for (const [key, s] of seen) if (s.size >= need) keys.add(key);
  // A place where a few repeated texts take turns (the authors of a live blog) holds chrome, whatever each one's share.
  for (const list of atPlace.values()) {
    const repeated = list.filter((k) => seen.get(k)!.size >= MIN_ENTRIES);
    if (!repeated.length || repeated.length > MAX_TURNS) continue;
    const covered = new Set<Element>();
    for (const k of repeated) for (const e of seen.get(k)!) covered.add(e);
    if (covered.size >= sampled.length * TURNS_SHARE) for (const k of repeated) keys.add(k);
  }
  return keys.size ? keys : null;
}

/** Where in its entry a descendant is and its short text, or null when it is no candidate (long, nested). */
function repeatKey(entry: Element, d: Element): string | null {
  if (moreChildrenThan(d, 2)) return null;
  const raw = d.textContent;
  if (!raw) return null;
  // Asked of every paragraph of every new entry: a long text is told long by its start, not rewritten whole
  // (a start, collapsed, is the start of the whole, collapsed).
  if (raw.length > SHORT && collapsed(raw.slice(0, 2 * SHORT)).length > SHORT) return null;
  const text = collapsed(raw);
  if (!text || text.length > SHORT) return null;
  return `${placeIn(entry, d)}|${text}`;
}

const collapsed = (text: string) => text.replace(/\s+/g, ' ').trim();

interface Judgement {
  /** The element's child count when judged: a changed list is judged again (a long run: once it changed by an eighth). */
  children: number;
  /** Its run of like children (none: no run), and their shape. */
  items: readonly Element[];
  shape: string;
  /**
   * Whether it is chrome, and what its run of entries repeats: each read when first asked for. Most
   * elements judged are only ever asked one of the two (the walk asks whether an element is chrome, and
   * its descendants what their ancestors' runs repeat), and most never need what a run repeats.
   */
  chrome?: boolean;
  repeated?: Set<string> | null;
}
const judged = new WeakMap<Element, Judgement>();

/** From this many children on, a few more or fewer (a live blog's new entries) do not change the judgement. */
export const LONG_RUN = 64;

function judge(el: Element): Judgement {
  const cached = judged.get(el);
  // Asked of every ancestor of every element walked. A long run's `children.length` is cached by the
  // browser until its children change, where `childElementCount` counts them at each call (quadratic on a
  // long live blog); any other element is counted (see moreChildrenThan): a few children, or once for a
  // run that grew long, which is judged again and read from its collection from then on.
  // eslint-disable-next-line no-restricted-properties -- counted only where the count is short (above)
  const n = cached && cached.children >= LONG_RUN ? el.children.length : el.childElementCount;
  if (
    cached &&
    (cached.children === n ||
      (cached.children >= LONG_RUN && Math.abs(n - cached.children) * 8 < cached.children))
  )
    return cached;
  // Both questions read the run of like children: found once (a live blog's feed has thousands).
  const items = n < MIN_ENTRIES ? [] : likeChildren(el);
  const j: Judgement = { children: n, items, shape: items.length ? shape(items[0]) : '' };
  judged.set(el, j);
  return j;
}

/** Whether an element is chrome by its names, links or shape (judged once, see `judge`). */
function chromeJudged(el: Element): boolean {
  const j = judge(el);
  if (j.chrome === undefined) {
    // Each judgement past the names only where it can hold: a link, a list or run, a paragraph.
    const tag = el.tagName;
    j.chrome =
      namedChrome(el) ||
      (tag === 'A' && socialLink(el)) ||
      ((j.items.length > 0 || LIST_TAGS.has(tag)) && linkList(el, j.items)) ||
      (tag === 'P' && paragraphChrome(el));
  }
  return j.chrome;
}

/**
 * What a run's entries repeat, worked out now (it is otherwise worked out when the first element inside
 * the run asks): a walk asks for it in a step of its own, apart from judging the run.
 */
export function judgeRepeats(el: Element): void {
  const j = judge(el);
  if (j.items.length && j.repeated === undefined) j.repeated = repeatedChrome(el, j.items);
}

/** Whether an element repeats at the same place in every entry of a run of like entries above it. */
function repeatedInEntries(el: Element): boolean {
  // Only a short text with few children repeats (see repeatKey): an element with more never does.
  if (moreChildrenThan(el, 2)) return false;
  let entry = el;
  for (let p = el.parentElement, i = 0; p && i < 6; entry = p, p = p.parentElement, i++) {
    if (entry === el) continue;
    const j = judge(p);
    if (!j.items.length || shape(entry) !== j.shape) continue;
    const key = repeatKey(entry, el);
    if (key === null) continue;
    if (j.repeated === undefined) j.repeated = repeatedChrome(p, j.items);
    if (j.repeated?.has(key)) return true;
  }
  return false;
}

export function isExcluded(el: Element): boolean {
  // The attribute check as well: some DOM implementations ignore the selector's `i` flag.
  const editable = el.getAttribute('contenteditable');
  if ((editable !== null && EDITABLE.has(editable.toLowerCase())) || el.matches(EXCLUDED_SELECTOR))
    return true;
  return structuralChrome(el);
}

/**
 * Page chrome found from structure rather than by selector (share bars, link lists, teasers, what every
 * entry repeats): the walk asks this of each element it enters, after the selector's subtrees are gone.
 */
export function structuralChrome(el: Element): boolean {
  if (el.tagName === 'BODY' || el.tagName === 'HTML' || el.tagName === 'MAIN') return false;
  return chromeJudged(el) || repeatedInEntries(el);
}

/**
 * Whether a node is out of scope: it or any ancestor up to `root` is excluded (for live insertions).
 * `known`: the answers for elements asked before (kept there for each element passed): a hundred entries
 * inserted into one feed share every ancestor, which is then judged once, not once per entry.
 */
export function outOfScope(node: Node, root?: Node | null, known?: Map<Element, boolean>): boolean {
  const path: Element[] = [];
  let out = false;
  for (let e = node.nodeType === 1 ? (node as Element) : node.parentElement; e; e = e.parentElement) {
    const said = known?.get(e);
    if (said !== undefined) {
      out = said;
      break;
    }
    path.push(e);
    if (isExcluded(e)) {
      out = true;
      break;
    }
    if (e === root) break;
  }
  if (known) for (const e of path) known.set(e, out);
  return out;
}
