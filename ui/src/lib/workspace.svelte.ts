// What every view shares: the backend and the open record's catalog (actors, sessions,
// topics, proposals, stances, draft paragraphs) with the pickers built from it. App makes one
// and provides it; each view takes it with useWorkspace() instead of a prop for each list.
import { getContext, setContext } from 'svelte';
import type {
  Actor,
  Backend,
  DatabaseInfo,
  FileSettings,
  ParagraphSubject,
  Proposal,
  Session,
  StanceOption,
  Topic,
} from './backend';
import { buildLookups, type Lookups } from './lookups';

export class Workspace {
  readonly backend: Backend;
  info = $state<DatabaseInfo | null>(null);
  actors = $state<Actor[]>([]);
  sessions = $state<Session[]>([]);
  topics = $state<Topic[]>([]);
  proposals = $state<Proposal[]>([]);
  stances = $state<StanceOption[]>([]);
  paragraphs = $state<ParagraphSubject[]>([]);
  /** The file's own settings: the delegation it works for. */
  settings = $state<FileSettings>({ our_delegation_id: null, our_delegation_name: null });
  /** Set once the catalog has been read: until then there is nothing to pick from. */
  loaded = $state(false);
  /** The pickers, always built from the lists above (none before the first load). */
  lookups: Lookups | null = $derived(
    this.loaded
      ? buildLookups(this.actors, this.topics, this.proposals, this.sessions, this.stances, this.paragraphs)
      : null,
  );

  constructor(backend: Backend) {
    this.backend = backend;
  }

  /** A stance's words ("Red line"), as the core names it. */
  stanceLabel = (stance: string): string => this.stances.find((o) => o.stance === stance)?.label ?? stance;

  /** Reads the whole catalog of the open record. */
  async load(): Promise<void> {
    const b = this.backend;
    [this.info, this.actors, this.sessions, this.topics, this.proposals, this.stances, this.paragraphs, this.settings] =
      await Promise.all([
        b.databaseInfo(),
        b.listActors(null),
        b.listSessions(),
        b.listTopics(),
        b.listProposals(),
        b.stanceOptions(),
        b.paragraphSubjects(),
        b.fileSettings(),
      ]);
    this.loaded = true;
  }
}

const KEY = Symbol('workspace');

export function provideWorkspace(workspace: Workspace): Workspace {
  setContext(KEY, workspace);
  return workspace;
}

export function useWorkspace(): Workspace {
  const workspace = getContext<Workspace | undefined>(KEY);
  if (!workspace) throw new Error('no workspace: App provides it to every view');
  return workspace;
}

/** The context a component test renders a view with (`render(View, { props, context })`). */
export function workspaceContext(workspace: Workspace): Map<symbol, Workspace> {
  // Handed to Svelte once, never changed: it needs no reactivity.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  return new Map([[KEY, workspace]]);
}
