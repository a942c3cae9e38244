// A backend for component tests: every command (from the generated list) fails as "not used"
// unless the test gives its own, so adding a command never touches a test's fake.
import { commands } from './bindings/commands';
import type { Backend } from './backend';

export function fakeBackend(overrides: Partial<Backend> = {}): Backend {
  const unused = (command: string) => Promise.reject(new Error(`${command}: not used in this test`));
  return {
    ...commands(unused),
    on: () => Promise.resolve(() => {}),
    ...overrides,
  };
}
