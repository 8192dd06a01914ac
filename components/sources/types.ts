/** Plain shapes the Data sources pages hand to client components (dates survive the server→client boundary). */

export type FreshnessState = "fresh" | "stale" | "never";

export interface Freshness {
  state: FreshnessState;
  ageMinutes: number | null;
}

export type RunStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "PARTIAL" | "FAILED";

export interface RunView {
  id: string;
  trigger: string;
  status: RunStatus;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  progressDone: number;
  progressTotal: number | null;
  read: number;
  accepted: number;
  quarantined: number;
  error: string | null;
}

export interface QuarantineView {
  id: string;
  entity: string;
  position: string;
  field: string | null;
  message: string;
  record: unknown;
  createdAt: Date;
  replayError: string | null;
  fileName: string | null;
}

export interface PayloadView {
  id: string;
  /** IN = received; OUT = generated for the partner (e.g. a 997), which cannot be replayed. */
  direction: string;
  kind: string;
  fileName: string | null;
  contentType: string;
  sizeBytes: number;
  receivedAt: Date;
  status: string;
  error: string | null;
  runId: string | null;
}

export interface AdapterKindView {
  kind: string;
  label: string;
  modes: ("pull" | "upload" | "push")[];
}

export const isActiveRun = (status: string) => status === "QUEUED" || status === "RUNNING";

/** Copy only the fields the browser needs from a DAL run row. */
export function toRunView(r: RunView): RunView {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    queuedAt: r.queuedAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    progressDone: r.progressDone,
    progressTotal: r.progressTotal,
    read: r.read,
    accepted: r.accepted,
    quarantined: r.quarantined,
    error: r.error,
  };
}
