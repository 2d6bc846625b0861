/**
 * Per-site enabling: the popup obtains the optional host permission for one origin (a user gesture),
 * then the background registers the content script there and injects it into the current tab.
 */
import { browser } from 'wxt/browser';
import { LOCAL_MATCHES } from '../manifest';
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
  return LOCAL_MATCHES.includes(pattern);
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

export async function enableSite(pattern: string, tabId?: number): Promise<boolean> {
  if (isBuiltIn(pattern)) return true;
  if (!(await browser.permissions.contains({ origins: [pattern] }))) return false;
  const matches = await registered();
  if (!matches.includes(pattern)) await setMatches([...matches, pattern]);
  if (tabId !== undefined) {
    await browser.scripting.insertCSS({ target: { tabId }, files: [CSS] }).catch(() => undefined);
    await browser.scripting.executeScript({ target: { tabId }, files: [JS] }).catch(() => undefined);
  }
  return true;
}

export async function disableSite(pattern: string): Promise<void> {
  await setMatches((await registered()).filter((m) => m !== pattern));
  if (!isBuiltIn(pattern)) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
}

/** A permission revoked from the browser's own UI also turns the site off. */
export function watchPermissions(): void {
  browser.permissions.onRemoved.addListener(async ({ origins }) => {
    if (!origins?.length) return;
    await setMatches((await registered()).filter((m) => !origins.includes(m)));
  });
}
