import type { QueuePage, QueueRow } from "@/components/case-queue/queue-types";

// What moves rows under a reader: a different case, or a case rescored (score or scoring time changed).
const fingerprint = (r: QueueRow) => `${r.id}|${r.score}|${r.lastScoredAt}`;

/** True when applying `next` would reorder, add, remove or rescore rows the reader is looking at. */
export function rowsWouldMove(shown: QueuePage, next: QueuePage): boolean {
  if (shown.rows.length !== next.rows.length) return true;
  return shown.rows.some((r, i) => fingerprint(r) !== fingerprint(next.rows[i]));
}

/** How many rows in `next` are new to the reader or were rescored since `shown`. */
export function newOrUpdatedCount(shown: QueuePage, next: QueuePage): number {
  const before = new Map(shown.rows.map((r) => [r.id, fingerprint(r)]));
  return next.rows.filter((r) => before.get(r.id) !== fingerprint(r)).length;
}
