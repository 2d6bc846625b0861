import { describe, expect, it } from 'vitest';
import { endsInText, hasText, locate, startsWithText, walkBlocks } from '../../src/dom/blocks';
import { scanRoot } from '../../src/dom/scope';
import { loadDocument } from '../helpers';

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
