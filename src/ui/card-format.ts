/** How the card writes times and dates: UTC, as news live blogs print them. */
export function shortTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return timeFormat().format(d);
}

let times: Intl.DateTimeFormat | null = null;

/** One formatter for every card: `toLocaleString` with options builds one per call (~1 ms each). */
function timeFormat(): Intl.DateTimeFormat {
  return (times ??= new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }));
}

let counts: Intl.NumberFormat | null = null;

/** "1,234": a count in English digits, with one formatter made once (not a locale lookup per call). */
export function formatCount(n: number): string {
  return (counts ??= new Intl.NumberFormat('en', { maximumFractionDigits: 0 })).format(Math.trunc(n));
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
