/**
 * Where the browsers are; installs a missing one from Debian's packages when we can (root + apt-get),
 * otherwise fails with one line saying how to get it. Never a silent skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const BROWSERS = {
  chromium: { path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium', env: 'CHROMIUM_PATH' },
  firefox: {
    path: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    pkg: 'firefox-esr',
    env: 'FIREFOX_PATH',
  },
} as const;

export type BrowserName = keyof typeof BROWSERS;

export function missingLine(name: BrowserName): string {
  const b = BROWSERS[name];
  return `${b.path} not found: install it with "sudo apt-get install -y ${b.pkg}", or set ${b.env} to its path.`;
}

/** Throws the one-line explanation when the browser is missing (used by tests, which never install). */
export function requireBrowser(name: BrowserName): string {
  const b = BROWSERS[name];
  if (!existsSync(b.path)) throw new Error(missingLine(name));
  return b.path;
}

/** Installs missing browsers with apt-get when running as root; otherwise explains and returns false. */
export function ensureBrowsers(names: BrowserName[]): boolean {
  const missing = names.filter((n) => !existsSync(BROWSERS[n].path));
  if (!missing.length) return true;
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    for (const n of missing) console.error(missingLine(n));
    return false;
  }
  const pkgs = missing.map((n) => BROWSERS[n].pkg);
  console.log(`Installing ${pkgs.join(', ')} from Debian's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs, 'fonts-dejavu-core'], {
    stdio: 'inherit',
    env,
  });
  const still = missing.filter((n) => !existsSync(BROWSERS[n].path));
  for (const n of still) console.error(missingLine(n));
  return still.length === 0;
}
