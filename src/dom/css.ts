/**
 * Styles into one of the extension's shadow roots on a page. Constructable stylesheets are not blocked by
 * a page's style-src CSP (in Firefox, the page's own constructor); a <style> where they cannot be made.
 */
export function adoptCss(doc: Document, root: ShadowRoot, css: string): void {
  try {
    const Sheet = (doc.defaultView as typeof globalThis | null)?.CSSStyleSheet ?? CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  } catch {
    // Older engines or a cross-compartment refusal.
  }
  const style = doc.createElement('style');
  style.textContent = css;
  root.appendChild(style);
}
