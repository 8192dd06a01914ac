/**
 * `npm run audit:verify`: recompute the audit log's hash chain (DATABASE_URL, else the embedded demo database).
 * Prints how many rows were checked and OK, or the first broken row (seq and what is wrong) and exits 1.
 */
import { resolveServer } from "@/lib/cli/database";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";

const PROBLEM = {
  content: "its content does not match its hash (the row was changed after it was written)",
  link: "its prevHash does not match the previous row's hash (a row before it was removed, inserted or changed)",
} as const;

async function main(): Promise<number> {
  const server = await resolveServer("demo", () => {});
  const url = server.embedded ? `${server.url}/workbench` : server.url;
  const db = createPrismaClient(url);
  const started = Date.now();
  try {
    const verdict = await verifyAuditChain(db);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (verdict.ok) {
      console.log(`Audit chain OK: ${verdict.rows} rows checked in ${seconds} s.`);
      return 0;
    }
    console.error(`Audit chain BROKEN at seq ${verdict.firstBrokenSeq}: ${PROBLEM[verdict.problem]}.`);
    console.error(`${verdict.rows} rows checked; rows before seq ${verdict.firstBrokenSeq} are intact.`);
    return 1;
  } finally {
    await db.$disconnect();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error("audit:verify failed:", e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
