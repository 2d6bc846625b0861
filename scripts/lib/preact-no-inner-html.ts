/**
 * Builds Preact without its one `innerHTML` assignment, the `dangerouslySetInnerHTML` branch of its diff.
 * Backstory never sets HTML from a string (cards and popup are built from elements, text from the page or
 * Wikipedia goes in as text), so that path is dead code; without it the bundles hold no innerHTML write at
 * all and `web-ext lint` has nothing to warn about. A component that passed `dangerouslySetInnerHTML` would
 * now throw instead of writing HTML. If a Preact upgrade changes the shape of that line, the build fails
 * here rather than shipping the assignment again unnoticed.
 */
import type { Plugin } from 'vite';

const PREACT = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/;
// Preact 10–11's minified diff: `(dom.innerHTML=newHtml.__html)`.
const ASSIGNMENT = /\((\w+)\.innerHTML=(\w+)\.__html\)/g;
const REFUSAL = '(function(){throw new Error("Backstory: dangerouslySetInnerHTML is not supported")})()';

export function stripInnerHTML(code: string): string {
  const found = code.match(ASSIGNMENT) ?? [];
  if (found.length !== 1) {
    throw new Error(
      `preact-no-inner-html: expected one innerHTML assignment in Preact, found ${found.length}; review the plugin`,
    );
  }
  const out = code.replace(ASSIGNMENT, REFUSAL);
  if (/\.innerHTML\s*=[^=]/.test(out))
    throw new Error('preact-no-inner-html: Preact still assigns innerHTML');
  return out;
}

export function preactWithoutInnerHTML(): Plugin {
  return {
    name: 'backstory:preact-no-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!PREACT.test(id.split('?')[0])) return null;
      return { code: stripInnerHTML(code), map: null };
    },
  };
}
