import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import TimelineView from './TimelineView.svelte';
import { fakeBackend, fakePosition } from '../../lib/fakeBackend';
import { Workspace, workspaceContext } from '../../lib/workspace.svelte';
import type { Timeline } from '../../lib/backend';

/** France's page with one subject it spoke on in `sessions` sessions, oldest first. */
function timeline(sessions: number): Timeline {
  return {
    actor: { id: 'a', kind: 'state', name: 'France', short_name: null, iso3: 'FRA', m49: '250', note: null },
    groups: [],
    rows: [
      {
        subject: { kind: 'topic', id: 't' },
        label: 'International law',
        entries: Array.from({ length: sessions }, (_, i) => ({
          position: fakePosition({ id: `p${i + 1}`, session_title: `Session ${i + 1}` }),
          changed_from: null,
        })),
      },
    ],
  };
}

function show(sessions: number) {
  const ws = new Workspace(fakeBackend({ actorTimeline: () => Promise.resolve(timeline(sessions)) }));
  return render(TimelineView, { props: { actorId: 'a' }, context: workspaceContext(ws) });
}

const shown = (container: HTMLElement) =>
  [...container.querySelectorAll('.entry')].map((e) => e.getAttribute('data-position-id'));

describe("a State's page", () => {
  it('shows the three latest statements on a subject, the earlier ones on request', async () => {
    const { container } = show(5);
    const more = await screen.findByText('Show the 2 earlier entries');
    expect(shown(container)).toEqual(['p3', 'p4', 'p5']);
    await fireEvent.click(more);
    expect(shown(container)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(screen.queryByText(/earlier entr/)).toBeNull();
  });

  it('offers nothing more when every statement shows', async () => {
    const { container } = show(3);
    await screen.findByText('International law');
    expect(shown(container)).toEqual(['p1', 'p2', 'p3']);
    expect(screen.queryByText(/earlier entr/)).toBeNull();
  });
});
