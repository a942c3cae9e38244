import { describe, expect, it } from 'vitest';
import { LastEntries } from './lastEntries.svelte';
import type { Position } from './bindings/Position';

const entry = (id: string, actor: string) =>
  ({ id, actor_name: actor, subject_label: 'International law' }) as Position;

function recorder() {
  const calls: string[] = [];
  const entries = new LastEntries({
    deletePosition: async (id) => {
      calls.push(`delete ${id}`);
      return null;
    },
    restorePosition: async (id) => {
      calls.push(`restore ${id}`);
      return entry(id, id === 'a' ? 'Brazil' : 'Kenya');
    },
  });
  return { calls, entries };
}

describe('LastEntries', () => {
  it('undoes newest first and redoes in the reverse order', async () => {
    const { calls, entries } = recorder();
    entries.add(entry('a', 'Brazil'));
    entries.add(entry('b', 'Kenya'));
    expect(await entries.undo()).toBe('Undone: Kenya on International law removed (kept in its history).');
    expect(await entries.undo()).toContain('Brazil');
    expect(await entries.undo()).toBe('Nothing to undo.');
    expect(await entries.redo()).toBe('Redone: Brazil on International law is back.');
    expect(await entries.redo()).toContain('Kenya');
    expect(await entries.redo()).toBe('Nothing to redo.');
    expect(calls).toEqual(['delete b', 'delete a', 'restore a', 'restore b']);
    expect(entries.captured.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('forgets what was undone once a new entry is saved', async () => {
    const { calls, entries } = recorder();
    entries.add(entry('a', 'Brazil'));
    await entries.undo();
    entries.add(entry('c', 'Chile'));
    expect(await entries.redo()).toBe('Nothing to redo.');
    expect(calls).toEqual(['delete a']);
  });

  it('drops an entry the backend could not delete, and keeps it from Redo', async () => {
    const entries = new LastEntries({
      deletePosition: () => Promise.reject({ code: 'not_found', message: 'gone' }),
      restorePosition: () => Promise.reject(new Error('not called')),
    });
    entries.add(entry('a', 'Brazil'));
    await expect(entries.undo()).rejects.toEqual({ code: 'not_found', message: 'gone' });
    expect(entries.captured).toEqual([]);
    expect(entries.undone).toEqual([]);
  });
});
