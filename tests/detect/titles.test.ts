import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect';
import { names } from './helpers';

describe('titles and appositions', () => {
  it('cuts the title off the person and keeps it as a role', () => {
    const r = detect('Turkish Prime Minister Binali Yıldırım has said the attack will not go unanswered.');
    expect(r.mentions.map((m) => `${m.text}/${m.kind}`)).toEqual(['Binali Yıldırım/person']);
    expect([...r.entities.values()][0].roles).toEqual(['Turkish Prime Minister']);
  });

  it('reads a name after a title as a person even when its words are common', () => {
    expect(names('It was welcomed by President-elect Donald Trump.')).toEqual(['Donald Trump/person']);
    expect(names('He met Mr Baker yesterday.')).toEqual(['Baker/person']);
  });

  it('reads a first name and a surname that is also a cue word as a person when titled or speaking', () => {
    expect(names('Coach David Field said the team played well.')).toEqual(['David Field/person']);
    expect(names('He walked through Victoria Park.')).toEqual(['Victoria Park/place']);
  });

  it("reads a title that is also a first name opening an organisation's name as no person", () => {
    expect(names('He was a Major League Baseball pitcher.')).toEqual(['Major League Baseball/organization']);
  });

  it('treats lower-case titles before a name the same way', () => {
    const r = detect("Turkey's foreign minister Mevlut Cavusoglu said talks would go on.");
    const person = [...r.entities.values()].find((e) => e.kind === 'person')!;
    expect(person.name).toBe('Mevlut Cavusoglu');
    expect(person.roles[0]).toContain('foreign minister');
  });

  it('reads titled names in a list of dates, which is in no other language', () => {
    expect(
      names(
        'Unknown, 1 June 1985 -- 14 July 1985; Major General John C. Scheidt Jr., 15 July 1985; Brigadier General Philip M. Drew, 12 August 1986; Brigadier General John A. Corder, 3 August 1987; Brigadier General Gerald A. Daniel, 22 April 1988 -- 24 January 1989, 1990.',
      ),
    ).toEqual([
      'John C. Scheidt Jr./person',
      'Philip M. Drew/person',
      'John A. Corder/person',
      'Gerald A. Daniel/person',
    ]);
  });

  it('finds nothing in a title alone', () => {
    expect(names('The Prime Minister and the Foreign Minister met.')).toEqual([]);
  });

  it('reads what follows "Title of" as the title\'s domain, not the person', () => {
    expect(names('President of France Emmanuel Macron arrived.')).toEqual([
      'France/place',
      'Emmanuel Macron/person',
    ]);
    // A peer's title and territory are the person ("Duke of Edinburgh"), as news gold has them.
    expect(names('The Duchess of Sussex spoke.')).toEqual(['Duchess of Sussex/person']);
  });

  it('keeps the owner of "Secretary of State" out of the name', () => {
    expect(names('US Secretary of State John Kerry flew in.')).toContain('John Kerry/person');
  });

  it('reads the full name after a description written in capitals with a lower-case word inside', () => {
    expect(names('His manager was future Hall of Famer Bill McKechnie.')).toEqual(['Bill McKechnie/person']);
    expect(names('It was made for Hall of Fame Finger-picker Muriel Anderson.')).toEqual([
      'Muriel Anderson/person',
    ]);
    // No lower-case word: a first name inside a longer name stays part of it.
    expect(names('The Martin Luther King Center opened.')).not.toContain('Luther King/person');
  });
});
