/** Small text helpers shared by the engine and the data build. */
import * as wordLists from './data/curated/words.json';

const MARKS = /\p{M}/gu;
const FOLD_MAP: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  '’': "'",
  ʼ: "'",
  ʻ: "'",
  ʿ: "'",
  ʾ: "'",
};
const FOLD_CHARS = /[ıłøđðþßæœ’ʼʻʿʾ]/g;

/** Lookup key: lower case, no diacritics, one apostrophe, so "Kahramanmaraş" meets "Kahramanmaras". */
export function fold(s: string): string {
  let out = s.toLowerCase();
  // Most text is plain ASCII: skip the Unicode work then.
  if (/[^\x00-\x7f]/.test(out))
    out = out
      .normalize('NFD')
      .replace(MARKS, '')
      .replace(FOLD_CHARS, (c) => FOLD_MAP[c]);
  return out;
}

/** Candidate lemmas of an inflected word; the word list keeps lemmas only and both sides use this. */
export function stems(w: string): string[] {
  const out: string[] = [];
  if (w.endsWith('s')) {
    out.push(w.slice(0, -1));
    if (w.endsWith('es')) out.push(w.slice(0, -2));
    if (w.endsWith('ies')) out.push(w.slice(0, -3) + 'y');
  } else if (w.endsWith('ed')) out.push(w.slice(0, -2), w.slice(0, -1));
  else if (w.endsWith('ing')) out.push(w.slice(0, -3), w.slice(0, -3) + 'e');
  return out.filter((s) => s.length > 2);
}

/**
 * Arabic articles as transliterations write them, assimilated or not: al-Bab, ar-Raqqah, Deir ez-Zor (curated
 * in words.json). Every module that strips or glues articles, the knowledge cache's keys too, reads this one.
 */
export const ARABIC_ARTICLES: readonly string[] = wordLists.arabicArticles;

const ARTICLE = new RegExp(`(^|[\\s-])(${ARABIC_ARTICLES.join('|')})[\\s-](?=\\S)`, 'g');
/** ARTICLE without its global flag: testing first spares most phrases the replacement. */
const HAS_ARTICLE = new RegExp(ARTICLE.source);

/** Gazetteer key: `fold`, with an Arabic article glued by a hyphen whatever the source wrote ("Al Bab" = "al-Bab"). */
export function phraseKey(s: string): string {
  const f = fold(s);
  return (f.includes('-') || f.includes(' ')) && HAS_ARTICLE.test(f) ? f.replace(ARTICLE, '$1$2-') : f;
}
