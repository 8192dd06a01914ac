/**
 * Chaos: the process deciding approvals is SIGKILLed at random moments. Each decision is one transaction (conditional
 * update of the action, ActionApproval row, case status, CaseEvent, audit row, notifications, and on the last level
 * the write-back outbox row), so after every kill each decision must be either entirely there or entirely absent, and
 * the audit hash chain must verify. Used by `npm run chaos` and lib/testing/chaos/chaos.test.ts.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { ROOT } from "@/lib/cli/database";
import { createPrismaClient } from "@/lib/server/prisma-client";
import type { ScenarioResult } from "./restart-scenarios";

const CHILD = path.join(ROOT, "lib/testing/chaos/approval-child.ts");

/**
 * Users and `count` pending two-level requests (ADJUST over $25,000: supervisor, then finance) on cases at the
 * AdventureWorks sites — needs the items and locations the CSV scenario imported.
 */
export async function prepareApprovals(url: string, count: number) {
  process.env.DATABASE_URL ??= url;
  const { proposeAction } = await import("@/lib/server/dal/case-actions");
  const { loadViewer } = await import("@/lib/server/auth/load-viewer");
  const db = createPrismaClient(url);
  try {
    const sites = await db.location.findMany({ take: 2, orderBy: { code: "asc" } });
    const siteLinks = { create: sites.map((s) => ({ locationId: s.id })) };
    const stamp = Date.now();
    const planner = await db.user.create({ data: { email: `chaos-planner-${stamp}@test.local`, name: "Chaos Planner", role: "planner", sites: siteLinks } });
    const supervisor = await db.user.create({ data: { email: `chaos-supervisor-${stamp}@test.local`, name: "Chaos Supervisor", role: "supervisor", sites: siteLinks } });
    const finance = await db.user.create({ data: { email: `chaos-finance-${stamp}@test.local`, name: "Chaos Finance", role: "finance", sites: siteLinks } });
    const items = await db.item.findMany({ where: { unitCost: { gt: 1 } }, orderBy: { sku: "asc" }, take: count });
    if (items.length < count) throw new Error(`only ${items.length} items with a cost for ${count} approval requests`);
    const viewer = (await loadViewer(db, planner.id))!;
    for (let i = 0; i < count; i++) {
      const item = items[i];
      const site = sites[i % sites.length];
      const c = await db.case.create({
        data: {
          causeKey: `chaos:approval:${stamp}:${i}`, title: `Chaos approval ${i}`, primaryType: "CYCLE_COUNT_VARIANCE", siteId: site.id, itemId: item.id, severity: "HIGH",
          score: 100, serviceExposure: 80, financialExposure: 20, urgency: 0.5, confidence: 1, explanation: {}, configVersion: 1, status: "OPEN",
          dataAsOf: new Date(), slaDueAt: new Date(Date.now() + 86_400_000),
        },
      });
      await proposeAction(viewer, { caseId: c.id, type: "ADJUST", quantity: Math.floor(30_000 / Number(item.unitCost)) + 1, note: "chaos: approval under kill -9" }, db);
    }
    return { supervisorId: supervisor.id, financeId: finance.id };
  } finally {
    await db.$disconnect();
  }
}

type Kill = { afterMs: number; inFlight: { actionId: string; level: number } | null; committed: number; exit: string };

function runChild(url: string, ids: { supervisorId: string; financeId: string }, killAfterMs: number): Promise<Kill & { done: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", CHILD], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, CHAOS_SUPERVISOR_ID: ids.supervisorId, CHAOS_FINANCE_ID: ids.financeId, LOG_LEVEL: "error", NODE_OPTIONS: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let buffer = "";
    let inFlight: Kill["inFlight"] = null;
    let committed = 0;
    let done = false;
    let stderr = "";
    let timer: NodeJS.Timeout | null = null;
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const [word, actionId, level] = buffer.slice(0, nl).split(" ");
        buffer = buffer.slice(nl + 1);
        if (word === "ready") timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
        else if (word === "begin") inFlight = { actionId, level: Number(level) };
        else if (word === "commit") (inFlight = null), committed++;
        else if (word === "done") done = true;
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (timer) clearTimeout(timer);
      if (!signal && code !== 0) return reject(new Error(`approval child failed (exit ${code}):\n${stderr}`));
      resolve({ afterMs: killAfterMs, inFlight, committed, exit: signal ?? `exit ${code}`, done });
    });
  });
}

/** What the database holds for one decision: all of its parts, none, or (a failure) some. */
async function decisionParts(c: pg.Client, actionId: string, level: number) {
  const q = async (sql: string) => Number((await c.query<{ n: string }>(sql, [actionId, level])).rows[0].n);
  const approval = await q(`SELECT count(*) AS n FROM "ActionApproval" WHERE "actionId" = $1 AND level = $2 AND decision = 'APPROVED'`);
  const audit = await q(
    `SELECT count(*) AS n FROM "AuditEntry" WHERE "entityId" = $1 AND action IN ('action.level_approved', 'action.approved') AND ("after"->>'level')::int = $2`,
  );
  const event = await q(`SELECT count(*) AS n FROM "CaseEvent" WHERE type IN ('ACTION_LEVEL_APPROVED', 'ACTION_APPROVED') AND data->>'actionId' = $1 AND (data->>'level')::int = $2`);
  const movedPast = await q(`SELECT count(*) AS n FROM "CaseAction" WHERE id = $1 AND (status = 'APPROVED' OR "currentLevel" > $2)`);
  const outbox = level === 2 ? await q(`SELECT count(*) AS n FROM "WriteBack" WHERE "actionId" = $1 AND $2 = 2`) : null;
  const parts = [approval, audit, event, movedPast, ...(outbox === null ? [] : [outbox])];
  return { all: parts.every((p) => p === 1), none: parts.every((p) => p === 0), parts: { approval, audit, event, movedPast, outbox } };
}

export async function approvalKill(url: string, opts: { iterations: number; maxKillMs: number; log?: (m: string) => void }): Promise<ScenarioResult> {
  const started = performance.now();
  const problems: string[] = [];
  const ids = await prepareApprovals(url, opts.iterations * 4);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const outcomes = { "in flight, rolled back": 0, "in flight, committed before the ack": 0, "between transactions": 0, "child finished first": 0 };
  let decisionsCommitted = 0;
  try {
    for (let i = 0; i < opts.iterations; i++) {
      const kill = await runChild(url, ids, Math.floor(Math.random() * opts.maxKillMs));
      decisionsCommitted += kill.committed;
      if (kill.done) outcomes["child finished first"]++;
      else if (!kill.inFlight) outcomes["between transactions"]++;
      else {
        const d = await decisionParts(c, kill.inFlight.actionId, kill.inFlight.level);
        if (d.all) outcomes["in flight, committed before the ack"]++;
        else if (d.none) outcomes["in flight, rolled back"]++;
        else problems.push(`kill ${i + 1} after ${kill.afterMs} ms left action ${kill.inFlight.actionId} level ${kill.inFlight.level} half-recorded: ${JSON.stringify(d.parts)}`);
      }
      opts.log?.(`  kill ${String(i + 1).padStart(3)} after ${String(kill.afterMs).padStart(4)} ms: ${kill.committed} decisions committed, then ${kill.inFlight ? `in flight ${kill.inFlight.actionId} L${kill.inFlight.level}` : kill.done ? "finished" : "between transactions"}`);
    }
    // Every decision of every action, not only the ones a kill hit: all parts or none.
    const { rows: actions } = await c.query<{ id: string; status: string; currentLevel: number }>(`SELECT id, status, "currentLevel" FROM "CaseAction" WHERE note = 'chaos: approval under kill -9'`);
    let recorded = 0;
    for (const a of actions) {
      for (const level of [1, 2]) {
        const d = await decisionParts(c, a.id, level);
        if (d.all) recorded++;
        else if (!d.none) problems.push(`action ${a.id} level ${level} is half-recorded: ${JSON.stringify(d.parts)}`);
      }
    }
    const { verifyAuditChain } = await import("@/lib/server/audit/verify-audit-chain");
    const db = createPrismaClient(url);
    const chain = await verifyAuditChain(db).finally(() => db.$disconnect());
    if (!chain.ok) problems.push(`audit chain broken: ${JSON.stringify(chain)}`);
    return {
      name: "Approval process SIGKILLed at random moments",
      figures: {
        iterations: opts.iterations,
        "kill delay": `uniform 0–${opts.maxKillMs} ms after the child is ready`,
        ...outcomes,
        "decisions acknowledged": decisionsCommitted,
        "decisions recorded (all parts)": recorded,
        "half-recorded decisions": problems.filter((p) => p.includes("half-recorded")).length,
        "audit chain": chain.ok ? `verifies (${chain.rows} rows)` : "BROKEN",
        seconds: ((performance.now() - started) / 1000).toFixed(1),
      },
      problems,
    };
  } finally {
    await c.end();
  }
}
