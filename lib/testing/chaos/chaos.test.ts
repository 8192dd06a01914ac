/**
 * Integration (fault injection): the core of `npm run chaos` on an embedded PostgreSQL this test owns (CHAOS_DB_PORT,
 * default WB_TEST_DB_PORT + 10), crashed in the middle of a CSV import, a pull sync and a write-back, then the approval
 * process SIGKILLed at random moments (a few iterations here; `npm run chaos` runs 40).
 */
process.env.AUTH_SECRET ??= "test-secret-for-chaos-0123456789abcdef";

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { dropDatabase, ensureDatabaseExists, migrate, startEmbeddedServer, type EmbeddedInstance } from "@/lib/cli/database";
import { startFakeErpServer, type FakeErpServer } from "@/lib/adapters/testing/fake-erp-server";
import { csvImportRestart, syncRestart, writeBackRestart, type ScenarioResult } from "./restart-scenarios";
import { approvalKill } from "./approval-kill";

const PORT = Number(process.env.CHAOS_DB_PORT ?? Number(process.env.WB_TEST_DB_PORT ?? 54339) + 10);
let cluster: EmbeddedInstance;
let erp: FakeErpServer;
const names = { chaos: `wb_chaos_t${process.pid}`, control: `wb_chaos_t${process.pid}_control` };
let urls: { chaos: string; control: string };

before(async () => {
  cluster = await startEmbeddedServer("chaos", PORT, () => undefined);
  erp = await startFakeErpServer();
  urls = { chaos: `${cluster.url}/${names.chaos}`, control: `${cluster.url}/${names.control}` };
  for (const name of Object.values(names)) await ensureDatabaseExists(cluster.url, name);
  migrate(urls.chaos, () => undefined);
  migrate(urls.control, () => undefined);
});
after(async () => {
  await erp?.close();
  for (const name of Object.values(names)) await dropDatabase(cluster.url, name).catch(() => undefined);
  await cluster?.stop();
});

const ok = (r: ScenarioResult) => assert.deepEqual(r.problems, [], `${r.name}\n${JSON.stringify(r.figures, null, 2)}`);

describe("PostgreSQL crashed mid-work; approval process killed", () => {
  it("CSV import: the crashed file is reported for replay; the replay ends with every row exactly once", async () => {
    const r = await csvImportRestart(cluster, urls);
    ok(r);
    assert.match(String(r.figures["left to replay"]), /^PurchaseOrderDetail\.csv/);
  });

  it("pull sync: the job retry resumes from the committed cursor; every record exactly once, no page stored twice", async () => {
    ok(await syncRestart(cluster, erp, urls));
  });

  it("write-back: Odoo applied it while the database was down; the sweep's resend finds the keyed move, posts nothing twice", async () => {
    const r = await writeBackRestart(cluster, erp, urls.chaos);
    ok(r);
    assert.equal(r.figures["Odoo adjustments for the action"], 1);
  });

  it("approval killed with SIGKILL at random moments: every decision fully recorded with its audit row, or absent", async () => {
    const r = await approvalKill(urls.chaos, { iterations: 4, maxKillMs: 1500 });
    ok(r);
  });
});
