import { describe, expect, it } from 'vitest';
import { agreementWith, percent } from './agreement';
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

describe('percent', () => {
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
