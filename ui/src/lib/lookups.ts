// The lists the pickers offer, built once from what the backend returns.
import type { Actor, ParagraphSubject, Proposal, Session, StanceOption, SubjectRef, Topic } from './backend';
import type { Option } from './match';
import { GROUP_KINDS } from './bindings/core';

export interface Lookups {
  actors: Option[];
  groups: Option[];
  subjects: Option[];
  sessions: Option[];
  stances: Option[];
  stanceKeys: Record<string, string>;
}

const kindHint: Record<string, string> = {
  state: '',
  observer_state: 'observer',
  igo: 'organization',
  group: 'group',
  stakeholder: 'stakeholder',
};

/** Groups and organizations (the core's list): they speak for others and have members. */
export function isGroup(a: Actor): boolean {
  return GROUP_KINDS.includes(a.kind);
}

function actorOption(a: Actor): Option {
  const keys = [a.short_name, a.iso3].filter((k): k is string => !!k);
  const hint = [a.iso3 ?? a.short_name, kindHint[a.kind]].filter(Boolean).join(' · ');
  return { id: a.id, label: a.name, keys, hint };
}

/** One key per stance, shown in the stance list: 1–9, 0, then - and =. */
export const STANCE_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '='];

export function stanceHotkeys(stances: StanceOption[]): Record<string, string> {
  return Object.fromEntries(stances.slice(0, STANCE_KEYS.length).map((s, i) => [STANCE_KEYS[i], s.stance]));
}

export function buildLookups(
  actors: Actor[],
  topics: Topic[],
  proposals: Proposal[],
  sessions: Session[],
  stances: StanceOption[],
  paragraphs: ParagraphSubject[] = [],
): Lookups {
  return {
    actors: actors.map(actorOption),
    groups: actors.filter(isGroup).map(actorOption),
    subjects: [
      ...proposals.map((p) => ({
        id: `proposal:${p.id}`,
        label: p.name,
        keys: p.short_name ? [p.short_name] : [],
        hint: 'proposal',
      })),
      ...topics.map((t) => ({ id: `topic:${t.id}`, label: t.path, keys: [t.name], hint: 'topic' })),
      // "para 12" or "12" finds paragraph 12 of each draft's latest revision.
      ...paragraphs.map((p) => ({
        id: `provision:${p.id}`,
        label: p.citation,
        keys: [`para ${p.label}`, p.label],
        hint: p.excerpt,
      })),
    ],
    // An archived process's sessions leave the pickers; every view still shows them.
    sessions: sessions
      .filter((s) => !s.archived)
      .map((s) => ({
        id: s.id,
        label: s.label,
        keys: s.number !== null ? [String(s.number)] : [],
        hint: s.start_date ? `${s.start_date} – ${s.end_date ?? ''}` : (s.note ?? ''),
      })),
    stanceKeys: stanceHotkeys(stances),
    stances: stances.map((s, i) => ({
      id: s.stance,
      label: s.label,
      keys: [s.stance],
      hint: STANCE_KEYS[i] ? `key ${STANCE_KEYS[i]}` : '',
    })),
  };
}

export function subjectId(subject: SubjectRef): string {
  return `${subject.kind}:${subject.id}`;
}

export function subjectRef(id: string): SubjectRef | null {
  const [kind, uuid] = id.split(':');
  if (!uuid) return null;
  if (kind === 'topic' || kind === 'proposal' || kind === 'provision') return { kind, id: uuid };
  return null;
}

export interface ProcessChoice {
  id: string;
  name: string;
}

/** The processes the sessions belong to, in session order, for the process pickers. */
export function processesOf(sessions: Session[]): ProcessChoice[] {
  return [...new Map(sessions.map((s) => [s.process_id, s.process_short_name])).entries()].map(([id, name]) => ({
    id,
    name,
  }));
}

/** The process a view opens on: the OEWG when it is there, else the first. */
export function defaultProcess(processes: ProcessChoice[]): string {
  return (processes.find((p) => p.name.startsWith('OEWG')) ?? processes[0])?.id ?? '';
}
