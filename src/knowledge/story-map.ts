/**
 * The story map of the side panel: every place of the page on one map, drawn in the background (like the
 * card's locator map) so the panel gets small SVG paths. An azimuthal equal-area projection centred on the
 * places, fitted to them with a margin, and never closer than ~300 km across so one town still shows its
 * region. Places too far from the rest (the other side of the globe) are left off and counted.
 */
import { geoAzimuthalEqualArea, geoDistance, geoPath } from 'd3-geo';
import type { Feature, MultiPoint } from 'geojson';
import { worldCountries } from './map';
import type { StoryMap, StoryMapRequest } from './types';

export type { StoryMap, StoryMapRequest } from './types';

const EARTH_KM = 6371;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The centre of the places (mean of unit vectors), as [lon, lat]. */
function centreOf(places: StoryMapRequest['places']): [number, number] {
  let x = 0;
  let y = 0;
  let z = 0;
  for (const p of places) {
    const la = (p.lat * Math.PI) / 180;
    const lo = (p.lon * Math.PI) / 180;
    x += Math.cos(la) * Math.cos(lo);
    y += Math.cos(la) * Math.sin(lo);
    z += Math.sin(la);
  }
  const lon = (Math.atan2(y, x) * 180) / Math.PI;
  const lat = (Math.atan2(z, Math.hypot(x, y)) * 180) / Math.PI;
  return [lon, lat];
}

export function renderStoryMap(req: StoryMapRequest): StoryMap {
  const { width, height } = req;
  const valid = req.places.filter(
    (p) =>
      Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180,
  );
  if (!valid.length) return { width, height, land: '', points: [], off: req.places.map((p) => p.key) };
  const centre = centreOf(valid);
  // Within 80° of the centre: an azimuthal map stays readable there.
  const near = valid.filter((p) => geoDistance(centre, [p.lon, p.lat]) < (80 * Math.PI) / 180);
  const shown = near.length ? near : valid.slice(0, 1);
  const projection = geoAzimuthalEqualArea().rotate([-centre[0], -centre[1]]).clipAngle(90).precision(0.5);
  const pad = 24;
  const multi: Feature<MultiPoint> = {
    type: 'Feature',
    properties: {},
    geometry: { type: 'MultiPoint', coordinates: shown.map((p) => [p.lon, p.lat]) },
  };
  projection.fitExtent(
    [
      [pad, pad],
      [width - pad, height - pad],
    ],
    multi,
  );
  // At least ~300 km across the shorter side.
  const maxScale = Math.min(width, height) / 2 / (150 / EARTH_KM);
  if (!Number.isFinite(projection.scale()) || projection.scale() > maxScale) {
    projection.scale(maxScale).translate([width / 2, height / 2]);
  }
  projection.clipExtent([
    [0, 0],
    [width, height],
  ]);
  const path = geoPath(projection).digits(1);
  const keep = new Set(shown.map((p) => p.key));
  return {
    width,
    height,
    land: path(worldCountries()) ?? '',
    points: shown.flatMap((p) => {
      const xy = projection([p.lon, p.lat]);
      return xy ? [{ key: p.key, x: round1(xy[0]), y: round1(xy[1]) }] : [];
    }),
    off: req.places.filter((p) => !keep.has(p.key)).map((p) => p.key),
  };
}
