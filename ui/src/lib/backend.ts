// The one module that talks to Tauri. Every other module imports from here, so components can
// be tested with a fake backend and the IPC surface is listed in one place.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Actor } from './bindings/Actor';
import type { ActorKind } from './bindings/ActorKind';
import type { AgreementMap } from './bindings/AgreementMap';
import type { AgreementQuery } from './bindings/AgreementQuery';
import type { MapRequest } from './bindings/MapRequest';
import type { BriefFormat } from './bindings/BriefFormat';
import type { DrawnMap } from './bindings/DrawnMap';
import type { Drawing } from './bindings/Drawing';
import type { Dot } from './bindings/Dot';
import type { FileSettings } from './bindings/FileSettings';
import type { MapFormat } from './bindings/MapFormat';
import type { MapActor } from './bindings/MapActor';
import type { MapPoint } from './bindings/MapPoint';
import type { Neighbour } from './bindings/Neighbour';
import type { PairPositions } from './bindings/PairPositions';
import type { DatabaseInfo } from './bindings/DatabaseInfo';
import type { ErrorInfo } from './bindings/ErrorInfo';
import type { ErrorCode } from './bindings/ErrorCode';
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
import type { TimelineRow } from './bindings/TimelineRow';
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

import { commands, EVENTS, type Commands, type EventPayloads } from './bindings/commands';

/** Every command (generated from their Rust declarations) and the events the window hears. */
export interface Backend extends Commands {
  /** Calls `heard` with each `event` the backend sends; resolves to an unsubscribe. */
  on<E extends keyof EventPayloads>(event: E, heard: (payload: EventPayloads[E]) => void): Promise<() => void>;
}

export const tauriBackend: Backend = {
  ...commands(invoke),
  on: (event, heard) => listen<EventPayloads[typeof event]>(EVENTS[event], (e) => heard(e.payload)),
};

/** Any failure as the `{code, message}` the backend sends; other throwables become `internal`. */
export function asError(e: unknown): ErrorInfo {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    return { code: String(code) as ErrorCode, message: String(message) };
  }
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

export type {
  Actor,
  AgreementMap,
  AgreementQuery,
  MapRequest,
  BriefFormat,
  DrawnMap,
  Drawing,
  Dot,
  FileSettings,
  MapFormat,
  MapActor,
  MapPoint,
  Neighbour,
  PairPositions,
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
  TimelineRow,
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
export type { ErrorCode };
export type { SubjectRef } from './bindings/SubjectRef';
export type { StartProblem } from './bindings/StartProblem';
export type { BackupInfo } from './bindings/BackupInfo';
