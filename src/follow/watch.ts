/**
 * Watched names in a followed blog's new updates. The detector reads the update's text as a page would
 * be read, and a watch matches an entity whose name or one of whose forms is the watched name (or one
 * of its aliases): "Ayrault" finds "Jean-Marc Ayrault". Runs where the page is parsed (offscreen document,
 * Firefox background page), never in a web page.
 */
import { detect } from '../detect';
import { normaliseText } from '../liveblog/hash';
import type { WatchHit, WatchRecord } from './types';

/** The key a watch is stored under: its name, normalised (case, accents, punctuation). */
export const watchKey = (name: string): string => normaliseText(name);

const SENTENCE_MAX = 300;

/** The sentence around `start`–`end` in `text`, cut to at most `SENTENCE_MAX` characters. */
export function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const from = Math.max(before.search(/[^.!?\n]*$/), 0);
  const after = text.slice(end).search(/[.!?](\s|$)|\n/);
  const to = after < 0 ? text.length : end + after + 1;
  let s = text.slice(from, to).trim();
  if (s.length > SENTENCE_MAX) {
    const mid = start - from;
    const lo = Math.max(0, Math.min(mid - SENTENCE_MAX / 2, s.length - SENTENCE_MAX));
    s =
      (lo > 0 ? '…' : '') + s.slice(lo, lo + SENTENCE_MAX).trim() + (lo + SENTENCE_MAX < s.length ? '…' : '');
  }
  return s;
}

/** The watches an update's text mentions, each once, with its first sentence. */
export function matchWatches(
  updateId: string,
  text: string,
  watches: readonly Pick<WatchRecord, 'key' | 'aliases'>[],
): WatchHit[] {
  if (!watches.length || !text) return [];
  const wanted = new Map<string, string>();
  for (const w of watches) {
    wanted.set(w.key, w.key);
    for (const a of w.aliases) if (watchKey(a)) wanted.set(watchKey(a), w.key);
  }
  const { mentions, entities } = detect(text);
  const hits = new Map<string, WatchHit>();
  for (const m of mentions) {
    const entity = entities.get(m.key);
    const forms = [m.text, entity?.name ?? '', ...(entity?.aliases ?? [])].map(watchKey);
    const watch = forms.map((f) => wanted.get(f)).find((k) => k !== undefined);
    if (watch && !hits.has(watch))
      hits.set(watch, { watch, updateId, sentence: sentenceAround(text, m.start, m.end) });
  }
  return [...hits.values()];
}
