// One catalog edit at a time: runs it, then reads the catalog again so every picker and view
// follows, and keeps what to tell the user (the core's refusal, naming the field, or what
// was done).
import { asError, type ErrorInfo } from '../../lib/backend';
import type { Workspace } from '../../lib/workspace.svelte';

export class Edits {
  error = $state<ErrorInfo | null>(null);
  done = $state('');
  busy = $state(false);
  readonly #ws: Workspace;

  constructor(ws: Workspace) {
    this.#ws = ws;
  }

  /** Runs `work`; on success reloads the catalog and says `said(result)`. */
  async run<T>(work: () => Promise<T>, said: (value: T) => string): Promise<T | undefined> {
    this.busy = true;
    this.error = null;
    this.done = '';
    try {
      const value = await work();
      await this.#ws.load();
      this.done = said(value);
      return value;
    } catch (e) {
      this.error = asError(e);
      return undefined;
    } finally {
      this.busy = false;
    }
  }
}

/** A date field's value ('' when empty) as the core takes it. */
export function day(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

/** An optional text field: empty is none. */
export function optional(text: string): string | null {
  return text.trim() === '' ? null : text;
}
