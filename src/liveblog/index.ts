/** DOM → a live blog's updates, or null for an ordinary page. Tiers are tried strongest first. */
import { findMarkerBody, textMarkerUpdates } from './text-markers';
import { pageClock } from './time';
import type { LiveBlog } from './types';

export type { LiveBlog, LiveUpdate } from './types';

export function findLiveBlog(doc: Document): LiveBlog | null {
  const clock = pageClock(doc);
  const body = findMarkerBody(doc);
  if (body) {
    const published = doc.querySelector<HTMLMetaElement>('meta[property="article:published_time"]')?.content;
    const updates = textMarkerUpdates(body, clock, published ? new Date(published).toISOString() : undefined);
    if (updates.length >= 2) return { via: 'text-markers', updates, container: body };
  }
  return null;
}

/** First line of an update for lists: its text, cut at a word boundary. */
export function firstLine(text: string, max = 140): string {
  const line = text.split('\n', 1)[0].trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).trimEnd() + '…';
}
