// A backend for component tests: every command (from the generated list) fails as "not used"
// unless the test gives its own, so adding a command never touches a test's fake.
import { commands } from './bindings/commands';
import type { Backend, Position } from './backend';

export function fakeBackend(overrides: Partial<Backend> = {}): Backend {
  const unused = (command: string) => Promise.reject(new Error(`${command}: not used in this test`));
  return {
    ...commands(unused),
    on: () => Promise.resolve(() => {}),
    ...overrides,
  };
}

/** A recorded position for component tests, with `patch` over plain values. */
export function fakePosition(patch: Partial<Position>): Position {
  return {
    id: 'p1',
    actor_id: 'a',
    actor_name: 'France',
    subject: { kind: 'topic', id: 't' },
    subject_label: 'International law',
    session_id: 's',
    process_name: 'OEWG 2021–2025',
    session_title: '7th substantive session',
    meeting_id: null,
    meeting_date: null,
    stance: 'supports',
    summary: '',
    quote: '',
    source: '',
    on_behalf_of_id: null,
    on_behalf_of_name: null,
    note: '',
    provenance: 'recorded',
    created_at: '2024-03-04T10:00:00Z',
    updated_at: '2024-03-04T10:00:00Z',
    ...patch,
  };
}
