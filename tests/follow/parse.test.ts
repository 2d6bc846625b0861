import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePage, redirectWall } from '../../src/follow/parse';
import { watchKey } from '../../src/follow/watch';
import { findLiveBlog, firstLine } from '../../src/liveblog';

const fixture = (name: string) => readFileSync(`tests/fixtures/platforms/${name}`, 'utf8');
const NOW = Date.parse('2024-05-14T12:00:00Z');
const req = (html: string, over = {}) => ({
  html,
  url: 'https://news.example/live',
  finalUrl: 'https://news.example/live',
  known: [],
  watches: [],
  now: NOW,
  ...over,
});

describe('parsing a fetched live blog', () => {
  it('gives the same ids and first lines as the page itself would', async () => {
    const html = fixture('wp-liveblog-legacy.html');
    const r = await parsePage(req(html));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const blog = findLiveBlog(doc, NOW, { borderline: true })!;
    const ordered = blog.newestFirst ? blog.updates : [...blog.updates].reverse();
    expect(r.entries.map((e) => e.id)).toEqual(ordered.map((u) => u.id));
    expect(r.entries.map((e) => e.firstLine)).toEqual(ordered.map((u) => firstLine(u.text)));
    expect(r.entries.length).toBeGreaterThan(1);
  });
  it('looks for watched names only in updates it did not know', async () => {
    const html = `<!doctype html><title>Syria Daily</title><body><div class="liveblog-feed">
      <article id="id_2" class="liveblog-entry"><a class="liveblog-meta-time" href="#2"><span>10:20</span></a><div class="liveblog-entry-content"><p>Turkish-backed forces entered al-Bab on Thursday, officials said.</p></div></article>
      <article id="id_1" class="liveblog-entry"><a class="liveblog-meta-time" href="#1"><span>10:00</span></a><div class="liveblog-entry-content"><p>Shelling was reported near al-Bab overnight, residents said.</p></div></article>
    </div></body>`;
    const watches = [{ key: watchKey('al-Bab'), aliases: [] }];
    const all = await parsePage(req(html, { watches }));
    expect(all.ok && all.hits.map((h) => h.updateId)).toEqual(['id_2', 'id_1']);
    const fresh = await parsePage(req(html, { watches, known: ['id_1'] }));
    expect(fresh.ok && fresh.hits).toEqual([
      {
        watch: 'al bab',
        updateId: 'id_2',
        sentence: 'Turkish-backed forces entered al-Bab on Thursday, officials said.',
      },
    ]);
    expect(fresh.ok && fresh.title).toBe('Syria Daily');
  });
});

describe("a page that can't be checked says why", () => {
  it('a page its scripts render', async () => {
    const html =
      '<!doctype html><title>Live</title><body><div id="root"></div><script src="/app.js"></script></body>';
    expect(await parsePage(req(html))).toEqual({ ok: false, reason: 'script-rendered' });
  });
  it('a login form or a paywall', async () => {
    const html = `<!doctype html><body><h1>Sign in</h1><p>${'Subscribers only. '.repeat(40)}</p><form><input type="password"></form></body>`;
    expect(await parsePage(req(html))).toEqual({ ok: false, reason: 'login-wall' });
  });
  it('a consent wall', async () => {
    const html = `<!doctype html><body><div id="sp_message_container"></div><p>${'We value your privacy. '.repeat(30)}</p></body>`;
    expect(await parsePage(req(html))).toEqual({ ok: false, reason: 'consent-wall' });
  });
  it('a redirect to a login or consent page', async () => {
    expect(
      redirectWall('https://news.example/live', 'https://news.example/account/login?next=/live'),
    ).toEqual({
      reason: 'login-wall',
      detail: 'news.example',
    });
    expect(redirectWall('https://news.example/live', 'https://consent.example.com/?continue=x')).toEqual({
      reason: 'consent-wall',
      detail: 'consent.example.com',
    });
    expect(redirectWall('https://news.example/live', 'https://news.example/live')).toBeNull();
    expect(redirectWall('http://news.example/live', 'https://www.news.example/live-2')).toBeNull();
  });
  it('an ordinary article: no updates, and no wall either', async () => {
    const html = `<!doctype html><title>Story</title><body><article><h1>Story</h1>${'<p>Words of an ordinary article that is not a live blog at all.</p>'.repeat(20)}</article></body>`;
    expect(await parsePage(req(html))).toEqual({ ok: false, reason: 'no-entries' });
  });
});
