/**
 * Fuzz, in Node: generated documents (live-blog platforms, schema.org, generic stamped lists, text
 * markers, tag soup) whose ids, labels, titles and text a hostile page controls — `__proto__`,
 * `constructor`, 100 KB strings, lone surrogates, control characters, bidi overrides — go through the
 * content script's own code: live-blog detection (findLiveBlog, rereadLiveBlog), the scope and the
 * text-block walker (scanRoot, walkBlocks, locate) and name detection; what the content script would
 * report is checked against the background's schema and stored (fake-indexeddb), then marked. Asserts no
 * exception anywhere, every reported update stored, every one markable (unseen 0 after marking).
 *
 * ROBUST_FUZZ_DOCS sets the number of documents: 200 in the unit suite, 1,000 from `npm run check:robustness`
 * (5,000 with `--full`).
 * Each document is a test named by its seed: ROBUST_FUZZ_SEED=N replays that one alone.
 */
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { createPageDetector } from '../../src/detect';
import { locate, walkBlocks } from '../../src/dom/blocks';
import { scanRoot } from '../../src/dom/scope';
import { findLiveBlog, firstLine, rereadLiveBlog } from '../../src/liveblog';
import { refuse } from '../../src/messaging/schemas';
import { aliasOf, storedId } from '../../src/reading/keys';
import { hostile, KEYS, ODD, rng, SHAPES, type Rng } from './generate';
import { markUpdates, pageState, recordReport, UPDATES_MAX } from '../../src/reading/store';
import { openStore, type DB } from '../../src/storage';

const DOCS = Number(process.env.ROBUST_FUZZ_DOCS ?? 200);
const ONLY = process.env.ROBUST_FUZZ_SEED ? Number(process.env.ROBUST_FUZZ_SEED) : null;

/** Lone surrogates cannot travel through HTML (the parser replaces them): put some into the DOM itself. */
function taint(doc: Document, r: Rng): void {
  const walker = doc.createTreeWalker(doc.body, 0x4);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const t of texts) if (r.chance(0.1)) t.data = r.pick(ODD) + t.data + r.pick(ODD);
  for (const el of doc.body.querySelectorAll('[id]')) if (r.chance(0.2)) el.id = hostile(r) + r.pick(ODD);
}

interface Outcome {
  blog: boolean;
  updates: number;
  blocks: number;
  entities: number;
}

async function runDocument(seed: number, db: DB): Promise<Outcome> {
  const r = rng(seed);
  const shape = r.pick(Object.keys(SHAPES));
  const n = 1 + r.int(r.chance(0.05) ? 40 : 8);
  const url = `https://news.example/live/${seed}?q=${encodeURIComponent(hostile(r).slice(0, 200).toWellFormed())}#${encodeURIComponent(r.pick(KEYS))}`;
  // One window for every document (a new one costs more than the document): a new URL, a new tree.
  window.happyDOM.setURL(url);
  {
    const doc = window.document as unknown as Document;
    doc.documentElement.innerHTML = `<head><title></title></head><body>${SHAPES[shape](r, n)}</body>`;
    doc.documentElement.setAttribute('lang', r.pick(['en', '', 'de', hostile(r).slice(0, 20)]));
    doc.title = hostile(r);
    taint(doc, r);

    // Live blog: found (or not), then re-read after an edit as the content script does.
    const blog = findLiveBlog(doc, Date.UTC(2026, 0, 1, 12), { borderline: true });
    if (blog) {
      const touched = blog.updates[0]?.elements[0]?.firstChild;
      if (touched && touched.nodeType === 3) (touched as Text).data += r.pick(ODD);
      rereadLiveBlog(blog, touched ? [touched] : []);
    }
    // Scope and blocks: every block located back onto its nodes.
    const root = scanRoot(doc);
    const blocks = root ? [...walkBlocks(root, doc)] : [];
    for (const b of blocks) {
      locate(b, 0, false);
      locate(b, b.text.length, true);
    }
    const detector = createPageDetector();
    for (const b of blocks) detector.add(b.text);
    const { entities } = detector.resolve();

    // What the reading feature reports, as the background receives it from this page's content script.
    const updates = (blog?.updates ?? []).map((u) => ({
      id: u.id,
      label: u.label,
      ...(u.time ? { time: u.time } : {}),
      firstLine: firstLine(u.text),
    }));
    const report = { url, visit: `v${seed}`, title: doc.title, isLiveBlog: !!blog, updates };
    const sender = { id: browser.runtime.id, url, frameId: 0, tab: { id: 1, url } };
    expect(refuse('page:report', report, sender as never), `schema refused seed ${seed}`).toBeNull();
    const state = await recordReport(db, report, 1000 + seed);
    const distinct = new Set(updates.map((u) => storedId(u.id)));
    expect(state.updates.length, `seed ${seed}: updates stored`).toBe(Math.min(distinct.size, UPDATES_MAX));
    // Marked the way the reading feature marks: by the ids it reported, through the answer's aliases.
    const ids = updates.map((u) => aliasOf(state.aliases, storedId(u.id)) ?? storedId(u.id));
    expect(refuse('updates:mark', { url, ids, state: 'seen', manual: false }, sender as never)).toBeNull();
    if (ids.length) await markUpdates(db, url, ids, 'seen', false, 2000 + seed);
    const after = await pageState(db, url);
    expect(after, `seed ${seed}: page stored`).not.toBeNull();
    expect(after!.unseen, `seed ${seed}: every update markable`).toBe(0);
    return { blog: !!blog, updates: updates.length, blocks: blocks.length, entities: entities.size };
  }
}

const window = new Window({
  url: 'https://news.example/',
  settings: {
    disableJavaScriptEvaluation: true,
    disableJavaScriptFileLoading: true,
    disableCSSFileLoading: true,
    disableIframePageLoading: true,
    handleDisabledFileLoadingAsSuccess: true,
    navigation: { disableChildFrameNavigation: true, disableChildPageNavigation: true },
  },
});

describe('fuzzed documents through extraction, scope, blocks, detection and the store', () => {
  const seeds = ONLY !== null ? [ONLY] : Array.from({ length: DOCS }, (_, i) => i + 1);
  let db: DB;
  let blogs = 0;
  const total = { updates: 0, blocks: 0, entities: 0 };
  beforeAll(async () => {
    db = await openStore('robust-fuzz');
  });
  afterAll(async () => {
    await window.happyDOM.abort();
    window.close();
  });

  // One test per document, so the group counts documents tried and passed.
  it.each(seeds)('document %i: no exception, state stored and markable', async (seed) => {
    const out = await runDocument(seed, db);
    blogs += out.blog ? 1 : 0;
    total.updates += out.updates;
    total.blocks += out.blocks;
    total.entities += out.entities;
  });

  it.runIf(seeds.length >= 100)('the generated documents exercise every path', () => {
    console.log(
      `fuzz: ${seeds.length} documents, ${blogs} live blogs, ${total.updates} updates stored and marked, ${total.blocks} blocks, ${total.entities} entities`,
    );
    expect(blogs).toBeGreaterThan(seeds.length / 4);
    expect(total.entities).toBeGreaterThan(seeds.length);
  });
});
