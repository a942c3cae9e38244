import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import SubjectView from './SubjectView.svelte';
import { fakeBackend } from '../../lib/fakeBackend';
import { Workspace, workspaceContext } from '../../lib/workspace.svelte';
import type { SubjectOverview } from '../../lib/backend';

function overview(sessions: number): SubjectOverview {
  return {
    subject: { kind: 'topic', id: 't' },
    label: 'International law',
    sessions: Array.from({ length: sessions }, (_, i) => ({
      session_id: `s${sessions - i}`,
      seq: sessions - i,
      title: `Session ${sessions - i}`,
      counts: [],
      movements: [],
      blocs: [],
    })),
  };
}

function show(sessions: number) {
  const ws = new Workspace(fakeBackend({ subjectOverview: () => Promise.resolve(overview(sessions)) }));
  return render(SubjectView, {
    props: { subject: { kind: 'topic', id: 't' }, processId: 'p', onactor: () => {} },
    context: workspaceContext(ws),
  });
}

describe('topic page', () => {
  it('shows the three newest sessions, the earlier ones on request', async () => {
    const { container } = show(5);
    const more = await screen.findByText('Show the 2 earlier sessions');
    const seqs = () => [...container.querySelectorAll('.subject-session')].map((a) => a.getAttribute('data-seq'));
    expect(seqs()).toEqual(['5', '4', '3']);
    await fireEvent.click(more);
    expect(seqs()).toEqual(['5', '4', '3', '2', '1']);
    expect(screen.queryByText(/earlier session/)).toBeNull();
  });

  it('offers nothing more when every session shows', async () => {
    const { container } = show(3);
    await screen.findByText('Session 1');
    expect(container.querySelectorAll('.subject-session').length).toBe(3);
    expect(screen.queryByText(/earlier session/)).toBeNull();
  });
});
