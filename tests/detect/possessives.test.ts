import { describe, expect, it } from 'vitest';
import { isContraction, possessiveLength } from '../../src/detect/rules/possessives';
import { names } from './helpers';

describe('possessives and contractions', () => {
  it('cuts the possessive from the name', () => {
    expect(possessiveLength("Assad's")).toBe(2);
    expect(possessiveLength('Assad’s')).toBe(2);
    expect(names('He blamed Assad’s forces and Moscow’s denials.')).toEqual(['Assad/person', 'Moscow/place']);
  });

  it('keeps a possessive inside a name a cue ends', () => {
    expect(names("Later that day Howe's Brigade crossed the river.")).toEqual([
      "Howe's Brigade/organization",
    ]);
    // ... but a known place owns what follows.
    expect(names("They met in Chicago's Palmer House.")).toEqual(['Chicago/place', 'Palmer House/place']);
    // ... and so does a person named in full.
    expect(names("He beat Olaf Scholz's Social Democrats.")).toEqual([
      'Olaf Scholz/person',
      'Social Democrats/organization',
    ]);
    // ... and a known name may start with a possessive.
    expect(names("It was filmed in the People's Republic of China.")).toEqual([
      "People's Republic of China/place",
    ]);
  });

  it("keeps the 's of a shop's name that owns nothing", () => {
    expect(names("Thalhimer's later became Hecht's in 1992, and Macy's.")).toEqual([
      "Hecht's/organization",
      "Macy's/organization",
    ]);
    expect(names("Shares of Tesla's rival fell.")).toEqual(['Tesla/organization']);
  });

  it('never reads contractions as names', () => {
    expect(isContraction('Don’t')).toBe(true);
    expect(names('Don’t worry. It’s fine, they’re here.')).toEqual([]);
  });

  it("joins a plural's possessive into the name a cue ends", () => {
    expect(names("He represented the Ratepayers' Association in 1992.")).toEqual([
      "Ratepayers' Association/organization",
    ]);
    expect(names("The Farmers' Union met.")).toEqual(["Farmers' Union/organization"]);
    // A plural's possessive before a person names the side, not the person.
    expect(names("The Celtics' Jaylen Brown scored 30.")).toEqual([
      'Celtics/organization',
      'Jaylen Brown/person',
    ]);
  });
});
