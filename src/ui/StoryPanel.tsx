/**
 * The story side panel: the page's cast (grouped by kind, with counts, the page's role phrase, and a mark
 * on names new since the last visit), one map of every place, the unseen updates with the names each
 * brings, and the updates along a time axis. Everything comes from the page's content script and the
 * background; nothing here goes to the network.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Knowledge } from '../knowledge/types';
import type { StoryMap } from '../knowledge/types';
import type { PageState } from '../reading/types';
import { placeLabels } from '../shared/labels';
import {
  castGroups,
  castView,
  chronological,
  namesBroughtBy,
  newNames,
  timeline,
  type CastSort,
} from '../story/model';
import type { Story, StoryEntity } from '../story/types';
import { KIND_LABEL, kindLabel } from './kinds';

export interface Selection {
  key: string;
  index: number;
  total: number;
}

export interface StoryPanelApi {
  select(key: string, index: number): void;
  clear(): void;
  jump(id: string): void;
  markAllSeen(ids: string[]): void;
  lookup(e: StoryEntity): Promise<Knowledge | null>;
}

export interface StoryPanelProps {
  story: Story | null;
  /** Why there is no story, when there is none. */
  reason?: string;
  state: PageState | null;
  map: StoryMap | null;
  selection: Selection | null;
  api: StoryPanelApi;
}

const GROUP_LABEL = { person: 'People', organization: 'Organizations', place: 'Places' } as const;

export function StoryPanel({ story, reason, state, map, selection, api }: StoryPanelProps) {
  // Escape anywhere in the panel ends the selection (and its highlight on the page).
  useEffect(() => {
    if (!selection) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && api.clear();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selection?.key]);
  // New since the last visit: unseen and not part of the first visit's backlog (which is never flagged).
  const unseen = useMemo(
    () => new Set((state?.updates ?? []).filter((u) => u.state === 'new' && !u.backlog).map((u) => u.id)),
    [state],
  );
  const fresh = useMemo(() => (story ? newNames(story, unseen) : new Set<string>()), [story, unseen]);
  if (!story)
    return (
      <main class="panel">
        <h1>Story</h1>
        <p class="muted" role="status">
          {reason ?? 'Loading…'}
        </p>
      </main>
    );
  const selected = selection ? story.entities.find((e) => e.key === selection.key) : undefined;
  return (
    <main class="panel">
      <h1 title={story.title}>{story.title || 'Story'}</h1>
      {story.names !== 'on' && (
        <p class="muted">
          {story.names === 'off-language'
            ? 'Names: English pages only.'
            : 'Names are turned off in the options.'}
        </p>
      )}
      <Cast story={story} fresh={fresh} selection={selection} api={api} />
      {selected && selection && (
        <EntityCard entity={selected} story={story} selection={selection} api={api} />
      )}
      <PlaceMap story={story} map={map} unseen={unseen} selection={selection} api={api} />
      <SinceLastLooked story={story} state={state} unseen={unseen} api={api} />
      <Timeline story={story} unseen={unseen} api={api} />
    </main>
  );
}

function Cast({
  story,
  fresh,
  selection,
  api,
}: {
  story: Story;
  fresh: Set<string>;
  selection: Selection | null;
  api: StoryPanelApi;
}) {
  const [sort, setSort] = useState<CastSort>('mentions');
  const [query, setQuery] = useState('');
  const groups = castGroups(castView(story, sort, query));
  const listRef = useRef<HTMLDivElement>(null);
  /** Arrow keys move between the cast's buttons (one tab stop per list would hide the filter's results). */
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.who') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };
  return (
    <section aria-labelledby="cast-h">
      <h2 id="cast-h">
        Cast <span class="muted">({story.entities.length})</span>
      </h2>
      <div class="controls">
        <label>
          Filter <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <label>
          Sort{' '}
          <select value={sort} onChange={(e) => setSort(e.currentTarget.value as CastSort)}>
            <option value="mentions">by mentions</option>
            <option value="first">by first appearance</option>
            <option value="name">A–Z</option>
          </select>
        </label>
      </div>
      <div ref={listRef} onKeyDown={onKey}>
        {groups.length === 0 && <p class="muted">No names{query ? ' match' : ' on this page'}.</p>}
        {groups.map((g) => (
          <div class="group" key={g.kind}>
            <h3>
              {GROUP_LABEL[g.kind]} <span class="muted">({g.entities.length})</span>
            </h3>
            {g.subgroups.map((sub) => (
              <div key={sub.subkind ?? ''}>
                {g.subgroups.length > 1 && <h4>{sub.subkind ? kindLabel(g.kind, sub.subkind) : 'Other'}</h4>}
                <ul class="cast">
                  {sub.entities.map((e) => (
                    <li key={e.key}>
                      <button
                        type="button"
                        class={`who ${e.kind}`}
                        data-key={e.key}
                        aria-pressed={selection?.key === e.key}
                        onClick={() => (selection?.key === e.key ? api.clear() : api.select(e.key, 0))}
                      >
                        <span class="name">{e.name}</span>
                        {fresh.has(e.key) && (
                          <span class="new" title="New in this story since your last visit">
                            new
                          </span>
                        )}
                        <span class="count" aria-label={`${e.count} mentions`}>
                          {e.count}
                        </span>
                        <span class="role muted">{e.role ?? kindLabel(e.kind, e.subkind)}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}

/** The selected name's card, in the panel: what the page says, where it appears, and Wikipedia's summary. */
function EntityCard({
  entity,
  story,
  selection,
  api,
}: {
  entity: StoryEntity;
  story: Story;
  selection: Selection;
  api: StoryPanelApi;
}) {
  const [knowledge, setKnowledge] = useState<Knowledge | null>(null);
  useEffect(() => {
    let live = true;
    setKnowledge(null);
    void api.lookup(entity).then((k) => live && setKnowledge(k));
    return () => {
      live = false;
    };
  }, [entity.key]);
  const step = (d: 1 | -1) => api.select(entity.key, selection.index + d);
  return (
    <section class="entity" aria-labelledby="entity-h">
      <h2 id="entity-h">{entity.name}</h2>
      <p class="muted">
        {kindLabel(entity.kind, entity.subkind)}
        {entity.role ? ` · ${entity.role}` : ''}
      </p>
      <div class="stepper">
        <button
          type="button"
          onClick={() => step(-1)}
          aria-label="Previous mention"
          disabled={!selection.total}
        >
          ‹
        </button>
        <span aria-live="polite">
          {selection.total ? `Mention ${selection.index + 1} of ${selection.total}` : 'No mentions in view'}
        </span>
        <button type="button" onClick={() => step(1)} aria-label="Next mention" disabled={!selection.total}>
          ›
        </button>
        <button type="button" class="link" onClick={() => api.clear()}>
          Close
        </button>
      </div>
      {knowledge?.summary && (
        <p class="summary">
          {knowledge.summary.description && <strong>{knowledge.summary.description}. </strong>}
          {knowledge.summary.extract}
        </p>
      )}
      {entity.updates.length > 0 && (
        <>
          <h3>In {entity.updates.length === 1 ? '1 update' : `${entity.updates.length} updates`}</h3>
          <ul class="updates">
            {entity.updates.slice(0, 8).map((u) => (
              <li key={u}>
                <button type="button" class="link" onClick={() => api.jump(story.updates[u].id)}>
                  {story.updates[u].label || `Update ${u + 1}`}
                </button>{' '}
                <span class="muted">{story.updates[u].firstLine}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export const MAP_SIZE = { width: 320, height: 220 };

function PlaceMap({
  story,
  map,
  unseen,
  selection,
  api,
}: {
  story: Story;
  map: StoryMap | null;
  unseen: Set<string>;
  selection: Selection | null;
  api: StoryPanelApi;
}) {
  const places = story.entities.filter((e) => e.kind === 'place' && e.geo);
  if (!places.length) return null;
  // The places the unseen updates mention: where the story moved since the last visit.
  const fresh = new Set(
    places.filter((p) => p.updates.some((u) => unseen.has(story.updates[u]?.id))).map((p) => p.key),
  );
  const byKey = new Map(places.map((p) => [p.key, p]));
  const max = Math.max(...places.map((p) => p.count));
  const radius = (n: number) => 2.5 + 5 * Math.sqrt(n / max);
  // Biggest first: they get their labels before the small ones around them.
  const points = (map?.points ?? [])
    .map((p) => ({ ...p, place: byKey.get(p.key)! }))
    .filter((p) => p.place)
    .sort((a, b) => b.place.count - a.place.count);
  const labels = placeLabels(
    points.map((p) => ({ x: p.x, y: p.y, text: p.place.name, r: radius(p.place.count) })),
    MAP_SIZE,
  );
  return (
    <section aria-labelledby="map-h">
      <h2 id="map-h">
        Map <span class="muted">({places.length} places)</span>
      </h2>
      {!map ? (
        <p class="muted">Drawing…</p>
      ) : (
        <svg
          class="map"
          viewBox={`0 0 ${map.width} ${map.height}`}
          role="group"
          aria-label={`Map of the ${points.length} places this page names`}
        >
          <path class="land" d={map.land} aria-hidden="true" />
          {points.map((p) => (
            <g
              key={p.key}
              class={`dot${fresh.has(p.key) ? ' fresh' : ''}${selection?.key === p.key ? ' selected' : ''}`}
              role="button"
              tabIndex={0}
              aria-label={`${p.place.name}, ${p.place.count} mentions${fresh.has(p.key) ? ', in a new update' : ''}`}
              data-key={p.key}
              onClick={() => api.select(p.key, selection?.key === p.key ? selection.index + 1 : 0)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  api.select(p.key, selection?.key === p.key ? selection.index + 1 : 0);
                }
              }}
            >
              <title>{`${p.place.name} (${p.place.count})`}</title>
              <circle cx={p.x} cy={p.y} r={radius(p.place.count)} />
            </g>
          ))}
          {labels.map((l) => (
            <text key={points[l.index].key} x={l.x} y={l.y} text-anchor={l.anchor} aria-hidden="true">
              {points[l.index].place.name}
            </text>
          ))}
        </svg>
      )}
      {map && map.off.length > 0 && (
        <p class="off-map muted">
          Not on this map (far from the rest):{' '}
          {map.off.map((k, i) => (
            <span key={k}>
              {i > 0 && ', '}
              <button type="button" class="link" data-key={k} onClick={() => api.select(k, 0)}>
                {byKey.get(k)?.name ?? k}
              </button>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

function SinceLastLooked({
  story,
  state,
  unseen,
  api,
}: {
  story: Story;
  state: PageState | null;
  unseen: Set<string>;
  api: StoryPanelApi;
}) {
  if (!story.liveBlog) return null;
  const brought = namesBroughtBy(story);
  const order = chronological(story).filter((u) => unseen.has(story.updates[u].id));
  return (
    <section aria-labelledby="new-h">
      <h2 id="new-h">Since you last looked</h2>
      {!state ? (
        <p class="muted">No reading state for this page yet.</p>
      ) : order.length === 0 ? (
        <p class="muted">
          {state.previousVisit
            ? 'Nothing new since your last visit.'
            : 'Your first visit: everything here is the story so far.'}
        </p>
      ) : (
        <>
          <p>
            {order.length === 1 ? '1 new update' : `${order.length} new updates`}{' '}
            <button type="button" onClick={() => api.markAllSeen([...unseen])}>
              Mark all seen
            </button>
          </p>
          <ol class="updates">
            {order.map((u) => {
              const up = story.updates[u];
              const names = brought.get(u) ?? [];
              return (
                <li key={up.id}>
                  <button type="button" class="link" onClick={() => api.jump(up.id)}>
                    {up.label || `Update ${u + 1}`}
                  </button>{' '}
                  <span>{up.firstLine}</span>
                  {names.length > 0 && (
                    <p class="brings muted">
                      New to the story:{' '}
                      {names.map((n) => `${n.name} (${KIND_LABEL[n.kind].toLowerCase()})`).join(', ')}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

const fmt = (ms: number, withDay: boolean) =>
  new Date(ms).toLocaleString(undefined, {
    ...(withDay ? { month: 'short', day: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  });

function Timeline({ story, unseen, api }: { story: Story; unseen: Set<string>; api: StoryPanelApi }) {
  if (!story.liveBlog || !story.updates.length) return null;
  const { ticks, start, end } = timeline(story);
  const width = 300;
  const x = (at: number) => 10 + at * (width - 20);
  const days = start !== undefined && end !== undefined && end - start > 20 * 3600_000;
  return (
    <section aria-labelledby="time-h">
      <h2 id="time-h">Timeline</h2>
      <svg class="timeline" viewBox={`0 0 ${width} 44`} role="group" aria-label="Updates along a time axis">
        <line x1={10} x2={width - 10} y1={22} y2={22} class="axis" aria-hidden="true" />
        {ticks.map((t) => {
          const u = story.updates[t.update];
          const isNew = unseen.has(u.id);
          return (
            <rect
              key={u.id}
              x={x(t.at) - 1.5}
              y={isNew ? 8 : 12}
              width={3}
              height={isNew ? 28 : 20}
              class={isNew ? 'tick new' : 'tick'}
              role="button"
              tabIndex={-1}
              aria-label={`${u.label || 'Update'}${isNew ? ', new' : ''}: ${u.firstLine}`}
              onClick={() => api.jump(u.id)}
            >
              <title>{`${u.label}${isNew ? ' (new)' : ''}: ${u.firstLine}`}</title>
            </rect>
          );
        })}
      </svg>
      {start !== undefined && end !== undefined ? (
        <p class="axis-labels muted">
          <span>{fmt(start, days)}</span>
          <span>{fmt(end, days)}</span>
        </p>
      ) : (
        <p class="muted">The page prints no times: updates in story order.</p>
      )}
    </section>
  );
}
