// The order of the matrix's rows on screen: as the core sends them (by name), or by the
// stance held in one column, along the core's support → opposition spectrum, empty cells last.
import type { Matrix, StanceOption } from '../../lib/backend';

/** Row indexes in display order. */
export function stanceOrder(
  matrix: Matrix,
  stances: StanceOption[],
  column: number | null,
  descending: boolean,
): number[] {
  const rows = matrix.rows.map((_, i) => i);
  if (column === null) return rows;
  const spectrum = new Map(stances.map((s) => [s.stance, s.spectrum]));
  const rank = new Map<number, number>();
  for (const c of matrix.cells) {
    if (c.column === column) rank.set(c.row, spectrum.get(c.stance) ?? stances.length);
  }
  const empty = Number.MAX_SAFE_INTEGER;
  const key = (row: number) => rank.get(row) ?? empty;
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === empty || kb === empty) return ka === kb ? a - b : ka === empty ? 1 : -1;
    return (descending ? kb - ka : ka - kb) || a - b;
  });
}
