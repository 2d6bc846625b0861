/**
 * Random ids for the content script. `crypto.randomUUID` exists only in secure contexts (https, localhost):
 * on a plain-http news site it is undefined and calling it throws. `crypto.getRandomValues` exists in every
 * context, so ids are made from it.
 */
export function randomId(bytes = 16): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  let out = '';
  for (const b of buf) out += b.toString(16).padStart(2, '0');
  return out;
}
