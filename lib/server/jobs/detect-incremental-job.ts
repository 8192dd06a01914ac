/**
 * Job `detect.incremental`: re-detect the item-locations a change touched (an ingested sales order,
 * a received ASN, a new count…). The worker takes jobs in batches and merges their keys into one
 * run, so a burst of events costs one slice load, not one per event.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import type { ItemLocationPair } from "@/lib/server/pipeline/load-snapshot";
import type { ChangeKeys } from "@/lib/server/pipeline/resolve-item-locations";
import { runIncrementalDetection, type IncrementalRunSummary } from "@/lib/server/pipeline/run-detection";
import { wakeSnoozedOnChange } from "@/lib/server/pipeline/wake-snoozed-cases";
import { markPayloadsDetected } from "@/lib/server/pipeline/mark-payloads-detected";

/** runIds: the ingest runs whose changes these are (their payloads get stamped detectedAt when done). */
export type DetectIncrementalJobData = ChangeKeys & { asOf?: string; runIds?: string[] };

/** Union of several jobs' keys (duplicates are harmless: resolution de-duplicates pairs). */
export function mergeChangeKeys(list: readonly ChangeKeys[]): ChangeKeys {
  const out = { itemLocations: [] as ItemLocationPair[], salesOrderIds: [] as string[], purchaseOrderIds: [] as string[], transferOrderIds: [] as string[] };
  for (const k of list) {
    out.itemLocations.push(...(k.itemLocations ?? []));
    out.salesOrderIds.push(...(k.salesOrderIds ?? []));
    out.purchaseOrderIds.push(...(k.purchaseOrderIds ?? []));
    out.transferOrderIds.push(...(k.transferOrderIds ?? []));
  }
  return out;
}

/** Handle one or more `detect.incremental` jobs as a single run (latest asOf wins, default now). */
export async function handleDetectIncrementalJobs(db: PrismaClient, jobs: readonly DetectIncrementalJobData[]): Promise<IncrementalRunSummary> {
  const asOfs = jobs.map((j) => (j.asOf ? new Date(j.asOf).getTime() : Date.now()));
  const asOf = new Date(Math.max(...asOfs, 0) || Date.now());
  const keys = mergeChangeKeys(jobs);
  // Cases snoozed "until something changes" wake on any change to their objects — even one that leaves the
  // score as it was, or clears the condition (they wake first, then detection rescores or resolves them).
  await wakeSnoozedOnChange(db, keys);
  const summary = await runIncrementalDetection(db, keys, asOf);
  await markPayloadsDetected(db, jobs.flatMap((j) => j.runIds ?? []), new Date());
  return summary;
}
