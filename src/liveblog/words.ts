/**
 * Word lists the live-blog tiers read, as data: what a class or id token says about an element, and the
 * words pages print around times. Extend here, not in code.
 */

/** Class/id tokens of things that sit among entries but are not entries: ads, teasers, rails, tickers. */
export const NOT_ENTRY_TOKENS = new Set([
  'ad',
  'ads',
  'adv',
  'advert',
  'adverts',
  'advertisement',
  'adslot',
  'adunit',
  'gpt',
  'dfp',
  'doubleclick',
  'sponsor',
  'sponsored',
  'promo',
  'promotion',
  'teaser',
  'teasers',
  'related',
  'recommended',
  'recommendation',
  'recommendations',
  'recommender',
  'outbrain',
  'taboola',
  'newsletter',
  'signup',
  'placeholder',
  'banner',
  'rail',
  'sidebar',
  'paywall',
  'subscribe',
  'mpu',
  'billboard',
  'skyscraper',
  'leaderboard',
  // The same in the languages of the pages we read: Spanish, French, Italian, German, Dutch, Nordic, Polish.
  'publicidad',
  'anuncio',
  'publicite',
  'pub',
  'pubblicita',
  'werbung',
  'anzeige',
  'advertentie',
  'reclame',
  'annonse',
  'reklame',
  'reklama',
]);

/** Tokens that mark a copy or a digest of entries shown again (pinned post, summary, key events). */
export const COPY_TOKENS = new Set([
  'pinned',
  'pin',
  'sticky',
  'summary',
  'recap',
  'highlights',
  'keypoints',
  'keyevents',
  'digest',
  'overview',
]);

/**
 * Headings of a digest block that is not an update of its own: "Summary", "Key events", "What we know",
 * and the same in German, French, Spanish, Italian, Dutch, Polish and Norwegian.
 */
export const DIGEST_HEADING =
  /^\s*(summary|key (events|points|updates)|what we know( so far)?|the latest|catch up|recap|in brief|zusammenfassung|das wichtigste|überblick|kurz und knapp|en bref|ce qu['’]il faut retenir|résumé|l['’]essentiel|resumen|lo (más|mas) importante|claves|riepilogo|in sintesi|i punti chiave|samenvatting|podsumowanie|najważniejsze|oppsummering|det viktigste)\b/i;

/** Elements that are media on their own: an entry made only of one (an embedded post, a photo) still has content. */
export const MEDIA =
  'img, picture, video, audio, iframe, blockquote, figure, amp-img, amp-video, amp-twitter, amp-instagram, amp-youtube, twitter-widget, svg';
