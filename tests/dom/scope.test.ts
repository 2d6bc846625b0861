import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkBlocks } from '../../src/dom/blocks';
import { isExcluded, namedChrome, outOfScope, railShaped, scanRoot, socialLink } from '../../src/dom/scope';
import { detectPage } from '../../scripts/detect';
import { htmlBlocks } from '../detect/html';
import { SHARED_FIXTURES, countCalls, loadDocument } from '../helpers';

/** Parsing a saved page of up to 1.4 MB takes seconds on a loaded machine. */
const SLOW = 60_000;
const real = (name: string) => readFileSync(resolve(SHARED_FIXTURES, 'real', name), 'utf8');
const own = (name: string) => readFileSync(resolve(__dirname, '../fixtures/pages', name), 'utf8');
/** The text the scope reads, as one string. */
const scopeText = (html: string) => {
  const doc = loadDocument(html);
  return [...walkBlocks(scanRoot(doc)!, doc)].map((b) => b.text.replace(/\s+/g, ' ').trim());
};

describe('the root the scan reads', () => {
  const root = (main: string) =>
    scanRoot(loadDocument(`<body><main>${main}</main><footer>Contact</footer></body>`))!.tagName;
  it('is the main landmark once it holds more than 200 characters of text, counted over all its text nodes', () => {
    const words = (n: number) => `<p>${'a'.repeat(n)}</p>`;
    expect(root(words(200))).toBe('BODY');
    expect(root(words(201))).toBe('MAIN');
    expect(root(words(100) + words(100))).toBe('BODY');
    expect(root(words(100) + '<div><span>' + 'b'.repeat(60) + '</span>' + words(41) + '</div>')).toBe('MAIN');
  });
});

describe('editable areas are out of scope', () => {
  it('for every value that makes an element editable, in any case; not for false', () => {
    const el = document.createElement('div');
    for (const value of ['', 'true', 'TRUE', 'True', 'plaintext-only', 'PLAINTEXT-ONLY']) {
      el.setAttribute('contenteditable', value);
      expect(isExcluded(el), value).toBe(true);
    }
    el.setAttribute('contenteditable', 'false');
    expect(isExcluded(el)).toBe(false);
  });
});

describe('scope: chrome named by the page', () => {
  it('drops share bars, tag lists, sign-up boxes, photo credits and cookie dialogs by class, id or role', () => {
    const blocks = scopeText(`<main>
      <p>Story: Angela Merkel met Emmanuel Macron in Paris on Tuesday to discuss the budget.</p>
      <div class="share-buttons__bar"><span>Facebook</span> <span>Twitter</span></div>
      <div class="article-tags"><span>Germany</span><span>France</span></div>
      <div class="newsletter-signup"><p>Sign up to First Edition from The Guardian</p></div>
      <figure><figcaption>Merkel in Paris. <span class="caption__credit">Photograph: Reuters</span></figcaption></figure>
      <div role="dialog"><p>We use cookies. Accept Google Analytics?</p></div>
      <div class="js-share-section"><p>Macron said the talks went well.</p></div>
    </main>`);
    expect(blocks).toEqual([
      'Story: Angela Merkel met Emmanuel Macron in Paris on Tuesday to discuss the budget.',
      'Merkel in Paris.',
      'Macron said the talks went well.',
    ]);
  });

  it('drops an element whose words hold a phrase of chrome.json in order, at any place; keeps one with the words apart or cut short', () => {
    const blocks = scopeText(`<main>
      <div class="box more-on-this-story"><p>Merkel meets Macron</p></div>
      <div class="Article-Read_More"><p>Scholz in Rome</p></div>
      <div class="story-on-this-more"><p>Kept: Sunak in Kyiv</p></div>
      <div class="more-on-this"><p>Kept: Biden in Warsaw</p></div>
      <div class="sr"><span class="only">Kept: Meloni in Tunis</span></div>
      <p class="x y most-popular">Trump in Ohio</p>
    </main>`);
    expect(blocks).toEqual(['Kept: Sunak in Kyiv', 'Kept: Biden in Warsaw', 'Kept: Meloni in Tunis']);
  });

  it('keeps a quoted post whatever its class says', () => {
    const blocks = scopeText(
      `<main><blockquote class="social-embed"><p>Talks with Macron went well.</p></blockquote></main>`,
    );
    expect(blocks).toEqual(['Talks with Macron went well.']);
  });
});

describe('scope: links to social networks', () => {
  it('drops share and follow links, handles and hashtags; keeps a byline name linking to its author', () => {
    const blocks = scopeText(`<main>
      <p class="byline">By <a href="https://twitter.com/robpicheta">Rob Picheta</a>
        <a href="https://x.com/robpicheta">@robpicheta</a> <a href="https://bsky.app/profile/rp">Follow on Bluesky</a></p>
      <p>Everton scored twice. <a href="https://x.com/hashtag/EFC">#EFC</a>
        <a href="https://www.facebook.com/sharer/sharer.php?u=x">Chelsea</a> <a href="mailto:?subject=x">Arsenal</a></p>
    </main>`);
    expect(blocks.join(' | ')).toBe('By Rob Picheta | Everton scored twice.');
  });
});

describe('scope: lists that are mostly links', () => {
  it('drops menus, related rails and key-event carousels; keeps lists of story text', () => {
    const blocks = scopeText(`<main>
      <p>Sunak met Zelenskiy at Chequers.</p>
      <ul class="x1"><li><a href="/a">Bakhmut falls</a></li><li><a href="/b">Eurovision in Kyiv</a></li><li><a href="/c">Dmytro Moldovanov interview</a></li></ul>
      <div class="x2"><div class="card"><a href="/d">Putin speaks</a></div><div class="card"><a href="/e">Nato summit</a></div><div class="card"><a href="/f">G7 in Hiroshima</a></div></div>
      <ul><li>Sunderland 1 Leeds 3</li><li>Everton 2 Brighton 2</li><li>Norwich 0 <a href="/m">Middlesbrough</a> 1</li></ul>
      <p>By <a href="/1">Martin Belam</a>, <a href="/2">Mabel Banfield-Nwachi</a> and <a href="/3">Jordyn Beazley</a></p>
    </main>`);
    expect(blocks).toEqual([
      'Sunak met Zelenskiy at Chequers.',
      'Sunderland 1 Leeds 3',
      'Everton 2 Brighton 2',
      'Norwich 0 Middlesbrough 1',
      'By Martin Belam, Mabel Banfield-Nwachi and Jordyn Beazley',
    ]);
  });

  it('drops a list of fewer items than a run that is mostly links (a tag list in one item)', () => {
    const blocks = scopeText(`<main>
      <p>Sunak met Zelenskiy at Chequers.</p>
      <ul class="x1"><li><a href="/a">Ukraine</a>, <a href="/b">Russia</a>, <a href="/c">Vladimir Putin</a></li></ul>
      <dl><dt>Topics</dt><dd><a href="/d">Nato</a> <a href="/e">Kyiv</a> <a href="/f">Chequers</a></dd></dl>
      <ol><li>Sunak spoke first.</li><li>Then <a href="/z">Zelenskiy</a>.</li></ol>
    </main>`);
    expect(blocks).toEqual(['Sunak met Zelenskiy at Chequers.', 'Sunak spoke first.', 'Then Zelenskiy.']);
  });
});

describe('scope: related links', () => {
  it("keeps a link or two set among the story's paragraphs, whatever their class says (the seed page)", () => {
    const blocks = scopeText(`<main><div class="entry-content">
      <p>PHOTO: French Foreign Minister Jean-Marc Ayrault</p>
      <ul class="related-opinion"><li><a href="/opinion/0/">Opinion: Russia Today Picks A Fight With the State Department</a></li><li><a href="/opinion/1/">Opinion: A Message to Russia and Iran</a></li></ul>
      <p>Turkish Prime Minister Binali Yıldırım has said an attack will not be left unanswered.</p>
    </div></main>`);
    expect(blocks).toContain('Opinion: Russia Today Picks A Fight With the State Department');
  });

  it('drops related rails: with a heading, with a label of their own, with three links or more', () => {
    const blocks = scopeText(`<main><div class="body">
      <p>Parasite won the top prize at the Screen Actors Guild awards.</p>
      <div class="RelatedCoverage-container ArticleBody-related-coverage"><p class="TextLabel">Related Coverage</p>
        <div><a href="/factbox">Factbox: Key winners at the 2020 Screen Actors Guild Awards</a></div></div>
      <section class="related-posts"><h3>Related Posts</h3><ul><li><a href="/related/1/">Regime and Russia Pound Eastern Aleppo City</a></li></ul></section>
      <div class="box related-articles"><a href="/1">Prince Harry in Canada</a><a href="/2">Meghan Markle at Frogmore</a><a href="/3">King Charles in Kenya</a></div>
      <p>Brad Pitt was named best supporting actor.</p>
    </div></main>`);
    expect(blocks).toEqual([
      'Parasite won the top prize at the Screen Actors Guild awards.',
      'Brad Pitt was named best supporting actor.',
    ]);
  });
});

describe('scope: furniture that holds the byline', () => {
  it('reads a byline in an element named footer; drops such an element that holds none', () => {
    const blocks = scopeText(`<main><article>
      <header><h1>United States to Lift Sudan Sanctions</h1>
        <div class="story-meta-footer"><p class="byline-dateline"><span class="byline" itemprop="author creator">By <a href="/by/jeffrey-gettleman"><span class="byline-author">Jeffrey Gettleman</span></a></span></p></div></header>
      <p>Sudan will be able to trade with the United States.</p>
      <div class="story-footer"><p>A version of this article appears in print in the New York edition.</p></div>
    </article></main>`);
    expect(blocks).toEqual([
      'United States to Lift Sudan Sanctions',
      'By Jeffrey Gettleman',
      'Sudan will be able to trade with the United States.',
    ]);
  });
});

describe("scope: the site's own accounts", () => {
  it("drops a paragraph that sends the reader to two social profiles or more; keeps one that links profiles by their owners' names", () => {
    const blocks = scopeText(`<main>
      <p><strong>Follow Metro.co.uk on <a href="https://twitter.com/MetroUK">Twitter</a> and <a href="https://www.facebook.com/MetroUK">Facebook</a> for the latest news updates.</strong></p>
      <p> You can contact CorkBeo on <a href="https://www.facebook.com/corkbeo">Facebook</a>, <a href="https://twitter.com/corkbeo">Twitter</a>, <a href="https://www.instagram.com/corkbeo/">Instagram</a>, or email news@corkbeo.ie </p>
      <p><a href="https://twitter.com/ZelenskyyUa">Zelenskiy</a> thanked <a href="https://x.com/RishiSunak">Rishi Sunak</a> on Monday.</p>
    </main>`);
    expect(blocks).toEqual(['Zelenskiy thanked Rishi Sunak on Monday.']);
  });
});

describe('scope: teaser paragraphs', () => {
  it('drops a paragraph that is mostly a link to another page; keeps one that links a few words', () => {
    const blocks = scopeText(`<main>
      <p><strong>MORE :</strong> <a href="/cartoon">The Metro daily cartoon by Guy Venables</a></p>
      <p><a href="/ireland">Coronavirus Ireland: One death and 432 new cases</a></p>
      <p>Leo Varadkar told <a href="/rte">RTE</a> that the figures were worrying.</p>
      <p><a href="#block-1">Sunak arrives at Chequers</a></p>
      <p>By <a href="/profile/jon-king">Jon King</a></p>
    </main>`);
    expect(blocks).toEqual([
      'Leo Varadkar told RTE that the figures were worrying.',
      'Sunak arrives at Chequers',
      'By Jon King',
    ]);
  });
});

describe('scope: chrome every entry repeats', () => {
  const entry = (time: string, text: string) =>
    `<div class="entry"><div class="meta"><time>${time}</time> <a href="#">Share</a> <span>Jon King</span></div><p>${text}</p></div>`;

  it('drops the short texts that each entry repeats at the same place, keeps what differs', () => {
    const blocks = scopeText(`<main><div class="entries">
      ${entry('17.05', 'Sunderland 1 Leeds 3.')}${entry('16.52', 'Daniel Farke praised his side.')}${entry('16.40', 'Mitoma equalised for Brighton.')}
    </div></main>`);
    expect(blocks).toEqual([
      '17.05',
      'Sunderland 1 Leeds 3.',
      '16.52',
      'Daniel Farke praised his side.',
      '16.40',
      'Mitoma equalised for Brighton.',
    ]);
  });

  it('tells a short text by its words, however much white space pads it, and keeps a long one', () => {
    // Padded past the start a long text is told by: still 18 characters once collapsed, so it goes.
    const pad = ' \n\t\u00a0'.repeat(60);
    const blocks = scopeText(`<main><div class="entries">
      ${entry('17.05', 'Sunderland 1 Leeds 3.').replace('Jon King', `${pad}Posted by${pad}Jon King${pad}`)}${entry('16.52', 'Daniel Farke praised his side.').replace('Jon King', `${pad}Posted by${pad}Jon King${pad}`)}${entry('16.40', 'Mitoma equalised for Brighton.').replace('Jon King', `${pad}Posted by${pad}Jon King${pad}`)}
    </div></main>`);
    expect(blocks.join(' ')).not.toMatch(/Jon King/);
    // Over 40 characters once collapsed, the same repeated line is no candidate and stays.
    const long = 'Posted by Jon King, chief football correspondent';
    const kept = scopeText(`<main><div class="entries">
      ${entry('17.05', 'Sunderland 1 Leeds 3.').replace('Jon King', long)}${entry('16.52', 'Daniel Farke praised his side.').replace('Jon King', long)}${entry('16.40', 'Mitoma equalised for Brighton.').replace('Jon King', long)}
    </div></main>`);
    expect(kept).toContain(long);
  });

  it('drops a short row that each entry repeats if it has two child elements or fewer, not three', () => {
    // The children repeat too and go; the row's own word "via" goes only with the row.
    const row = (time: string, text: string, tools: string) =>
      `<div class="entry"><time>${time}</time><p>${text}</p><div class="tools">${tools}</div></div>`;
    for (const [tools, kept] of [
      ['Post via <b>X</b>', false],
      ['<b>Post</b> via <i>X</i>', false],
      ['<b>Post</b> via <i>X</i> <u>now</u>', true],
    ] as const) {
      const blocks = scopeText(`<main><div class="entries">
        ${row('17.05', 'Sunderland 1 Leeds 3.', tools)}${row('16.52', 'Daniel Farke praised his side.', tools)}${row('16.40', 'Mitoma equalised for Brighton.', tools)}
      </div></main>`);
      expect(
        blocks.some((b) => b.includes('via')),
        tools,
      ).toBe(kept);
    }
  });

  it('drops the authors of a live blog whose reporters take turns', () => {
    const byline = (author: string, i: number) =>
      `<div class="entry"><div class="meta"><time>1${i}.00</time><span>${author}</span></div><p>Update ${i}.</p></div>`;
    const authors = [
      'Gavin Walsh',
      'Frances Burke',
      'Gavin Walsh',
      'Frances Burke',
      'Gavin Walsh',
      'Frances Burke',
      'Gavin Walsh',
    ];
    const blocks = scopeText(`<main><div class="entries">${authors.map(byline).join('')}</div></main>`);
    expect(blocks.join(' ')).not.toMatch(/Gavin|Frances/);
    expect(blocks).toContain('Update 3.');
  });

  it('drops the authors of a live blog whose reporters take turns in unequal shares', () => {
    const byline = (author: string, i: number) =>
      `<div class="entry"><div class="meta"><time>1${i}.00</time><mark>${author}</mark></div><p>Update ${i}.</p></div>`;
    // 7 of 10 and 3 of 10: the second reporter signs fewer than 40% of the entries.
    const authors = [
      ...Array<string>(7).fill('Gavin Walsh'),
      ...Array<string>(3).fill('Frances Burke'),
    ].sort();
    const blocks = scopeText(`<main><div class="entries">${authors.map(byline).join('')}</div></main>`);
    expect(blocks.join(' ')).not.toMatch(/Gavin|Frances/);
    expect(blocks).toContain('Update 3.');
  });

  it('judges a run of entries again when an entry is added', () => {
    const doc = loadDocument(
      `<main><div class="entries">${entry('1', 'A.')}${entry('2', 'B.')}</div><p>Filler text for the main landmark, long enough to be chosen as the root of the scan, as real pages are.</p></main>`,
    );
    const root = scanRoot(doc)!;
    const read = () => [...walkBlocks(root, doc)].map((b) => b.text.trim());
    // Two entries are not yet a run: their meta rows are read.
    expect(read().some((t) => t.includes('Jon King'))).toBe(true);
    const list = doc.querySelector('.entries')!;
    list.insertAdjacentHTML('afterbegin', entry('3', 'C.'));
    expect(read().some((t) => t.includes('Jon King'))).toBe(false);
    const share = doc.querySelector('.entries a')!;
    expect(outOfScope(share.firstChild!, root)).toBe(true);
    expect(outOfScope(doc.querySelector('.entries p')!.firstChild!, root)).toBe(false);
  });
});

describe('scope: a long run of entries is not read again for each question', () => {
  const entry = (i: number) =>
    `<article class="entry"><div class="meta"><time>${i}</time> <a href="https://x.com/share">Share</a> <span>Jon King</span></div><p>Update number ${i} says something new.</p></article>`;
  const page = (n: number) =>
    `<main><div class="entries">${Array.from({ length: n }, (_, i) => entry(i)).join('')}</div></main>`;

  it('an entry added to a 500-entry live blog is judged without reading the others, and its repeated row is out', async () => {
    const doc = loadDocument(page(500));
    const root = scanRoot(doc)!;
    expect([...walkBlocks(root, doc)].some((b) => b.text.includes('Jon King'))).toBe(false);
    const list = doc.querySelector('.entries')!;
    list.insertAdjacentHTML('afterbegin', entry(500));
    const first = list.firstElementChild!;
    const { calls } = await countCalls(Element.prototype, ['querySelectorAll'], () => {
      expect(outOfScope(first.querySelector('span')!.firstChild!, root)).toBe(true);
      expect(outOfScope(first.querySelector('p')!.firstChild!, root)).toBe(false);
      expect([...walkBlocks(first, doc)].map((b) => b.text.trim())).toEqual([
        '500',
        'Update number 500 says something new.',
      ]);
    });
    // Reading the run again would query each of its 501 entries.
    expect(calls).toBeLessThan(20);
  });

  it('a long run is judged from a sample: its repeated rows and a link rail are still found', () => {
    const blocks = scopeText(page(300));
    expect(blocks).toHaveLength(600);
    expect(blocks.join(' ')).not.toMatch(/Jon King|Share/);
    const rail = Array.from(
      { length: 200 },
      (_, i) => `<li><a href="/story/${i}">Story ${i} headline</a></li>`,
    );
    const text = scopeText(`<main><p>Story text long enough to be kept.</p><ul>${rail.join('')}</ul></main>`);
    expect(text).toEqual(['Story text long enough to be kept.']);
  });
});

describe('scope on the saved real pages', { timeout: SLOW }, () => {
  const have = existsSync(resolve(SHARED_FIXTURES, 'real'));

  it.runIf(have)('BBC: share buttons and the "More on this story" rail are out, the story is in', () => {
    const text = htmlBlocks(real('bbc-obama-gun-laws.html')).join('\n');
    expect(text).toContain('Mr Obama lands in Kenya later on Friday');
    expect(text).toContain('Analysis: Jon Sopel, BBC News, Washington');
    for (const chrome of ['Share this story', 'WhatsApp', 'More on this story', 'WWE terminates'])
      expect(text).not.toContain(chrome);
  });

  it.runIf(have)(
    'Guardian live blog: key-events carousel, topics and rails out; bylines and entries in',
    () => {
      const blocks = htmlBlocks(real('guardian-russia-ukraine-war-live.html'));
      const text = blocks.join('\n');
      expect(text).toContain('Martin Belam and Mabel Banfield-Nwachi');
      expect(text).toContain('Jennifer Rankin reports from Brussels');
      expect(text).toContain('At the Copenhagen democracy summit, Jens Stoltenberg');
      for (const chrome of [
        'Please turn on JavaScript',
        'Dmytro Moldovanov',
        'throwing a Eurovision viewing party',
        'Vladimir Putin',
      ])
        expect(text).not.toContain(chrome);
      // The carousel repeats entry titles: each title is read once, in its entry.
      expect(blocks.filter((b) => b.includes('Stoltenberg: no point discussing how Ukraine'))).toHaveLength(
        1,
      );
    },
  );

  it.runIf(have)('Guardian feature: share links at top and bottom and the topic tags are out', () => {
    const text = htmlBlocks(real('guardian-maori-whale-strandings.html')).join('\n');
    expect(text).toContain('Whale whisperer Hori Parata');
    for (const chrome of ['Share on Facebook', 'Share on Pinterest', 'Asia Pacific', 'Cetaceans'])
      expect(text).not.toContain(chrome);
  });

  it.runIf(have)('the seed page: its in-body opinion links are read, its "Related Posts" rail is not', () => {
    const text = htmlBlocks(
      readFileSync(resolve(SHARED_FIXTURES, 'eaworldview-syria-daily.html'), 'utf8'),
    ).join('\n');
    expect(text).toContain('Russia Today Picks A Fight With the State Department');
    for (const chrome of ['Related Posts', 'Regime and Russia Pound']) expect(text).not.toContain(chrome);
  });

  it.runIf(have)('Express live blog: promos, sign-up text and related articles are out', () => {
    const text = htmlBlocks(real('express-harry-meghan-live.html')).join('\n');
    expect(text).toContain('Doria Ragland is said to be the only person');
    for (const chrome of [
      'Emily Ferguson',
      'Join us on WhatsApp',
      'Related articles',
      'Strange rule',
      'Invalid email',
    ])
      expect(text).not.toContain(chrome);
  });

  it.runIf(have)('CNN: edition menu, video playlist and messenger promo are out; the byline stays', () => {
    const text = htmlBlocks(real('cnn-royal-updated-gmt.html')).join('\n');
    expect(text).toContain('By Rob Picheta, CNN');
    expect(text).toContain('discussion with Oprah Winfrey');
    for (const chrome of ['Arabic', 'Español', 'James Corden', 'Foster: Harry', 'Facebook Messenger'])
      expect(text).not.toContain(chrome);
  });

  it.runIf(have)('NDTV live blog: the entries are read, their repeated share rows are not', () => {
    const blocks = htmlBlocks(real('ndtv-india-sri-lanka-cricket-live.html'));
    expect(blocks.some((b) => b.includes('A third wicket for Mohammed Shami'))).toBe(true);
    expect(blocks.filter((b) => b.trim() === 'Share Link')).toHaveLength(0);
  });
});

describe('pages in other languages underline nothing by default', { timeout: SLOW }, () => {
  const have = existsSync(resolve(SHARED_FIXTURES, 'real'));
  for (const name of ['spiegel-albtraum.html', 'lemonde-loi-renseignement.html', 'br24-nahost-ticker.html'])
    it.runIf(have)(`${name}: no mention by default; names with --all-languages`, () => {
      const html = real(name);
      expect(detectPage(html).mentions).toEqual([]);
      expect(detectPage(html, { allLanguages: true }).mentions.length).toBeGreaterThan(5);
    });

  it('our Dutch live blog: no mention by default', () => {
    const html = own('nl-verkiezingen-live.html');
    expect(detectPage(html).mentions).toEqual([]);
    expect(detectPage(html, { allLanguages: true }).mentions.length).toBeGreaterThan(5);
  });
});

describe('our sports live blog: chrome out, the story in', { timeout: SLOW }, () => {
  it('underlines no share, handle, menu, consent or rail text, and the results lines are read', () => {
    const { mentions } = detectPage(own('sports-saturday-live.html'));
    const texts = new Set(mentions.map((m) => m.text));
    for (const chrome of [
      'Facebook',
      'Twitter',
      'WhatsApp',
      'Bluesky',
      'Google Analytics',
      'Chelsea',
      'Bukayo Saka',
    ])
      expect(texts.has(chrome), chrome).toBe(false);
    for (const name of ['Sunderland', 'Leeds', 'Nadia Okafor', 'Daniel Farke', 'Goodison Park'])
      expect(texts.has(name), name).toBe(true);
  });
});

describe('scope: words in any script', () => {
  const el = (html: string) => loadDocument(`<body>${html}</body>`).body.firstElementChild!;

  it("a link's words are split at what is not a letter of any script", () => {
    // "Facebookçu" is one word (a name), not the network's name: a byline's profile link stays.
    expect(socialLink(el(`<a href="https://facebook.com/ayse">Facebookçu Ayşe</a>`))).toBe(false);
    expect(socialLink(el(`<a href="https://facebook.com/ayse">Síguenos en Facebook</a>`))).toBe(true);
  });

  it("a related element's letters are counted in any script", () => {
    // One link "ab" beside the words "ÉÉ" of its own: a label, so a rail.
    expect(railShaped(el(`<div class="related"><a href="/x">ab</a> ÉÉ</div>`))).toBe(true);
    expect(railShaped(el(`<div class="related"><a href="/x">ab</a> ..</div>`))).toBe(false);
  });
});

describe('scope: the nodes of one live insertion', () => {
  const entry = (i: number) =>
    `<article class="entry"><h3>Update ${i}</h3><p>Words of update ${i}, long enough to be a paragraph of the story.</p></article>`;

  it('share their ancestors: each is judged once for all of them, with the answers of one at a time', async () => {
    const doc = loadDocument(
      `<main><div class="wrap"><section class="feed"><div class="entries">${Array.from({ length: 3 }, (_, i) => entry(i)).join('')}</div></section><aside class="related-links"><ul><li><a href="/a">One</a></li><li><a href="/b">Two</a></li></ul></aside></div></main>`,
    );
    const root = scanRoot(doc)!;
    const list = doc.querySelector('.entries')!;
    list.insertAdjacentHTML('afterbegin', Array.from({ length: 40 }, (_, i) => entry(100 + i)).join(''));
    const nodes = [
      ...[...list.querySelectorAll('p')].map((p) => p.firstChild!),
      ...[...doc.querySelectorAll('aside a')].map((a) => a.firstChild!),
    ];
    const alone = nodes.map((n) => outOfScope(n, root));
    expect(alone.filter(Boolean)).toHaveLength(2);
    const known = new Map<Element, boolean>();
    const { value, calls } = await countCalls(Element.prototype, ['matches'], () =>
      nodes.map((n) => outOfScope(n, root, known)),
    );
    expect(value).toEqual(alone);
    // Each node's own element (a paragraph, a link), and each of their ancestors once: 43 paragraphs, their
    // 43 entries, the list, the feed, the wrap, the root; two links, their items, the list, the aside.
    expect(calls).toBe(43 + 43 + 4 + 2 + 2 + 1 + 1);
  });
});

describe('scope: names said once', () => {
  it("reads a feed's repeated names once, and judges what depends on each element's content each time", async () => {
    const doc = loadDocument(
      `<body>${Array.from({ length: 50 }, (_, i) => `<div class="entry-meta meta-${i % 2}"><span>${i}</span></div>`).join('')}<div class="related"><h3>More on this</h3><a href="/a">A</a></div><div class="related"><a href="/x">ab</a> ..</div></body>`,
    );
    const metas = [...doc.querySelectorAll('.entry-meta')];
    const { value, calls } = await countCalls(String.prototype, ['toLowerCase'], () =>
      metas.map(namedChrome),
    );
    expect(value.some(Boolean)).toBe(false);
    // Two names among fifty elements.
    expect(calls).toBe(2);
    // The same name: one rail, one link set among the story's paragraphs.
    expect([...doc.querySelectorAll('.related')].map(namedChrome)).toEqual([true, false]);
  });
});
