// A view's answer from the backend, in one place: only the answer to the latest request is
// kept (see latest.ts), with the error of that request; a new answer clears the error.
// The value is raw state: an answer is replaced whole, never changed in place, so the page
// reads it directly instead of through a proxy per object (a matrix has 12 000 cells).
import { asError, type ErrorInfo } from './backend';
import { latestOnly } from './latest';

export class Answer<T> {
  value = $state.raw<T | null>(null);
  error = $state<ErrorInfo | null>(null);
  #latest = latestOnly();

  /** Asks again; an earlier request still on its way is ignored when it comes back. */
  ask(request: Promise<T>): void {
    this.#latest(
      request,
      (v) => {
        this.value = v;
        this.error = null;
      },
      (e) => {
        this.error = asError(e);
      },
    );
  }

  /** Nothing to show: forgets the value and any request still on its way. */
  clear(): void {
    this.#latest(
      Promise.resolve(null),
      () => {
        this.value = null;
      },
      () => {},
    );
  }
}
