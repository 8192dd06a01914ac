/**
 * A pull sync: page by page, each raw page is stored first, then processed, then the cursor advances. A crash between
 * steps resumes from the last committed cursor; pages already stored are recognised by their SHA-256 and skipped
 * when they were processed, so a retry neither loses nor duplicates anything.
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { adapterInfo } from "@/lib/adapters/registry";
import { decryptSecrets } from "./secrets";
import { storePayload } from "./store-payload";
import { processPayload, type ProcessResult } from "./process-payload";
import { finishRun, markRunStarted, recordPullOutcome } from "./sync-runs";
import { log } from "@/lib/server/log";

export interface SyncOutcome {
  status: string;
  pages: number;
  touched: ProcessResult["touched"];
  accepted: number;
}

export async function runPullSync(db: PrismaClient, runId: string, opts: { fetch?: typeof fetch } = {}): Promise<SyncOutcome> {
  const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId }, include: { source: true } });
  if (run.status === "SUCCEEDED" || run.status === "PARTIAL") return { status: run.status, pages: 0, touched: emptyTouched(), accepted: run.accepted };
  const source = run.source;
  const { adapter } = adapterInfo(source.kind);
  if (!adapter.pull) throw new Error(`Source ${source.code} (${source.kind}) does not pull; upload files or push events instead`);
  await markRunStarted(db, runId, null);
  const touched = emptyTouched();
  let pages = 0;
  let accepted = 0;
  const byEntity: Record<string, number> = {};
  let stale = 0;
  let cursor: unknown = source.cursor ?? null;
  try {
    const ctx = { config: adapter.configSchema.parse(source.config ?? {}), secrets: decryptSecrets(source.secretCiphertext), fetch: opts.fetch ?? fetch };
    for await (const page of adapter.pull(ctx, cursor)) {
      pages++;
      const stored = await storePayload(db, { sourceId: source.id, runId, kind: page.kind, contentType: page.contentType, fileName: page.label }, page.body);
      if (!stored.duplicate || stored.status === "RECEIVED" || stored.status === "FAILED") {
        const result = await processPayload(db, stored.id, runId);
        accepted += result.accepted;
        stale += result.stale;
        for (const [entity, n] of Object.entries(result.byEntity)) byEntity[entity] = (byEntity[entity] ?? 0) + n;
        for (const key of Object.keys(touched) as (keyof typeof touched)[]) touched[key].push(...result.touched[key]);
      }
      cursor = page.cursor;
      await db.dataSource.update({ where: { id: source.id }, data: { cursor: cursor as object } });
    }
    const status = await finishRun(db, runId, { cursorAfter: cursor, details: { pages, byEntity, stale } });
    await recordPullOutcome(db, source.id, true);
    return { status, pages, touched, accepted };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await finishRun(db, runId, { error: message, cursorAfter: cursor, details: { pages } });
    const health = await recordPullOutcome(db, source.id, false);
    log.warn({ source: source.code, runId, consecutiveFailures: health.consecutiveFailures, unhealthy: health.unhealthySince !== null, err: message }, "pull sync failed");
    throw e;
  }
}

export const emptyTouched = (): ProcessResult["touched"] => ({ skus: [], locationCodes: [], poNumbers: [], soNumbers: [], transferNumbers: [] });
