/** Quarantine: records that could not be read, validated or resolved, kept with where they came from and why. */
import type { RecordIssue } from "@/lib/domain/canonical/records";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import type { SqlRunner } from "./sql-upsert";
import { randomUUID } from "node:crypto";
import { pgSafeJson, pgSafeText } from "./pg-safe";

export async function quarantineIssues(
  db: SqlRunner,
  ctx: { sourceId: string; runId: string | null; payloadId: string | null },
  issues: RecordIssue[],
): Promise<number> {
  if (issues.length === 0) return 0;
  await db.$executeRawUnsafe(
    `INSERT INTO "QuarantinedRecord" (id, "sourceId", "runId", "payloadId", entity, position, field, message, record)
     SELECT u.id, $1, $2, $3, u.entity, u.position, u.field, u.message, u.record::jsonb
     FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS u(id, entity, position, field, message, record)`,
    ctx.sourceId,
    ctx.runId,
    ctx.payloadId,
    issues.map(() => randomUUID()),
    issues.map((i) => i.entity),
    issues.map((i) => pgSafeText(i.position.slice(0, 500))),
    issues.map((i) => (i.field === null ? null : pgSafeText(i.field.slice(0, 200)))),
    issues.map((i) => pgSafeText(i.message.slice(0, 2000))),
    issues.map((i) => pgSafeJson(i.raw)),
  );
  return issues.length;
}

export type QuarantineRecordJson = Prisma.JsonValue;
