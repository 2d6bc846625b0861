/**
 * What is new, drawn in the page without touching it: a bar beside each flagged update and the "N new"
 * pill, in one CLOSED shadow root (page scripts cannot read which updates the reader has seen). The host
 * is positioned at the document's origin, so markers sit at document coordinates and scroll with the page
 * for free; the pill is fixed. Nothing is added to the page until there is something to show, and nothing
 * is written that has not changed.
 */
import type { Feature, MarkerBox, OverlayModel } from '../context';
import brandCss from '../../shared/brand.css?inline';
import { createHost, type Host } from '../host';

export type { MarkerBox, OverlayModel };

export interface Overlay {
  update(model: OverlayModel): void;
  /** Outlines an update for a moment after a jump. */
  flash(box: Omit<MarkerBox, 'id' | 'kind'>): void;
}

const CSS = `${brandCss}
.layer { position: absolute; top: 0; left: 0; width: 0; height: 0; pointer-events: none; }
.marker { position: absolute; width: 4px; border-radius: 2px; background: var(--brand); }
.marker.seen { background: transparent; box-shadow: inset 0 0 0 1.5px var(--brand); opacity: .55; }
.tag { position: absolute; top: 0; right: 8px; font: 600 10px/16px system-ui, sans-serif; letter-spacing: .04em; color: #fff; background: var(--brand); padding: 0 5px; border-radius: 3px; white-space: nowrap; }
.marker.seen .tag { display: none; }
.flash { position: absolute; border: 2px solid var(--brand); border-radius: 6px; box-sizing: border-box; opacity: 1; }
.flash.out { opacity: 0; transition: opacity .6s ease-out; }
.pill { position: fixed; right: 16px; bottom: 16px; z-index: 1; pointer-events: auto; font: 600 14px/1 system-ui, sans-serif; color: #fff; background: var(--brand); border: 0; border-radius: 999px; padding: 10px 16px; box-shadow: 0 2px 10px rgba(0, 0, 0, .3); cursor: pointer; }
.pill:hover { background: var(--brand-hover); }
.pill:focus-visible { outline: 3px solid #fff; outline-offset: -6px; box-shadow: 0 0 0 3px var(--brand-deep), 0 2px 10px rgba(0, 0, 0, .3); }
.pill[hidden] { display: none; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (prefers-reduced-motion: reduce) { .flash.out { transition: none; } }
@media print { .layer, .pill { display: none; } }
`;

/** Space between an update's left edge and its marker. */
const GAP = 10;
const FLASH_MS = 1400;

/**
 * The reading layer. Its host is mounted as soon as the content script starts, on every page it runs on,
 * live blog or not, first visit or return: its presence tells a page nothing about the reader's history.
 */
export function createOverlay(doc: Document, signal: AbortSignal, onPill: () => void): Overlay {
  let host: Host | null = null;
  let layer: HTMLElement;
  let pill: HTMLButtonElement;
  let status: HTMLElement;
  const drawn = new Map<string, { el: HTMLElement; key: string }>();
  let pillText = '';

  const ensure = () => {
    if (host) return;
    host = createHost(doc, 'reading', 'closed', CSS, 'absolute');
    layer = doc.createElement('div');
    layer.className = 'layer';
    pill = doc.createElement('button');
    pill.type = 'button';
    pill.className = 'pill';
    pill.hidden = true;
    pill.addEventListener('click', () => onPill());
    status = doc.createElement('div');
    status.className = 'sr';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    host.root.append(layer, pill, status);
  };
  ensure();
  signal.addEventListener('abort', () => host?.remove());

  return {
    update({ markers, pill: pillModel, announce }) {
      ensure();
      const keep = new Set<string>();
      for (const m of markers) {
        keep.add(m.id);
        const left = Math.max(2, m.left - GAP);
        const key = `${m.kind}|${Math.round(m.top)}|${Math.round(left)}|${Math.round(m.height)}|${m.left - GAP > 44}`;
        let item = drawn.get(m.id);
        if (!item) {
          const el = doc.createElement('div');
          const tag = doc.createElement('span');
          tag.className = 'tag';
          tag.textContent = 'NEW';
          el.append(tag);
          layer.append(el);
          drawn.set(m.id, (item = { el, key: '' }));
        }
        if (item.key === key) continue;
        item.key = key;
        item.el.className = `marker ${m.kind}`;
        // A little short of the update at both ends, so the bars of two new updates in a row stay apart.
        Object.assign(item.el.style, {
          top: `${m.top + GAP / 4}px`,
          left: `${left}px`,
          height: `${Math.max(16, m.height - GAP / 2)}px`,
        });
        // The tag goes in the margin when there is room for it, else only the bar is drawn.
        (item.el.firstChild as HTMLElement).hidden = m.left - GAP <= 44;
      }
      for (const [id, item] of drawn) {
        if (keep.has(id)) continue;
        item.el.remove();
        drawn.delete(id);
      }
      // Text and attributes only when they change: any write to the page's DOM costs a style and paint
      // pass over every highlight range registered on it.
      const text = pillModel ? `${pillModel.count} new ${pillModel.direction === 'down' ? '↓' : '↑'}` : '';
      if (pill.hidden !== !pillModel) pill.hidden = !pillModel;
      if (pillModel && text !== pillText) {
        pillText = text;
        pill.textContent = text;
        const { count } = pillModel;
        pill.setAttribute(
          'aria-label',
          `${count} new ${count === 1 ? 'update' : 'updates'}: jump to the first one you have not seen`,
        );
      }
      if (announce) status.textContent = `${announce} new ${announce === 1 ? 'update' : 'updates'}`;
    },
    flash(box) {
      ensure();
      const el = doc.createElement('div');
      el.className = 'flash';
      Object.assign(el.style, {
        top: `${box.top - 6}px`,
        left: `${box.left - 6}px`,
        width: `${box.width + 12}px`,
        height: `${box.height + 12}px`,
      });
      layer.append(el);
      setTimeout(() => el.classList.add('out'), FLASH_MS - 600);
      setTimeout(() => el.remove(), FLASH_MS);
    },
  };
}

/**
 * The markers feature: draws what the reading feature says is new (its `overlay` and `flash` events). Apart
 * from reading, so a page where drawing fails still has its updates counted and marked.
 */
export const markersFeature: Feature = {
  id: 'markers',
  init(ctx, signal) {
    const overlay = createOverlay(ctx.doc, signal, () => ctx.reading?.jumpToFirstNew());
    // With markers kept out of the page (an option), nothing is drawn: the layer stays empty.
    let last: OverlayModel | null = null;
    const empty: OverlayModel = { markers: [], pill: null, announce: 0 };
    ctx.on(
      'overlay',
      (model) => {
        last = model;
        overlay.update(ctx.settings.pageMarkers ? model : empty);
      },
      signal,
    );
    ctx.on('flash', (box) => ctx.settings.pageMarkers && overlay.flash(box), signal);
    ctx.on(
      'settings',
      (s) => last && overlay.update(s.pageMarkers ? { ...last, announce: 0 } : empty),
      signal,
    );
  },
};
