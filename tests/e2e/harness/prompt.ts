/**
 * The browser's own permission prompt (Chromium: "Backstory" has requested additional permissions · Deny ·
 * Allow; Firefox: Backstory requests additional settings · Deny · Allow), answered the way a reader answers
 * it: a pointer click on its button.
 *
 * Headless browsers never show the prompt, so a browser launched with `prompts: true` runs headful on a
 * virtual screen of its own (Xvfb, on a display number the X server picks), and the click is a real input
 * event from that X server (xdotool). Neither the page nor the automation protocol can see the prompt
 * (Chromium draws it inside the browser window, not as a window of its own): where its button is, and
 * whether it can be pressed yet, comes from the browser's accessibility tree (AT-SPI, on a D-Bus session of
 * its own; prompt.py reads it). That matters: Chromium's Allow starts disabled for a moment after the prompt
 * shows (against clickjacking) and both browsers ignore a click that comes too soon after it shows, so keys
 * pressed "as soon as it is there" press Deny or nothing. The same tree shows Chromium's notification popups
 * as the reader sees them.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { requirePromptTools } from '../../../scripts/lib/browsers';
import { REPO } from '../../../scripts/lib/server';
import { until } from './driver';

const run = promisify(execFile);
const PROMPT_PY = resolve(REPO, 'tests/e2e/harness/prompt.py');

/** Chromium switches for a browser whose prompts are answered: its UI in the accessibility tree, in English
 * (the buttons are found by their labels). */
export const PROMPT_ARGS = ['--force-renderer-accessibility=basic', '--lang=en-US'];

export interface Screen {
  /** The environment a browser on this screen runs with (DISPLAY, the D-Bus session, accessibility on). */
  env: Record<string, string | undefined>;
  close(): void;
}

/** The first line a child writes on its fd 3 (Xvfb's display number, dbus-daemon's address). */
function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((ok, fail) => {
    let text = '';
    let errors = '';
    child.stderr?.on('data', (d: Buffer) => (errors += d));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      text += d;
      if (text.includes('\n')) ok(text.trim());
    });
    child.once('error', fail);
    child.once('exit', (code) =>
      fail(new Error(`${what} exited (${code}) before it started: ${errors.trim()}`)),
    );
  });
}

/** Starts a virtual screen and a D-Bus session for one browser; `close()` stops both. */
export async function startScreen(): Promise<Screen> {
  requirePromptTools();
  const children: ChildProcess[] = [];
  const stop = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
  };
  // A test that dies does not leave the X server or the bus behind.
  process.once('exit', stop);
  try {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    children.push(xvfb);
    const display = `:${await firstLine(xvfb, 'Xvfb')}`;
    const dbus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=3'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    children.push(dbus);
    const bus = await firstLine(dbus, 'dbus-daemon');
    return {
      env: {
        ...process.env,
        DISPLAY: display,
        DBUS_SESSION_BUS_ADDRESS: bus,
        // The browsers' UI in the accessibility tree: Chromium's switch, GTK's (Firefox).
        ACCESSIBILITY_ENABLED: '1',
        GNOME_ACCESSIBILITY: '1',
      },
      close() {
        process.off('exit', stop);
        stop();
      },
    };
  } catch (e) {
    stop();
    throw e;
  }
}

interface PromptButton {
  dialog: string;
  x: number;
  y: number;
  width: number;
  height: number;
  enabled: boolean;
  sensitive: boolean;
  showing: boolean;
}

async function findButton(screen: Screen, label: string): Promise<PromptButton | null> {
  return readUi<PromptButton | null>(screen, ['button', label]);
}

async function readUi<T>(screen: Screen, args: string[]): Promise<T> {
  const { stdout } = await run('/usr/bin/python3', [PROMPT_PY, ...args], {
    env: screen.env,
    timeout: 30_000,
  });
  return JSON.parse(stdout) as T;
}

/**
 * The texts of the alerts the browser shows on screen: its prompts, and its notification popups (title, a
 * line break, message), which it shows for several seconds each and then keeps only in its list.
 */
export function alertsOnScreen(screen: Screen): Promise<string[]> {
  return readUi<string[]>(screen, ['alerts']);
}

const pressable = (b: PromptButton | null): b is PromptButton =>
  !!b && b.enabled && b.sensitive && b.showing && b.width > 0 && b.height > 0;

async function click(screen: Screen, b: PromptButton): Promise<void> {
  const x = String(Math.round(b.x + b.width / 2));
  const y = String(Math.round(b.y + b.height / 2));
  // The move and the click reach the X server in this order. (No --sync: it waits for the pointer to
  // move, which never happens when it is already there, as after a previous prompt's click.)
  await run('xdotool', ['mousemove', x, y, 'click', '1'], { env: screen.env });
}

/**
 * Waits for the browser's permission prompt, clicks its Allow (or Deny) button once it can be pressed, and
 * waits until the prompt is gone. Returns the prompt's title (it names the extension that asks). Whether
 * the permission was granted is for the caller to check, as the extension does (`permissions.contains`).
 */
export async function answerPermissionPrompt(screen: Screen, answer: 'allow' | 'deny'): Promise<string> {
  const label = answer === 'allow' ? 'Allow' : 'Deny';
  let last: PromptButton | null = null;
  const button = await until(
    async () => ((last = await findButton(screen, label)), pressable(last) ? last : null),
    {
      timeout: 30_000,
      interval: 200,
      what: () =>
        `the browser's permission prompt with "${label}" enabled (last seen: ${JSON.stringify(last)})`,
    },
  );
  await click(screen, button);
  let clicks = 1;
  let clickedAt = Date.now();
  await until(
    async () => {
      const b = await findButton(screen, label);
      if (!b) return true;
      // Still there: the dialog ignored the click (too soon after it showed, or after the last click, as
      // a double click would be); click again, no sooner than a double click's interval later.
      if (pressable(b) && Date.now() - clickedAt > 1_000) {
        await click(screen, b);
        clicks++;
        clickedAt = Date.now();
      }
      return false;
    },
    {
      timeout: 30_000,
      interval: 300,
      what: () => `the prompt to close after ${clicks} click(s) on "${label}"`,
    },
  );
  return button.dialog;
}
