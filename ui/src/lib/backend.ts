// The one module that talks to Tauri. Every other module imports from here, so components can
// be tested with a fake backend and the IPC surface is listed in one place.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Actor } from './bindings/Actor';
import type { ActorKind } from './bindings/ActorKind';
import type { DatabaseInfo } from './bindings/DatabaseInfo';
import type { ErrorInfo } from './bindings/ErrorInfo';
import type { HistoryEntry } from './bindings/HistoryEntry';
import type { Position } from './bindings/Position';
import type { PositionFilter } from './bindings/PositionFilter';
import type { PositionInput } from './bindings/PositionInput';
import type { PositionPage } from './bindings/PositionPage';
import type { Proposal } from './bindings/Proposal';
import type { Session } from './bindings/Session';
import type { StanceOption } from './bindings/StanceOption';
import type { Topic } from './bindings/Topic';
import type { Matrix } from './bindings/Matrix';
import type { MatrixQuery } from './bindings/MatrixQuery';
import type { SearchHit } from './bindings/SearchHit';
import type { SearchQuery } from './bindings/SearchQuery';
import type { Timeline } from './bindings/Timeline';
import type { CellQuery } from './bindings/CellQuery';
import type { SubjectQuery } from './bindings/SubjectQuery';
import type { SubjectOverview } from './bindings/SubjectOverview';
import type { ActorSetInput } from './bindings/ActorSetInput';
import type { SessionDiff } from './bindings/SessionDiff';
import type { SessionDiffQuery } from './bindings/SessionDiffQuery';
import type { SummaryRequest } from './bindings/SummaryRequest';
import type { ExportFormat } from './bindings/ExportFormat';
import type { ExportOutcome } from './bindings/ExportOutcome';
import type { Cohesion } from './bindings/Cohesion';
import type { CohesionQuery } from './bindings/CohesionQuery';
import type { Revision } from './bindings/Revision';
import type { Amendment } from './bindings/Amendment';
import type { AmendmentInput } from './bindings/AmendmentInput';
import type { AmendmentStatus } from './bindings/AmendmentStatus';
import type { DraftPreview } from './bindings/DraftPreview';
import type { DraftProvision } from './bindings/DraftProvision';
import type { LedgerActor } from './bindings/LedgerActor';
import type { ParagraphNotes } from './bindings/ParagraphNotes';
import type { ParagraphRisk } from './bindings/ParagraphRisk';
import type { ParagraphSubject } from './bindings/ParagraphSubject';
import type { ParagraphHit } from './bindings/ParagraphHit';
import type { RevisionDiff } from './bindings/RevisionDiff';
import type { RevisionImport } from './bindings/RevisionImport';
import type { RevisionInput } from './bindings/RevisionInput';

export interface Backend {
  databaseInfo(): Promise<DatabaseInfo>;
  actors(kind?: ActorKind): Promise<Actor[]>;
  sessions(): Promise<Session[]>;
  topics(): Promise<Topic[]>;
  proposals(): Promise<Proposal[]>;
  stanceOptions(): Promise<StanceOption[]>;
  positions(filter: PositionFilter): Promise<PositionPage>;
  addPosition(input: PositionInput): Promise<Position>;
  updatePosition(id: string, input: PositionInput): Promise<Position>;
  deletePosition(id: string): Promise<void>;
  positionHistory(id: string): Promise<HistoryEntry[]>;
  newDatabase(): Promise<DatabaseInfo | null>;
  openDatabase(): Promise<DatabaseInfo | null>;
  saveCopy(): Promise<string | null>;
  matrix(query: MatrixQuery): Promise<Matrix>;
  actorTimeline(id: string): Promise<Timeline>;
  search(query: SearchQuery): Promise<SearchHit[]>;
  matrixCell(query: CellQuery): Promise<Position[]>;
  subjectOverview(query: SubjectQuery): Promise<SubjectOverview>;
  saveActorSet(input: ActorSetInput): Promise<Actor>;
  sessionDiff(query: SessionDiffQuery): Promise<SessionDiff>;
  /** Asks where to save (native dialog) and writes the summary; null when cancelled. */
  exportSummary(request: SummaryRequest, format: ExportFormat): Promise<ExportOutcome | null>;
  showExportInFolder(): Promise<void>;
  cohesion(query: CohesionQuery): Promise<Cohesion>;
  /** Calls `step` with each progress message of a running export; resolves to an unsubscribe. */
  onExportProgress(step: (message: string) => void): Promise<() => void>;
  revisions(): Promise<Revision[]>;
  previewDraftText(text: string): Promise<DraftPreview>;
  /** Asks for a .docx, .pdf or .txt file (native dialog) and parses it; null when cancelled. */
  previewDraftFile(): Promise<DraftPreview | null>;
  importRevision(input: RevisionInput, provisions: DraftProvision[]): Promise<RevisionImport>;
  /** The paragraphs of each symbol's latest revision, for the capture bar. */
  paragraphSubjects(): Promise<ParagraphSubject[]>;
  searchParagraphs(text: string): Promise<ParagraphHit[]>;
  logAmendment(input: AmendmentInput): Promise<Amendment>;
  setAmendmentStatus(id: string, status: AmendmentStatus): Promise<Amendment>;
  paragraphNotes(revision: string): Promise<ParagraphNotes[]>;
  amendmentLedger(symbol: string): Promise<LedgerActor[]>;
  consensusRisk(revision: string): Promise<ParagraphRisk[]>;
  diffRevisions(old: string, next: string): Promise<RevisionDiff>;
}

export const tauriBackend: Backend = {
  databaseInfo: () => invoke('database_info'),
  actors: (kind) => invoke('list_actors', { kind: kind ?? null }),
  sessions: () => invoke('list_sessions'),
  topics: () => invoke('list_topics'),
  proposals: () => invoke('list_proposals'),
  stanceOptions: () => invoke('stance_options'),
  positions: (filter) => invoke('list_positions', { filter }),
  addPosition: (input) => invoke('add_position', { input }),
  updatePosition: (id, input) => invoke('update_position', { id, input }),
  deletePosition: (id) => invoke('delete_position', { id }),
  positionHistory: (id) => invoke('position_history', { id }),
  newDatabase: () => invoke('new_database'),
  openDatabase: () => invoke('open_database'),
  saveCopy: () => invoke('save_copy'),
  matrix: (query) => invoke('matrix', { query }),
  actorTimeline: (id) => invoke('actor_timeline', { id }),
  search: (query) => invoke('search', { query }),
  matrixCell: (query) => invoke('matrix_cell', { query }),
  subjectOverview: (query) => invoke('subject_overview', { query }),
  saveActorSet: (input) => invoke('save_actor_set', { input }),
  sessionDiff: (query) => invoke('session_diff', { query }),
  exportSummary: (request, format) => invoke('export_summary', { request, format }),
  showExportInFolder: () => invoke('show_export_in_folder'),
  cohesion: (query) => invoke('cohesion', { query }),
  onExportProgress: (step) => listen<string>('export-progress', (e) => step(e.payload)),
  revisions: () => invoke('list_revisions'),
  previewDraftText: (text) => invoke('preview_draft_text', { text }),
  previewDraftFile: () => invoke('preview_draft_file'),
  importRevision: (input, provisions) => invoke('import_revision', { input, provisions }),
  paragraphSubjects: () => invoke('paragraph_subjects'),
  searchParagraphs: (text) => invoke('search_paragraphs', { text }),
  logAmendment: (input) => invoke('log_amendment', { input }),
  setAmendmentStatus: (id, status) => invoke('set_amendment_status', { id, status }),
  paragraphNotes: (revision) => invoke('paragraph_notes', { revision }),
  amendmentLedger: (symbol) => invoke('amendment_ledger', { symbol }),
  consensusRisk: (revision) => invoke('consensus_risk', { revision }),
  diffRevisions: (old, next) => invoke('diff_revisions', { old, new: next }),
};

/** Any failure as the `{code, message}` the backend sends; other throwables become `internal`. */
export function asError(e: unknown): ErrorInfo {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    return { code: String(code), message: String(message) };
  }
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

export type {
  Actor,
  Amendment,
  AmendmentInput,
  AmendmentStatus,
  DraftPreview,
  DraftProvision,
  LedgerActor,
  ParagraphNotes,
  ParagraphRisk,
  ParagraphSubject,
  ParagraphHit,
  ActorKind,
  DatabaseInfo,
  ErrorInfo,
  HistoryEntry,
  Position,
  PositionFilter,
  PositionInput,
  PositionPage,
  Proposal,
  Session,
  StanceOption,
  Topic,
  Matrix,
  MatrixQuery,
  SearchHit,
  SearchQuery,
  Timeline,
  CellQuery,
  SubjectQuery,
  SubjectOverview,
  ActorSetInput,
  SessionDiff,
  SessionDiffQuery,
  SummaryRequest,
  ExportFormat,
  ExportOutcome,
  Cohesion,
  CohesionQuery,
  Revision,
  RevisionDiff,
  RevisionImport,
  RevisionInput,
};
export type { Stance } from './bindings/Stance';
export type { SubjectRef } from './bindings/SubjectRef';
