/**
 * APIs that exist only in secure contexts (MDN: "available only in secure contexts"): undefined on a
 * plain-http page, so the content script must not use them. Shared by the source meta-test
 * (tests/page/secure-context.test.ts) and the check of the built bundle (tests/e2e/runtime.test.ts).
 */
export const SECURE_ONLY: Array<[string, RegExp]> = [
  ['crypto.randomUUID', /\brandomUUID\b/],
  ['crypto.subtle', /crypto\s*\.\s*subtle\b/],
  ['navigator.clipboard', /\bclipboard\s*\.\s*(write|read)/],
  ['navigator.storage (StorageManager)', /navigator\s*\.\s*storage\b/],
  ['navigator.locks', /navigator\s*\.\s*locks\b/],
  ['navigator.serviceWorker', /navigator\s*\.\s*serviceWorker\b/],
  ['navigator.credentials', /navigator\s*\.\s*credentials\b/],
  ['navigator.userAgentData', /\buserAgentData\b/],
  ['navigator.share', /navigator\s*\.\s*(share|canShare)\b/],
  ['navigator.wakeLock', /\bwakeLock\b/],
  ['navigator.mediaDevices', /\bmediaDevices\b/],
  ['navigator.bluetooth / usb / hid / serial / xr', /navigator\s*\.\s*(bluetooth|usb|hid|serial|xr)\b/],
  ['Notification', /\bnew\s+Notification\b|\bNotification\s*\.\s*requestPermission\b/],
  ['CacheStorage (caches)', /\bcaches\s*\.\s*(open|match|keys|has|delete)\b/],
  ['File System Access pickers', /\bshow(Open|Save|Directory)(File)?Picker\b/],
  ['IdleDetector', /\bIdleDetector\b/],
  ['PaymentRequest', /\bPaymentRequest\b/],
  ['Web Share / Contacts', /navigator\s*\.\s*contacts\b/],
];

export function secureOnlyUses(source: string): string[] {
  // Comments may name an API to explain why it is not used.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return SECURE_ONLY.filter(([, re]) => re.test(code)).map(([name]) => name);
}
