import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import TimelineView from './TimelineView.svelte';
import { fakeBackend, fakePosition } from '../../lib/fakeBackend';
import { Workspace, workspaceContext } from '../../lib/workspace.svelte';
import type { Timeline, TimelineRow } from '../../lib/backend';

/** France's statements on one subject in `sessions` sessions, oldest first, the `latest`
 *  newest of them sent (all when null), as the core folds them. */
function row(sessions: number, latest: number | null): TimelineRow {
  const entries = Array.from({ length: sessions }, (_, i) => ({
    position: fakePosition({ id: `p${i + 1}`, session_title: `Session ${i + 1}` }),
    changed_from: null,
  }));
  const earlier = latest === null ? 0 : Math.max(0, sessions - latest);
  return { subject: { kind: 'topic', id: 't' }, label: 'International law', earlier, entries: entries.slice(earlier) };
}

function show(sessions: number) {
  const asked: (number | null)[] = [];
  const timeline = (latest: number | null): Timeline => ({
    actor: { id: 'a', kind: 'state', name: 'France', short_name: null, iso3: 'FRA', m49: '250', note: null },
    groups: [],
    rows: [row(sessions, latest)],
  });
  const ws = new Workspace(
    fakeBackend({
      actorTimeline: (_id, latest) => {
        asked.push(latest);
        return Promise.resolve(timeline(latest));
      },
      actorTimelineSubject: () => Promise.resolve(row(sessions, null)),
    }),
  );
  const view = render(TimelineView, { props: { actorId: 'a' }, context: workspaceContext(ws) });
  return { ...view, asked };
}

const shown = (container: HTMLElement) =>
  [...container.querySelectorAll('.entry')].map((e) => e.getAttribute('data-position-id'));

describe("a State's page", () => {
  it('asks for the three latest statements on each subject, the earlier ones on request', async () => {
    const { container, asked } = show(5);
    const more = await screen.findByText('Show the 2 earlier entries');
    expect(asked).toEqual([3]);
    expect(shown(container)).toEqual(['p3', 'p4', 'p5']);
    await fireEvent.click(more);
    await waitFor(() => expect(shown(container)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']));
    expect(screen.queryByText(/earlier entr/)).toBeNull();
  });

  it('offers nothing more when every statement shows', async () => {
    const { container } = show(3);
    await screen.findByText('International law');
    expect(shown(container)).toEqual(['p1', 'p2', 'p3']);
    expect(screen.queryByText(/earlier entr/)).toBeNull();
  });
});
