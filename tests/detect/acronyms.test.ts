import { describe, expect, it } from 'vitest';
import { initials } from '../../src/detect/rules/acronyms';
import { names, page } from './helpers';

describe('acronyms', () => {
  it('reads unknown acronyms and initialisms as organisations', () => {
    expect(names('Fighters of the YPG crossed the river.')).toEqual(['YPG/organization']);
    expect(names('The U.N. envoy arrived.')).toEqual(['U.N./organization']);
  });

  it('knows country abbreviations are places', () => {
    expect(names('Officials in the US and the U.K. agreed.')).toEqual(['US/place', 'U.K./place']);
  });

  it('ignores plurals of furniture and a legal form cut off by a comma', () => {
    expect(names('The lottery is drawn on Tuesdays and Fridays; he won with 23 KOs.')).toEqual([]);
    // ... but only days and abbreviations: "Sun" is furniture, "Suns" a team.
    expect(names('The Phoenix Suns won again.')).toEqual(['Phoenix Suns/organization']);
    expect(names('Investors formed Cascade Timberlands, LLC.').map((n) => n.split('/')[0])).toEqual([
      'Cascade Timberlands',
    ]);
  });

  it('ignores shouted words and furniture in capitals', () => {
    expect(names('UPDATE 1615 GMT: PHOTO of the day')).toEqual([]);
    expect(names('ORIGINAL ENTRY: talks resumed.')).toEqual([]);
    expect(names('KHARTOUM, NOV. 3 — talks resumed.')).toEqual(['KHARTOUM/place']);
  });

  it('reads call signs that start with digits, but not numbers with units', () => {
    expect(names('The talk station 6PR and its sister 3AW merged.')).toEqual([
      '6PR/organization',
      '3AW/organization',
    ]);
    expect(names("Ratings of 6PR's breakfast show rose in the 1990's.")).toEqual(['6PR/organization']);
    expect(names('The plant delivers 20MW from 5PM and ran on the 3RD shift.')).toEqual([]);
  });

  it("keeps a station's dial position before its call sign, also when the page defines the call sign alone", () => {
    expect(names('From 2006, 882 6PR will broadcast every home game.')).toEqual(['882 6PR/organization']);
    const { mentions } = page([
      '6PR is a commercial radio station in Perth.',
      'Known as 882 6PR, it began in 1931, and 3AW followed.',
    ]);
    expect(mentions.map((m) => m.text)).toEqual(['6PR', 'Perth', '882 6PR', '3AW']);
  });

  it('reads an acronym that is also a word only in capitals', () => {
    expect(names('The WHO warned on Monday.')).toEqual(['WHO/organization']);
    expect(names('He wrote for Doctor Who in 1983.').map((n) => n.split('/')[0])).not.toContain('Who');
  });

  it('links an acronym to the name it abbreviates on the page', () => {
    const p = page([
      'The Kurdistan Democratic Union Committee (KDUC) met.',
      'The KDUC said it would return.',
    ]);
    expect(p.keyOf('KDUC')).toBe(p.keyOf('Kurdistan Democratic Union Committee'));
  });

  it('computes initials of multi-word names', () => {
    expect(initials('Syrian Democratic Forces')).toBe('SDF');
    expect(initials('Reuters')).toBe('');
  });
});
