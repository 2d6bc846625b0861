/**
 * The hover card: its heading, then its layers in a fixed order, each labelled with its source (the list
 * and the layers are in src/layers: what this page says, the place, background, Backstory's context pack).
 * The page's own layer is drawn at once; the others once the background has answered.
 */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { CardProps } from '../layers/view-contract';
import { VIEWS } from '../layers/views';
import { dirOf } from './card-format';
import { kindLabel } from './kinds';

export type { CardProps, CardUpdateRef } from '../layers/view-contract';
export { ordinal } from './card-format';
export { updateName } from '../layers/page/view';

export const TITLE_ID = 'bs-card-title';

export function Card(props: CardProps) {
  const { entity, knowledge, theme } = props;
  return (
    <div
      class={props.staged ? 'card staged' : 'card'}
      role={props.staged ? undefined : 'dialog'}
      aria-hidden={props.staged ? 'true' : undefined}
      aria-labelledby={TITLE_ID}
      aria-describedby="bs-card-page"
      data-kind={entity.kind}
      data-theme={theme}
      lang="en"
      dir="ltr"
    >
      <div class="head">
        <h2 id={TITLE_ID} class="name" dir={dirOf(entity.name)}>
          {entity.name}
        </h2>
        <span class="kind">{kindLabel(entity.kind, entity.subkind)}</span>
        {props.onPanel && (
          <button
            type="button"
            class="icon"
            aria-label="Open the story panel"
            title="The whole story: cast, map, what is new (Alt+Shift+S)"
            onClick={props.onPanel}
          >
            ☰
          </button>
        )}
        <button
          type="button"
          class="icon"
          aria-label="Card settings"
          title="Card settings"
          onClick={props.onOptions}
        >
          ⚙
        </button>
        <button
          type="button"
          class="icon close"
          aria-label="Close card"
          title="Close (Esc)"
          onClick={props.onClose}
        >
          ×
        </button>
      </div>
      {props.onWatch && <WatchButton name={entity.name} onWatch={props.onWatch} />}
      {VIEWS.map((v) =>
        !v.needsBackground ? (
          <Fragment key={v.id}>{v.render(props)}</Fragment>
        ) : knowledge === 'loading' ? null : (
          <Fragment key={v.id}>{v.render(props, knowledge)}</Fragment>
        ),
      )}
      {knowledge === 'loading' && (
        <section class="layer loading" aria-busy="true" aria-label="Background">
          <h3 class="source">Places · Wikipedia · Context</h3>
          {/* Words only once it is slow: a quick answer replaces this within a frame or two. */}
          <p class="muted">{props.slow ? 'Loading…' : '\u00a0'}</p>
        </section>
      )}
    </div>
  );
}

/** Adds the name to the watched names; says so in place (the options page lists and removes them). */
function WatchButton({ name, onWatch }: { name: string; onWatch: () => Promise<boolean> }) {
  const [watching, setWatching] = useState(false);
  return (
    <p class="watch">
      <button
        type="button"
        class="link"
        aria-pressed={watching}
        disabled={watching}
        onClick={() => void onWatch().then(setWatching, () => setWatching(false))}
      >
        {watching ? `Watching ${name}` : 'Watch this name'}
      </button>
    </p>
  );
}
