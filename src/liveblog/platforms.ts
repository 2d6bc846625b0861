/**
 * Known live-blog platforms, as data: where their update entries are and how to read an entry's id, time,
 * label and text. One generic extractor (`extract.ts`) interprets them. Markup changes over time, so a fix
 * is an edit here, not code. Sources and caveats per platform: ../shared/docs/PLATFORMS.md.
 */

/**
 * One value read from an entry. `sel` is a selector inside the entry (omitted: the entry itself); `attr`
 * reads an attribute (omitted: the element's text). `fragment` keeps what follows '#', `param` one query
 * parameter of a URL, `match` the first group (or the whole match) of a regular expression.
 */
export interface Pick {
  /** The stamp the element prints at its start or end ("14:35", "95'", "5 minuti fa"), as printed. */
  stamp?: boolean;
  sel?: string;
  attr?: string;
  fragment?: boolean;
  param?: string;
  match?: string;
}

/** How to read one entry element: what every element-per-entry tier gives the extractor. */
export interface Recipe {
  /** Stable id, first value found wins; none found → a hash of the label and opening text. */
  id?: Pick[];
  /** Machine values (ISO, epoch) or printed labels, first parseable one wins. */
  time?: Pick[];
  /** The time as printed, shown in lists and part of a hashed id. */
  label?: Pick[];
  /** The entry's headline, which becomes its first line. */
  title?: Pick[];
  /** The entry's text; omitted: the whole entry less `skip`. */
  body?: string;
  /** Parts of the entry that are not its text (header, byline, share buttons). */
  skip?: string;
  /** Entries the page has inserted but keeps hidden (Guardian `.pending`): new, never seen until shown. */
  pending?: string;
}

export interface PlatformShape extends Recipe {
  name: string;
  /** Entries, anywhere in the document (for an embed: the widget's root). The list is found from them. */
  entry: string;
  /** Copies of entries to ignore (a pinned copy of an update that is also in the list). */
  exclude?: string;
  /** Where the page reveals its hidden entries: the pill jumps there when only hidden ones are unseen. */
  revealAt?: string;
  /** Nearly every live blog is newest first; this matters for dating "HH:MM" labels across midnight. */
  order?: 'newest-first' | 'oldest-first';
  /** A third-party widget: its entries are found by the generic tier inside `entry` (when readable). */
  embed?: boolean;
}

const ISO_TIME: Pick = { sel: 'time[datetime]', attr: 'datetime' };

export const PLATFORMS: readonly PlatformShape[] = [
  {
    // guardian/dotcom-rendering LiveBlockContainer + FirstPublished: the pinned copy has no id.
    name: 'guardian',
    entry: '#liveblog-body article.block[id^="block-"]',
    id: [{ attr: 'id' }],
    time: [ISO_TIME],
    label: [{ sel: 'header a[href*="#block-"] span' }, { sel: 'header time' }],
    title: [{ sel: 'header h2' }],
    skip: 'header',
    pending: '.pending',
    exclude: '#pinned-post, [data-gu-marker="pinned-post"]',
    revealAt: '#top-of-blog',
  },
  {
    // BBC News live pages ("Webcore"): permalinks are ?post=asset:<uuid>#post.
    name: 'bbc',
    entry: 'article[data-testid="content-post"]',
    id: [{ sel: 'a[href*="post=asset"]', attr: 'href', param: 'post' }, { attr: 'id' }],
    time: [ISO_TIME, { sel: '[data-testid="timestamp"]' }],
    label: [{ sel: '[data-testid="timestamp"]' }],
    title: [{ sel: 'h3' }, { sel: 'h2' }],
    skip: 'header, [data-testid="timestamp"], [data-testid="share-button"]',
  },
  {
    // BBC's older "lx" live stream.
    name: 'bbc-lx',
    entry: '#lx-stream .lx-stream__feed > li.lx-stream__post-container > article.lx-stream-post',
    id: [{ attr: 'id' }, { sel: 'a[href*="#post_"]', attr: 'href', fragment: true }],
    time: [ISO_TIME, { sel: '.qa-post-auto-meta' }],
    label: [{ sel: '.qa-post-auto-meta' }],
    title: [{ sel: '.lx-stream-post__header-text' }],
    skip: '.lx-stream-post__header, .lx-stream-post__footer',
  },
  {
    // bbc/simorgh World Service live pages: the post heading carries the post's urn as its id.
    name: 'bbc-world-service',
    entry: '[data-testid="live-page-stream"] ol > li > article, #live-coverage ol > li > article',
    id: [{ sel: 'h3[id]', attr: 'id' }],
    time: [ISO_TIME],
    label: [{ sel: 'time' }],
    title: [{ sel: 'h3 span[role="text"] > :last-child' }, { sel: 'h3' }],
    skip: 'h3, [data-testid="share-button"]',
  },
  {
    name: 'nyt',
    entry: 'div[data-test-id="live-blog-post"]',
    id: [{ sel: '[itemprop="headline"] a[href*="#"]', attr: 'href', fragment: true }, { attr: 'id' }],
    time: [ISO_TIME],
    label: [{ sel: 'time' }],
    title: [{ sel: '[itemprop="headline"]' }],
    skip: 'header, [itemprop="headline"], .live-blog-post-byline, [data-testid="share-tools"]',
  },
  {
    // CNN's current live stories: the share button's URL ends in the post's h_<hash>.
    name: 'cnn',
    entry: '.live-story__items-container article.live-story-post',
    id: [
      { sel: 'button[data-url]', attr: 'data-url', match: '(h_[0-9a-f]{32})' },
      { attr: 'data-post-id' },
      { attr: 'id' },
    ],
    time: [{ attr: 'data-first-publish' }, { attr: 'data-last-updated' }, ISO_TIME],
    label: [{ sel: '.live-story-post__timestamp' }, { sel: 'time' }],
    title: [{ sel: 'header.live-story-post__header h2' }],
    body: '.live-story-post__content',
  },
  {
    // CNN's older live pages: "12:09 a.m. ET, October 30, 2023" in the header.
    name: 'cnn-older',
    entry: '#posts-and-button article[id^="h_"]',
    id: [{ attr: 'id' }],
    time: [ISO_TIME, { sel: 'header [class*="date"]' }, { sel: 'header' }],
    label: [{ sel: 'header [class*="date"]' }],
    title: [{ sel: 'header h2' }],
    skip: 'header',
  },
  {
    // Al Jazeera: each update is its own WordPress post, listed in the timeline with its URL.
    name: 'aljazeera',
    entry: 'ul.liveblog-timeline > li.liveblog-timeline__update',
    id: [{ sel: 'a.liveblog-timeline__update-link', attr: 'href', match: '([^/?#]+)/?(?:[?#].*)?$' }],
    time: [ISO_TIME, { sel: '.liveblog-timeline__update-time' }],
    label: [{ sel: '.liveblog-timeline__update-time' }],
    title: [{ sel: '.liveblog-timeline__update-title' }, { sel: 'a.liveblog-timeline__update-link' }],
    skip: '.liveblog-timeline__update-time',
  },
  {
    // Reuters live pages run on Arena; the card's text is in its body.
    name: 'reuters',
    entry: '[data-testid="LivePage"] [data-testid="live-pbp-card"], .arena-liveblog .live-message--card',
    id: [{ attr: 'id' }, { attr: 'data-id' }],
    time: [ISO_TIME, { sel: 'time' }, { sel: '[class*="time"]' }],
    label: [{ sel: 'time' }, { sel: '[class*="time"]' }],
    title: [{ sel: 'h2' }, { sel: 'h3' }],
    body: '.live-message--card--body, [data-testid="live-pbp-card-body"]',
  },
  {
    // Norkon Live Center (Sky News, Times of Malta).
    name: 'norkon',
    entry: '.ncpost-list-container > .ncpost-list-post',
    id: [{ sel: '[data-ncpost-id]', attr: 'data-ncpost-id' }, { attr: 'data-ncpost-id' }],
    time: [{ sel: '.ncpost-header time[datetime]', attr: 'datetime' }, { sel: '.ncpost-timestamp' }],
    label: [{ sel: '.ncpost-timestamp' }, { sel: '.ncpost-header time' }],
    title: [{ sel: '.ncpost-title' }],
    body: '.ncpost-content',
  },
  {
    // Reach plc (Mirror group, Cork Beo): epoch-ms data attributes; the visible time is HH:MM only.
    name: 'reach',
    entry: '.live-event-entries > .live-event-entry[id]',
    id: [{ attr: 'id' }],
    time: [{ attr: 'data-post-time' }, { sel: '.entry-info time' }],
    label: [{ sel: '.entry-info time' }],
    title: [{ sel: '.entry-content h3' }],
    body: '.entry-content',
    skip: '.entry-content h3',
  },
  {
    // WP SportoweFakty: microdata LiveBlogPosting on the list, entries without itemprops, HH:MM labels.
    name: 'sportowefakty',
    entry: '.coveragelist[itemtype*="LiveBlogPosting"] > .coventry[id]',
    id: [{ attr: 'id' }],
    time: [{ sel: '.coventry__aside time[datetime]', attr: 'datetime' }, { sel: '.coventry__aside time' }],
    label: [{ sel: '.coventry__aside time' }],
    title: [{ sel: '.coventry__title' }],
    skip: '.coventry__aside',
  },
  {
    // Automattic/liveblog, React front end: the formatted time is the second span of the time link.
    name: 'wp-liveblog',
    entry: 'article.liveblog-entry[id^="id_"]',
    id: [{ attr: 'id' }],
    time: [
      { attr: 'data-timestamp' },
      { sel: '.liveblog-meta-time span:last-child' },
      { sel: '.liveblog-meta-time span:first-child' },
    ],
    label: [{ sel: '.liveblog-meta-time span:last-child' }],
    title: [{ sel: '.liveblog-entry-header' }],
    body: '.liveblog-entry-content',
  },
  {
    // Automattic/liveblog, legacy PHP template: unix seconds in data-timestamp.
    name: 'wp-liveblog-legacy',
    entry: 'div.liveblog-entry[id^="liveblog-entry-"][data-timestamp]',
    id: [{ attr: 'id' }],
    time: [{ attr: 'data-timestamp' }],
    label: [{ sel: '.liveblog-meta-time .time' }, { sel: '.liveblog-meta-time' }],
    title: [{ sel: '.liveblog-entry-header' }],
    body: '.liveblog-entry-text',
  },
  {
    // The AMP standard: ids are required, data-sort-time is epoch ms.
    name: 'amp-live-list',
    entry: 'amp-live-list > [items] > [id]',
    id: [{ attr: 'id' }],
    time: [{ attr: 'data-sort-time' }, { attr: 'data-update-time' }, ISO_TIME],
    label: [{ sel: 'time' }],
    title: [{ sel: 'h2' }, { sel: 'h3' }],
  },
  // Third-party widgets: readable only when they render into the page (not in an iframe).
  { name: '24liveblog', entry: '#LB24_LIVE_CONTENT[data-eid], #LB24[data-eid]', embed: true },
  { name: 'arena', entry: 'div.arena-liveblog[data-event]', embed: true },
  { name: 'tickaroo', entry: '.tik4', embed: true },
];

let entries: string | undefined;

/** Every platform's entry selector in one list: a page that matches none is none of theirs. */
export const platformEntries = (): string => (entries ??= PLATFORMS.map((shape) => shape.entry).join(', '));
