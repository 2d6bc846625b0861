/**
 * Locator maps rendered in the background to small SVG path strings (d3-geo), so the content script
 * ships no map data: an azimuthal equal-area projection centred on the place, clipped to the card's box.
 */
import { geoArea, geoAzimuthalEqualArea, geoCentroid, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import atlasJson from './data/atlas.json?raw';
import { allCountries } from './places';
import type { LocatorMap, PlaceFacts } from './types';

export const MAP_WIDTH = 300;
export const MAP_HEIGHT = 120;
const EARTH_KM = 6371;

let world: { all: FeatureCollection<Geometry>; byCode: Map<string, Feature<Geometry>> } | null = null;

function atlas() {
  if (!world) {
    const topology = JSON.parse(atlasJson) as Topology;
    const all = feature(topology, topology.objects.countries) as FeatureCollection<Geometry>;
    const codeOf = new Map(
      allCountries()
        .filter((c) => c.numeric)
        .map((c) => [c.numeric!, c.code]),
    );
    const byCode = new Map<string, Feature<Geometry>>();
    for (const f of all.features) {
      const code = f.id !== undefined ? codeOf.get(String(f.id)) : undefined;
      if (code) byCode.set(code, f);
    }
    world = { all, byCode };
  }
  return world;
}

/** Every country's outline (the story map draws them all). */
export function worldCountries(): FeatureCollection<Geometry> {
  return atlas().all;
}

/** The largest polygon of a country: fitting the map to France should not include French Guiana. */
function mainland(f: Feature<Geometry>): Feature<Polygon> | Feature<Geometry> {
  if (f.geometry.type !== 'MultiPolygon') return f;
  const polys = (f.geometry as MultiPolygon).coordinates.map(
    (coordinates) =>
      ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } }) as Feature<Polygon>,
  );
  return polys.reduce((a, b) => (geoArea(b) > geoArea(a) ? b : a));
}

function projectionFor(place: PlaceFacts, focus: Feature<Geometry> | undefined): GeoProjection {
  const p = geoAzimuthalEqualArea().clipAngle(90).precision(0.5);
  if (place.kind === 'country' && focus) {
    const main = mainland(focus);
    const [lon, lat] = geoCentroid(main);
    p.rotate([-lon, -lat]).fitExtent(
      [
        [12, 12],
        [MAP_WIDTH - 12, MAP_HEIGHT - 12],
      ],
      main,
    );
    // Small countries: show at least ~700 km across, so their neighbours give the reader bearings.
    const maxScale = MAP_WIDTH / 2 / (350 / EARTH_KM);
    if (p.scale() > maxScale) p.scale(maxScale).translate([MAP_WIDTH / 2, MAP_HEIGHT / 2]);
    return p.clipExtent([
      [0, 0],
      [MAP_WIDTH, MAP_HEIGHT],
    ]);
  }
  // A town: half the height covers the farthest related place shown, within 120–700 km.
  const far = Math.max(0, ...place.relations.map((r) => r.km));
  const radius = Math.min(700, Math.max(120, far * 1.25));
  return p
    .rotate([-place.lon, -place.lat])
    .scale((MAP_HEIGHT / 2 - 8) / (radius / EARTH_KM))
    .translate([MAP_WIDTH / 2, MAP_HEIGHT / 2])
    .clipExtent([
      [0, 0],
      [MAP_WIDTH, MAP_HEIGHT],
    ]);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The locator map of a place: outlines around it, its country filled, a marker, and the related places as dots. */
export function renderLocator(place: PlaceFacts): LocatorMap {
  const { all, byCode } = atlas();
  const focus = place.country ? byCode.get(place.country.code) : undefined;
  const projection = projectionFor(place, focus);
  const path = geoPath(projection).digits(1);
  const others = {
    type: 'FeatureCollection',
    features: all.features.filter((f) => f !== focus),
  } as FeatureCollection<Geometry>;
  const xy = (lon: number, lat: number): [number, number] | null => {
    const p = projection([lon, lat]);
    return p && p[0] >= 0 && p[0] <= MAP_WIDTH && p[1] >= 0 && p[1] <= MAP_HEIGHT
      ? [round1(p[0]), round1(p[1])]
      : null;
  };
  const where = place.relations[0]
    ? `, ${place.relations[0].phrase}`
    : place.country && place.kind !== 'country'
      ? `, ${place.country.name}`
      : '';
  return {
    width: MAP_WIDTH,
    height: MAP_HEIGHT,
    land: path(others) ?? '',
    focus: focus ? (path(focus) ?? undefined) : undefined,
    marker: place.kind === 'country' ? undefined : (xy(place.lon, place.lat) ?? undefined),
    dots: place.relations.flatMap((r) => {
      const p = xy(r.lon, r.lat);
      return p ? [{ x: p[0], y: p[1], name: r.name }] : [];
    }),
    label: `Map of ${place.name}${where}`,
  };
}
