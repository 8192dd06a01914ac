/**
 * Case lifecycle: OPEN → PENDING_APPROVAL (action proposed) → ACTION_APPROVED → RESOLVED;
 * PENDING_APPROVAL → OPEN on rejection; OPEN → RESOLVED (resolve with reason); RESOLVED → OPEN (reopen).
 */

export const CASE_STATUSES = ["OPEN", "PENDING_APPROVAL", "ACTION_APPROVED", "RESOLVED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  OPEN: ["PENDING_APPROVAL", "RESOLVED"],
  PENDING_APPROVAL: ["ACTION_APPROVED", "OPEN"],
  ACTION_APPROVED: ["RESOLVED"],
  RESOLVED: ["OPEN"],
};

/** Thrown when a status change is not in the transition table. */
export class InvalidTransitionError extends Error {
  readonly code = "INVALID_TRANSITION" as const;
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`A case cannot move from ${from} to ${to}.`);
    this.name = "InvalidTransitionError";
  }
}

/** True when `from → to` is allowed; unknown statuses are never allowed (fail closed). */
export function canTransition(from: string, to: string): boolean {
  const next = (TRANSITIONS as Record<string, readonly string[] | undefined>)[from];
  return !!next && next.includes(to);
}

/** Throws InvalidTransitionError unless `from → to` is allowed. */
export function assertTransition(from: string, to: string): asserts to is CaseStatus {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}

/** Statuses reachable from `from` (empty for unknown statuses). */
export function nextStatuses(from: string): readonly CaseStatus[] {
  return (TRANSITIONS as Record<string, readonly CaseStatus[] | undefined>)[from] ?? [];
}
