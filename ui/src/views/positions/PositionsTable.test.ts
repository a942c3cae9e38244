import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import PositionsTable from './PositionsTable.svelte';
import { fakePosition } from '../../lib/fakeBackend';

const position = fakePosition;

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
