import { describe, expect, it } from 'vitest';
import { agreementWith, frame, labelPlaces, labelled, percent } from './mapFrame';
import type { AgreementMap, MapActor } from '../../lib/backend';

const actor = (id: string, x: number, y: number, earlier?: [number, number]): MapActor => ({
  actor_id: id,
  name: id,
  kind: 'state',
  groups: [],
  subjects: 3,
  place: { x, y },
  earlier: earlier ? { x: earlier[0], y: earlier[1] } : null,
});

const map = (actors: MapActor[]): AgreementMap => ({
  process_id: 'p',
  sessions: { from: 1, to: 2 },
  since: null,
  subjects: 3,
  min_shared: 3,
  actors,
  pairs: [],
  explained: 1,
  ours: null,
});

describe('frame', () => {
  it('fits every point, earlier ones too, in the square with one scale for both axes', () => {
    const f = frame(map([actor('a', -1, 0), actor('b', 1, 0, [0, 2])]), 120, 10);
    expect(f.at({ x: -1, y: 0 })).toEqual({ x: 10, y: 110 });
    expect(f.at({ x: 1, y: 0 })).toEqual({ x: 110, y: 110 });
    // Up on the map is up on the screen.
    expect(f.at({ x: 0, y: 2 })).toEqual({ x: 60, y: 10 });
  });
  it('puts a lone point in the middle', () => {
    expect(frame(map([actor('a', 0.3, 0.3)]), 100, 10).at({ x: 0.3, y: 0.3 })).toEqual({ x: 50, y: 50 });
  });
});

describe('labelled and percent', () => {
  it('names everyone on a small map and nobody on a large one without us', () => {
    const small = map([actor('a', 0, 0), actor('b', 1, 1)]);
    expect([...labelled(small, 40)]).toEqual(['a', 'b']);
    expect(labelled(small, 1).size).toBe(0);
  });
  it('says unknown rather than a number for a pair that shares too little', () => {
    expect(percent(0.754)).toBe('75 %');
    expect(percent(null)).toBe('unknown');
  });
});

describe('agreementWith', () => {
  it('reads our pairs whichever side we are on', () => {
    const m = map([actor('a', 0, 0), actor('b', 1, 1), actor('c', 2, 2)]);
    m.pairs = [
      { a: 'a', b: 'b', agreement: 0.5, shared: 3, earlier: null },
      { a: 'b', b: 'c', agreement: null, shared: 1, earlier: null },
    ];
    expect([...agreementWith(m, 'b')]).toEqual([
      ['a', { agreement: 0.5, shared: 3 }],
      ['c', { agreement: null, shared: 1 }],
    ]);
  });
});

describe('labelPlaces', () => {
  it('stacks the labels of points on one spot and turns them left at the right edge', () => {
    const at = labelPlaces(
      [
        { id: 'a', x: 50, y: 50 },
        { id: 'b', x: 51, y: 50 },
        { id: 'c', x: 190, y: 50 },
      ],
      200,
    );
    expect(at.get('a')).toEqual({ x: 59, y: 54, anchor: 'start' });
    expect(at.get('b')).toEqual({ x: 60, y: 67, anchor: 'start' });
    expect(at.get('c')).toEqual({ x: 181, y: 54, anchor: 'end' });
  });
});
