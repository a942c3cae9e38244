import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import TeamView from './TeamView.svelte';
import { fakeBackend } from '../../lib/fakeBackend';
import { Workspace, workspaceContext } from '../../lib/workspace.svelte';
import type { TeamStatus } from '../../lib/bindings/TeamStatus';

function show(status: Partial<TeamStatus>) {
  const team: TeamStatus = {
    store: null,
    key_here: true,
    replica: null,
    last_sync: null,
    sent: 0,
    received: 0,
    open_conflicts: 0,
    clashes: 0,
    name: null,
    ...status,
  };
  const ws = new Workspace(
    fakeBackend({
      teamStatus: () => Promise.resolve(team),
      conflicts: () => Promise.resolve([]),
      clashes: () => Promise.resolve([]),
      storeAsksForLogin: () => Promise.resolve(false),
    }),
  );
  return render(TeamView, { props: { onmerged: () => {} }, context: workspaceContext(ws) });
}

describe('the Team page', () => {
  it('asks for the key again, at the known store, when the file came from another computer', async () => {
    show({ store: '/mnt/share/delegation', key_here: false });
    await screen.findByText(/its team key cannot be read here/);
    const store = document.querySelector<HTMLInputElement>('#team-store');
    expect(store?.value).toBe('/mnt/share/delegation');
    expect(document.querySelector('#team-join')).not.toBeNull();
    expect(document.querySelector('#team-create')).toBeNull();
    expect(document.querySelector('#sync-now')).toBeNull();
  });

  it('shows the sync when the key can be read here', async () => {
    show({ store: '/mnt/share/delegation' });
    await screen.findByText(/Syncs through/);
    expect(document.querySelector('#sync-now')).not.toBeNull();
    expect(document.querySelector('#team-rejoin')).toBeNull();
  });
});
