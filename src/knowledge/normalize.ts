/** Lookup keys for names: the same place or group written with or without diacritics, articles or hyphens. */
import { ARABIC_ARTICLES, fold as foldLetters } from '../detect/text';

const APOSTROPHES = /[’‘'ʿʾ`´ʻʼ]/g;
/** An Arabic article opening a name (al-Bab, Al Bāb, ar-Raqqah, el-Sisi): the detector's one list. */
const ARTICLE = new RegExp(`^(?:${ARABIC_ARTICLES.join('|')})[\\s-]+(?=\\S)`);

/** The detector's fold (diacritics, ł, ø, ß…: "Łódź" meets "Lodz"), without apostrophes. */
function fold(s: string): string {
  return foldLetters(s).replace(APOSTROPHES, '').trim();
}

/**
 * A place name's key: "Al Bāb", "al-Bab" and "Bab" meet; so do "Ḩamāh"/"Hama", "Tall Abyaḑ"/"Tal Abyad",
 * "Deir ez-Zor"/"Deir Ezzor". Letters only, doubled letters collapsed, a final "-ah" read as "-a".
 */
export function placeKey(name: string): string {
  return fold(name)
    .replace(ARTICLE, '')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .replace(/(\p{L})\1+/gu, '$1')
    .replace(/ah$/, 'a');
}

/** A name's key for groups and people: case, diacritics, punctuation and a leading "the" ignored. */
export function nameKey(name: string): string {
  return fold(name)
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
