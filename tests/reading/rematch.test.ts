import { describe, expect, it } from 'vitest';
import { textId } from '../../src/liveblog/hash';
import { isTextId, rematch, similarity } from '../../src/reading/rematch';

const u = (label: string, firstLine: string) => ({ id: textId(label, firstLine), label, firstLine });

describe('rematch', () => {
  const original = u(
    'UPDATE 1615 GMT',
    'Turkey says three of its soldiers have been killed and ten wounded in an air strike near al-Bab',
  );
  const other = u(
    'UPDATE 0830 GMT',
    'Residents of eastern Aleppo appeal to the world for an end to the bombardment of the city',
  );

  it('recognises text ids and nothing else', () => {
    expect(isTextId(original.id)).toBe(true);
    expect(isTextId(`${original.id}~2`)).toBe(true);
    for (const id of ['block-5f3a', '2259242', 'id_4821', 'h_0d9f8e7c6b5a49382716f5e4d3c2b1a0'])
      expect(isTextId(id)).toBe(false);
  });

  it('maps an edited update to its old id when label and most of the opening agree', () => {
    const edited = u(
      'UPDATE 1615 GMT',
      'Turkey says three of its soldiers were killed and ten wounded in an air strike near the town of al-Bab',
    );
    expect(edited.id).not.toBe(original.id);
    expect(similarity(edited.firstLine, original.firstLine)).toBeGreaterThan(0.5);
    expect(rematch([original, other], [edited, other])).toEqual(new Map([[edited.id, original.id]]));
  });

  it('also maps a near-identical opening whose label was corrected', () => {
    const relabelled = u('UPDATE 1620 GMT', original.firstLine);
    expect(rematch([original], [relabelled])).toEqual(new Map([[relabelled.id, original.id]]));
  });

  it('keeps a new update new, even under the same label', () => {
    const fresh = u(
      'UPDATE 1615 GMT',
      'Bilal Abdul Kareem of On the Ground News counters Moscow’s denials of air strikes on hospitals',
    );
    expect(rematch([original], [fresh, original])).toEqual(new Map());
    expect(rematch([original], [fresh])).toEqual(new Map());
  });

  it('pairs two edited updates that share a label with the right old ones', () => {
    const a = u(
      'UPDATE 1615 GMT',
      'Turkish Prime Minister Binali Yıldırım has said an attack by the Syrian regime killed three soldiers',
    );
    const b = u(
      'UPDATE 1615 GMT',
      'Bilal Abdul Kareem of On the Ground News counters Moscow’s denials of air strikes on hospitals',
    );
    const a2 = u(
      'UPDATE 1615 GMT',
      'Turkish Prime Minister Binali Yıldırım has said that an attack by the Syrian regime killed three soldiers',
    );
    const b2 = u(
      'UPDATE 1615 GMT',
      'Bilal Abdul Kareem, of On the Ground News, counters Moscow’s denial of air strikes on hospitals',
    );
    expect(rematch([a, b], [b2, a2])).toEqual(
      new Map([
        [b2.id, b.id],
        [a2.id, a.id],
      ]),
    );
  });

  it('never touches ids that come from the page', () => {
    expect(
      rematch(
        [{ id: 'block-1', label: 'x', firstLine: 'same words here' }],
        [{ id: 'block-2', label: 'x', firstLine: 'same words here' }],
      ),
    ).toEqual(new Map());
  });
});
