/**
 * Is this text English? Detection is for English: the caller asks per block and skips the others.
 * The page's `lang` attributes decide first; a cheap text test (function-word counts per language,
 * `data/curated/languages.json`) overrides them only when it is clear, so a mislabelled page or a
 * foreign quote in an English page is judged by what it says. Short or ambiguous text follows the
 * page. Pure: callers pass attribute values and texts as strings.
 *
 *   const page = pageLanguage(doc.documentElement.getAttribute('lang'), blockTexts);
 *   if (namesWanted(block.text, element.closest('[lang]')?.getAttribute('lang'), page)) detector.add(...)
 */
import * as data from './data/curated/languages.json';

/** An ISO 639-1 code ('en', 'de', 'no'), or 'other' for text mostly in a non-Latin script. */
export type Language = string;

const aliases: Record<string, string> = data.aliases;
const languageOf = new Map<string, string[]>();
for (const [lang, words] of Object.entries(data.words as Record<string, string[]>)) {
  for (const w of words) {
    const list = languageOf.get(w);
    if (list) list.push(lang);
    else languageOf.set(w, [lang]);
  }
}

/** A `lang` attribute's language ('en-GB' → 'en', 'nb-NO' → 'no'); null when empty or unknown ('und'). */
export function fromAttribute(value: string | null | undefined): Language | null {
  const primary = value?.trim().split(/[-_]/, 1)[0].toLowerCase();
  if (!primary || primary === 'und' || !/^[a-z]{2,3}$/.test(primary)) return null;
  return aliases[primary] ?? primary;
}

export interface TextEvidence {
  /** The language the text's function words point to, or null when too few or mixed. */
  language: Language | null;
  /** Function-word hits of the winning language (how much the verdict rests on). */
  hits: number;
}

const WORD = /\p{L}+(?:['’]\p{L}*)?/gu;
/**
 * Enough text to tell: a longer text (a block, the page's sample) is judged by its opening (keeps the test
 * cheap per block). What a caller sends for the page's verdict need be no longer.
 */
export const LANGUAGE_READ = 1500;

/** Letters of other scripts: Greek to Indic and Thai, CJK and Hangul (not punctuation, symbols, emoji). */
const otherScript = (c: number) =>
  (c >= 0x370 && c < 0x2000) || (c >= 0x3040 && c < 0xd800) || (c >= 0xf900 && c < 0xfe00);

/**
 * The text test: counts each language's function words. A language wins with at least `min` hits and
 * at least twice those of English (or English with twice those of any other language); among other
 * languages the most hits win, as all of them mean "not English".
 */
export function guessLanguage(text: string, min = 3): TextEvidence {
  if (text.length > LANGUAGE_READ) text = text.slice(0, LANGUAGE_READ);
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (((c | 32) >= 97 && (c | 32) <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) latin++;
    else if (otherScript(c)) other++;
  }
  if (other >= 20 && other > latin) return { language: 'other', hits: other };
  const counts = new Map<string, number>();
  const count = (w: string) => {
    const langs = languageOf.get(w);
    if (langs) for (const l of langs) counts.set(l, (counts.get(l) ?? 0) + 1);
  };
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const w = m[0].replace('’', "'");
    const apostrophe = w.indexOf("'");
    if (apostrophe < 0) count(w);
    else {
      // l'État, qu'il: the elided word; Assad's, don't: the English clitic.
      count(w.slice(0, apostrophe + 1));
      count(w.slice(apostrophe));
      if (!languageOf.has(w.slice(0, apostrophe + 1))) count(w.slice(0, apostrophe));
    }
  }
  const en = counts.get('en') ?? 0;
  let best: string | null = null;
  let bestHits = 0;
  for (const [lang, n] of counts) if (lang !== 'en' && n > bestHits) [best, bestHits] = [lang, n];
  if (en >= min && en >= 2 * bestHits) return { language: 'en', hits: en };
  if (best && bestHits >= min && bestHits >= 2 * en) return { language: best, hits: bestHits };
  return { language: null, hits: 0 };
}

/** The page's verdict, which blocks without clear evidence of their own follow. */
export interface PageLanguage {
  language: Language;
  /** What `<html lang>` declares, if anything. */
  declared: Language | null;
}

/** Hits a page's text needs to overrule its own `<html lang>`: a mislabelled page, not a few quotes. */
const OVERRULE = 40;

/**
 * The page's language: `<html lang>`, unless the page's own text (its blocks, or a sample of them)
 * clearly says otherwise; with neither, the text decides, and English when the text cannot tell.
 */
export function pageLanguage(
  htmlLang: string | null | undefined,
  texts: Iterable<string>,
  sampleChars = LANGUAGE_READ,
): PageLanguage {
  const declared = fromAttribute(htmlLang);
  let sample = '';
  for (const t of texts) {
    sample += t + '\n';
    if (sample.length >= sampleChars) break;
  }
  const { language, hits } = guessLanguage(sample);
  if (declared && (!language || language === declared || hits < OVERRULE))
    return { language: declared, declared };
  return { language: language ?? 'en', declared };
}

/**
 * One block's language: its own words when they are clear, else the nearest `lang` attribute when an
 * element inside the page sets one (`nearestLang`: the value of `closest('[lang]')`, which may be the
 * `<html>` element's own), else the page's verdict.
 */
export function blockLanguage(
  text: string,
  nearestLang: string | null | undefined,
  page: PageLanguage,
): Language {
  const { language } = guessLanguage(text);
  if (language) return language;
  const near = fromAttribute(nearestLang);
  return near && near !== page.declared ? near : page.language;
}

export const isEnglish = (language: Language): boolean => language === 'en';

/**
 * Whether names are looked for in a block: the English blocks of an English page. A page in another
 * language stays quiet as a whole, English quotes and embedded posts included (the popup says
 * "English pages only"); on an English page, a block in another language is skipped.
 */
export function namesWanted(
  text: string,
  nearestLang: string | null | undefined,
  page: PageLanguage,
): boolean {
  return isEnglish(page.language) && isEnglish(blockLanguage(text, nearestLang, page));
}
