/** Live insertion: a DOM change re-reads as little as it can. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLiveBlog, rereadLiveBlog } from '../../src/liveblog';
import { parsePage } from '../helpers';

const page = (name: string) =>
  parsePage(readFileSync(resolve(__dirname, '../fixtures/platforms', name), 'utf8'));

function norkonPost(doc: Document, id: string, title: string): Element {
  const post = doc.createElement('div');
  post.className = 'ncpost-list-post';
  post.innerHTML = `<div class="ncpost-container" data-ncpost-id="${id}"><div class="ncpost-header"><time datetime="2023-06-21T12:05:00+01:00" class="ncpost-timestamp">12:05</time></div><h3 class="ncpost-title">${title}</h3><div class="ncpost-content"><p>Talks have broken up for lunch and will resume at two.</p></div></div>`;
  return post;
}

describe('rereadLiveBlog', () => {
  it('finds an update inserted at the top by re-reading only the new entry', () => {
    const doc = page('sky-norkon.html');
    const blog = findLiveBlog(doc)!;
    const list = doc.querySelector('.ncpost-list-container')!;
    // An edit the observer did not report: a full re-read would see it, an incremental one must not.
    list.querySelector('.ncpost-title')!.textContent = 'Changed behind our back';
    const post = norkonPost(doc, '88123500', 'Talks break for lunch');
    list.prepend(post);
    const next = rereadLiveBlog(blog, [post])!;
    expect(next.work).toBe('entries');
    expect(next.blog!.updates.map((u) => u.id)).toEqual([
      '88123500',
      '88123407',
      '88123311',
      '88123177',
      '88123050',
    ]);
    expect(next.blog!.updates[0]).toMatchObject({ label: '12:05', time: '2023-06-21T11:05:00.000Z' });
    expect(next.blog!.updates[1].text.startsWith("Union says 'serious' offer needed")).toBe(true);
  });

  it('re-reads an entry whose text changed', () => {
    const doc = page('sky-norkon.html');
    const blog = findLiveBlog(doc)!;
    const title = doc.querySelector('.ncpost-title')!;
    title.firstChild!.textContent = 'Union says a serious offer is needed';
    const next = rereadLiveBlog(blog, [title.firstChild!])!;
    expect(next.work).toBe('entries');
    expect(next.blog!.updates[0].text.startsWith('Union says a serious offer is needed')).toBe(true);
    expect(next.blog!.updates[0].id).toBe('88123407');
  });

  it('re-reads only the entries whose text changed, leaving every other update as it was (no read of the list)', () => {
    const doc = page('sky-norkon.html');
    const blog = findLiveBlog(doc)!;
    const list = doc.querySelector('.ncpost-list-container')!;
    // A change the observer did not report: only a read of the whole list would see it.
    list.querySelectorAll('.ncpost-title')[3].textContent = 'Changed behind our back';
    const text = list.querySelectorAll('.ncpost-title')[1].firstChild as Text;
    text.data = 'A corrected sentence.';
    const next = rereadLiveBlog(blog, [text])!;
    expect(next.work).toBe('entries');
    const [a, b, c, d] = next.blog.updates;
    expect(b.text).toContain('A corrected sentence.');
    expect(b.id).toBe(blog.updates[1].id);
    expect([a, c, d]).toEqual([blog.updates[0], blog.updates[2], blog.updates[3]]);
    expect([a, c, d].map((u, i) => u === blog.updates[[0, 2, 3][i]])).toEqual([true, true, true]);
    expect(d.text).not.toContain('Changed behind our back');
    // Text that makes an id-less entry another id, or an added element: the list is read again.
    const post = norkonPost(doc, '88123500', 'Talks break for lunch');
    list.prepend(post);
    expect(rereadLiveBlog(next.blog, [post])!.blog.updates).toHaveLength(5);
  });

  it('costs nothing when the change is outside the updates', () => {
    const doc = page('sky-norkon.html');
    const blog = findLiveBlog(doc)!;
    const ad = doc.createElement('div');
    doc.body.append(ad);
    expect(rereadLiveBlog(blog, [ad])).toEqual({ blog, work: 'none' });
  });

  it('gives up when the list was replaced, so that the caller detects again', () => {
    const doc = page('sky-norkon.html');
    const blog = findLiveBlog(doc)!;
    const old = doc.querySelector('.ncpost-list-container')!;
    const copy = old.cloneNode(true) as Element;
    old.replaceWith(copy);
    expect(rereadLiveBlog(blog, [copy])).toBeNull();
    expect(findLiveBlog(doc)!.container.isConnected).toBe(true);
  });

  it('notices the Guardian revealing a pending update', () => {
    const doc = page('guardian-dcr.html');
    const blog = findLiveBlog(doc)!;
    expect(blog.updates[0].hidden).toBe(true);
    const pending = doc.getElementById('block-6543a1f08f08c2e0b4b0a009')!;
    pending.classList.remove('pending');
    const next = rereadLiveBlog(blog, [pending])!;
    expect(next.blog!.updates[0].hidden).toBe(false);
  });

  it('keeps the id of an id-less update through edits past its opening words, and two equal ones apart', () => {
    const doc = parsePage(`<body><main><div class="post-body">
      <p>UPDATE 1615 GMT: Turkey says three of its soldiers have been killed and ten wounded in an air strike near al-Bab.</p>
      <p>UPDATE 1615 GMT: Turkey says three of its soldiers have been killed and ten wounded in an air strike near al-Bab.</p>
      <p>ORIGINAL ENTRY: The day began quietly.</p></div></main></body>`);
    const blog = findLiveBlog(doc)!;
    const ids = blog.updates.map((u) => u.id);
    expect(new Set(ids).size).toBe(3);
    const p = doc.querySelector('p')!;
    p.textContent =
      'UPDATE 1615 GMT: Turkey says three of its soldiers have been killed and ten wounded in an air strike near the town of al-Bab, in northern Syria.';
    const next = rereadLiveBlog(blog, [p.firstChild!])!;
    expect(next.blog!.updates.map((u) => u.id)).toEqual(ids);
  });
});

describe('relative labels of live insertions', () => {
  it('count back from when the entry arrived, not from the page load', () => {
    const doc = page('aljazeera.html');
    const loaded = Date.parse('2024-01-01T12:00:00Z');
    const blog = findLiveBlog(doc, loaded)!;
    expect(blog.updates[0].time).toBe('2024-01-01T11:20:00.000Z');
    const item = doc.querySelector('li.liveblog-timeline__update')!.cloneNode(true) as Element;
    item
      .querySelector('a')!
      .setAttribute('href', '/news/liveblog/2023/9/10/live-morocco-earthquake/king-visits-hospital');
    item.querySelector('.liveblog-timeline__update-time')!.textContent = 'Just now';
    doc.querySelector('ul.liveblog-timeline')!.prepend(item);
    const arrived = Date.now();
    const next = rereadLiveBlog(blog, [item])!;
    expect(Date.parse(next.blog.updates[0].time!)).toBeGreaterThanOrEqual(
      Math.floor(arrived / 60_000) * 60_000,
    );
    // Entries read before keep the times they had.
    expect(next.blog.updates[1].time).toBe('2024-01-01T11:20:00.000Z');
  });
});
