/**
 * Export and import in chunks, for the options page: no single message carries the whole store, so
 * both work at the store's caps, far below Chrome's 64 MiB message limit.
 */
import type { ExportFile, ImportResult } from '../reading/types';
import type { FollowsExport } from '../follow/store';
import { ask } from './client';

/** The export file: reading state, and the followed blogs and watched names (the reader's choices only). */
export type BackstoryFile = ExportFile & Partial<FollowsExport>;

/** The whole export, chunk by chunk (`data:export` with a cursor), as one file, with follows and watches. */
export async function exportAll(): Promise<BackstoryFile> {
  const [reading, follows] = await Promise.all([exportReading(), ask('follow:export', {})]);
  return { ...reading, follows: follows.follows, watches: follows.watches };
}

/** Imports reading state, then follows and watches when the file has them (older files do not). */
export async function importAll(
  file: BackstoryFile,
): Promise<ImportResult & { follows: number; watches: number }> {
  const { follows, watches, ...reading } = file;
  const r = await importReading(reading);
  if (!Array.isArray(follows) && !Array.isArray(watches)) return { ...r, follows: 0, watches: 0 };
  const f = await ask('follow:import', {
    follows: Array.isArray(follows) ? follows : [],
    watches: Array.isArray(watches) ? watches : [],
  });
  return { ...r, skipped: r.skipped + f.skipped, follows: f.follows, watches: f.watches };
}

/** The whole reading export, chunk by chunk (`data:export` with a cursor), as one file. */
export async function exportReading(): Promise<ExportFile> {
  const first = await ask('data:export', {});
  const pages = [...first.pages];
  const entries = [...first.entries];
  for (let next = first.next; next !== undefined;) {
    const chunk = await ask('data:export', { cursor: next });
    pages.push(...chunk.pages);
    entries.push(...chunk.entries);
    next = chunk.next;
  }
  return { format: first.format, version: first.version, exportedAt: first.exportedAt, pages, entries };
}

/** Bytes of JSON per import message. */
const IMPORT_CHUNK_BYTES = 8 * 1024 * 1024;

/** A file split into valid export files of at most about `maxBytes` of JSON each (import merges, so order is free). */
export function importChunks(file: ExportFile, maxBytes = IMPORT_CHUNK_BYTES): ExportFile[] {
  const out: ExportFile[] = [];
  const head = { format: file.format, version: file.version, exportedAt: file.exportedAt };
  let current: ExportFile = { ...head, pages: [], entries: [] };
  let bytes = 0;
  const add = (kind: 'pages' | 'entries', row: unknown) => {
    const size = JSON.stringify(row ?? null).length;
    if (bytes && bytes + size > maxBytes) {
      out.push(current);
      current = { ...head, pages: [], entries: [] };
      bytes = 0;
    }
    (current[kind] as unknown[]).push(row);
    bytes += size;
  };
  for (const p of Array.isArray(file.pages) ? file.pages : []) add('pages', p);
  for (const e of Array.isArray(file.entries) ? file.entries : []) add('entries', e);
  out.push(current);
  return out;
}

/** Imports a parsed file chunk by chunk; the counts add up. Throws the background's reason for a bad file. */
export async function importReading(file: ExportFile): Promise<ImportResult> {
  const total: ImportResult = { pages: 0, updates: 0, skipped: 0, urls: [] };
  for (const chunk of importChunks(file)) {
    const r = await ask('data:import', chunk);
    total.pages += r.pages;
    total.updates += r.updates;
    total.skipped += r.skipped;
    total.urls.push(...r.urls);
  }
  return total;
}
