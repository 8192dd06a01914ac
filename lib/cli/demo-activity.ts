/**
 * A first-run demo should show every role something to do: the planner proposes a few adjustments
 * through the real DAL (policy, audit, timeline), so the supervisor's Approvals inbox — and, for the
 * largest, finance's second level — is not empty. Only `npm run demo` runs this (as a child process with the
 * react-server condition, which the server-only DAL modules need); tests seed without it.
 *   node --conditions=react-server --import tsx lib/cli/demo-activity.ts   (DATABASE_URL set)
 */
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { loadViewer } from "@/lib/server/auth/load-viewer";
import { proposeAction } from "@/lib/server/dal/case-actions";

/** Target $ values: one under, one over the supervisor level, one large enough for finance. */
const TARGET_VALUES_USD = [1_500, 9_000, 60_000];

async function proposeDemoActions(db: PrismaClient, log = console.log): Promise<number> {
  const planner = await loadViewer(db, "usr_planner");
  if (!planner) return 0;
  const cases = await db.case.findMany({
    where: { status: "OPEN", itemId: { not: null }, siteId: { in: planner.siteIds }, item: { unitCost: { gt: 0 } } },
    orderBy: { score: "desc" },
    take: TARGET_VALUES_USD.length,
    select: { id: true, number: true, item: { select: { unitCost: true } } },
  });
  let proposed = 0;
  for (const [i, c] of cases.entries()) {
    const quantity = Math.max(1, Math.round(TARGET_VALUES_USD[i] / Number(c.item!.unitCost)));
    await proposeAction(planner, { caseId: c.id, type: "ADJUST", quantity, note: "Demo: book the counted quantity after the recount." }, db);
    proposed++;
  }
  log(`Demo activity: the planner proposed ${proposed} adjustments awaiting approval.`);
  return proposed;
}

const db = createPrismaClient(process.env.DATABASE_URL);
proposeDemoActions(db)
  .catch((e) => {
    console.error("Demo activity failed (the demo still works, the Approvals inbox is just empty):", e instanceof Error ? e.message : e);
  })
  .finally(() => db.$disconnect());
