import { describe, expect, it } from 'vitest';
import { page } from './helpers';

describe('role phrases', () => {
  const p = page([
    'Turkish Prime Minister Binali Yıldırım has said the attack will be answered.',
    'Bilal Abdul Kareem of On the Ground News counters the denials.',
    'Egypt has sent a unit, according to the pro-Assad regime Lebanese daily As-Safir.',
    'Scott Lucas, the editor of the site, wrote the report.',
    'Mr. Reeves, a researcher, disagreed with Eric Reeves’s critics.',
    'Meghan Markle, Duchess of Sussex, spoke to Oprah Winfrey, Duchess of Sussex’s friend and host.',
  ]);
  const roles = (name: string) => p.entities.get(p.keyOf(name)!)!.roles;

  it('collects titles before a person', () =>
    expect(roles('Binali Yıldırım')).toEqual(['Turkish Prime Minister']));
  it('collects "of <organisation>" after a person', () =>
    expect(roles('Bilal Abdul Kareem')).toEqual(['of On the Ground News']));
  it('collects descriptors before an organisation', () =>
    expect(roles('As-Safir')).toEqual(['pro-Assad regime Lebanese daily']));
  it('collects appositions after a person', () =>
    expect(roles('Scott Lucas')).toEqual(['the editor of the site']));
  it('does not count honorifics as roles', () => expect(roles('Eric Reeves')).toEqual(['a researcher']));
  it('collects capitalised title appositions, and only the title', () => {
    expect(roles('Meghan Markle')).toEqual(['Duchess of Sussex']);
    expect(roles('Oprah Winfrey')).toEqual([]);
  });
});
