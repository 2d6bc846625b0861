/**
 * Titles of works in quotation marks: in "Anarchy in Tokyo" or “Time to Wake Up” the capitals mark a song's
 * title, so nothing inside is a mention. Speech in quotes ("We will retake Kharkiv," he said) is read as
 * usual: it has lower-case words or punctuation inside.
 */
import type { Token } from '../tokenize';
import { isFunctionWord } from './sentence';

/** [start, end) of the quoted Title Case phrases of a block (two to ten words). */
export function quotedTitles(text: string, toks: Token[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let k = 0;
  for (let open = nextOpening(text, 0); open >= 0; open = nextOpening(text, open + 1)) {
    const closeChar = text[open] === '“' ? '”' : text[open];
    const close = text.indexOf(closeChar, open + 1);
    if (close < 0) break;
    while (k < toks.length && toks[k].wordStart < open) k++;
    let words = 0;
    let caps = 0;
    let title = true;
    let m = k;
    for (; m < toks.length && toks[m].wordEnd <= close; m++) {
      // Once the quote is speech, only its end is wanted.
      if (!title) continue;
      const t = toks[m];
      words++;
      if (t.capitalised) caps++;
      else if (!isFunctionWord(t) && !/^\d/.test(t.text)) title = false;
      // Commas and full stops inside mean speech, except at the very end ("Time to Wake Up.").
      const gap = text.slice(
        t.wordEnd,
        m + 1 < toks.length && toks[m + 1].wordEnd <= close ? toks[m + 1].wordStart : close,
      );
      if (/[,;:!?.]/.test(gap) && toks[m + 1]?.wordEnd <= close) title = false;
    }
    if (title && words >= 2 && words <= 10 && caps >= 2) out.push([open, close]);
    open = close;
    k = m;
  }
  return out;
}

/** The next opening quotation mark at or after `from`: a double quote, or a single one after a space. */
function nextOpening(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === '“') return i;
    if (c === "'" && (i === 0 || text[i - 1] === ' ') && /\w/.test(text[i + 1] ?? '')) return i;
  }
  return -1;
}
