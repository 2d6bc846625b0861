/**
 * The hover card. Layers in a fixed order, each labelled with its source: what this page says, the place
 * (offline map and facts), background (Wikipedia, Wikidata), and Backstory's context pack.
 */
import type { EntitySummary } from '../detect/types';
import { formatOffice, officeAt, recentOffices } from '../knowledge/positions';
import type { Knowledge, LocatorMap, Office, PackLine, PlaceFacts } from '../knowledge/types';
import { kindLabel } from './kinds';
import { useState } from 'preact/hooks';

export interface CardUpdateRef {
  id: string;
  /** The update's time or label as the page prints it ("14:35", "ore 18.42", "95'"); may be empty. */
  label: string;
  /** ISO 8601, when the page's labels allow. */
  time?: string;
  /** 1-based place in the live blog, counted from the top: names an update that prints no label. */
  position?: number;
  /** The update's first line: names an update that has neither label nor position. */
  firstLine?: string;
}

export interface CardProps {
  entity: EntitySummary;
  /** Mentions on the page, and which one the card is about (1-based). */
  mentions: number;
  position: number;
  /** The updates that mention the entity, in page order. */
  updates: CardUpdateRef[];
  /** The update the card's mention is in. */
  current?: CardUpdateRef;
  knowledge: Knowledge | 'loading';
  theme: 'light' | 'dark';
  onClose: () => void;
  /** Jump to the previous/next mention of this entity. */
  onStep: (direction: 1 | -1) => void;
  /** Scroll to an update. */
  onJump: (id: string) => void;
  /** The reader chose another article among the candidates. */
  onPick: (title: string) => void;
  onOptions: () => void;
  /** "Watch this name": be told when a followed blog's new update mentions it (issue 15). */
  onWatch?: () => Promise<boolean>;
}

export const TITLE_ID = 'bs-card-title';
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** Names from the page may be in a right-to-left script: let the text pick its direction. */
const dirOf = (text: string) => (RTL.test(text) ? 'rtl' : 'auto');

function shortTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return d.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
}

function shortDate(iso: string): string | undefined {
  return shortTime(iso)?.replace(/, .*$/, '');
}

/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** What names an update in the "mentioned in" list: its printed label, else its place from the top. */
export function updateName(u: CardUpdateRef): string {
  if (u.label.trim()) return u.label.trim();
  if (u.position) return `${ordinal(u.position)} update from the top`;
  return u.firstLine?.trim() || 'An update';
}

/**
 * What follows the name: the date, for a label that prints a clock time but no date ("14:35" → "· 24 Nov
 * 2016"); for an update named by its position, its time as the page stored it. Nothing for a label that
 * already says when ("2 hours ago", "95'", a full date): the page's own words stand.
 */
function updateWhen(u: CardUpdateRef): string | undefined {
  if (!u.time) return undefined;
  const label = u.label.trim();
  if (!label) return shortTime(u.time);
  if (/\d{1,2}\s?(?:[.:h]\s?)?\d{2}/.test(label) && !/\b(19|20)\d{2}\b/.test(label)) return shortDate(u.time);
  return undefined;
}

function age(at: number): string {
  const days = Math.floor((Date.now() - at) / 86_400_000);
  if (days < 1) return 'today';
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

export function Card(props: CardProps) {
  const { entity, knowledge, theme } = props;
  return (
    <div
      class="card"
      role="dialog"
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
      <OnThisPage {...props} />
      {props.onWatch && <WatchButton name={props.entity.name} onWatch={props.onWatch} />}
      {knowledge === 'loading' ? (
        <section class="layer" aria-busy="true" aria-label="Background">
          <h3 class="source">Places · Wikipedia · Context</h3>
          <p class="muted">Loading…</p>
        </section>
      ) : (
        <>
          {knowledge.place && <Places place={knowledge.place} />}
          <Background knowledge={knowledge} at={props.current?.time} onPick={props.onPick} />
          {knowledge.pack && (
            <Pack pack={knowledge.pack} at={props.current?.time} showOffices={!knowledge.offices?.length} />
          )}
        </>
      )}
    </div>
  );
}

function OnThisPage({ entity, mentions, position, updates, current, onStep, onJump }: CardProps) {
  return (
    <section class="layer" aria-labelledby="bs-l1">
      <h3 class="source" id="bs-l1">
        On this page
      </h3>
      <div id="bs-card-page">
        {entity.roles.length > 0 && (
          <p class="roles">
            Described as <span dir="auto">{entity.roles.map((r, i) => (i ? `, “${r}”` : `“${r}”`))}</span>
          </p>
        )}
        <p class="count">
          {mentions === 1 ? 'Mentioned once' : `Mentioned ${mentions} times`}
          {updates.length > 0
            ? `, in ${updates.length === 1 ? '1 update' : `${updates.length} updates`}:`
            : '.'}
        </p>
      </div>
      {updates.length > 0 && (
        <ul class="updates">
          {updates.map((u) => {
            const when = updateWhen(u);
            return (
              <li key={u.id}>
                <button
                  type="button"
                  class="link"
                  aria-current={u.id === current?.id ? 'true' : undefined}
                  onClick={() => onJump(u.id)}
                >
                  {updateName(u)}
                </button>
                {when && <time dateTime={u.time}> · {when}</time>}
              </li>
            );
          })}
        </ul>
      )}
      {mentions > 1 && (
        <p class="steps">
          <button type="button" onClick={() => onStep(-1)}>
            ← Previous mention
          </button>
          <span class="muted">
            {position} of {mentions}
          </span>
          <button type="button" onClick={() => onStep(1)}>
            Next mention →
          </button>
        </p>
      )}
    </section>
  );
}

function MapSvg({ map }: { map: LocatorMap }) {
  return (
    <svg
      class="map"
      viewBox={`0 0 ${map.width} ${map.height}`}
      width={map.width}
      height={map.height}
      role="img"
      aria-label={map.label}
    >
      <title>{map.label}</title>
      <rect class="sea" width={map.width} height={map.height} />
      <path class="land" d={map.land} />
      {map.focus && <path class="focus" d={map.focus} />}
      {map.dots.map((d) => (
        <g key={d.name}>
          <circle class="dot" cx={d.x} cy={d.y} r={2.5} />
          <text
            class="dot-label"
            x={d.x > map.width - 80 ? d.x - 5 : d.x + 5}
            y={Math.min(map.height - 3, Math.max(11, d.y + 3.5))}
            text-anchor={d.x > map.width - 80 ? 'end' : 'start'}
          >
            {d.name}
          </text>
        </g>
      ))}
      {map.marker && <circle class="marker" cx={map.marker[0]} cy={map.marker[1]} r={5} />}
    </svg>
  );
}

function population(p: PlaceFacts['population']): string | undefined {
  if (!p) return undefined;
  const n =
    p.value >= 1e6
      ? `${(p.value / 1e6).toFixed(p.value >= 1e8 ? 0 : 1)} million`
      : p.value.toLocaleString('en');
  return `${n} (${p.year ? `${p.year}, ` : ''}${p.source})`;
}

function Places({ place }: { place: PlaceFacts }) {
  const c = place.country;
  const sources = [
    place.source,
    place.population?.source === 'Wikidata' ? 'Wikidata' : null,
    place.map ? 'Natural Earth' : null,
  ].filter((s, i, a) => s && a.indexOf(s) === i);
  return (
    <section class="layer places" aria-labelledby="bs-l2">
      <h3 class="source" id="bs-l2">
        Places <span class="from">· {sources.join(', ')}</span>
      </h3>
      {place.map && <MapSvg map={place.map} />}
      {place.approximate && <p class="muted small">{place.approximate}.</p>}
      <dl class="facts">
        {place.kind === 'country' && c ? (
          <>
            <dt>Country</dt>
            <dd>
              <span aria-hidden="true">{c.flag} </span>
              {c.official}
            </dd>
            {c.capital && (
              <>
                <dt>Capital</dt>
                <dd>{c.capital}</dd>
              </>
            )}
            <dt>Region</dt>
            <dd>{c.subregion ?? c.region}</dd>
          </>
        ) : (
          c && (
            <>
              <dt>Country</dt>
              <dd>
                <span aria-hidden="true">{c.flag} </span>
                {c.name}
              </dd>
            </>
          )
        )}
        {place.population && (
          <>
            <dt>Population</dt>
            <dd>{population(place.population)}</dd>
          </>
        )}
        {place.borders && place.borders.length > 0 && (
          <>
            <dt>Borders</dt>
            <dd>
              {place.borders.map((b, i) => (
                <span key={b.name}>
                  {i ? ', ' : ''}
                  {b.onPage ? <strong title="Named on this page">{b.name}</strong> : b.name}
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      {place.relations.length > 0 && (
        <ul class="relations">
          {place.relations.map((r) => (
            <li key={r.name}>{r.phrase.charAt(0).toUpperCase() + r.phrase.slice(1)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OfficeAt({ offices, at, source }: { offices: Office[]; at?: string; source: string }) {
  const now = officeAt(offices, at);
  if (!now || !at) return null;
  return (
    <p class="office-at">
      At the time of this update ({shortDate(at)}): <strong>{now.label}</strong>{' '}
      <span class="muted">· {source}</span>
    </p>
  );
}

function Background({
  knowledge,
  at,
  onPick,
}: {
  knowledge: Knowledge;
  at?: string;
  onPick: (t: string) => void;
}) {
  const s = knowledge.summary;
  const why: Record<Knowledge['status'], string> = {
    ok: '',
    off: 'Wikipedia lookups are off (Backstory options).',
    offline: 'Offline, and not saved on this device yet.',
    'not-found': 'No Wikipedia article found for this name.',
    error: 'Wikipedia could not be reached.',
  };
  return (
    <section class="layer wiki" aria-labelledby="bs-l3">
      <h3 class="source" id="bs-l3">
        Background <span class="from">· Wikipedia{knowledge.offices?.length ? ', Wikidata' : ''}</span>
        {knowledge.cachedAt !== undefined && <span class="from"> · saved {age(knowledge.cachedAt)}</span>}
      </h3>
      {knowledge.unsure && (
        <p class="unsure" role="note">
          Not sure this is the right article.
          {knowledge.candidates?.length ? ' Other candidates are listed below.' : ''}
        </p>
      )}
      {s ? (
        <div lang={s.lang} dir={s.dir}>
          {s.thumbnail && (
            <img class="thumb" src={s.thumbnail.source} alt="" width={Math.min(88, s.thumbnail.width)} />
          )}
          <p class="title">
            <strong>{s.title}</strong>
            {s.description && <span class="description"> — {s.description}</span>}
          </p>
          {knowledge.offices && <OfficeAt offices={knowledge.offices} at={at} source="Wikidata" />}
          <p class="extract">{s.extract}</p>
          {knowledge.offices && knowledge.offices.length > 0 && (
            <ul class="offices" aria-label="Offices held (Wikidata)">
              {recentOffices(knowledge.offices).map((o, i) => (
                <li key={i}>{formatOffice(o)}</li>
              ))}
            </ul>
          )}
          <p>
            <a href={s.url} target="_blank" rel="noopener noreferrer">
              Read “{s.title}” on Wikipedia
            </a>
          </p>
        </div>
      ) : (
        <p class="muted">{why[knowledge.status]}</p>
      )}
      {knowledge.candidates && knowledge.candidates.length > 0 && (
        <div class="candidates">
          <p class="small muted" id="bs-cands">
            {s ? 'Other articles for this name:' : 'Articles for this name:'}
          </p>
          <ul aria-labelledby="bs-cands">
            {knowledge.candidates
              .filter((c) => c.title !== s?.title)
              .map((c) => (
                <li key={c.title}>
                  <button type="button" class="link" onClick={() => onPick(c.title)}>
                    {c.title}
                  </button>
                  {c.description && <span class="muted"> — {c.description}</span>}
                </li>
              ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Pack({ pack, at, showOffices }: { pack: PackLine; at?: string; showOffices: boolean }) {
  return (
    <section class="layer pack" aria-labelledby="bs-l4">
      <h3 class="source" id="bs-l4">
        Context{' '}
        <span class="from">
          · Backstory context pack “{pack.packTitle}”, as of {pack.asOf}
        </span>
      </h3>
      <p>{pack.summary}</p>
      {showOffices && <OfficeAt offices={pack.offices} at={at} source="context pack" />}
      <dl class="facts">
        {pack.sides.length > 0 && (
          <>
            <dt>Side</dt>
            <dd>{pack.sides.join('; ')}</dd>
          </>
        )}
        {pack.backers.length > 0 && (
          <>
            <dt>Backed by</dt>
            <dd>{pack.backers.join(', ')}</dd>
          </>
        )}
        {showOffices && pack.offices.length > 0 && (
          <>
            <dt>Offices</dt>
            <dd>{recentOffices(pack.offices, 3).map(formatOffice).join('; ')}</dd>
          </>
        )}
        {pack.aliases.length > 0 && (
          <>
            <dt>Also called</dt>
            <dd dir="auto">{pack.aliases.join(', ')}</dd>
          </>
        )}
      </dl>
    </section>
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
