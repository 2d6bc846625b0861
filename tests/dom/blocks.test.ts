import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  endsInText,
  hasText,
  locate,
  startsWithText,
  walkBlockSteps,
  walkBlocks,
  type TextBlock,
} from '../../src/dom/blocks';
import { scanRoot } from '../../src/dom/scope';
import { fixture, loadDocument, parsePage, SHARED_FIXTURES } from '../helpers';

describe('walkBlocks', () => {
  const doc = loadDocument(`<body><nav><a>Home</a> <a>Syria</a></nav><main>
    <h1>Syria <em>Daily</em></h1>
    <p>Turkish Prime Minister <a href="#">Binali</a> <b>Yıldırım</b> said.</p>
    <form><textarea>Assad and Putin</textarea></form>
    <div contenteditable="true">Typed here</div>
    <section id="comments"><p>Comment about Trump</p></section>
    <p>Second<br>line</p>
  </main><footer>EA WorldView</footer></body>`);
  const blocks = [...walkBlocks(scanRoot(doc)!, doc)];

  it('joins inline elements into one block per paragraph or heading', () => {
    expect(blocks.map((b) => b.text.trim())).toEqual([
      'Syria Daily',
      'Turkish Prime Minister Binali Yıldırım said.',
      'Secondline',
    ]);
  });

  it('skips navigation, forms, editable areas, comments and footers', () => {
    const all = blocks.map((b) => b.text).join(' ');
    for (const word of ['Home', 'Assad', 'Typed', 'Trump', 'EA WorldView']) expect(all).not.toContain(word);
  });

  it('maps block offsets back to text nodes', () => {
    const b = blocks[1];
    const at = b.text.indexOf('Yıldırım');
    const start = locate(b, at, false);
    expect(start.node.data).toBe('Yıldırım');
    expect(start.offset).toBe(0);
    const end = locate(b, at + 'Yıldırım'.length, true);
    expect(end.node.data).toBe('Yıldırım');
    expect(end.offset).toBe(8);
  });
});

describe('walkBlocks: inline neighbours laid out apart', () => {
  const texts = (html: string) => {
    const doc = loadDocument(`<body><main>${html}</main></body>`);
    return [...walkBlocks(scanRoot(doc)!, doc)].map((b) => b.text);
  };

  it('a byline box glued to a date box, or a time stamp glued to a name, are not one word', () => {
    expect(
      texts(
        `<div class="byline-container"><span class="author-container"><span class="byline"><a href="/author/jen-mills">Jen Mills</a></span></span><span class="post-date"><span class="post-published"><strong>Published</strong> Jul 17, 2024</span></span></div>`,
      ),
    ).toEqual(['Jen Mills', 'Published Jul 17, 2024']);
    expect(texts(`<div class="entry-info"><time>21:22</time><mark>Frances Watkins</mark></div>`)).toEqual([
      '21:22',
      'Frances Watkins',
    ]);
  });

  it('keeps a word whose letters are styled apart, and neighbours with a space between, in one block', () => {
    expect(
      texts(
        `<p>In <b>Ger</b><i>many</i> and <span><a href="/a">Jen Mills</a></span> <span><b>said</b></span></p>`,
      ),
    ).toEqual(['In Germany and Jen Mills said']);
  });
});

describe('white space as the walk tells it', () => {
  it('is what \\s matches, for every UTF-16 code unit', () => {
    const wrong: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}`, `${ch}a`, `${ch}${ch}`, ` ${ch} `]) {
        if (
          endsInText(s) !== /\S$/.test(s) ||
          startsWithText(s) !== /^\S/.test(s) ||
          hasText(s) !== /\S/.test(s)
        )
          wrong.push(c.toString(16));
      }
    }
    expect(wrong).toEqual([]);
    expect([endsInText(''), startsWithText(''), hasText('')]).toEqual([false, false, false]);
  });
});

describe('walkBlocks: what it leaves out, found a subtree at a time', () => {
  const seen = (blocks: TextBlock[]) => blocks.map((b) => b.text);
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `<span>w${i}</span>`).join('');

  it('leaves out a nested excluded element, an excluded child and skip’s, inside a subtree past the chunk', () => {
    const doc = loadDocument(`<body><main><div id="wrap">
      <div><p>Ankara said.</p><div><div><nav><p>Menu Assad</p></nav><p>Kept Putin</p></div></div></div>
      <aside><p>Rail Trump</p></aside>
      <p contenteditable="TRUE">Typed Erdogan</p>
      <p class="skip-me">Header Merkel</p>
      <div>${filler(30)}</div>
      <p>Last Idlib</p>
    </div></main></body>`);
    const root = scanRoot(doc)!;
    const chunked = seen([...walkBlocks(root, doc, '.skip-me', 4)]);
    // A shadow root cannot count its elements: it is stepped through.
    const host = doc.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<div><p>Shadow Kyiv</p><nav>Menu Lviv</nav>${filler(10)}</div>`;
    for (const chunk of [2, Infinity])
      expect(seen([...walkBlocks(shadow, doc, undefined, chunk)]).join(' ')).toMatch(/Shadow Kyiv(?!.*Lviv)/);
    const whole = seen([...walkBlocks(root, doc, '.skip-me', Infinity)]);
    expect(chunked).toEqual(whole);
    const all = chunked.join(' ');
    for (const w of ['Ankara', 'Kept Putin', 'Last Idlib']) expect(all).toContain(w);
    for (const w of ['Assad', 'Trump', 'Erdogan', 'Merkel']) expect(all).not.toContain(w);
  });

  it('gives every saved page the same blocks as one query over the root', () => {
    const own = resolve(__dirname, '../fixtures/platforms');
    const pages = [
      ...readdirSync(resolve(SHARED_FIXTURES, 'real'))
        .filter((f) => f.endsWith('.html'))
        .map((f) => fixture(`real/${f}`)),
      fixture('eaworldview-syria-daily.html'),
      ...readdirSync(own)
        .filter((f) => f.endsWith('.html'))
        .map((f) => readFileSync(resolve(own, f), 'utf8')),
    ];
    let blocks = 0;
    for (const html of pages) {
      const doc = parsePage(html);
      const root = scanRoot(doc) ?? doc.body;
      const whole = [...walkBlocks(root, doc, undefined, Infinity)];
      const chunked = [...walkBlocks(root, doc, undefined, 50)];
      expect(chunked.map((b) => b.nodes)).toEqual(whole.map((b) => b.nodes));
      blocks += whole.length;
    }
    expect(blocks).toBeGreaterThan(2_000);
  });

  it('queries a very deep page once past a fixed depth, not at every level', () => {
    const depth = 3_000;
    const doc = loadDocument(
      `<body><main>${'<div>'.repeat(depth)}<p>Deep Aleppo</p><nav>Menu Homs</nav>${'</div>'.repeat(depth)}</main></body>`,
    );
    const root = scanRoot(doc) ?? doc.body;
    // Counts the element steps the walk and its sizing take.
    let owner: object | null = doc.body;
    while (owner && !Object.getOwnPropertyDescriptor(owner, 'firstElementChild'))
      owner = Object.getPrototypeOf(owner) as object | null;
    const own = Object.getOwnPropertyDescriptor(owner!, 'firstElementChild')!;
    let steps = 0;
    Object.defineProperty(owner!, 'firstElementChild', {
      ...own,
      get(this: Element) {
        steps++;
        return own.get!.call(this) as Element | null;
      },
    });
    let texts: string[];
    try {
      texts = seen([...walkBlocks(root, doc, undefined, 100)]);
    } finally {
      Object.defineProperty(owner!, 'firstElementChild', own);
    }
    expect(texts.join(' ')).toContain('Deep Aleppo');
    expect(texts.join(' ')).not.toContain('Homs');
    // The root and 32 levels sized at most (101 elements each), then one query for the rest; at each level a
    // few steps of its own (its children counted up to a bound, see moreChildrenThan).
    expect(steps).toBeLessThan(33 * 102 + depth * 4);
  });
});

describe('the walk in steps', () => {
  it('judges a long run in steps of its own: its like children, then what they repeat, apart from any block', () => {
    const entry = (n: number) =>
      `<article class="entry"><header class="meta"><a href="#e${n}">Share</a><time>10:${String(n % 60).padStart(2, '0')}</time></header><div class="body"><p>Words of entry ${n}, as the reporter filed them.</p></div></article>`;
    const doc = parsePage(
      `<!doctype html><html lang="en"><body><main><p>Follow the day here.</p><div class="feed">${Array.from({ length: 100 }, (_, i) => entry(i)).join('')}</div></main></body></html>`,
    );
    const main = doc.querySelector('main')!;
    const classReads: number[] = [];
    const starQueries: number[] = [];
    let reads = 0;
    let stars = 0;
    const el = Object.getPrototypeOf(Object.getPrototypeOf(doc.body)) as Record<
      string,
      (...a: unknown[]) => unknown
    >;
    let owner = el;
    while (!Object.prototype.hasOwnProperty.call(owner, 'getAttribute')) owner = Object.getPrototypeOf(owner);
    let qOwner = el;
    while (!Object.prototype.hasOwnProperty.call(qOwner, 'querySelectorAll'))
      qOwner = Object.getPrototypeOf(qOwner);
    const getAttribute = owner.getAttribute;
    const querySelectorAll = qOwner.querySelectorAll;
    owner.getAttribute = function (this: unknown, name: unknown) {
      if (name === 'class') reads++;
      return getAttribute.call(this, name);
    };
    qOwner.querySelectorAll = function (this: unknown, sel: unknown) {
      if (sel === '*') stars++;
      return querySelectorAll.call(this, sel);
    };
    const steps: Array<TextBlock | null> = [];
    try {
      for (const step of walkBlockSteps(main, doc)) {
        steps.push(step);
        classReads.push(reads);
        starQueries.push(stars);
        reads = stars = 0;
      }
    } finally {
      owner.getAttribute = getAttribute;
      qOwner.querySelectorAll = querySelectorAll;
    }
    // The run's like children: a step that reads every entry's class and holds no block.
    const judging = classReads.findIndex((n) => n >= 100);
    expect(judging).toBeGreaterThan(0);
    expect(steps[judging]).toBeNull();
    // What the entries repeat (a sample of them, each asked for its elements): another such step.
    const repeats = starQueries.findIndex((n) => n >= 10);
    expect(repeats).toBeGreaterThan(judging);
    expect(steps[repeats]).toBeNull();
    // The same blocks as the walk that does not pause.
    expect(steps.filter(Boolean).map((b) => b!.text)).toEqual([...walkBlocks(main, doc)].map((b) => b.text));
  });
});

describe('what the walk leaves behind', () => {
  it('makes no live collection of any element’s children but a long run’s', () => {
    // Reading `children` makes a live collection that the browser keeps and updates (1.4 µs an element in
    // Chromium): the walk counts children by stepping through them, and reads only a long run's collection.
    const entry = (n: number) =>
      `<article class="entry"><header class="meta"><span>Reporter</span><time>10:${String(n % 60).padStart(2, '0')}</time></header><div class="body"><p>Aleppo, entry ${n}.</p><p>Homs, as filed.</p></div></article>`;
    const doc = parsePage(
      `<!doctype html><html lang="en"><body><main><p>Follow the day here.</p><div class="feed">${Array.from({ length: 100 }, (_, i) => entry(i)).join('')}</div></main></body></html>`,
    );
    let owner: object | null = doc.body;
    while (owner && !Object.getOwnPropertyDescriptor(owner, 'children'))
      owner = Object.getPrototypeOf(owner) as object | null;
    const own = Object.getOwnPropertyDescriptor(owner!, 'children')!;
    const read = new Set<string>();
    Object.defineProperty(owner!, 'children', {
      ...own,
      get(this: Element) {
        read.add(this.className || this.tagName);
        return own.get!.call(this) as HTMLCollection;
      },
    });
    let blocks: number;
    try {
      blocks = [...walkBlocks(doc.querySelector('main')!, doc)].length;
    } finally {
      Object.defineProperty(owner!, 'children', own);
    }
    expect(blocks).toBe(201);
    expect([...read]).toEqual(['feed']);
  });
});
