/**
 * The role × action matrix: every exported server action (lib/actions/*-actions.ts) and every route
 * handler (app/api/** /route.ts) is found automatically and called directly — not through the UI — as
 * each role, on a row at one of the actor's sites and on a row at a site they do not have, against a
 * clone of the seeded database. Exactly the cells the expectations table allows must succeed (and
 * change the tables they should); every other cell must be refused with FORBIDDEN / NOT_FOUND (or the
 * row skipped as not found) and change nothing at all. An export without an entry fails the test.
 */
import "@/lib/testing/next-runtime";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { hasPermission, ROLES, type Role } from "@/lib/domain/auth/permissions";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { ChangeLog, callAs, callWith, discoverActions, discoverRoutes, type Discovered } from "@/lib/testing/access-matrix/harness";
import { ACTION_EXPECTATIONS, ROUTE_EXPECTATIONS } from "@/lib/testing/access-matrix/expectations";
import type { ActionExpectation, Cell, RouteExpectation, SiteCase } from "@/lib/testing/access-matrix/types";

/** The demo user of each role; planner and supervisor have DC-ATL and DC-NJ, the others see every site. */
const ACTORS: Record<Role, string> = { planner: "usr_planner", supervisor: "usr_supervisor", finance: "usr_finance", executive: "usr_executive", admin: "usr_admin" };
const SITES: Record<SiteCase, string> = { own: "loc_dc_atl", other: "loc_dc_lax" };
const BASE = "http://localhost:3000";

let db: TestDatabase;
let prisma: PrismaClient;
let log: ChangeLog;
let fx: import("@/lib/testing/access-matrix/fixtures").Fixtures;
let loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
let NextRequest: typeof import("next/server").NextRequest;
let actions: Discovered[];
let routes: Discovered[];
/** Ciphertexts of the sources' secrets: the encrypted form must not leave the server either. */
let ciphertexts: string[] = [];
/** Everything written to the console while the matrix runs (checked for secrets). */
const logged: string[] = [];
let SECRET_PREFIX: string;

/** Why a call's result or response exposes a source secret, if it does. */
const leak = (text: string) => (text.includes(SECRET_PREFIX) ? "a source secret (plain)" : ciphertexts.find((c) => text.includes(c)) ? "a source secret (ciphertext)" : null);

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  process.env.AUTH_SECRET ??= "access-matrix-test-secret-0123456789"; // source secrets are encrypted with a key derived from it
  prisma = (await import("@/lib/server/db")).prisma;
  loadViewer = (await import("@/lib/server/auth/load-viewer")).loadViewer;
  NextRequest = (await import("next/server")).NextRequest;
  // The web process's pg-boss producer, started now so its schema exists before the change log is installed.
  const { startQueue } = await import("@/lib/server/jobs/queue");
  const g = globalThis as unknown as { workbenchQueue?: ReturnType<typeof startQueue> };
  g.workbenchQueue = startQueue(db.url, { worker: false });
  await g.workbenchQueue;
  await (await import("@/lib/server/dal/approval-policy")).loadActivePolicy(prisma); // stores policy v1 now, not inside a cell
  const locations = await prisma.location.findMany({ select: { id: true } });
  await prisma.user.create({
    data: { id: "usr_matrix_requester", email: "matrix-requester@demo.local", name: "Matrix Requester", role: "planner", sites: { create: locations.map((l) => ({ locationId: l.id })) } },
  });
  const requester = await loadViewer(prisma, "usr_matrix_requester");
  const { Fixtures } = await import("@/lib/testing/access-matrix/fixtures");
  fx = new Fixtures(prisma, requester!);
  // Every source holds a secret; the matrix checks no result, response, log line or audit row shows it.
  ({ SECRET_PREFIX } = await import("@/lib/testing/access-matrix/fixtures"));
  const { encryptSecrets } = await import("@/lib/server/ingest/secrets");
  for (const s of await prisma.dataSource.findMany({ select: { id: true } })) {
    const secretCiphertext = encryptSecrets({ apiKey: `${SECRET_PREFIX}${s.id}`, apiSecret: `${SECRET_PREFIX}${s.id}-2` });
    await prisma.dataSource.update({ where: { id: s.id }, data: { secretCiphertext } });
    ciphertexts.push(secretCiphertext);
  }
  assert.ok(leak(`x${ciphertexts[0]}x`) && leak(`${SECRET_PREFIX}1`) && !leak("nothing here"), "the leak check itself works");
  for (const level of ["log", "info", "warn", "error"] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
      original(...args);
    };
  }
  actions = await discoverActions();
  routes = await discoverRoutes();
  log = await ChangeLog.install(db.url);
});

after(async () => {
  const queue = (globalThis as unknown as { workbenchQueue?: Promise<import("pg-boss")> }).workbenchQueue;
  if (queue) await (await queue).stop({ graceful: false, wait: true }).catch(() => {});
  await log?.close();
  await prisma?.$disconnect();
  await db?.drop();
});

/** "not-found" covers rows skipped or filtered out as not found: a refusal that does not confirm the row exists. */
type Outcome = "allowed" | "forbidden" | "not-found" | { error: string };
type Expected = "allowed" | "forbidden" | "not-found";

/** What the table says: no permission → FORBIDDEN; permission but not the row's site → NOT_FOUND (existence never revealed). */
function expectedOutcome(e: { permission: string; siteScoped: boolean }, actor: Viewer, site: SiteCase): Expected {
  if (e.permission !== "signed-in" && !hasPermission(actor.role, e.permission)) return "forbidden";
  return !e.siteScoped || actor.allSites || site === "own" ? "allowed" : "not-found";
}

function classifyAction(e: ActionExpectation, value: unknown): Outcome {
  const r = value as { ok?: boolean; data?: unknown; code?: string; error?: string; fieldErrors?: unknown };
  if (!r || typeof r !== "object" || typeof r.ok !== "boolean") return { error: `not an ActionResult: ${JSON.stringify(value)}` };
  if (r.ok) {
    if (e.refusedInside?.(r.data)) return "not-found";
    if (e.succeeded && !e.succeeded(r.data)) return { error: `ok but did nothing: ${JSON.stringify(r.data)}` };
    return "allowed";
  }
  if (r.code === "FORBIDDEN") return "forbidden";
  if (r.code === "NOT_FOUND") return "not-found";
  return { error: `${r.code}: ${r.error} ${r.fieldErrors ? JSON.stringify(r.fieldErrors) : ""}` };
}

async function freshUser(id: string) {
  return prisma.user.findUniqueOrThrow({ where: { id }, select: { id: true, sessionVersion: true } });
}

type CellResult = { expected: Expected; outcome: Outcome; changed: Record<string, number>; problem: string | null };

/** Judge one cell: the outcome must match the expectation, and the database must have changed accordingly. */
function judge(expected: Expected, outcome: Outcome, changes: readonly string[], changed: Record<string, number>): string | null {
  if (typeof outcome === "object") return `error — ${outcome.error} (the sample input is wrong, or the action failed)`;
  if (expected === "allowed" && outcome !== "allowed") return `${outcome}, but the table allows it`;
  if (expected !== "allowed" && outcome === "allowed") return `SUCCEEDED, but the table refuses it (changed ${JSON.stringify(changed)})`;
  if (expected !== outcome) return `${outcome}, expected ${expected}`;
  if (outcome !== "allowed" && Object.keys(changed).length > 0) return `refused, yet it changed ${JSON.stringify(changed)}`;
  if (outcome === "allowed") {
    const missing = changes.filter((t) => !changed[t]);
    if (missing.length) return `succeeded without changing ${missing.join(", ")} (changed ${JSON.stringify(changed)})`;
  }
  return null;
}

async function runActionCell(d: Discovered, e: ActionExpectation, role: Role, site: SiteCase): Promise<CellResult> {
  const actor = (await loadViewer(prisma, ACTORS[role]))!;
  const cell: Cell = { prisma, fx, actor, site, siteId: SITES[site] };
  const input = await e.sample(cell);
  const mark = await log.mark();
  const { value } = await callAs(await freshUser(actor.id), () => (input === undefined ? d.fn() : d.fn(input)));
  const changed = await log.changedTables(mark);
  const expected = expectedOutcome(e, actor, site);
  const outcome = classifyAction(e, value);
  const exposed = leak(JSON.stringify(value) ?? "");
  return { expected, outcome, changed, problem: exposed ? `its result contains ${exposed}` : judge(expected, outcome, e.changes, changed) };
}

async function callRoute(d: Discovered, call: { url: string; init?: RequestInit; params?: Record<string, string> }): Promise<Response> {
  const headers = new Headers(call.init?.headers);
  // What a browser on the app's own origin sends with a mutation.
  if (call.init?.method && call.init.method !== "GET") headers.set("origin", BASE);
  headers.set("host", new URL(BASE).host);
  const request = new NextRequest(new URL(call.url, BASE), { method: call.init?.method, body: call.init?.body, headers });
  return (await d.fn(request, { params: Promise.resolve(call.params ?? {}) })) as Response;
}

async function runRouteCell(d: Discovered, e: Extract<RouteExpectation, { auth: "session" }>, role: Role, site: SiteCase): Promise<CellResult> {
  const actor = (await loadViewer(prisma, ACTORS[role]))!;
  const cell: Cell = { prisma, fx, actor, site, siteId: SITES[site] };
  const call = await e.request(cell);
  const mark = await log.mark();
  const { value: res } = await callAs(await freshUser(actor.id), () => callRoute(d, call));
  const exposed = leak(await res.clone().text());
  let outcome: Outcome;
  if (res.status >= 200 && res.status < 300) outcome = !e.succeeded || (await e.succeeded(res, cell)) ? "allowed" : "not-found";
  else if (res.status === 403) outcome = "forbidden";
  else if (res.status === 404) outcome = "not-found";
  else outcome = { error: `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}` };
  const changed = await log.changedTables(mark);
  const expected = expectedOutcome(e, actor, site);
  return { expected, outcome, changed, problem: exposed ? `its response contains ${exposed}` : judge(expected, outcome, e.changes, changed) };
}

function printMatrix(title: string, rows: { key: string; cells: CellResult[] }[]) {
  const header = ROLES.flatMap((r) => [`${r.slice(0, 5)}:own`, `${r.slice(0, 5)}:oth`]);
  const width = Math.max(...rows.map((r) => r.key.length), 10);
  const mark = (c: CellResult) => (c.problem ? "!!" : c.outcome === "allowed" ? "✓" : c.outcome === "forbidden" ? "✗" : "∅");
  const lines = [`${title}\n(✓ succeeded and changed what it should; ✗ FORBIDDEN, ∅ NOT_FOUND / filtered out — both changed nothing; !! differs from the table)`, `${"".padEnd(width)}  ${header.map((h) => h.padEnd(10)).join("")}`];
  for (const r of rows) lines.push(`${r.key.padEnd(width)}  ${r.cells.map((c) => mark(c).padEnd(10)).join("")}`);
  console.log(lines.join("\n"));
}

describe("role × action matrix", () => {
  test("every server action and route handler has an entry in the expectations table", () => {
    const missing = [
      ...actions.filter((a) => !ACTION_EXPECTATIONS[a.key]).map((a) => `server action ${a.key} (${a.file}): add it to lib/testing/access-matrix/expectations-*.ts with its permission, siteScoped, changes and a sample input`),
      ...routes.filter((r) => !ROUTE_EXPECTATIONS[r.key]).map((r) => `route ${r.key} (${r.file}): add it to lib/testing/access-matrix/expectations-routes.ts`),
    ];
    const stale = [
      ...Object.keys(ACTION_EXPECTATIONS).filter((k) => !actions.some((a) => a.key === k)).map((k) => `expectation for ${k}, which no lib/actions module exports any more`),
      ...Object.keys(ROUTE_EXPECTATIONS).filter((k) => !routes.some((r) => r.key === k)).map((k) => `expectation for ${k}, which no route exports any more`),
    ];
    const duplicates = actions.filter((a, i) => actions.findIndex((b) => b.key === a.key) !== i).map((a) => `two modules export ${a.key}: action names must be unique`);
    assert.deepEqual([...missing, ...stale, ...duplicates], [], "the expectations table and the code disagree");
    assert.ok(actions.length >= 40 && routes.length >= 5, `discovered ${actions.length} actions and ${routes.length} route methods`);
  });

  test("as each role, on their own site and on another: exactly the allowed cells succeed", { timeout: 600_000 }, async () => {
    const rows: { key: string; cells: CellResult[] }[] = [];
    for (const d of actions) {
      const e = ACTION_EXPECTATIONS[d.key];
      if (!e) continue; // reported by the test above
      const cells: CellResult[] = [];
      for (const role of ROLES) for (const site of ["own", "other"] as const) cells.push(await runActionCell(d, e, role, site));
      rows.push({ key: d.key, cells });
    }
    for (const d of routes) {
      const e = ROUTE_EXPECTATIONS[d.key];
      if (!e || e.auth !== "session") continue;
      const cells: CellResult[] = [];
      for (const role of ROLES) for (const site of ["own", "other"] as const) cells.push(await runRouteCell(d, e, role, site));
      rows.push({ key: d.key, cells });
    }
    printMatrix(`Access matrix: ${rows.length} actions/routes × ${ROLES.length} roles × 2 site cases = ${rows.length * ROLES.length * 2} calls`, rows);
    const problems = rows.flatMap((r) => r.cells.flatMap((c, i) => (c.problem ? [`${r.key} as ${ROLES[Math.floor(i / 2)]} (${i % 2 ? "other" : "own"} site): ${c.problem}`] : [])));
    assert.deepEqual(problems, []);
    const allowed = rows.flatMap((r) => r.cells).filter((c) => c.outcome === "allowed").length;
    const forbidden = rows.flatMap((r) => r.cells).filter((c) => c.outcome === "forbidden").length;
    const hidden = rows.flatMap((r) => r.cells).filter((c) => c.outcome === "not-found").length;
    const refused = forbidden + hidden;
    console.log(`${allowed} cells allowed, ${forbidden} forbidden, ${hidden} not found (other site): ${allowed + refused} calls, all as the table says.`);
    assert.ok(allowed > 0 && refused > 0);
    // Secrets never reach a log line or the audit log (setSecretsAction audits which names changed, not values).
    assert.deepEqual(logged.filter((l) => leak(l)), [], "no console output contains a source secret");
    const audited = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "AuditEntry" WHERE concat_ws(' ', before::text, after::text, reason) LIKE $1 OR concat_ws(' ', before::text, after::text) LIKE ANY($2::text[])`,
      `%${SECRET_PREFIX}%`,
      ciphertexts.map((c) => `%${c}%`),
    );
    assert.equal(Number(audited[0].n), 0, "no audit row contains a source secret");
    assert.ok((await prisma.auditEntry.count({ where: { action: "source.secrets_changed" } })) > 0, "secrets were changed during the matrix (the check above saw them)");
  });

  test("signed out, every action and route is refused and changes nothing", async () => {
    const problems: string[] = [];
    for (const d of actions) {
      const e = ACTION_EXPECTATIONS[d.key];
      if (!e) continue;
      const actor = (await loadViewer(prisma, "usr_admin"))!;
      const input = await e.sample({ prisma, fx, actor, site: "own", siteId: SITES.own });
      const mark = await log.mark();
      const value = (await callWith(null, () => (input === undefined ? d.fn() : d.fn(input)))).value as { ok: boolean; code?: string };
      const changed = await log.changedTables(mark);
      if (value.ok || value.code !== "UNAUTHENTICATED" || Object.keys(changed).length) problems.push(`${d.key}: ${JSON.stringify(value).slice(0, 120)} changed ${JSON.stringify(changed)}`);
    }
    for (const d of routes) {
      const e = ROUTE_EXPECTATIONS[d.key];
      if (!e || e.auth !== "session") continue;
      const actor = (await loadViewer(prisma, "usr_admin"))!;
      const call = await e.request({ prisma, fx, actor, site: "own", siteId: SITES.own });
      const mark = await log.mark();
      const res = (await callWith(null, () => callRoute(d, call))).value;
      const changed = await log.changedTables(mark);
      if (res.status !== 401 || Object.keys(changed).length) problems.push(`${d.key}: HTTP ${res.status} changed ${JSON.stringify(changed)}`);
    }
    assert.deepEqual(problems, []);
  });

  test("every route handler that changes data refuses a cross-site request (CSRF), even from an admin's session", async () => {
    const mutating = routes.filter((r) => !/^GET |^HEAD |^OPTIONS /.test(r.key) && ROUTE_EXPECTATIONS[r.key]?.auth === "session");
    assert.ok(mutating.length > 0);
    for (const d of mutating) {
      const e = ROUTE_EXPECTATIONS[d.key] as Extract<RouteExpectation, { auth: "session" }>;
      const admin = (await loadViewer(prisma, "usr_admin"))!;
      const call = await e.request({ prisma, fx, actor: admin, site: "own", siteId: SITES.own });
      for (const origin of ["https://evil.example", "null", null]) {
        const headers = new Headers(call.init?.headers);
        if (origin) headers.set("origin", origin);
        headers.set("host", new URL(BASE).host);
        const request = new NextRequest(new URL(call.url, BASE), { method: call.init?.method, body: call.init?.body, headers });
        const mark = await log.mark();
        const { value: res } = await callAs(await freshUser("usr_admin"), async () => (await d.fn(request, { params: Promise.resolve(call.params ?? {}) })) as Response);
        assert.equal(res.status, 403, `${d.key} with Origin ${origin ?? "(none)"}`);
        assert.deepEqual(await log.changedTables(mark), {}, `${d.key} with Origin ${origin ?? "(none)"} changed nothing`);
      }
    }
  });

  test("the webhook takes no session as a credential: unsigned calls are refused for every role, a signed one is accepted", async () => {
    const d = routes.find((r) => r.key === "POST /api/events");
    assert.ok(d, "POST /api/events exists");
    const { encryptSecrets } = await import("@/lib/server/ingest/secrets");
    const { signWebhook } = await import("@/lib/server/ingest/receive-webhook");
    await prisma.dataSource.create({ data: { code: "MATRIX-HOOK", name: "Matrix webhook", kind: "webhook", secretCiphertext: encryptSecrets({ signingSecret: "matrix-signing-secret" }) } });
    const body = JSON.stringify({ entity: "inventoryBalance", version: 1, data: { sku: "SKU-00001", locationCode: "DC-ATL", onHand: 1, asOf: new Date().toISOString() } });
    const ts = String(Math.floor(Date.now() / 1000));
    for (const role of ROLES) {
      const mark = await log.mark();
      const res: { value: Response } = await callAs(await freshUser(ACTORS[role]), () =>
        callRoute(d, { url: "/api/events", init: { method: "POST", headers: { "x-workbench-source": "MATRIX-HOOK", "x-workbench-timestamp": ts, "content-type": "application/json" }, body } }),
      );
      assert.equal(res.value.status, 401, `${role}'s session is not a webhook credential`);
      assert.deepEqual(await log.changedTables(mark), {}, "nothing stored");
    }
    const mark = await log.mark();
    const { value: signed } = await callWith(null, () =>
      callRoute(d, {
        url: "/api/events",
        init: { method: "POST", headers: { "x-workbench-source": "MATRIX-HOOK", "x-workbench-timestamp": ts, "x-workbench-signature": signWebhook("matrix-signing-secret", ts, body), "content-type": "application/json" }, body },
      }),
    );
    assert.equal(signed.status, 202);
    assert.ok((await log.changedTables(mark)).RawPayload, "the signed event is stored");
  });
});
