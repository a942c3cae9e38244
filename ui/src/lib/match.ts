// Matching what people type against names: case and accents do not matter ("cote" finds
// "Côte d'Ivoire"), and names that start with the words typed come first.
import { FOLDS } from './bindings/core';

export interface Option {
  id: string;
  label: string;
  /** Other words that find this option (short name, ISO3 code...). */
  keys?: string[];
  /** Shown after the label, dimmed. */
  hint?: string;
}

const TABLE = new Map<string, string>();
for (const [from, to] of FOLDS) for (const c of from) TABLE.set(c, to);

/** Folds text as the core does (`concord_core::text::fold`, same table): lowercase, then the
 * table, runs of white space made one space, none at the ends. */
export function fold(text: string): string {
  let out = '';
  let lastSpace = true;
  for (const ch of text) {
    for (const c of ch.toLowerCase()) {
      if (/\p{White_Space}/u.test(c)) {
        if (!lastSpace) out += ' ';
        lastSpace = true;
        continue;
      }
      out += TABLE.get(c) ?? c;
      lastSpace = false;
    }
  }
  return out.endsWith(' ') ? out.slice(0, -1) : out;
}

/** The options that match `query`, best first, at most `limit`. */
export function rank(options: Option[], query: string, limit = 8): Option[] {
  const q = fold(query);
  if (!q) return options.slice(0, limit);
  const scored: { option: Option; score: number }[] = [];
  for (const option of options) {
    let best = Infinity;
    for (const key of [option.label, ...(option.keys ?? [])]) {
      const k = fold(key);
      if (k === q) best = Math.min(best, 0);
      else if (k.startsWith(q)) best = Math.min(best, 1);
      else if (k.split(/[\s/(-]+/).some((w) => w.startsWith(q))) best = Math.min(best, 2);
      else if (k.includes(q)) best = Math.min(best, 3);
    }
    if (best < Infinity) scored.push({ option, score: best });
  }
  scored.sort((a, b) => a.score - b.score || a.option.label.localeCompare(b.option.label));
  return scored.slice(0, limit).map((s) => s.option);
}
