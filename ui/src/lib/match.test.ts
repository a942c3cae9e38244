import { describe, expect, it } from 'vitest';
import { fold, rank } from './match';
import cases from '../../../testdata/fold-cases.json';

const states = [
  { id: 'civ', label: "Côte d'Ivoire", keys: ['CIV'] },
  { id: 'fra', label: 'France', keys: ['FRA'] },
  { id: 'gbr', label: 'United Kingdom of Great Britain and Northern Ireland', keys: ['GBR', 'United Kingdom'] },
  { id: 'usa', label: 'United States of America', keys: ['USA', 'United States'] },
];

describe('folding', () => {
  it('folds as the core does, on the shared cases', () => {
    expect(cases.length).toBeGreaterThan(10);
    for (const [text, want] of cases) expect(fold(text)).toBe(want);
  });
});

describe('matching names', () => {
  it('ignores accents and case', () => {
    expect(fold('Côte d’Ivoire')).toBe("cote d'ivoire");
    expect(rank(states, 'cote')[0].id).toBe('civ');
  });
  it('finds by code and puts exact matches first', () => {
    expect(rank(states, 'fra')[0].id).toBe('fra');
    expect(rank(states, 'usa')[0].id).toBe('usa');
  });
  it('matches word starts', () => {
    expect(rank(states, 'kingdom').map((o) => o.id)).toEqual(['gbr']);
  });
  it('returns nothing for no match', () => {
    expect(rank(states, 'atlantis')).toEqual([]);
  });
});
