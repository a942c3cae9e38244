import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import DateField from './DateField.svelte';
import type { DayReading } from './bindings/DayReading';

// The core's readings of what these tests type (the core's own tests check the reading).
const READINGS: Record<string, DayReading> = {
  '': { iso: null, written: '', problem: null },
  '2 dec 2024': { iso: '2024-12-02', written: '2 December 2024', problem: null },
  '2024-12-02': { iso: '2024-12-02', written: '2 December 2024', problem: null },
  '12/01/2026': {
    iso: null,
    written: '12/01/2026',
    problem: '“12/01/2026” reads two ways, 12 January 2026 or 1 December 2026: write the month in words',
  },
};
const backend = { readDay: vi.fn((text: string) => Promise.resolve(READINGS[text.trim()])) };

describe('date field', () => {
  it('shows a stored day as the UN writes it', async () => {
    render(DateField, { id: 'd', backend, value: '2024-12-02' });
    const field = document.getElementById('d') as HTMLInputElement;
    await vi.waitFor(() => expect(field.value).toBe('2 December 2024'));
  });

  it('reads what is typed, and refuses digits that read two ways', async () => {
    render(DateField, { id: 'd', backend });
    const field = document.getElementById('d') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: '2 dec 2024' } });
    await fireEvent.change(field);
    await vi.waitFor(() => expect(field.value).toBe('2 December 2024'));

    await fireEvent.input(field, { target: { value: '12/01/2026' } });
    await fireEvent.change(field);
    const problem = await screen.findByRole('alert');
    expect(problem.textContent).toContain('12 January 2026 or 1 December 2026');
    expect(field.value).toBe('12/01/2026');
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });
});
