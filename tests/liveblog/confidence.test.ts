/**
 * How sure detection is: evidence (schema, platform markup) is 'high'; structure alone is 'medium' only
 * with several entries, stamps in one order and text of their own; thinner structure is 'low', a
 * borderline page that detection returns only when asked, for the reader to decide.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLiveBlog, firstLine, isBorderline } from '../../src/liveblog';
import { spacedText } from '../../src/liveblog/extract';
import { shapeOf } from '../../src/liveblog/generic';
import { edgeStamp, stampKind } from '../../src/liveblog/stamps';
import { isNotEntry } from '../../src/liveblog/vet';
import { parsePage } from '../helpers';

const own = (file: string) =>
  parsePage(readFileSync(resolve(__dirname, '../fixtures/platforms', file), 'utf8'));
const NOW = Date.parse('2024-01-01T12:00:00Z');

const sections = (stamps: string[]) =>
  parsePage(
    `<html lang="it"><body><main><article><h1>Diretta</h1><div class="diretta">${stamps
      .map(
        (s, i) =>
          `<section class="agg"><p class="ora">${s}</p><p>Aggiornamento numero ${i + 1}: il testo di questo aggiornamento è abbastanza lungo da essere suo.</p></section>`,
      )
      .join('')}</div></article></main></body></html>`,
  );

const markers = (labels: string[]) =>
  parsePage(
    `<body><main><div class="post-body">${labels.map((l, i) => `<p>${l}: Report number ${i + 1} from the scene, long enough to be a report of its own.</p>`).join('')}</div></main></body>`,
  );

describe('confidence', () => {
  it('is high where the page says it is a live blog (platform markup, schema.org)', () => {
    for (const file of ['guardian-dcr.html', 'amp-live-list-ads.html', 'schema-pinned-summary.html']) {
      const blog = findLiveBlog(own(file), NOW)!;
      expect([file, blog.confidence, blog.score]).toEqual([file, 'high', 1]);
    }
  });

  it('is medium for strong structure without evidence', () => {
    for (const file of [
      'sections-italian.html',
      'football-minutes.html',
      'text-markers-bold-times.html',
      'flat-heading-times.html',
      'generic-timeline.html',
    ]) {
      const blog = findLiveBlog(own(file), NOW)!;
      expect([file, blog.confidence]).toEqual([file, 'medium']);
      expect(blog.score).toBeGreaterThanOrEqual(0.6);
      expect(blog.score).toBeLessThan(1);
    }
  });

  it('calls two stamped sections borderline: not a live blog unless asked', () => {
    const doc = sections(['ore 14.35', 'ore 12.10']);
    expect(findLiveBlog(doc, NOW)).toBeNull();
    const blog = findLiveBlog(doc, NOW, { borderline: true })!;
    expect(blog.updates).toHaveLength(2);
    expect(blog.confidence).toBe('low');
    expect(isBorderline(blog)).toBe(true);
  });

  it('finds the same sections a live blog once there are several, in order', () => {
    const blog = findLiveBlog(
      sections(['ore 18.42', 'ore 17.05', 'ore 15.30', 'ore 12.10', 'ore 9.15']),
      NOW,
    )!;
    expect(blog.confidence).toBe('medium');
    expect(isBorderline(blog)).toBe(false);
  });

  it('calls text markers whose times jump about borderline', () => {
    const doc = markers([
      'UPDATE 0900 GMT',
      'UPDATE 1400 GMT',
      'UPDATE 0800 GMT',
      'UPDATE 1500 GMT',
      'UPDATE 0700 GMT',
    ]);
    expect(findLiveBlog(doc, NOW)).toBeNull();
    expect(findLiveBlog(doc, NOW, { borderline: true })?.confidence).toBe('low');
    expect(
      findLiveBlog(
        markers([
          'UPDATE 1500 GMT',
          'UPDATE 1400 GMT',
          'UPDATE 0900 GMT',
          'UPDATE 0800 GMT',
          'UPDATE 0700 GMT',
        ]),
        NOW,
      )?.confidence,
    ).toBe('medium');
  });

  it('calls a lone text-marker update and the original report borderline', () => {
    const doc = markers(['UPDATE 1615 GMT', 'ORIGINAL ENTRY']);
    expect(findLiveBlog(doc, NOW)).toBeNull();
    expect(findLiveBlog(doc, NOW, { borderline: true })?.updates).toHaveLength(2);
  });
});

describe('lists that are not streams', () => {
  it('a chronology of years, and prices in order, are no live blog even when asked for borderline ones', () => {
    const items = (stamps: string[]) =>
      parsePage(
        `<body><main><article><ul class="list">${stamps.map((s) => `<li class="item"><b>${s}</b> A long line of text about this item, which is long enough to count as text of its own.</li>`).join('')}</ul></article></main></body>`,
      );
    expect(
      findLiveBlog(items(['2008', '2012', '2015', '2019', '2021', '2023']), NOW, { borderline: true }),
    ).toBeNull();
    expect(
      findLiveBlog(items(['€ 9.50', '€ 12.50', '€ 14.20', '€ 19.90', '€ 22.40']), NOW, { borderline: true }),
    ).toBeNull();
    // Times running forward down the page, as a programme's do: borderline, the reader decides.
    const programme = items(['09:00', '10:30', '12:15', '14:00', '16:45', '19:00']);
    expect(findLiveBlog(programme, NOW)).toBeNull();
    expect(findLiveBlog(programme, NOW, { borderline: true })?.confidence).toBe('low');
    // The same list stamped with times of day, newest on top, is one.
    expect(
      findLiveBlog(items(['23:08', '22:12', '21:15', '20:19', '19:21', '18:23']), NOW)?.updates,
    ).toHaveLength(6);
  });
});

describe('sections whose headline opens with the time', () => {
  it('take that time as their stamp', () => {
    const doc = parsePage(
      `<html lang="it"><body><main><div class="diretta">${['Ore 18:42', 'Ore 17:05', 'Ore 15:30', 'Ore 12:10']
        .map(
          (h, i) =>
            `<section class="post"><h3>${h} - Notizia numero ${i + 1}</h3><p>Il testo di questo aggiornamento, abbastanza lungo da essere suo.</p></section>`,
        )
        .join('')}</div></main></body></html>`,
    );
    const blog = findLiveBlog(doc, NOW)!;
    expect(blog.updates.map((u) => u.label)).toEqual(['Ore 18:42', 'Ore 17:05', 'Ore 15:30', 'Ore 12:10']);
    expect(firstLine(blog.updates[0].text)).toBe('Notizia numero 1');
  });
});

describe('sections with machine times only', () => {
  it('are found by their <time datetime>, when the printed words are no stamp', () => {
    const hours = ['18:42', '17:05', '15:30', '12:10', '09:15'];
    const doc = parsePage(
      `<html lang="it"><body><main><div class="diretta">${hours
        .map(
          (h, i) =>
            `<section><time datetime="2023-05-17T${h}:00+02:00">17 maggio</time><p>Aggiornamento numero ${i + 1}, con un testo abbastanza lungo da essere suo.</p></section>`,
        )
        .join('')}</div></main></body></html>`,
    );
    const blog = findLiveBlog(doc, NOW)!;
    expect(blog.via).toBe('generic');
    expect(blog.updates.map((u) => u.time)).toEqual(
      hours.map((h) => new Date(`2023-05-17T${h}:00+02:00`).toISOString()),
    );
    expect(blog.updates.map((u) => u.label)).toEqual(new Array(5).fill('17 maggio'));
  });
});

describe('match minutes', () => {
  it('are labels without a time when the page gives no kick-off', () => {
    const doc = parsePage(
      `<body><main><ul class="cronaca">${["94'", "90+2'", "67'", "45+1'", "12'"]
        .map(
          (m) =>
            `<li class="evento"><span class="min">${m}</span><p>Azione pericolosa in area, il portiere para con i pugni e allontana il pallone.</p></li>`,
        )
        .join('')}</ul></main></body>`,
    );
    const blog = findLiveBlog(doc, NOW)!;
    expect(blog.updates.map((u) => u.label)).toEqual(["94'", "90+2'", "67'", "45+1'", "12'"]);
    expect(blog.updates.map((u) => u.time)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('what an entry is', () => {
  it('keeps a class whose words only contain a state word ("live-events", "newsitem") as the shape', () => {
    const doc = parsePage(
      '<div class="live-events__entry"></div><div class="newsitem"></div><div class="entry is-pinned"></div><div class="block--even"></div>',
    );
    expect([...doc.body.children].map(shapeOf)).toEqual([
      'DIV.live-events__entry',
      'DIV.newsitem',
      'DIV.entry',
      'DIV',
    ]);
  });

  it('reads a label the way a reader sees it, a space where two elements meet', () => {
    const doc = parsePage(
      '<time id="t"><span>21 mins ago</span>11:48</time><div id="d"><b>November</b><b>02</b><b>2023</b></div><h3 id="h"><a>Meghan Markle</a>\'s <em>mum</em></h3>',
    );
    expect(['t', 'd', 'h'].map((id) => spacedText(doc.getElementById(id)!))).toEqual([
      '21 mins ago 11:48',
      'November 02 2023',
      "Meghan Markle's mum",
    ]);
  });

  it('counts an unmarked copy of an entry once (the schema matches both to one update)', () => {
    const doc = parsePage(`<script type="application/ld+json">{"@type":"LiveBlogPosting","liveBlogUpdate":[
      {"headline":"Bridge closed","datePublished":"2024-03-01T10:00:00Z","url":"https://x.example/live#p2"},
      {"headline":"Morning","datePublished":"2024-03-01T08:00:00Z","url":"https://x.example/live#p1"}]}</script>
      <main><div class="feed">
        <div class="post"><h3>Bridge closed</h3><time>10:00</time><p>The bridge is closed in both directions after a crash.</p></div>
        <div class="post" id="p2"><h3>Bridge closed</h3><time>10:00</time><p>The bridge is closed in both directions after a crash.</p></div>
        <div class="post" id="p1"><h3>Morning</h3><time>08:00</time><p>Good morning and welcome to our coverage of the day.</p></div>
      </div></main>`);
    const blog = findLiveBlog(doc, NOW)!;
    expect(blog.updates.map((u) => u.id)).toEqual(['p2', 'p1']);
  });

  it('tells ad slots, teasers and empty placeholders from entries', () => {
    const doc =
      parsePage(`<div id="ad-3"><amp-ad></amp-ad></div><div id="div-gpt-ad-live-slot">x</div><div class="werbung">Anzeige</div>
      <div id="mantis-recommender-placeholder"></div><div class="post"><iframe src="about:blank"></iframe></div><div class="post">Text</div>`);
    expect([...doc.body.children].map(isNotEntry)).toEqual([true, true, true, true, false, false]);
  });

  it('reads stamps as printed: clock times, minutes, relative ages, not sentences', () => {
    expect(
      [
        'ore 14.35',
        '12.31 Uhr',
        "45+2'",
        '5 minuti fa',
        '27 agosto 2024, 14:35',
        '11:48 (IST)',
        '14h05',
        'Mercoledì 17 maggio 2023 - 14:35',
        'Aggiornato alle 9.05',
      ].map(stampKind),
    ).toEqual(['clock', 'clock', 'minute', 'relative', 'clock', 'clock', 'clock', 'clock', 'clock']);
    expect(
      [
        'The vote at 14:35 was close',
        'Dienstag, 27. August 2024',
        '2-1',
        '1984',
        '2015',
        '€ 12.50',
        '12.50 %',
        '3:25.45',
      ].map(stampKind),
    ).toEqual(new Array(8).fill(undefined));
    expect(['2015 GMT', '0830 hrs'].map(stampKind)).toEqual(['clock', 'clock']);
    const doc = parsePage(
      '<div id="a"><h3>Corner</h3><p>Text first, <b>long</b> enough.</p><p>And more.</p><span>91\'</span></div>',
    );
    expect(edgeStamp(doc.getElementById('a')!)).toMatchObject({ text: "91'", kind: 'minute', at: 'end' });
  });
});
