/**
 * How well a list's stamps keep one order: live blogs run newest first (some oldest first), and a list
 * whose times jump about is a set of teasers or a schedule page, not a stream of updates.
 */

/**
 * The share of neighbouring pairs that follow the list's main direction (ties count for it). With `wrap`
 * (a clock's 1440 minutes), a jump of more than half of it the other way is midnight passing, and follows too.
 */
export function orderScore(
  values: ReadonlyArray<number | undefined>,
  wrap?: number,
): { score: number; newestFirst: boolean } {
  const v = values.filter((x): x is number => x !== undefined);
  if (v.length < 2) return { score: 0, newestFirst: true };
  let down = 0;
  let up = 0;
  let ties = 0;
  for (let i = 1; i < v.length; i++) {
    let d = v[i] - v[i - 1];
    if (wrap && Math.abs(d) > wrap / 2) d = -Math.sign(d);
    if (d < 0) down++;
    else if (d > 0) up++;
    else ties++;
  }
  const pairs = v.length - 1;
  return { score: (Math.max(down, up) + ties) / pairs, newestFirst: down >= up };
}
