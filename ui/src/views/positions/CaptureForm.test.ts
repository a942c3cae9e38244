import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import CaptureForm from './CaptureForm.svelte';
import { buildLookups } from '../../lib/lookups';
import type { Backend, Position, PositionInput } from '../../lib/backend';
import { fakeBackend } from '../../lib/fakeBackend';

const FRANCE = '0190f0f0-0000-7000-8000-000000000001';
const IHL = '0190f0f0-0000-7000-8000-000000000002';
const S7 = '0190f0f0-0000-7000-8000-000000000003';

const lookups = buildLookups(
  [{ id: FRANCE, kind: 'state', name: 'France', short_name: null, iso3: 'FRA', m49: '250', note: null }],
  [
    {
      id: IHL,
      parent_id: null,
      name: 'International humanitarian law',
      path: 'International law/International humanitarian law',
      ordinal: 1,
    },
  ],
  [],
  [
    {
      id: S7,
      process_id: 'p',
      process_short_name: 'OEWG 2021–2025',
      label: 'OEWG 2021–2025 · 7th substantive session',
      seq: 7,
      number: 7,
      title: '7th substantive session',
      start_date: '2024-03-04',
      end_date: '2024-03-08',
      place: null,
      note: null,
      archived: false,
    },
  ],
  [
    { stance: 'supports', label: 'Supports', spectrum: 0 },
    { stance: 'opposes', label: 'Opposes', spectrum: 10 },
  ],
);

function backendAdding(add: (input: PositionInput) => Promise<Position>): Backend {
  return fakeBackend({ addPosition: add });
}

async function pick(id: string, text: string) {
  const input = document.getElementById(id) as HTMLInputElement;
  await fireEvent.input(input, { target: { value: text } });
  await fireEvent.keyDown(input, { key: 'Enter' });
}

describe('capture form', () => {
  it('saves what was picked by typing, then clears for the next speaker', async () => {
    const add = vi.fn((input: PositionInput) =>
      Promise.resolve({ id: 'x', actor_name: 'France', ...input } as unknown as Position),
    );
    const onsaved = vi.fn();
    render(CaptureForm, { backend: backendAdding(add), lookups, onsaved, oncancel: () => {} });

    await pick('capture-actor', 'fra');
    await pick('capture-subject', 'humanitarian');
    await pick('capture-session', '7th');
    await pick('capture-stance', 'sup');
    await fireEvent.input(screen.getByLabelText('Verbatim quote'), { target: { value: '<b>not bold</b>' } });
    await fireEvent.keyDown(document.getElementById('capture-source') as HTMLElement, { key: 'Enter' });

    expect(add).toHaveBeenCalledTimes(1);
    const input = add.mock.calls[0][0];
    expect(input.actor_id).toBe(FRANCE);
    expect(input.subject).toEqual({ kind: 'topic', id: IHL });
    expect(input.session_id).toBe(S7);
    expect(input.stance).toBe('supports');
    expect(input.quote).toBe('<b>not bold</b>');
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect((document.getElementById('capture-actor') as HTMLInputElement).value).toBe('');
    expect((document.getElementById('capture-session') as HTMLInputElement).value).toBe(
      'OEWG 2021–2025 · 7th substantive session',
    );
  });

  it('says what is missing instead of saving', async () => {
    const add = vi.fn();
    render(CaptureForm, { backend: backendAdding(add), lookups, onsaved: () => {}, oncancel: () => {} });
    await pick('capture-actor', 'France');
    await fireEvent.keyDown(document.getElementById('capture-actor') as HTMLElement, { key: 'Enter' });
    expect(add).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('topic or proposal');
  });

  it('shows backend errors as text', async () => {
    const add = vi.fn(() => Promise.reject({ code: 'invalid_input', message: 'quote: is 100001 characters long' }));
    render(CaptureForm, { backend: backendAdding(add), lookups, onsaved: () => {}, oncancel: () => {} });
    await pick('capture-actor', 'fra');
    await pick('capture-subject', 'humanitarian');
    await pick('capture-session', '7');
    await pick('capture-stance', 'opp');
    await fireEvent.keyDown(document.getElementById('capture-actor') as HTMLElement, { key: 'Enter' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('100001 characters');
    expect(alert.getAttribute('data-code')).toBe('invalid_input');
  });
});

describe('capture form and its day', () => {
  it('refuses to save on a day it cannot read, saying why, and writes nothing', async () => {
    const add = vi.fn();
    const backend = fakeBackend({
      addPosition: add,
      readDay: (text: string) =>
        Promise.resolve({
          iso: null,
          written: text,
          problem: `“${text}” reads two ways, 12 January 2026 or 1 December 2026: write the month in words`,
        }),
    });
    render(CaptureForm, { backend, lookups, onsaved: () => {}, oncancel: () => {} });
    await pick('capture-actor', 'fra');
    await pick('capture-subject', 'humanitarian');
    await pick('capture-session', '7th');
    await pick('capture-stance', 'sup');
    const dayField = document.getElementById('capture-day') as HTMLInputElement;
    await fireEvent.input(dayField, { target: { value: '12/01/2026' } });
    await fireEvent.keyDown(dayField, { key: 'Enter' });
    await screen.findByText('The day of the meeting names no day: see under it.');
    expect(screen.getByText(/reads two ways/).textContent).toContain('1 December 2026');
    expect(add).not.toHaveBeenCalled();
  });
});
