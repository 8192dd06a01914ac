import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { GENESIS_HASH, hashAuditRow } from "@/lib/server/audit/append-audit";

export type ChainVerdict =
  | { ok: true; rows: number }
  | { ok: false; rows: number; firstBrokenSeq: string; problem: "content" | "link" };

/** Recompute every row's hash in order; report the first row whose content or link does not match. */
export async function verifyAuditChain(db: PrismaClient, batchSize = 5000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let cursor: bigint | undefined;
  let rows = 0;
  for (;;) {
    const batch = await db.auditEntry.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    if (batch.length === 0) return { ok: true, rows };
    for (const row of batch) {
      rows++;
      if (row.prevHash !== prevHash) return { ok: false, rows, firstBrokenSeq: row.seq.toString(), problem: "link" };
      const expected = hashAuditRow({ ...row, before: row.before, after: row.after });
      if (expected !== row.hash) return { ok: false, rows, firstBrokenSeq: row.seq.toString(), problem: "content" };
      prevHash = row.hash;
    }
    cursor = batch[batch.length - 1].seq;
  }
}
