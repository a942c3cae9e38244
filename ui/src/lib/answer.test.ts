import { describe, expect, it } from 'vitest';
import { Answer } from './answer.svelte';

describe('Answer', () => {
  it('keeps the latest answer and its error only', async () => {
    const a = new Answer<string>();
    let slow!: (v: string) => void;
    a.ask(new Promise((r) => (slow = r)));
    a.ask(Promise.resolve('second'));
    await Promise.resolve();
    await Promise.resolve();
    slow('first, late');
    await new Promise((r) => setTimeout(r, 0));
    expect(a.value).toBe('second');
    a.ask(Promise.reject({ code: 'not_found', message: 'gone' }));
    await new Promise((r) => setTimeout(r, 0));
    expect(a.error?.code).toBe('not_found');
    expect(a.value).toBe('second');
    a.clear();
    await new Promise((r) => setTimeout(r, 0));
    expect(a.value).toBeNull();
  });
});
