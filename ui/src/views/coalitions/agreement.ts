// Where the agreement map's points go on the drawing: the core's coordinates (distances
// 0–1 between actors) scaled into a square, both axes by one factor so distances stay true.
import type { AgreementMap, MapPoint } from '../../lib/backend';

export type Frame = { size: number; at: (p: MapPoint) => { x: number; y: number } };

/** A square of `size` with `margin` round it, holding every placed and earlier point. */
export function frame(map: AgreementMap, size: number, margin: number): Frame {
  const points: MapPoint[] = [];
  for (const a of map.actors) {
    if (a.place) points.push(a.place);
    if (a.earlier) points.push(a.earlier);
  }
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX] = points.length ? [Math.min(...xs), Math.max(...xs)] : [0, 0];
  const [minY, maxY] = points.length ? [Math.min(...ys), Math.max(...ys)] : [0, 0];
  const span = Math.max(maxX - minX, maxY - minY, 1e-9);
  const scale = (size - 2 * margin) / span;
  // Centred on the points' middle; SVG's y grows downwards, so the map's y is turned over.
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return {
    size,
    at: (p) => ({ x: size / 2 + (p.x - cx) * scale, y: size / 2 - (p.y - cy) * scale }),
  };
}

/** The actors named on the map: all of them when few, else us and our nearest and farthest. */
export function labelled(map: AgreementMap, few: number): Set<string> {
  if (map.actors.length <= few) return new Set(map.actors.map((a) => a.actor_id));
  const ours = map.ours;
  if (!ours) return new Set();
  const near = [...ours.closest, ...ours.farthest, ...ours.moved_most].map((n) => n.actor_id);
  return new Set([ours.our_id, ...near]);
}

/** Agreement as people read it: "75 %", or "unknown" for too few shared subjects. */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? 'unknown' : `${Math.round(x * 100)} %`;
}

export type WithUs = { agreement: number | null; shared: number };

/** Each actor's agreement with `us` (null: too few shared subjects) and the subjects shared. */
export function agreementWith(map: AgreementMap, us: string): Map<string, WithUs> {
  const out = new Map<string, WithUs>();
  for (const p of map.pairs) {
    if (p.a === us) out.set(p.b, { agreement: p.agreement, shared: p.shared });
    if (p.b === us) out.set(p.a, { agreement: p.agreement, shared: p.shared });
  }
  return out;
}

export type Label = { x: number; y: number; anchor: 'start' | 'end' };

/**
 * Where each named point's label goes: beside it, on its left near the right edge, and
 * stacked one under another when points sit on top of each other (a bloc that always agrees).
 */
export function labelPlaces(points: { id: string; x: number; y: number }[], size: number): Map<string, Label> {
  const out = new Map<string, Label>();
  const stacks = new Map<string, number>();
  for (const p of points) {
    const key = `${Math.round(p.x / 8)}:${Math.round(p.y / 8)}`;
    const below = stacks.get(key) ?? 0;
    stacks.set(key, below + 1);
    const left = p.x > size - 120;
    out.set(p.id, { x: left ? p.x - 9 : p.x + 9, y: p.y + 4 + below * 13, anchor: left ? 'end' : 'start' });
  }
  return out;
}
