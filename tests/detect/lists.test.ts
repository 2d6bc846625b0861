import { describe, expect, it } from 'vitest';
import { names } from './helpers';

describe('names listed together', () => {
  it('reads a guessed name in a list of people as a person, through an Oxford comma', () => {
    expect(names('Other teammates were Max Carey, Kiki Cuyler, Rabbit Maranville, and Pie Traynor.')).toEqual(
      ['Max Carey/person', 'Kiki Cuyler/person', 'Rabbit Maranville/person', 'Pie Traynor/person'],
    );
  });
});
