import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest';

describe('latestOnly', () => {
  it('delivers only the latest request, whatever order answers come in', async () => {
    const latest = latestOnly();
    const got: string[] = [];
    let slow!: (v: string) => void;
    latest(
      new Promise<string>((r) => (slow = r)),
      (v) => got.push(v),
      () => {},
    );
    latest(
      Promise.resolve('new'),
      (v) => got.push(v),
      () => {},
    );
    await Promise.resolve();
    slow('old');
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual(['new']);
  });
});
