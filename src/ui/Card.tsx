/** The hover card: what this page says about a name, then background from Wikipedia. Each layer names its source. */
import type { EntitySummary } from '../detect/types';
import type { Knowledge } from '../knowledge/types';
import { kindLabel } from './kinds';

export interface CardUpdateRef {
  id: string;
  label: string;
}

export interface CardProps {
  entity: EntitySummary;
  /** Mentions on the page, and the updates that mention the entity. */
  mentions: number;
  updates: CardUpdateRef[];
  knowledge: Knowledge | 'loading';
  onClose: () => void;
  /** Jump to the previous/next mention of this entity. */
  onStep: (direction: 1 | -1) => void;
}

export function Card({ entity, mentions, updates, knowledge, onClose, onStep }: CardProps) {
  const titleId = 'bs-card-title';
  return (
    <div class="card" role="dialog" aria-labelledby={titleId} data-kind={entity.kind}>
      <header class="head">
        <h2 id={titleId} class="name">{entity.name}</h2>
        <span class="kind">{kindLabel(entity.kind, entity.subkind)}</span>
        <button type="button" class="close" aria-label="Close" onClick={onClose}>×</button>
      </header>
      <section class="layer" aria-label="On this page">
        <h3 class="source">On this page</h3>
        {entity.roles.length > 0 && <p class="roles">{entity.roles.join(' · ')}</p>}
        <p class="count">
          {mentions === 1 ? 'Mentioned once' : `Mentioned ${mentions} times`}
          {updates.length > 0 && `, in ${updates.length === 1 ? '1 update' : `${updates.length} updates`}: ${updates.map((u) => u.label).join(', ')}`}
        </p>
        {mentions > 1 && (
          <p class="steps">
            <button type="button" onClick={() => onStep(-1)}>← Previous mention</button>
            <button type="button" onClick={() => onStep(1)}>Next mention →</button>
          </p>
        )}
      </section>
      <Background knowledge={knowledge} />
    </div>
  );
}

function Background({ knowledge }: { knowledge: Knowledge | 'loading' }) {
  if (knowledge === 'loading') {
    return (
      <section class="layer" aria-label="Background" aria-busy="true">
        <h3 class="source">Wikipedia</h3>
        <p class="muted">Loading…</p>
      </section>
    );
  }
  const s = knowledge.summary;
  if (!s) {
    const why: Record<Knowledge['status'], string> = {
      ok: '',
      off: 'Wikipedia lookups are off (Backstory options).',
      offline: 'Offline, and not in the cache.',
      'not-found': 'No Wikipedia article found.',
      error: 'Wikipedia could not be reached.',
    };
    return (
      <section class="layer" aria-label="Background">
        <h3 class="source">Wikipedia</h3>
        <p class="muted">{why[knowledge.status]}</p>
      </section>
    );
  }
  return (
    <section class="layer wiki" aria-label="Background" lang={s.lang} dir={s.dir}>
      <h3 class="source">
        Wikipedia{knowledge.cachedAt ? <span class="muted"> · saved {new Date(knowledge.cachedAt).toLocaleDateString()}</span> : null}
      </h3>
      {s.thumbnail && <img class="thumb" src={s.thumbnail.source} alt="" width={Math.min(96, s.thumbnail.width)} />}
      {s.description && <p class="description">{s.description}</p>}
      <p class="extract">{s.extract}</p>
      <p>
        <a href={s.url} target="_blank" rel="noopener noreferrer">Read “{s.title}” on Wikipedia</a>
      </p>
    </section>
  );
}
