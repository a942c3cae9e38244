import { describe, expect, it } from 'vitest';
import type { Session } from './backend';
import { buildLookups } from './lookups';

const session = (id: string, archived: boolean): Session => ({
  id,
  process_id: archived ? 'old' : 'now',
  process_short_name: archived ? 'Old talks' : 'INC',
  label: `${archived ? 'Old talks' : 'INC'} · ${id}`,
  seq: 1,
  number: 1,
  title: id,
  start_date: null,
  end_date: null,
  place: null,
  note: null,
  archived,
});

describe('pickers', () => {
  it('leave out the sessions of an archived process', () => {
    const l = buildLookups([], [], [], [session('INC-5', false), session('Old 1', true)], []);
    expect(l.sessions.map((s) => s.label)).toEqual(['INC · INC-5']);
  });
});
