/**
 * ESLint: the recommended rules, and the architecture as import boundaries, so an arrow that starts to go
 * the wrong way fails `npm run lint` (and `npm test`). The plugins come from tools/lint (see its index.js).
 *
 * Layers, lowest first: `detect` (pure text, no DOM, no extension), `dom` (DOM helpers, no extension),
 * `liveblog`, `storage`, `reading`, `knowledge`, `messaging`, `shared`; then the runtimes `page` (content
 * script), `ui` (Preact views) and `background`; `entrypoints/` only wire these together.
 */
import { backstory, createNodeResolver, importX, tseslint } from 'backstory-lint';

/** `from` zones are folders or files, relative to this file. */
const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });

/** The globals of a page or an extension: none of them exist in the pure, node-testable detector. */
const DOM_AND_EXTENSION_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'getComputedStyle',
  'requestAnimationFrame',
  'requestIdleCallback',
  'MutationObserver',
  'IntersectionObserver',
  'ResizeObserver',
  'Node',
  'Element',
  'HTMLElement',
  'Text',
  'Range',
  'Document',
  'DocumentFragment',
  'ShadowRoot',
  'CSS',
  'Highlight',
  'browser',
  'chrome',
].map((name) => ({ name, message: 'src/detect is pure text processing: no DOM and no extension API.' }));

/** Packages that mean "a browser or the extension runtime". */
const EXTENSION_PACKAGES = {
  paths: ['wxt', 'webextension-polyfill', 'preact', 'idb', '@floating-ui/dom'].map((name) => ({
    name,
    message: 'This layer runs in node as well: no extension runtime, DOM library or view.',
  })),
  patterns: [
    {
      group: ['wxt/*', '@wxt-dev/*', 'preact/*'],
      message: 'This layer runs in node as well: no extension runtime, DOM library or view.',
    },
  ],
};

/** What `entrypoints/` may import from src: the runtimes' entry points, the views and the protocol. */
const ENTRY_POINTS = [
  './background/index.ts',
  './page/session.ts',
  './page/features/more.ts',
  './page/liveblog-detector.ts',
  './manifest.ts',
  './ui/Popup.tsx',
  './ui/popup.css',
  './ui/Options.tsx',
  './ui/options.css',
  './ui/story-panel-app.tsx',
  './follow/offscreen.ts',
  './ui/panel.css',
  './messaging/client.ts',
  './messaging/router.ts',
  './messaging/protocol.ts',
  './messaging/transfer.ts',
  './shared',
];

export default tseslint.config(
  {
    ignores: ['.output/', '.wxt/', 'node_modules/', 'tools/lint/node_modules/', 'coverage/', 'demo-output/'],
  },
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX, backstory },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      // `_`-prefixed parameters are kept for a signature (an upgrade step, a listener).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'backstory/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone(
              './src/detect',
              ['./src', './entrypoints'],
              'src/detect stands alone (pure text, node-testable): it imports only its own modules.',
              ['./detect'],
            ),
            zone(
              './src/dom',
              ['./src/page', './src/ui', './src/background', './src/liveblog', './entrypoints'],
              'src/dom is the DOM helpers liveblog and page share: it imports neither of them nor any runtime.',
            ),
            zone(
              './src/liveblog',
              ['./src/page', './src/ui', './src/background', './entrypoints'],
              'src/liveblog is below the runtimes: it never imports page, ui or background (shared DOM helpers are in src/dom).',
            ),
            zone(
              './src/storage',
              [
                './src/page',
                './src/ui',
                './src/background',
                './src/knowledge',
                './src/messaging',
                './src/liveblog',
                './entrypoints',
              ],
              'src/storage is the database (schema, upgrades, open): the modules that use it import it, not the other way.',
            ),
            zone(
              './src/knowledge',
              './src/reading',
              'The knowledge cache and reading state share only the database (src/storage), not each other.',
            ),
            zone(
              './src/ui',
              './src/background',
              'src/ui is views: it talks to the background through src/messaging, never by import.',
            ),
            zone(
              './src/ui',
              './src/knowledge',
              'src/ui takes knowledge as data: only the types of src/knowledge/types.ts and the formatting of its public entry (src/knowledge/public.ts), no lookup internals.',
              ['./types.ts', './public.ts'],
            ),
            zone(
              './src/page',
              './src/background',
              'The content script talks to the background through src/messaging, never by import.',
            ),
            zone(
              './src/background',
              ['./src/page', './src/ui', './entrypoints'],
              'The background has no page and no view: it never imports src/page or src/ui.',
            ),
            zone(
              ['./src/messaging', './src/knowledge', './src/reading', './src/shared'],
              ['./src/page', './src/ui', './src/background', './entrypoints'],
              'A lower layer never imports the runtimes (page, ui, background) or entrypoints.',
            ),
            zone(
              './entrypoints',
              './src',
              'entrypoints/ only wire: import a runtime entry point (src/background/index.ts, src/page/session.ts, the page’s other scripts src/page/features/more.ts and src/page/liveblog-detector.ts, a view, the messaging API), not its internals.',
              ENTRY_POINTS,
            ),
          ],
        },
      ],
    },
  },
  {
    // Tests and scripts drive browsers (page.evaluate, window globals): \`any\` is the honest type there.
    files: ['tests/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/detect/**'],
    rules: {
      'no-restricted-globals': ['error', ...DOM_AND_EXTENSION_GLOBALS],
      'no-restricted-imports': ['error', EXTENSION_PACKAGES],
    },
  },
  {
    files: ['src/liveblog/**', 'src/dom/**', 'src/storage/**'],
    rules: {
      // DOM code is fine here (liveblog, dom), and storage needs idb, but none of them needs the extension.
      'no-restricted-imports': [
        'error',
        { ...EXTENSION_PACKAGES, paths: EXTENSION_PACKAGES.paths.filter((p) => p.name !== 'idb') },
      ],
    },
  },
  {
    files: ['src/**', 'entrypoints/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          property: 'childElementCount',
          message:
            'Browsers count the children at every call (quadratic when asked per block of a long live blog); children.length is cached until the children change.',
        },
      ],
    },
  },
  {
    files: ['entrypoints/**'],
    rules: {
      // Wiring stays short; logic belongs in src/ where it is tested.
      'max-lines': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
);
