import type { LocatorMap, PlaceFacts } from '../../knowledge/public';
import { placeLabels } from '../../shared/labels';
import { formatCount } from '../../ui/card-format';
import type { CardProps, LayerView } from '../view-contract';

const LABEL_PX = 11;

function MapSvg({ map }: { map: LocatorMap }) {
  // Labels never overlap each other, a dot or the marker (al-Bab and Idlib are a few px apart); the marker
  // goes first as a label-less obstacle, and a label with no room is left off (the map's label names all).
  const obstacles = map.marker ? [{ x: map.marker[0], y: map.marker[1], text: '', r: 5 }] : [];
  const labels = placeLabels(
    [...obstacles, ...map.dots.map((d) => ({ x: d.x, y: d.y, text: d.name, r: 2.5 }))],
    map,
    LABEL_PX,
  )
    .filter((l) => l.index >= obstacles.length)
    .map((l) => ({ ...l, index: l.index - obstacles.length }));
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
        <circle key={d.name} class="dot" cx={d.x} cy={d.y} r={2.5} />
      ))}
      {labels.map((l) => (
        <text key={map.dots[l.index].name} class="dot-label" x={l.x} y={l.y} text-anchor={l.anchor}>
          {map.dots[l.index].name}
        </text>
      ))}
      {map.marker && <circle class="marker" cx={map.marker[0]} cy={map.marker[1]} r={5} />}
    </svg>
  );
}

function population(p: PlaceFacts['population']): string | undefined {
  if (!p) return undefined;
  const n =
    p.value >= 1e6 ? `${(p.value / 1e6).toFixed(p.value >= 1e8 ? 0 : 1)} million` : formatCount(p.value);
  return `${n} (${p.year ? `${p.year}, ` : ''}${p.source})`;
}

/** The other places of the same name: open when unsure, folded away (one key press) when not. */
function Alternatives({ place, onPickPlace }: { place: PlaceFacts; onPickPlace?: CardProps['onPickPlace'] }) {
  const list = place.alternatives;
  if (!list?.length || !onPickPlace) return null;
  const items = (
    <ul class="alternatives" aria-labelledby="bs-places-alt">
      {list.map((a) => (
        <li key={a.id}>
          <button type="button" class="link" onClick={() => onPickPlace(a.id)}>
            {a.label}
          </button>
        </li>
      ))}
    </ul>
  );
  if (place.unsure)
    return (
      <div class="candidates">
        <p class="small muted" id="bs-places-alt">
          Other places called {place.name}:
        </p>
        {items}
      </div>
    );
  return (
    <details class="candidates">
      <summary class="small muted" id="bs-places-alt">
        Other places called {place.name}
      </summary>
      {items}
    </details>
  );
}

function Places({ place, onPickPlace }: { place: PlaceFacts; onPickPlace?: CardProps['onPickPlace'] }) {
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
      {place.unsure && (
        <p class="unsure" role="note">
          Not sure which {place.name} the page means; the map shows the likeliest.
        </p>
      )}
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
      <Alternatives place={place} onPickPlace={onPickPlace} />
    </section>
  );
}

export const view: LayerView = {
  id: 'places',
  needsBackground: true,
  render: (props, k) => (k.place ? <Places place={k.place} onPickPlace={props.onPickPlace} /> : null),
};
