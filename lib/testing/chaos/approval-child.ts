/**
 * Child process of the approval kill test (lib/testing/chaos/approval-kill.ts): approves every pending action through
 * the real DAL (`decideAction`, one transaction per decision), level 1 as the supervisor and level 2 as finance,
 * printing `begin <actionId> <level>` before and `commit <actionId> <level>` after each. The parent SIGKILLs it at a
 * random moment. Run with: node --conditions=react-server --import tsx lib/testing/chaos/approval-child.ts
 * (DATABASE_URL, CHAOS_SUPERVISOR_ID, CHAOS_FINANCE_ID in the environment).
 */
import { createPrismaClient } from "@/lib/server/prisma-client";
import { loadViewer } from "@/lib/server/auth/load-viewer";
import { decideAction } from "@/lib/server/dal/case-actions";

async function main() {
  const db = createPrismaClient(process.env.DATABASE_URL!);
  const supervisor = await loadViewer(db, process.env.CHAOS_SUPERVISOR_ID!);
  const finance = await loadViewer(db, process.env.CHAOS_FINANCE_ID!);
  if (!supervisor || !finance) throw new Error("approvers not found");
  const pending = await db.caseAction.findMany({ where: { status: "PENDING_APPROVAL" }, orderBy: { id: "asc" }, select: { id: true, currentLevel: true } });
  // Warm up outside the measured window: the pool's connections and the query plans of a decision (a decision on an
  // action that does not exist runs the same first queries, then refuses).
  await decideAction(supervisor, { actionId: "warm-up", decision: "APPROVE", level: 1 }, db).catch(() => undefined);
  process.stdout.write(`ready ${pending.length}\n`);
  for (const a of pending) {
    for (let level = a.currentLevel; level <= 2; level++) {
      process.stdout.write(`begin ${a.id} ${level}\n`);
      await decideAction(level === 1 ? supervisor : finance, { actionId: a.id, decision: "APPROVE", level }, db);
      process.stdout.write(`commit ${a.id} ${level}\n`);
    }
  }
  process.stdout.write("done\n");
  await db.$disconnect();
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
