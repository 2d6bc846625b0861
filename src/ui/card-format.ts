/**
 * How the card writes times, dates and counts: in English, UTC (as news live blogs print them), by hand.
 * The content script's first `Intl` formatter loads the locale data into its world: 18–20 ms in one task
 * of the page's (CPU profile, the 2,000-update page), for strings that never change with the locale.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** "24 Nov 2016, 14:35 UTC". */
export function shortTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

/** "1,234": a count in English digits, thousands grouped. */
export function formatCount(n: number): string {
  const t = Math.trunc(n);
  const digits = String(Math.abs(t)).replace(/\B(?=(\d{3})+$)/g, ',');
  return t < 0 ? `-${digits}` : digits;
}

export function shortDate(iso: string): string | undefined {
  return shortTime(iso)?.replace(/, .*$/, '');
}

/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** Names from the page may be in a right-to-left script: let the text pick its direction. */
export const dirOf = (text: string) => (RTL.test(text) ? 'rtl' : 'auto');
