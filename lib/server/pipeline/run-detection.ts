import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import type { CaseDraft } from "@/lib/domain/model/case-draft";
import { runDetection } from "@/lib/domain/detect/run-detection";
import { itemLocKey } from "@/lib/domain/detect/context";
import { DEFAULT_SCORING_PARAMS, scoringParamsSchema, type ScoringParams } from "@/lib/domain/score/config";
import { loadSnapshot, loadSnapshotSlice, snapshotRowCount } from "@/lib/server/pipeline/load-snapshot";
import { persistCaseDrafts, type PersistResult } from "@/lib/server/pipeline/persist-cases";
import { creditHoldSiblings, resolveItemLocations, type ChangeKeys } from "@/lib/server/pipeline/resolve-item-locations";

/** Milliseconds per phase of a run. */
export type PhaseTimings = { load: number; detect: number; persist: number };

export type DetectionRunSummary = PersistResult & {
  cases: number;
  findings: number;
  configVersion: number;
  ms: number;
  phases: PhaseTimings;
  /** Source rows read into the snapshot. */
  rowsLoaded: number;
};

export type IncrementalRunSummary = DetectionRunSummary & { itemLocations: number };

/** The newest scoring configuration, created from the defaults on first use. */
export async function currentScoringParams(db: PrismaClient): Promise<ScoringParams> {
  const latest = await db.scoringConfig.findFirst({ orderBy: { version: "desc" } });
  if (latest) return scoringParamsSchema.parse({ ...(latest.params as object), version: latest.version });
  await db.scoringConfig.upsert({
    where: { version: DEFAULT_SCORING_PARAMS.version },
    create: { version: DEFAULT_SCORING_PARAMS.version, params: JSON.parse(JSON.stringify(DEFAULT_SCORING_PARAMS)), note: "Defaults" },
    update: {},
  });
  return DEFAULT_SCORING_PARAMS;
}

const findingsOf = (drafts: CaseDraft[]) => drafts.reduce((n, d) => n + d.findings.length, 0);

/** Load → detect → score → group → persist, as of `asOf`. Runs in the worker (job `detect`) and the seed script. */
export async function runDetectionPipeline(db: PrismaClient, asOf = new Date()): Promise<DetectionRunSummary> {
  const started = performance.now();
  const params = await currentScoringParams(db);
  const snapshot = await loadSnapshot(db, asOf);
  const loaded = performance.now();
  const drafts = runDetection(snapshot, params);
  const detected = performance.now();
  const persisted = await persistCaseDrafts(db, drafts, asOf);
  const done = performance.now();
  return {
    ...persisted,
    cases: drafts.length,
    findings: findingsOf(drafts),
    configVersion: params.version,
    rowsLoaded: snapshotRowCount(snapshot),
    ms: Math.round(done - started),
    phases: { load: Math.round(loaded - started), detect: Math.round(detected - loaded), persist: Math.round(done - detected) },
  };
}

/**
 * Re-detect only what a change touched: the item-locations named in `keys` (directly or through the
 * sales, purchase and transfer orders that changed). Loads their items' slice, runs detection scoped
 * to them, and creates, rescores or resolves only the cases touching those item-locations.
 */
export async function runIncrementalDetection(db: PrismaClient, keys: ChangeKeys, asOf = new Date()): Promise<IncrementalRunSummary> {
  const started = performance.now();
  const [params, pairs] = await Promise.all([currentScoringParams(db), resolveItemLocations(db, keys)]);
  const empty: IncrementalRunSummary = {
    created: 0, rescored: 0, unchanged: 0, autoResolved: 0, keptDismissed: 0, cases: 0, findings: 0, configVersion: params.version, itemLocations: 0, rowsLoaded: 0,
    ms: 0, phases: { load: 0, detect: 0, persist: 0 },
  };
  if (pairs.length === 0) return { ...empty, ms: Math.round(performance.now() - started) };
  // The slice must hold everything that can share a case with the changed item-locations.
  const siblings = await creditHoldSiblings(db, pairs);
  const snapshot = await loadSnapshotSlice(db, asOf, [...pairs, ...siblings]);
  const loaded = performance.now();
  // The engine returns exactly the cases that touch the changed item-locations (stale feeds excepted).
  const drafts = runDetection(snapshot, params, { itemLocationKeys: pairs.map(([i, l]) => itemLocKey(i, l)), orderIds: keys.salesOrderIds });
  const detected = performance.now();
  const persisted = await persistCaseDrafts(db, drafts, asOf, { itemLocations: pairs });
  const done = performance.now();
  return {
    ...persisted,
    cases: drafts.length,
    findings: findingsOf(drafts),
    configVersion: params.version,
    rowsLoaded: snapshotRowCount(snapshot),
    itemLocations: pairs.length,
    ms: Math.round(done - started),
    phases: { load: Math.round(loaded - started), detect: Math.round(detected - loaded), persist: Math.round(done - detected) },
  };
}
