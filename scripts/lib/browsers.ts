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

/**
 * What answering the browsers' own permission prompts takes (tests/e2e/harness/prompt.ts): a virtual screen,
 * real input events from the X server, and the accessibility bus through which the prompt's button is found.
 * Each entry: a file that is there once its Debian package is installed.
 */
export const PROMPT_TOOLS = [
  { path: '/usr/bin/Xvfb', pkg: 'xvfb' },
  { path: '/usr/bin/xdotool', pkg: 'xdotool' },
  { path: '/usr/bin/dbus-daemon', pkg: 'dbus-daemon' },
  { path: '/usr/libexec/at-spi-bus-launcher', pkg: 'at-spi2-core' },
  { path: '/usr/bin/python3', pkg: 'python3' },
  { path: '/usr/lib/python3/dist-packages/gi/__init__.py', pkg: 'python3-gi' },
  { path: `/usr/lib/${debianArch()}/girepository-1.0/Atspi-2.0.typelib`, pkg: 'gir1.2-atspi-2.0' },
] as const;

/** Debian's multiarch folder name (x86_64-linux-gnu, aarch64-linux-gnu). */
function debianArch(): string {
  return `${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu`;
}

/** `'prompts'`: the tools for answering the browsers' permission prompts, installed like a browser. */
export type Installable = BrowserName | 'prompts';

const missingPromptTools = () => PROMPT_TOOLS.filter((t) => !existsSync(t.path));

function explainPromptTools(missing: ReadonlyArray<(typeof PROMPT_TOOLS)[number]>): string {
  return `${missing.map((t) => t.path).join(', ')} not found: answering the browsers' permission prompts needs "sudo apt-get install -y ${missing.map((t) => t.pkg).join(' ')}".`;
}

/** Throws one line naming the missing packages (used by tests, which never install). */
export function requirePromptTools(): void {
  const missing = missingPromptTools();
  if (missing.length) throw new Error(explainPromptTools(missing));
}

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

/** Installs missing browsers (and prompt tools) with apt-get when running as root; otherwise explains and
 * returns false. */
export function ensureBrowsers(names: Installable[]): boolean {
  const tools = names.includes('prompts') ? missingPromptTools() : [];
  const missing = names.filter((n): n is BrowserName => n !== 'prompts' && !existsSync(BROWSERS[n].path));
  if (!missing.length && !tools.length) return true;
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    for (const n of missing) console.error(missingLine(n));
    if (tools.length) console.error(explainPromptTools(tools));
    return false;
  }
  const pkgs = [...missing.map((n) => BROWSERS[n].pkg), ...tools.map((t) => t.pkg)];
  console.log(`Installing ${pkgs.join(', ')} from Debian's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs, 'fonts-dejavu-core'], {
    stdio: 'inherit',
    env,
  });
  const still = missing.filter((n) => !existsSync(BROWSERS[n].path));
  for (const n of still) console.error(missingLine(n));
  const stillTools = tools.length ? missingPromptTools() : [];
  if (stillTools.length) console.error(explainPromptTools(stillTools));
  return still.length === 0 && stillTools.length === 0;
}
