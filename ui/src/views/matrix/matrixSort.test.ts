import { describe, expect, it } from 'vitest';
import { stanceOrder } from './matrixSort';
import type { Matrix, StanceOption } from '../../lib/backend';

const stances: StanceOption[] = [
  { stance: 'supports', label: 'Supports', spectrum: 0 },
  { stance: 'opposes', label: 'Opposes', spectrum: 10 },
  { stance: 'conditional', label: 'Conditional', spectrum: 3 },
];

const matrix: Matrix = {
  rows: ['Brazil', 'China', 'France', 'Kenya'].map((n, i) => ({ actor_id: String(i), actor_name: n })),
  columns: [{ subject: { kind: 'proposal', id: 'p' }, label: 'PoA', counts: [] }],
  cells: [
    { row: 0, column: 0, stance: 'conditional', session_seq: 7, positions: 1 },
    { row: 1, column: 0, stance: 'opposes', session_seq: 7, positions: 1 },
    { row: 2, column: 0, stance: 'supports', session_seq: 7, positions: 1 },
  ],
};

describe('stanceOrder', () => {
  it('keeps the core order without a sort column', () => {
    expect(stanceOrder(matrix, stances, null, false)).toEqual([0, 1, 2, 3]);
  });
  it('sorts support to opposition, empty cells last either way', () => {
    expect(stanceOrder(matrix, stances, 0, false)).toEqual([2, 0, 1, 3]);
    expect(stanceOrder(matrix, stances, 0, true)).toEqual([1, 0, 2, 3]);
  });
});
