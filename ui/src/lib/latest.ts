// Views that re-query as settings change: answers can arrive out of order at scale (a
// matrix over all sessions of a million positions takes a second), so only the answer to
// the latest request is delivered.

export type Latest = <T>(request: Promise<T>, done: (value: T) => void, failed: (e: unknown) => void) => void;

export function latestOnly(): Latest {
  let asked = 0;
  return (request, done, failed) => {
    const mine = ++asked;
    request.then(
      (v) => {
        if (mine === asked) done(v);
      },
      (e) => {
        if (mine === asked) failed(e);
      },
    );
  };
}
