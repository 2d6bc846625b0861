/**
 * A live re-read told which nodes were added, changed and emptied (`DomChange`) reads the new and touched
 * entries alone, and must end with the very list the re-read that lists every entry makes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { findLiveBlog, rereadLiveBlog, type LiveBlog } from '../../src/liveblog';
import { parsePage } from '../helpers';

const DIR = resolve(__dirname, '../fixtures/platforms');
const page = (name: string) => parsePage(readFileSync(resolve(DIR, name), 'utf8'));

/** A small seeded random source: the same sequence of changes at every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const view = (blog: LiveBlog) =>
  blog.updates.map((u) => ({ ...u, elements: u.elements.map((e) => e.outerHTML.length) }));

/** A new entry like `el`: its ids and its first words changed, so that it is an update of its own. */
function likeEntry(el: Element, n: number): Element {
  const copy = el.cloneNode(true) as Element;
  for (const e of [copy, ...copy.querySelectorAll('[id]')]) e.id = `${e.id}-new${n}`;
  for (const a of copy.querySelectorAll('a[href]'))
    a.setAttribute('href', `${a.getAttribute('href')}-new${n}`);
  for (const a of [copy, ...copy.querySelectorAll('[data-ncpost-id],[data-post-id],[data-id]')])
    for (const name of ['data-ncpost-id', 'data-post-id', 'data-id'])
      if (a.hasAttribute(name)) a.setAttribute(name, `${a.getAttribute(name)}${n}`);
  const walker = copy.ownerDocument.createTreeWalker(copy, 0x4);
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (t.data.trim().length > 20) {
      t.data = `Entry number ${n} of the day: ${t.data}`;
      break;
    }
  }
  return copy;
}

const pages = readdirSync(DIR).filter((f) => f.endsWith('.html') && !f.startsWith('not-'));

describe('a live re-read from the change alone', () => {
  it.each(pages)('%s: ends with the list a re-read of every entry makes', (name) => {
    const doc = page(name);
    const now = Date.parse('2024-01-01T12:00:00Z');
    let full = findLiveBlog(doc, now, { borderline: true });
    let told = findLiveBlog(doc, now, { borderline: true });
    if (!full || !told) return;
    const rand = random(name.length * 7919);
    let byDelta = 0;
    vi.useFakeTimers({ now, toFake: ['Date'] });
    try {
      for (let step = 0; step < 40; step++) {
        const entries = told.updates.map((u) => u.elements[0]).filter((e) => e.isConnected);
        if (!entries.length) break;
        const pick = entries[Math.floor(rand() * entries.length)];
        const parent = pick.parentNode!;
        const change = { added: [] as Node[], changed: [] as Node[], removedFrom: [] as Node[] };
        const r = rand();
        if (r < 0.35) {
          // Insertions: one, or a few at once, before an entry (the top, mostly) or after the last.
          const at = rand() < 0.6 ? entries[0] : pick;
          for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) {
            const fresh = likeEntry(pick, step * 10 + k);
            at.parentNode!.insertBefore(fresh, at);
            change.added.push(fresh);
          }
        } else if (r < 0.5) {
          const fresh = likeEntry(pick, step * 10);
          entries.at(-1)!.after(fresh);
          change.added.push(fresh);
        } else if (r < 0.65 && entries.length > 2) {
          pick.remove();
          change.removedFrom.push(parent);
        } else if (r < 0.8) {
          // An ad slot among the entries, of their shape.
          const ad = doc.createElement(pick.tagName);
          ad.className = pick.className;
          ad.setAttribute('data-ad-slot', 'x');
          parent.insertBefore(ad, pick);
          change.added.push(ad);
        } else if (r < 0.87) {
          // An edit inside an entry: a text changed, or a paragraph taken out.
          const walker = doc.createTreeWalker(pick, 0x4);
          let text: Text | null = null;
          for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null)
            if (t.data.trim().length > 3) text = t;
          const gone = pick.querySelectorAll('p')[1];
          if (gone && rand() < 0.5) {
            change.removedFrom.push(gone.parentNode!);
            gone.remove();
          } else if (text) {
            text.data = `${text.data} (edited ${step})`;
            change.changed.push(text);
          }
        } else {
          // A paragraph added inside an entry.
          const p = doc.createElement('p');
          p.textContent = `A late paragraph, number ${step}.`;
          const where = pick.querySelector('p')?.parentNode ?? pick;
          where.appendChild(p);
          change.added.push(p);
        }
        vi.setSystemTime(now + step * 1000);
        const a = rereadLiveBlog(full, changedNodes(change));
        const b = rereadLiveBlog(told, change);
        expect(!!b).toBe(!!a);
        if (!a || !b) break;
        full = a.blog;
        told = b.blog;
        if (told.delta) byDelta++;
        expect(view(told)).toEqual(view(full));
      }
    } finally {
      vi.useRealTimers();
    }
    // The change alone was read (not a fallback to listing every entry) where the tier can tell.
    if (['wp-liveblog-react.html', 'generic-timeline.html', 'sky-norkon.html'].includes(name))
      expect(byDelta).toBeGreaterThan(30);
  });
});

const changedNodes = (c: { added: Node[]; changed: Node[]; removedFrom: Node[] }) => [
  ...c.added,
  ...c.changed,
  ...c.removedFrom,
];

/** A WordPress Liveblog page of `n` entries, as the benchmark's. */
function longBlog(n: number): Document {
  const entry = (id: number) =>
    `<article id="id_${id}" class="liveblog-entry"><aside><a class="liveblog-meta-time" href="#${id}"><time datetime="2016-11-24T06:${String(id % 60).padStart(2, '0')}:00Z"><span>06:${String(id % 60).padStart(2, '0')}</span></time></a></aside>` +
    `<div class="liveblog-entry-main"><header class="liveblog-meta"><h2 class="liveblog-entry-header">Headline ${id}</h2></header>` +
    `<div class="liveblog-entry-content"><p>The ${id}th update of the day, with words of its own.</p></div></div></article>`;
  const body = Array.from({ length: n }, (_, i) => entry(n - i)).join('');
  return parsePage(
    `<html><head><meta property="article:modified_time" content="2016-11-24T18:00:00Z"></head><body><main><div class="liveblog-feed">${body}</div></main></body></html>`,
  );
}

describe('the cost of a live insertion', () => {
  it('reads the new entry alone: no listing of the entries, every other record kept, the delta given', () => {
    const doc = longBlog(400);
    const blog = findLiveBlog(doc)!;
    expect(blog.via).toBe('platform:wp-liveblog');
    expect(blog.updates).toHaveLength(400);
    const feed = doc.querySelector('.liveblog-feed')!;
    const box = doc.createElement('div');
    box.innerHTML = `<article id="id_401" class="liveblog-entry"><div class="liveblog-entry-content"><p>Breaking: a new update.</p></div></article>`;
    const fresh = box.firstElementChild!;
    feed.prepend(fresh);
    const all = vi.spyOn(doc, 'querySelectorAll');
    const next = rereadLiveBlog(blog, { added: [fresh], changed: [], removedFrom: [] })!;
    expect(all).not.toHaveBeenCalled();
    all.mockRestore();
    expect(next.work).toBe('entries');
    const { updates, delta } = next.blog;
    expect(updates).toHaveLength(401);
    expect(updates[0].id).toBe('id_401');
    updates.slice(1).forEach((u, i) => expect(u).toBe(blog.updates[i]));
    expect(delta).toEqual({ base: blog.updates, added: [updates[0]], removed: [], changed: [] });
  });

  it('follows a removal and an edit by delta as well', () => {
    const doc = longBlog(50);
    const blog = findLiveBlog(doc)!;
    const third = blog.updates[2].elements[0];
    third.remove();
    const removed = rereadLiveBlog(blog, {
      added: [],
      changed: [],
      removedFrom: [doc.querySelector('.liveblog-feed')!],
    })!;
    expect(removed.blog.updates.map((u) => u.id)).toEqual(
      blog.updates.filter((_, i) => i !== 2).map((u) => u.id),
    );
    expect(removed.blog.delta).toMatchObject({ added: [], removed: [blog.updates[2]], changed: [] });
    const b = doc.createElement('b');
    b.textContent = ' (corrected)';
    blog.updates[0].elements[0].querySelector('h2')!.append(b);
    const edited = rereadLiveBlog(removed.blog, { added: [b], changed: [], removedFrom: [] })!;
    expect(edited.blog.delta).toMatchObject({ added: [], removed: [], changed: [edited.blog.updates[0]] });
    expect(edited.blog.updates[0].text).toBe('Headline 50 (corrected)');
    edited.blog.updates.slice(1).forEach((u, i) => expect(u).toBe(removed.blog.updates[i + 1]));
  });
});
