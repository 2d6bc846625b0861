import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOffice, heldAt, officeAt, recentOffices } from '../../src/knowledge/positions';
import { population, positionClaims, wikidataDate, type Entity } from '../../src/knowledge/wikidata';

const entity = (qid: string) =>
  JSON.parse(readFileSync(resolve(__dirname, `../fixtures/wikidata/${qid}.json`), 'utf8')) as Entity;
const snak = (time: string, precision: number) => ({
  snaktype: 'value',
  datavalue: { type: 'time', value: { time, precision } },
});

describe('Wikidata positions held', () => {
  it('reads dates at their precision', () => {
    expect(wikidataDate(snak('+2016-05-24T00:00:00Z', 11))).toBe('2016-05-24');
    expect(wikidataDate(snak('+2016-05-00T00:00:00Z', 10))).toBe('2016-05');
    expect(wikidataDate(snak('+2016-00-00T00:00:00Z', 9))).toBe('2016');
    expect(wikidataDate(snak('+1994-01-01T00:00:00Z', 9))).toBe('1994');
    expect(wikidataDate({ snaktype: 'somevalue' })).toBeUndefined();
  });

  it('takes P39 with start and end, skipping deprecated statements', () => {
    const claims = positionClaims(entity('Q1333095'));
    expect(claims.map((c) => [c.qid, c.start, c.end])).toEqual([
      ['Q99000201', '2002-11-18', '2013-12-25'],
      ['Q99000202', '2016-05-24', '2018-07-09'],
      ['Q99000203', '2018-07-12', '2019-02-18'],
    ]);
    expect(positionClaims(entity('Q39723')).find((c) => !c.end)?.preferred).toBe(true);
  });

  it('finds the office held at the time of an update', () => {
    const offices = [
      { label: 'Minister of Transport', start: '2002-11-18', end: '2013-12-25' },
      { label: 'Prime Minister of Turkey', start: '2016-05-24', end: '2018-07-09' },
      { label: 'Speaker', start: '2018-07-12', end: '2019-02-18' },
    ];
    expect(officeAt(offices, '2016-11-24T16:15:00Z')?.label).toBe('Prime Minister of Turkey');
    expect(officeAt(offices, '2018-07-10T12:00:00Z')).toBeUndefined();
    expect(officeAt(offices, '2018-07-09T23:00:00Z')?.label).toBe('Prime Minister of Turkey');
    expect(officeAt(offices, undefined)).toBeUndefined();
    // Year precision covers the whole year; no end means still held.
    expect(heldAt({ label: 'x', start: '2004', end: '2004' }, '2004-12-31T12:00:00Z')).toBe(true);
    expect(heldAt({ label: 'x', start: '2014-08-28' }, '2025-01-01T00:00:00Z')).toBe(true);
    // Two at once: the preferred one.
    expect(
      officeAt(
        [
          { label: 'Member', start: '2002' },
          { label: 'President', start: '2014-08-28', preferred: true },
        ],
        '2016-01-01',
      )?.label,
    ).toBe('President');
  });

  it('writes offices for the card, most recent first', () => {
    expect(formatOffice({ label: 'Prime Minister of Turkey', start: '2016-05-24', end: '2018-07-09' })).toBe(
      'Prime Minister of Turkey (2016–2018)',
    );
    expect(formatOffice({ label: 'President of Turkey', start: '2014-08-28' })).toBe(
      'President of Turkey (since 2014)',
    );
    expect(
      recentOffices([
        { label: 'a', start: '2000', end: '2001' },
        { label: 'b', start: '2010' },
        { label: 'c', start: '2005', end: '2008' },
      ]).map((o) => o.label),
    ).toEqual(['b', 'c', 'a']);
  });

  it('reads population: the preferred statement, with its year', () => {
    expect(population(entity('Q43'))).toEqual({ value: 85372377, year: '2023' });
    expect(population(entity('Q1333095'))).toBeUndefined();
  });
});
