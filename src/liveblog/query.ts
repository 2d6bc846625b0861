/**
 * `el.querySelector(selector)` for the per-entry reads, at a cost that does not grow with the page.
 * Chromium's scoped query for a selector with combinators ("header h2") can cost in proportion to the
 * whole document on every call, which made reading a long day's live blog grow with the square of its
 * entries; looking for the last compound only ("h2") stays within the entry. Each candidate is then
 * checked against the whole selector with `matches`, which is exactly what `querySelector` asks (the
 * ancestors a selector names may lie outside `el`), so the answer is the same: the first in document order.
 */

const SPLIT = new Map<string, string | null>();

/** The last compound of each selector in a list ("header h2, .a > b" → "h2, b"), or null if unsure. */
export function lastCompounds(selector: string): string | null {
  let cached = SPLIT.get(selector);
  if (cached !== undefined) return cached;
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  let compound = 0;
  let simple = true;
  const end = (i: number) => {
    const last = selector.slice(compound, i).trim();
    if (!last) simple = false;
    parts.push(last);
  };
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (depth === 0 && (c === ' ' || c === '>' || c === '+' || c === '~' || c === '\t' || c === '\n')) {
      // A combinator: the compound after it is the last one so far.
      if (selector.slice(compound, i).trim()) compound = i + 1;
      else compound = i + 1;
    } else if (depth === 0 && c === ',') {
      end(i);
      start = i + 1;
      compound = start;
    }
  }
  end(selector.length);
  // `:scope` means the element itself to querySelector, and the candidate to matches: not the same question.
  if (quote || depth !== 0 || /:scope/i.test(selector)) simple = false;
  cached = simple ? parts.join(', ') : null;
  SPLIT.set(selector, cached);
  return cached;
}

export function queryIn(el: Element, selector: string): Element | null {
  const last = lastCompounds(selector);
  if (last === null || last === selector) return el.querySelector(selector);
  for (const candidate of el.querySelectorAll(last)) if (candidate.matches(selector)) return candidate;
  return null;
}
