// Words and figures the Coalitions page reads off the core's agreement map (the map's layout
// itself comes from the core: `coalitions::drawing`).
import type { AgreementMap } from '../../lib/backend';

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
