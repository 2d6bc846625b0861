/**
 * schema.org `LiveBlogPosting`: JSON-LD (an object, an array, an `@graph`, `@type` as a list) or microdata.
 * It tells that a page is a live blog and maps ids (`url#fragment`, bare or `#post-<urn>` `@id`s), but
 * it reflects the server's render and goes stale as updates arrive: the DOM stays the source of truth.
 */
import { normaliseText } from './hash';

export interface SchemaUpdate {
  /** Every id the update is known by: fragments, bare `@id`s, and the same without "post-"/"block-". */
  ids: string[];
  headline?: string;
  published?: string;
  body?: string;
}

export interface SchemaInfo {
  kind: 'json-ld' | 'microdata';
  updates: SchemaUpdate[];
  /** For microdata: the element that carries the LiveBlogPosting item. */
  root?: Element;
}

/** "block-5f3…", "post-urn:…", "id_42", "liveblog-entry-42" → the id they share with schema data. */
export const bareId = (id: string): string => id.replace(/^(block|post|entry|liveblog-entry|id)[-_]/i, '');

function idsOf(values: Array<unknown>): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string' || !v.trim()) continue;
    const s = v.trim();
    let id: string | undefined;
    if (s.includes('#')) id = s.slice(s.indexOf('#') + 1);
    else if (!/^[a-z]+:\/\//i.test(s)) id = s;
    if (!id) continue;
    out.add(id);
    out.add(bareId(id));
  }
  return [...out];
}

const typesOf = (node: Record<string, unknown>): string[] => {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t])
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.replace(/^.*[/#]/, ''));
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function fromJson(node: unknown, found: SchemaUpdate[][], depth = 0): void {
  if (!node || typeof node !== 'object' || depth > 5) return;
  if (Array.isArray(node)) {
    for (const n of node) fromJson(n, found, depth + 1);
    return;
  }
  const obj = node as Record<string, unknown>;
  if (typesOf(obj).includes('LiveBlogPosting')) {
    const raw = obj.liveBlogUpdate;
    const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Array<Record<string, unknown>>;
    found.push(
      list
        .filter((u) => u && typeof u === 'object')
        .map((u) => ({
          ids: idsOf([u.url, u['@id']]),
          headline: str(u.headline),
          published: str(u.datePublished),
          body: str(u.articleBody)?.replace(/<[^>]+>/g, ' '),
        })),
    );
  }
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'hasPart'])
    if (key in obj) fromJson(obj[key], found, depth + 1);
}

/**
 * Whether JSON text can hold a string containing `word` (plain ASCII letters): as written, or spelled
 * with `\u` escapes, the only escapes that make letters. A script without it need not be parsed: a
 * publisher's JSON-LD is often large, and most pages declare no live blog.
 */
export function jsonMayHold(json: string, word: string): boolean {
  if (json.includes(word)) return true;
  return (
    json.includes('\\u') &&
    json
      .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .includes(word)
  );
}

function jsonLd(doc: Document): SchemaUpdate[] | null {
  const found: SchemaUpdate[][] = [];
  for (const script of doc.querySelectorAll(JSON_LD)) {
    const text = script.textContent ?? '';
    if (!jsonMayHold(text, 'LiveBlogPosting')) continue;
    try {
      fromJson(JSON.parse(text), found);
    } catch {
      // Publishers ship broken JSON-LD now and then; one bad block does not hide the others.
    }
  }
  return found.length ? found.flat() : null;
}

function itemValue(el: Element | null): string | undefined {
  if (!el) return undefined;
  return str(
    el.getAttribute('content') ?? el.getAttribute('datetime') ?? el.getAttribute('href') ?? el.textContent,
  );
}

const MICRODATA_ROOT = '[itemscope][itemtype*="LiveBlogPosting"]';
const JSON_LD = 'script[type="application/ld+json"]';

function microdata(doc: Document): SchemaInfo | null {
  const root = doc.querySelector(MICRODATA_ROOT);
  if (!root) return null;
  const updates = [...root.querySelectorAll('[itemprop~="liveBlogUpdate"]')].map((u) => ({
    ids: idsOf([u.id, u.getAttribute('itemid'), itemValue(u.querySelector('[itemprop~="url"]'))]),
    headline: itemValue(u.querySelector('[itemprop~="headline"]')),
    published: itemValue(u.querySelector('[itemprop~="datePublished"]')),
    body: itemValue(u.querySelector('[itemprop~="articleBody"]')),
  }));
  return { kind: 'microdata', updates, root };
}

/** Whether readSchema could find a LiveBlogPosting, without parsing any JSON. */
export function mayDeclareLiveBlog(doc: Document): boolean {
  for (const script of doc.querySelectorAll(JSON_LD))
    if (jsonMayHold(script.textContent ?? '', 'LiveBlogPosting')) return true;
  return !!doc.querySelector(MICRODATA_ROOT);
}

/** The page's LiveBlogPosting, if it declares one. */
export function readSchema(doc: Document): SchemaInfo | null {
  const ld = jsonLd(doc);
  if (ld) return { kind: 'json-ld', updates: ld };
  return microdata(doc);
}

/** The schema update an entry element stands for: by id (its own or a heading's), else by headline or opening. */
export function matchSchema(
  updates: readonly SchemaUpdate[],
  el: Element,
  text: string,
): { id?: string; published?: string } | undefined {
  if (!updates.length) return undefined;
  const domIds = [el.id, ...[...el.querySelectorAll('[id]')].slice(0, 4).map((e) => e.id)]
    .filter(Boolean)
    .map(bareId);
  for (const u of updates)
    if (u.ids.some((id) => domIds.includes(bareId(id)))) return { id: u.ids[0], published: u.published };
  const norm = normaliseText(text.slice(0, 400));
  for (const u of updates) {
    const head = u.headline && normaliseText(u.headline);
    const body = u.body && normaliseText(u.body.slice(0, 200)).slice(0, 80);
    if ((head && norm.startsWith(head)) || (body && body.length >= 20 && norm.includes(body))) {
      return { id: u.ids[0], published: u.published };
    }
  }
  return undefined;
}

/** Entry elements the schema's ids point at ("#2259242", "block-<id>", "post-<urn>" → the heading with that id). */
export function elementsForSchema(doc: Document, info: SchemaInfo): Element[] {
  if (info.kind === 'microdata' && info.root) {
    const items = [...info.root.querySelectorAll('[itemprop~="liveBlogUpdate"]')];
    if (items.length) return items;
  }
  const out = new Set<Element>();
  for (const u of info.updates) {
    for (const id of u.ids) {
      const bare = bareId(id);
      const el = [id, bare, `block-${bare}`, `post-${bare}`, `id_${bare}`, `liveblog-entry-${bare}`]
        .map((v) => doc.getElementById(v))
        .find((e): e is HTMLElement => !!e);
      if (el) {
        out.add(el);
        break;
      }
    }
  }
  return [...out];
}
