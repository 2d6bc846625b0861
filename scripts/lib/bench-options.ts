/** Command-line options of `npm run bench:page` (pure, unit-tested). */
import { resolve } from 'node:path';
import type { BrowserKind } from './bench-browser';
import { REPO } from './server';

/**
 * The test build (`npm run build:test`): the same code as the store build, plus the content script on
 * 127.0.0.1, where the bench serves its pages. The store build runs nowhere unasked.
 */
export function defaultBuildDir(kind: BrowserKind): string {
  return resolve(REPO, '.output', `${kind === 'chromium' ? 'chrome' : 'firefox'}-mv3-test`);
}

export const GROUPS = [
  'article',
  'load',
  'steady',
  'insert',
  'card',
  'panel',
  'follow',
  'size',
  'series',
] as const;
export type Group = (typeof GROUPS)[number];

export interface Options {
  runs: number;
  quick: boolean;
  browsers: BrowserKind[];
  only: Set<Group> | null;
  build: Record<BrowserKind, string>;
}

export function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const runs = Number(value('--runs') ?? (quick ? 2 : 5));
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs wants a whole number ≥ 1, not ${value('--runs')}`);
  const b = value('--browser') ?? 'chromium';
  if (!['chromium', 'firefox', 'both'].includes(b))
    throw new Error(`--browser is chromium, firefox or both, not ${b}`);
  const only = value('--only');
  const groups = only ? new Set(only.split(',').map((s) => s.trim()) as Group[]) : null;
  for (const g of groups ?? [])
    if (!GROUPS.includes(g)) throw new Error(`--only takes ${GROUPS.join(', ')}; not ${g}`);
  return {
    runs,
    quick,
    browsers: b === 'both' ? ['chromium', 'firefox'] : [b as BrowserKind],
    only: groups,
    build: {
      chromium: value('--build') ?? defaultBuildDir('chromium'),
      firefox: value('--firefox-build') ?? defaultBuildDir('firefox'),
    },
  };
}
