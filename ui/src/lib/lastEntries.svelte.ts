// Undo and Redo Last Entry: the positions captured in this window, newest last, and those
// undone, most recent last. Undo deletes the last captured one (its history keeps it); Redo
// puts the last undone one back with its id and values. A new entry empties Redo's list.
import type { Commands } from './bindings/commands';
import type { Position } from './bindings/Position';

type Calls = Pick<Commands, 'deletePosition' | 'restorePosition'>;

export class LastEntries {
  captured = $state<Position[]>([]);
  undone = $state<Position[]>([]);
  #backend: Calls;

  constructor(backend: Calls) {
    this.#backend = backend;
  }

  /** A new entry was saved: it can be undone, and nothing undone before can be redone. */
  add(p: Position): void {
    this.captured = [...this.captured, p];
    this.undone = [];
  }

  /** Deletes the last entry; says what was undone. Throws the backend's error after dropping
   * the entry, which is then no longer this window's to undo. */
  async undo(): Promise<string> {
    const last = this.captured.at(-1);
    if (!last) return 'Nothing to undo.';
    this.captured = this.captured.slice(0, -1);
    await this.#backend.deletePosition(last.id);
    this.undone = [...this.undone, last];
    return `Undone: ${last.actor_name} on ${last.subject_label} removed (kept in its history).`;
  }

  /** Puts the last undone entry back; says what was redone. */
  async redo(): Promise<string> {
    const last = this.undone.at(-1);
    if (!last) return 'Nothing to redo.';
    this.undone = this.undone.slice(0, -1);
    const back = await this.#backend.restorePosition(last.id);
    this.captured = [...this.captured, back];
    return `Redone: ${back.actor_name} on ${back.subject_label} is back.`;
  }
}
