/** Great-circle distance and direction, phrased the way a reporter would: "about 40 km north-east of Aleppo". */

import { distanceKm, type Point } from '../detect/places';

// One home for the great-circle distance: the detector ranks same-named places by it too.
export { distanceKm, type Point };

const rad = (d: number) => (d * Math.PI) / 180;

/** Initial bearing from a to b, degrees clockwise from north (0–360). */
export function bearing(a: Point, b: Point): number {
  const y = Math.sin(rad(b.lon - a.lon)) * Math.cos(rad(b.lat));
  const x =
    Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) -
    Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lon - a.lon));
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

const COMPASS = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'];

export function compass(degrees: number): string {
  return COMPASS[Math.round(degrees / 45) % 8];
}

/** Rounded as people say distances: 7 km, 15 km, 40 km, 350 km, 1,850 km. */
export function roundKm(km: number): number {
  if (km < 10) return Math.max(1, Math.round(km));
  if (km < 30) return Math.round(km / 5) * 5;
  if (km < 1000) return Math.round(km / 10) * 10;
  return Math.round(km / 50) * 50;
}

/** Where `place` lies as seen from `from`: "about 40 km north-east of Aleppo". */
export function relationPhrase(
  place: Point,
  from: Point & { name: string },
): { km: number; direction: string; phrase: string } {
  const km = distanceKm(from, place);
  const direction = compass(bearing(from, place));
  if (km < 3) return { km, direction, phrase: `next to ${from.name}` };
  return {
    km,
    direction,
    phrase: `about ${roundKm(km).toLocaleString('en')} km ${direction} of ${from.name}`,
  };
}
