/**
 * Per-site enabling: the popup obtains the optional host permission for one origin (a user gesture),
 * then the background registers the content script there and injects it into the current tab.
 */
import { browser } from 'wxt/browser';
import { builtInMatches } from '../manifest';
import { originPattern } from '../shared/url';

const SCRIPT_ID = 'backstory-sites';
const JS = '/content-scripts/content.js' as const;
const CSS = '/content-scripts/content.css' as const;

async function registered(): Promise<string[]> {
  const scripts = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  return scripts[0]?.matches ?? [];
}

async function setMatches(matches: string[]): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!matches.length) return;
  await browser.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches, js: [JS], css: [CSS], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}

export function isBuiltIn(pattern: string): boolean {
  return builtInMatches().includes(pattern);
}

export async function siteStatus(url: string): Promise<{ enabled: boolean; builtIn: boolean }> {
  const pattern = originPattern(url);
  if (!pattern) return { enabled: false, builtIn: false };
  if (isBuiltIn(pattern)) return { enabled: true, builtIn: true };
  const granted = await browser.permissions.contains({ origins: [pattern] });
  return { enabled: granted && (await registered()).includes(pattern), builtIn: false };
}

/** Sites the reader enabled from the popup (the built-in local origins are not listed). */
export async function enabledSites(): Promise<string[]> {
  return (await registered()).filter((m) => !isBuiltIn(m));
}

/** Starts the content script in one tab now (it guards against running twice). */
export async function startIn(tabId: number): Promise<boolean> {
  try {
    await browser.scripting.insertCSS({ target: { tabId }, files: [CSS] });
    await browser.scripting.executeScript({ target: { tabId }, files: [JS] });
    return true;
  } catch {
    return false;
  }
}

export async function enableSite(pattern: string, tabId?: number): Promise<boolean> {
  return (await enableSites([pattern], tabId)).includes(pattern);
}

/** Registers the content script for every origin whose permission the reader granted; returns those. */
export async function enableSites(patterns: string[], tabId?: number): Promise<string[]> {
  const granted: string[] = [];
  for (const p of patterns)
    if (isBuiltIn(p) || (await browser.permissions.contains({ origins: [p] }))) granted.push(p);
  const matches = await registered();
  const added = granted.filter((p) => !isBuiltIn(p) && !matches.includes(p));
  if (added.length) await setMatches([...matches, ...added]);
  if (tabId !== undefined && granted.length) await startIn(tabId);
  return granted;
}

export async function disableSite(pattern: string): Promise<void> {
  await setMatches((await registered()).filter((m) => m !== pattern));
  if (!isBuiltIn(pattern)) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
}

/** A permission revoked from the browser's own UI also turns the site off. */
export function watchPermissions(onChange: () => void): void {
  browser.permissions.onRemoved.addListener(async ({ origins }) => {
    if (!origins?.length) return;
    await setMatches((await registered()).filter((m) => !origins.includes(m)));
    onChange();
  });
}
