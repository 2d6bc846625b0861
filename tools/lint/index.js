/**
 * The linter's plugins, loaded from this folder so that they see a TypeScript of their own.
 *
 * typescript-eslint parses with the classic TypeScript compiler API (`require('typescript')`), which the
 * project's TypeScript 7 (native, no JavaScript API) does not offer, and its peer range stops below 6.1.
 * Declared here, beside a TypeScript 5.9 used only by the linter, npm nests them under this folder instead
 * of the root (the root's `overrides` holds ts-api-utils, hoisted otherwise, to the same 5.9), so a plain
 * `npm ci` installs both and `tsc` stays TypeScript 7. No rule uses type information: no program is built.
 */
import noCycle from './no-cycle.js';

export { default as tseslint } from 'typescript-eslint';
export { importX, createNodeResolver } from 'eslint-plugin-import-x';

/** The project's own rules. */
export const backstory = { meta: { name: 'backstory' }, rules: { 'no-cycle': noCycle } };
