import { describe, expect, it } from 'vitest';
import {
  isRelativeLabel,
  kickoffOf,
  machineTime,
  matchMinute,
  minuteTime,
  pageClock,
  parseLabel,
  relativeAge,
  Timeline,
  type PageClock,
} from '../../src/liveblog/time';

const labelTime = (label: string, clock: PageClock) => new Timeline(clock).resolve([label]);
import { parsePage } from '../helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('machine values', () => {
  it('reads epoch seconds, epoch milliseconds and ISO strings', () => {
    expect(machineTime('1602015773212', {})).toBe('2020-10-06T20:22:53.212Z');
    expect(machineTime('1460885400', {})).toBe('2016-04-17T09:30:00.000Z');
    expect(machineTime('2023-11-02T10:31:40.000Z', {})).toBe('2023-11-02T10:31:40.000Z');
    expect(machineTime('2020-10-06T21:22:53.212+01:00', {})).toBe('2020-10-06T20:22:53.212Z');
    expect(machineTime('2016-11-24T08:00:00+0000', {})).toBe('2016-11-24T08:00:00.000Z');
  });

  it('reads a date-time without a zone in the page zone, and nothing else', () => {
    expect(machineTime('2024-05-14T20:47', { offset: -300 })).toBe('2024-05-15T01:47:00.000Z');
    expect(machineTime('21:22', {})).toBeUndefined();
    expect(machineTime('12', {})).toBeUndefined();
  });
});

describe('relative labels', () => {
  it.each([
    ['Just now', 0],
    ['40 min ago', 40 * MIN],
    ['5m ago', 5 * MIN],
    ['2h ago', 2 * HOUR],
    ['an hour ago', HOUR],
    ['Updated 3 hours ago', 3 * HOUR],
    ['1 day ago', 24 * HOUR],
    ['vor 5 Minuten', 5 * MIN],
    ['vor einer Stunde', HOUR],
    ['vor 2 Std.', 2 * HOUR],
    ['il y a 20 min', 20 * MIN],
    ['il y a 2 heures', 2 * HOUR],
    ['hace 25 minutos', 25 * MIN],
    ['gerade eben', 0],
  ])('%s', (label, age) => {
    expect(relativeAge(label)).toBe(age);
    expect(isRelativeLabel(label)).toBe(true);
  });

  it('are not clock labels, and clock labels are not relative', () => {
    for (const label of ['19.41 GMT', 'UPDATE 1615 GMT', 'a few minutes ago', '13:17 Uhr'])
      expect(isRelativeLabel(label)).toBe(false);
  });

  it('count back from the page load, to the minute', () => {
    const tl = new Timeline({ now: Date.parse('2024-01-01T12:00:30Z') });
    expect(tl.resolve(['40 min ago'])).toBe('2024-01-01T11:20:00.000Z');
  });
});

describe('clock labels', () => {
  it('take their time, their printed date and their zone apart', () => {
    expect(parseLabel('UPDATE 1615 GMT')).toEqual({ minutes: 16 * 60 + 15, date: undefined, offset: 0 });
    expect(parseLabel('12:09 a.m. ET, October 30, 2023')).toEqual({
      minutes: 9,
      date: '2023-10-30',
      offset: -300,
    });
    expect(parseLabel('Update, 29.04.2020, 17:15 Uhr')).toEqual({
      minutes: 17 * 60 + 15,
      date: '2020-04-29',
      offset: undefined,
    });
    expect(parseLabel('Update, 28.4.2020, 12.45 Uhr')?.date).toBe('2020-04-28');
    expect(parseLabel('10 h 12')?.minutes).toBe(10 * 60 + 12);
    expect(parseLabel('13h20')?.minutes).toBe(13 * 60 + 20);
    expect(parseLabel('ORIGINAL ENTRY')).toBeUndefined();
  });

  it('read "Am" after a 24-hour time as a word, not a meridiem', () => {
    expect(parseLabel('16:05 Am Sonntag')?.minutes).toBe(16 * 60 + 5);
    expect(parseLabel('4:05 pm')?.minutes).toBe(16 * 60 + 5);
    expect(parseLabel('12:30 am')?.minutes).toBe(30);
  });

  it('date a label with the page date and zone unless it prints its own', () => {
    expect(labelTime('19.41 GMT', { date: '2023-11-02', offset: 60 })).toBe('2023-11-02T19:41:00.000Z');
    expect(labelTime('21:22', { date: '2020-10-06', offset: 60 })).toBe('2020-10-06T20:22:00.000Z');
    expect(labelTime('21:22', {})).toBeUndefined();
  });
});

describe('Timeline', () => {
  it('walks back from the last modification across midnight', () => {
    const tl = new Timeline({
      date: '2024-01-02',
      modified: '2024-01-02',
      published: '2024-01-01',
      offset: 0,
    });
    expect(tl.walk(3, true)).toEqual([0, 1, 2]);
    expect(['00:40', '00:05', '23:50'].map((l) => tl.resolve([l]))).toEqual([
      '2024-01-02T00:40:00.000Z',
      '2024-01-02T00:05:00.000Z',
      '2024-01-01T23:50:00.000Z',
    ]);
  });

  it('walks forward from the publication when no modification is stated', () => {
    const tl = new Timeline({ date: '2024-01-01', published: '2024-01-01', offset: 0 });
    expect(tl.walk(3, true)).toEqual([2, 1, 0]);
    expect(['23:50', '00:05', '00:40'].map((l) => tl.resolve([l]))).toEqual([
      '2024-01-01T23:50:00.000Z',
      '2024-01-02T00:05:00.000Z',
      '2024-01-02T00:40:00.000Z',
    ]);
  });

  it('takes the first value that parses, and lets exact values set the day', () => {
    const tl = new Timeline({ date: '2024-01-05', modified: '2024-01-05', offset: 0 });
    expect(tl.resolve([undefined, 'not a time', '2024-01-03T10:00:00Z', '09:00'])).toBe(
      '2024-01-03T10:00:00.000Z',
    );
    expect(tl.resolve(['09:00'])).toBe('2024-01-03T09:00:00.000Z');
  });
});

describe('pageClock', () => {
  it('reads modified and published dates in their own zone', () => {
    const doc = parsePage(
      '<head><meta property="article:published_time" content="2020-05-03T23:30:00+02:00"><meta property="article:modified_time" content="2020-05-04T00:30:00+02:00"></head>',
    );
    expect(pageClock(doc, 5)).toEqual({
      date: '2020-05-04',
      modified: '2020-05-04',
      published: '2020-05-03',
      offset: 120,
      now: 5,
    });
  });

  it('falls back to the first <time datetime>', () => {
    const doc = parsePage('<body><time datetime="2016-11-24T08:00:00+00:00">24 Nov</time></body>');
    expect(pageClock(doc, 0)).toMatchObject({ date: '2016-11-24', published: '2016-11-24', offset: 0 });
  });
});

describe('match minutes', () => {
  it('read "95\'", "45+2\'", "90\'+4" and curly primes as the minute of play and time added', () => {
    expect(["95'", "45+2'", "90'+4", '67′', '3’'].map(matchMinute)).toEqual([
      { minute: 95, added: 0 },
      { minute: 45, added: 2 },
      { minute: 90, added: 4 },
      { minute: 67, added: 0 },
      { minute: 3, added: 0 },
    ]);
    expect(['Min. 88', 'min 45+2', '90.+3'].map(matchMinute)).toEqual([
      { minute: 88, added: 0 },
      { minute: 45, added: 2 },
      { minute: 90, added: 3 },
    ]);
    expect(['95', '14:35', "2-1'", "150'", 'Minute 95', '88.', '3.'].map(matchMinute)).toEqual(
      new Array(7).fill(undefined),
    );
  });

  it('become times only from a kick-off, counting the breaks before them', () => {
    const kickoff = Date.parse('2024-04-13T14:00:00Z');
    expect(minuteTime("12'", kickoff)).toBe('2024-04-13T14:12:00.000Z');
    expect(minuteTime("45+2'", kickoff)).toBe('2024-04-13T14:47:00.000Z');
    expect(minuteTime("46'", kickoff)).toBe('2024-04-13T15:01:00.000Z');
    expect(minuteTime("90+3'", kickoff)).toBe('2024-04-13T15:48:00.000Z');
    expect(minuteTime("105'", kickoff)).toBe('2024-04-13T16:05:00.000Z');
    expect(minuteTime("12'", undefined)).toBeUndefined();
    // Through the timeline: no kick-off, no time, and no day to date other labels by.
    expect(new Timeline({ date: '2024-04-13' }).resolve(["12'"])).toBeUndefined();
    expect(new Timeline({ date: '2024-04-13', kickoff }).resolve(["12'"])).toBe('2024-04-13T14:12:00.000Z');
  });

  it('take the kick-off from a SportsEvent the page states', () => {
    const doc = parsePage(
      '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"SportsEvent","startDate":"2024-04-13T15:00:00+01:00"}]}</script>',
    );
    expect(pageClock(doc).kickoff).toBe(Date.parse('2024-04-13T14:00:00Z'));
    expect(
      kickoffOf(
        parsePage(
          '<div itemscope itemtype="https://schema.org/SportsEvent"><meta itemprop="startDate" content="2024-04-13T20:45:00+02:00"></div>',
        ),
      ),
    ).toBe(Date.parse('2024-04-13T18:45:00Z'));
    expect(kickoffOf(parsePage('<p>Kick-off at 3pm</p>'))).toBeUndefined();
  });
});

describe('Italian', () => {
  it('reads relative ages and month names', () => {
    expect(relativeAge('5 minuti fa')).toBe(5 * MIN);
    expect(relativeAge('2 ore fa')).toBe(2 * HOUR);
    expect(relativeAge("un'ora fa")).toBe(HOUR);
    expect(parseLabel('17 maggio 2023, 14:35')).toEqual({
      minutes: 14 * 60 + 35,
      date: '2023-05-17',
      offset: undefined,
    });
  });
});
