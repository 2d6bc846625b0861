/** The page's background at a node (dark page → dark card), or the system's preference when it has none. */
export function themeAt(doc: Document, node: Node): 'light' | 'dark' {
  const win = doc.defaultView!;
  for (
    let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
    el;
    el = el.parentElement
  ) {
    const m = /^rgba?\((\d+(?:\.\d+)?)[ ,]+(\d+(?:\.\d+)?)[ ,]+(\d+(?:\.\d+)?)(?:[ ,/]+([\d.]+%?))?\)$/.exec(
      win.getComputedStyle(el).backgroundColor,
    );
    if (!m) continue;
    const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    if (alpha < 0.5) continue;
    const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.2 ? 'dark' : 'light';
  }
  const scheme = win.getComputedStyle(doc.documentElement).colorScheme || 'normal';
  const systemDark = !!win.matchMedia?.('(prefers-color-scheme: dark)').matches;
  if (/\bdark\b/.test(scheme) && !/\blight\b/.test(scheme)) return 'dark';
  return systemDark && !/^light$/.test(scheme.trim()) ? 'dark' : 'light';
}
