import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { runDetection } from "@/lib/domain/detect/run-detection";
import { DEFAULT_SCORING_PARAMS, scoringParamsSchema, type ScoringParams } from "@/lib/domain/score/config";
import { loadSnapshot } from "@/lib/server/pipeline/load-snapshot";
import { persistCaseDrafts, type PersistResult } from "@/lib/server/pipeline/persist-cases";

export type DetectionRunSummary = PersistResult & { cases: number; findings: number; configVersion: number; ms: number };

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

/** Load → detect → score → group → persist, as of `asOf`. Runs in the worker (job `detect`) and the seed script. */
export async function runDetectionPipeline(db: PrismaClient, asOf = new Date()): Promise<DetectionRunSummary> {
  const started = Date.now();
  const params = await currentScoringParams(db);
  const snapshot = await loadSnapshot(db, asOf);
  const drafts = runDetection(snapshot, params);
  const persisted = await persistCaseDrafts(db, drafts, asOf);
  return {
    ...persisted,
    cases: drafts.length,
    findings: drafts.reduce((n, d) => n + d.findings.length, 0),
    configVersion: params.version,
    ms: Date.now() - started,
  };
}
