import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import PositionsTable from './PositionsTable.svelte';
import type { Position } from '../../lib/backend';

function position(patch: Partial<Position>): Position {
  return {
    id: 'p1',
    actor_id: 'a',
    actor_name: 'France',
    subject: { kind: 'topic', id: 't' },
    subject_label: 'International law',
    session_id: 's',
    process_name: 'OEWG 2021–2025',
    session_title: '7th substantive session',
    meeting_id: null,
    meeting_date: null,
    stance: 'supports',
    summary: '',
    quote: '',
    source: '',
    on_behalf_of_id: null,
    on_behalf_of_name: null,
    note: '',
    provenance: 'recorded',
    created_at: '2024-03-04T10:00:00Z',
    updated_at: '2024-03-04T10:00:00Z',
    ...patch,
  };
}

const handlers = { stanceLabel: (s: string) => s, onedit: () => {}, onhistory: () => {} };

describe('positions table', () => {
  it('shows markup in user text as text', () => {
    const { container } = render(PositionsTable, {
      positions: [position({ quote: '<img src=x onerror=alert(1)>', summary: '<b>bold?</b>' })],
      ondelete: () => {},
      ...handlers,
    });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('blockquote')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('marks illustrative samples', () => {
    render(PositionsTable, { positions: [position({ provenance: 'illustrative' })], ondelete: () => {}, ...handlers });
    expect(screen.getByText('Illustrative sample')).toBeTruthy();
  });

  it('asks before deleting', async () => {
    const ondelete = vi.fn();
    render(PositionsTable, { positions: [position({})], ondelete, ...handlers });
    await fireEvent.click(screen.getByLabelText('Delete position of France'));
    expect(ondelete).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByText('Yes, delete'));
    expect(ondelete).toHaveBeenCalledTimes(1);
  });
});
