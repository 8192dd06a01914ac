/**
 * Integration: the six detection scenarios (lib/domain/testing/scenarios.ts) pushed through the real ingestion writer
 * (canonical records → writeCanonicalRecords) into an empty database, then the real pipeline (load → detect → persist).
 * Each scenario must produce, read back from Case / Exception, what the in-memory domain tests
 * (lib/domain/detect/scenarios.test.ts) expect; a re-run must change nothing; clearing the condition in the source
 * (a newer record version) must auto-resolve the case with a timeline event.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Snapshot } from "@/lib/domain/model/snapshot";
import type { Recommendation } from "@/lib/domain/model/case-draft";
import type { CanonicalEntity } from "@/lib/domain/canonical/records";
import { runDetection } from "@/lib/domain/detect/run-detection";
import { AS_OF } from "@/lib/domain/testing/fixtures";
import {
  carrierLaneScenario,
  compositeOrderScenario,
  receivingVarianceScenario,
  repeatCycleCountsScenario,
  shortReceiptScenario,
  weatherSpikeScenario,
} from "@/lib/domain/testing/scenarios";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { scenarioRecords, writeScenario, type WrittenScenario } from "@/lib/testing/scenario-records";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { writeCanonicalRecords } from "@/lib/server/ingest/write-canonical";
import { runDetectionPipeline, type DetectionRunSummary } from "@/lib/server/pipeline/run-detection";

const DAY = 86_400_000;

type Explanation = { total: number; vector: Record<string, unknown> };

/** One scenario in its own database, written and detected once. */
interface ScenarioDb {
  snapshot: Snapshot;
  prisma: PrismaClient;
  written: WrittenScenario;
  first: DetectionRunSummary;
  /** Domain id (e.g. "POL-7001-1", "L-DAL") → database id of the same object. */
  id: (domainId: string) => string;
  /** Domain cause key (e.g. "lane:L-ATL>L-DAL:XPO") → the database cause key. */
  key: (domainKey: string) => string;
  openCases: () => Promise<Awaited<ReturnType<typeof loadCases>>>;
  close: () => Promise<void>;
}

function loadCases(prisma: PrismaClient, where: { status?: { not: "RESOLVED" } } = { status: { not: "RESOLVED" } }) {
  return prisma.case.findMany({ where, include: { exceptions: { orderBy: { chainOrder: "asc" } }, events: true }, orderBy: { causeKey: "asc" } });
}

/** Map every snapshot id to the database id of the object with the same business key. */
async function idMap(prisma: PrismaClient, s: Snapshot): Promise<Map<string, string>> {
  const [locations, items, suppliers, poLines, soLines, transfers, counts] = await Promise.all([
    prisma.location.findMany(),
    prisma.item.findMany(),
    prisma.supplier.findMany(),
    prisma.purchaseOrderLine.findMany({ include: { purchaseOrder: true } }),
    prisma.salesOrderLine.findMany({ include: { salesOrder: true } }),
    prisma.transferOrder.findMany({ include: { lines: true } }),
    prisma.cycleCount.findMany(),
  ]);
  const m = new Map<string, string>();
  const put = (domainId: string, dbId: string | undefined) => {
    if (dbId) m.set(domainId, dbId);
  };
  for (const l of s.locations) put(l.id, locations.find((x) => x.code === l.code)?.id);
  for (const i of s.items) put(i.id, items.find((x) => x.sku === i.sku)?.id);
  for (const x of s.suppliers) put(x.id, suppliers.find((y) => y.code === x.code)?.id);
  for (const l of s.poLines) {
    const row = poLines.find((x) => x.purchaseOrder.number === l.poNumber && x.lineNo === l.lineNo);
    put(l.id, row?.id);
    put(l.purchaseOrderId, row?.purchaseOrderId);
  }
  for (const l of s.soLines) {
    const row = soLines.find((x) => x.salesOrder.number === l.soNumber && x.lineNo === l.lineNo);
    put(l.id, row?.id);
    put(l.salesOrderId, row?.salesOrderId);
  }
  for (const t of s.transferLines) {
    const order = transfers.find((x) => x.number === t.transferNumber);
    put(t.transferOrderId, order?.id);
    put(t.id, order?.lines.find((x) => x.itemId === m.get(t.itemId))?.id);
  }
  for (const c of s.cycleCounts) put(c.id, counts.find((x) => x.externalKey === c.id)?.id);
  return m;
}

async function setUp(build: (asOf?: Date) => Snapshot): Promise<ScenarioDb> {
  const db: TestDatabase = await createTestDatabase("empty");
  const prisma = createPrismaClient(db.url);
  const snapshot = build(AS_OF);
  const written = await writeScenario(prisma, snapshot);
  const first = await runDetectionPipeline(prisma, AS_OF);
  const ids = await idMap(prisma, snapshot);
  const id = (domainId: string) => {
    const v = ids.get(domainId);
    assert.ok(v, `no database row for scenario object ${domainId}`);
    return v;
  };
  return {
    snapshot,
    prisma,
    written,
    first,
    id,
    key: (domainKey) => domainKey.replace(/[^:>]+/g, (token) => ids.get(token) ?? token),
    openCases: () => loadCases(prisma),
    close: async () => {
      await prisma.$disconnect();
      await db.drop();
    },
  };
}

/** Canonical records of one entity from a (changed) snapshot, at a newer source version. */
function recordsOf(snapshot: Snapshot, entity: CanonicalEntity, version: number) {
  return scenarioRecords(snapshot, version).batches.flatMap((b) => b.records.filter((r) => r.entity === entity));
}

const types = (c: { exceptions: { type: string }[] }) => c.exceptions.map((e) => e.type);
const recommendations = (c: { recommendations: unknown }) => c.recommendations as Recommendation[];

function byKey<C extends { causeKey: string }>(cases: C[], key: string): C {
  const c = cases.find((x) => x.causeKey === key);
  assert.ok(c, `no open case ${key} in ${cases.map((x) => x.causeKey).join(", ")}`);
  return c;
}

/** Checks every scenario shares: clean write, one case per cause, explained score, DETECTED event, same cases as in memory. */
function commonChecks(get: () => ScenarioDb) {
  it("writes every record through the canonical writer without issues or loss", () => {
    const { written } = get();
    assert.deepEqual(written.unrepresentable, [], "facts the canonical model cannot carry");
    for (const s of written.summaries) {
      assert.deepEqual(s.issues, []);
      assert.equal(s.stale, 0);
      assert.equal(s.accepted, s.read);
    }
  });

  it("stores explained, summarised cases: one open case per cause, score > 0 = explanation total, DETECTED event", async () => {
    const cases = await get().openCases();
    assert.ok(cases.length > 0);
    assert.equal(new Set(cases.map((c) => c.causeKey)).size, cases.length, "one open case per cause");
    for (const c of cases) {
      assert.ok(c.summary.trim().length > 0, `${c.causeKey} has a summary`);
      assert.ok(c.score > 0, `${c.causeKey} score ${c.score}`);
      assert.equal((c.explanation as Explanation).total, c.score);
      assert.equal(c.primaryType, c.exceptions[0].type, "the primary type is the root of the chain");
      assert.ok(c.events.some((e) => e.type === "DETECTED"));
    }
  });

  it("forms the same cases, chains, scores and recommendations as in-memory detection on the snapshot", async () => {
    const s = get();
    const drafts = runDetection(s.snapshot);
    const cases = await s.openCases();
    assert.deepEqual(cases.map((c) => c.causeKey).sort(), drafts.map((d) => s.key(d.causeKey)).sort());
    for (const d of drafts) {
      const c = byKey(cases, s.key(d.causeKey));
      assert.equal(c.title, d.title);
      assert.deepEqual(types(c), d.findings.map((f) => f.type), `${d.causeKey} chain`);
      assert.ok(Math.abs(c.score - d.score.total) <= 1e-6 * Math.max(1, d.score.total), `${d.causeKey} score ${c.score} vs ${d.score.total}`);
      assert.deepEqual(recommendations(c).map((r) => r.code), d.recommendations.map((r) => r.code), `${d.causeKey} recommendations`);
    }
  });

  it("re-running detection duplicates nothing: same case ids and exceptions, nothing created or resolved", async () => {
    const s = get();
    const casesBefore = await s.openCases();
    const exceptionIds = (await s.prisma.exception.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((e) => e.id);
    const again = await runDetectionPipeline(s.prisma, AS_OF);
    assert.equal(again.created, 0);
    assert.equal(again.autoResolved, 0);
    assert.equal(again.rescored + again.unchanged, again.cases);
    assert.equal(again.cases, s.first.cases);
    const casesAfter = await s.openCases();
    assert.deepEqual(casesAfter.map((c) => c.id), casesBefore.map((c) => c.id));
    assert.deepEqual((await s.prisma.exception.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((e) => e.id), exceptionIds);
    assert.equal(await s.prisma.case.count(), casesBefore.length);
  });
}

/** Resolution by detection: RESOLVED, CONDITION_CLEARED, exceptions cleared, a RESOLVED timeline event. */
async function assertAutoResolved(prisma: PrismaClient, caseId: string) {
  const c = await prisma.case.findUniqueOrThrow({ where: { id: caseId }, include: { events: true, exceptions: true } });
  assert.equal(c.status, "RESOLVED");
  assert.equal(c.resolutionReason, "CONDITION_CLEARED");
  assert.ok(c.exceptions.every((e) => e.clearedAt !== null));
  assert.ok(c.events.some((e) => e.type === "RESOLVED" && (e.data as { reason?: string }).reason === "CONDITION_CLEARED"));
}

describe("scenario a: 92% inbound receipt threatens priority orders, surplus at DC-DAL", () => {
  let s: ScenarioDb;
  before(async () => (s = await setUp(shortReceiptScenario)));
  after(() => s.close());
  commonChecks(() => s);

  it("one case on the PO line, rooted in the receipt variance, holding the shortage and the at-risk KEY order", async () => {
    const cases = await s.openCases();
    const c = byKey(cases, `poline:${s.id("POL-7001-1")}`);
    assert.equal(c.primaryType, "RECEIPT_QTY_VARIANCE");
    assert.deepEqual(types(c), ["RECEIPT_QTY_VARIANCE", "STOCKOUT_DESPITE_INBOUND", "CUSTOMER_ORDER_AT_RISK"]);
    assert.equal((c.exceptions[0].evidence as { receivedPct: number }).receivedPct, 0.92);
    assert.deepEqual((c.exceptions[2].evidence as { soNumbers: string[] }).soNumbers, ["SO-8012"]);
    const vector = (c.explanation as Explanation).vector;
    assert.equal(vector.Q_short, 700);
    assert.equal(vector.shortage_date, "2026-11-28");
    // No other case carries the ATL pump shortage.
    const atl = s.id("L-ATL");
    const pump = s.id("I-PUMP");
    assert.equal(cases.filter((x) => x.exceptions.some((e) => e.type === "STOCKOUT_DESPITE_INBOUND" && e.siteId === atl && e.itemId === pump)).length, 1);
    assert.ok(!cases.some((x) => types(x).includes("PO_PAST_DUE")), "the 80 units the dock never saw are not late supply");
  });

  it("recommends a transfer of 700 from DC-DAL first", async () => {
    const top = recommendations(byKey(await s.openCases(), `poline:${s.id("POL-7001-1")}`))[0];
    assert.equal(top.code, "TRANSFER_FROM_SURPLUS");
    assert.equal(top.actionType, "TRANSFER");
    assert.deepEqual(top.payload, { quantity: 700, fromLocationId: s.id("L-DAL") });
    assert.equal(top.impact.unitsRecovered, 700);
  });
});

describe("scenario b: transfers shipped, not received, clustered on one carrier lane", () => {
  let s: ScenarioDb;
  before(async () => (s = await setUp(carrierLaneScenario)));
  after(() => s.close());
  commonChecks(() => s);

  it("one lane case for ATL→DAL/XPO with the three aged and the short transfer; FEDEX alone; the on-time one ignored", async () => {
    const cases = await s.openCases();
    const lane = byKey(cases, `lane:${s.id("L-ATL")}>${s.id("L-DAL")}:XPO`);
    assert.deepEqual(types(lane).sort(), ["TRANSFER_IN_TRANSIT_AGED", "TRANSFER_IN_TRANSIT_AGED", "TRANSFER_IN_TRANSIT_AGED", "TRANSFER_RECEIPT_VARIANCE"]);
    assert.deepEqual(lane.exceptions.map((e) => (e.evidence as { transferNumber: string }).transferNumber).sort(), ["TO-5001", "TO-5002", "TO-5003", "TO-5004"]);
    assert.equal(lane.title, "Carrier XPO lane DC-ATL → DC-DAL: 4 transfers late or short");
    assert.equal(recommendations(lane)[0].code, "TRACE_CARRIER");
    const fedex = byKey(cases, `transfer:${s.id("TO-5009")}:${s.id("I-BRG-50")}`);
    assert.deepEqual(types(fedex), ["TRANSFER_IN_TRANSIT_AGED"]);
    assert.equal((fedex.exceptions[0].evidence as { carrier: string }).carrier, "FEDEX");
    assert.ok(!cases.some((c) => c.exceptions.some((e) => (e.evidence as { transferNumber?: string }).transferNumber === "TO-5010")));
    assert.equal(cases.length, 2);
  });

  it("receiving the transfers in full (newer source version) auto-resolves both cases", async () => {
    const cases = await s.openCases();
    const received: Snapshot = {
      ...s.snapshot,
      transferLines: s.snapshot.transferLines.map((t) => (t.transferNumber === "TO-5010" ? t : { ...t, qtyReceived: t.qtyShipped, receivedAt: new Date(AS_OF.getTime() - DAY) })),
    };
    const update = await writeCanonicalRecords(s.prisma, "ERP", recordsOf(received, "transferOrder", 2));
    assert.deepEqual(update.issues, []);
    assert.equal(update.stale, 0);
    const run = await runDetectionPipeline(s.prisma, AS_OF);
    assert.equal(run.autoResolved, 2);
    assert.equal(run.created, 0);
    for (const c of cases) await assertAutoResolved(s.prisma, c.id);
    assert.equal((await s.openCases()).length, 0);
  });
});

describe("scenario c: one priority order split over two DCs, a delayed inbound and a credit hold", () => {
  let s: ScenarioDb;
  before(async () => (s = await setUp(compositeOrderScenario)));
  after(() => s.close());
  commonChecks(() => s);

  it("forms ONE composite case for SO-9100 with the slip, the credit hold and both sites' shortages", async () => {
    const cases = await s.openCases();
    const withOrder = cases.filter((c) => c.exceptions.some((e) => JSON.stringify(e.evidence).includes("SO-9100")));
    assert.equal(withOrder.length, 1);
    const c = withOrder[0];
    assert.equal(c.causeKey, `so:${s.id("SO-9100")}`);
    for (const t of ["SUPPLIER_PROMISE_SLIP", "CREDIT_HOLD_BLOCKING", "CUSTOMER_ORDER_AT_RISK", "STOCKOUT_DESPITE_INBOUND"]) assert.ok(types(c).includes(t), t);
    assert.deepEqual([...new Set(c.exceptions.map((e) => e.siteId))].sort(), [s.id("L-ATL"), s.id("L-DAL")].sort());
    assert.equal(c.primaryType, "SUPPLIER_PROMISE_SLIP");
    assert.match(c.title, /^SO-9100 \(STRATEGIC\) blocked at DC-ATL \+ DC-DAL: credit hold \+ PO-7100 promise slipped/);
    assert.equal(cases.length, 1);
  });

  it("the credit hold names the 150 reserved units and recommends releasing them", async () => {
    const c = byKey(await s.openCases(), `so:${s.id("SO-9100")}`);
    const credit = c.exceptions.find((e) => e.type === "CREDIT_HOLD_BLOCKING");
    assert.equal((credit?.evidence as { blockingAllocatedUnits?: number } | undefined)?.blockingAllocatedUnits, 150);
    const recs = recommendations(c);
    assert.ok(recs.some((r) => r.code === "RELEASE_CREDIT_RESERVATION" && r.actionType === "REALLOCATE" && r.payload?.quantity === 150));
    assert.ok(recs.some((r) => r.code === "ESCALATE_CREDIT_HOLD" && r.actionType === null));
  });
});

describe("scenario d: weather-driven demand spike on one maintenance-parts family at one site", () => {
  let s: ScenarioDb;
  before(async () => (s = await setUp(weatherSpikeScenario)));
  after(() => s.close());
  commonChecks(() => s);

  it("stores the item family the source sent", async () => {
    const items = await s.prisma.item.findMany({ orderBy: { sku: "asc" } });
    assert.deepEqual(items.map((i) => [i.sku, i.family]), [["FLT-100", "MAINT-FILTERS"], ["FLT-200", "MAINT-FILTERS"], ["FLT-300", "MAINT-FILTERS"], ["PUMP-900", "PUMPS"]]);
  });

  it("an item update from a source without families keeps the stored family; an explicit null clears it", async () => {
    const [flt100, pump] = recordsOf(s.snapshot, "item", 2).filter((r) => ["FLT-100", "PUMP-900"].includes((r.data as { sku: string }).sku));
    const withoutFamily: Record<string, unknown> = { ...(flt100.data as object) };
    delete withoutFamily.family;
    const update = await writeCanonicalRecords(s.prisma, "ERP", [
      { ...flt100, data: { ...withoutFamily, name: "HVAC filter 100 (renamed)" } },
      { ...pump, data: { ...(pump.data as object), family: null } },
    ]);
    assert.deepEqual(update.issues, []);
    const flt = await s.prisma.item.findUniqueOrThrow({ where: { sku: "FLT-100" } });
    assert.equal(flt.name, "HVAC filter 100 (renamed)");
    assert.equal(flt.family, "MAINT-FILTERS");
    assert.equal((await s.prisma.item.findUniqueOrThrow({ where: { sku: "PUMP-900" } })).family, null);
    // Restore, so the detection checks below see the scenario's families again.
    await writeCanonicalRecords(s.prisma, "ERP", recordsOf(s.snapshot, "item", 3));
    assert.equal((await s.prisma.item.findUniqueOrThrow({ where: { sku: "PUMP-900" } })).family, "PUMPS");
  });

  it("groups the three filter SKUs' spikes and shortages into one family case; transfer from DC-DAL first", async () => {
    const cases = await s.openCases();
    const c = byKey(cases, `spike:MAINT-FILTERS:${s.id("L-CHI")}`);
    assert.equal(c.exceptions.filter((e) => e.type === "DEMAND_SPIKE").length, 3);
    assert.deepEqual([...new Set(c.exceptions.map((e) => e.itemId))].sort(), ["I-FLT-100", "I-FLT-200", "I-FLT-300"].map(s.id).sort());
    assert.ok(types(c).includes("CUSTOMER_ORDER_AT_RISK"));
    assert.match(c.title, /^Demand spike on 3 MAINT-FILTERS SKUs at DC-CHI/);
    const top = recommendations(c)[0];
    assert.equal(top.code, "TRANSFER_FROM_SURPLUS");
    assert.equal(top.payload?.fromLocationId, s.id("L-DAL"));
  });

  it("keeps the unrelated pump spike in its own item-location case", async () => {
    const pump = (await s.openCases()).find((c) => c.exceptions.some((e) => e.itemId === s.id("I-PUMP-9")));
    assert.equal(pump?.causeKey, `itemloc:${s.id("I-PUMP-9")}:${s.id("L-CHI")}`);
  });
});

describe("scenario e: receiving variance above tolerance", () => {
  let s: ScenarioDb;
  before(async () => (s = await setUp(receivingVarianceScenario)));
  after(() => s.close());
  commonChecks(() => s);

  it("flags the 88% receipt on PO-7300 and not the 98% one; claim first", async () => {
    const cases = await s.openCases();
    assert.deepEqual(cases.map((c) => c.causeKey), [`poline:${s.id("POL-7300-1")}`]);
    const [c] = cases;
    assert.equal(c.primaryType, "RECEIPT_QTY_VARIANCE");
    assert.equal((c.exceptions[0].evidence as { delta: number }).delta, -60);
    assert.equal(c.exceptions[0].exposure, 360);
    assert.equal(recommendations(c)[0].code, "CLAIM_SHORT_RECEIPT");
  });

  it("a corrected receipt (the missing 60 found, newer version) auto-resolves the case", async () => {
    const [c] = await s.openCases();
    const corrected: Snapshot = {
      ...s.snapshot,
      receiptLines: s.snapshot.receiptLines.map((r) => (r.receiptNumber === "REC-6300" ? { ...r, qtyReceived: 500 } : r)),
    };
    const update = await writeCanonicalRecords(s.prisma, "ERP", recordsOf(corrected, "receipt", 2));
    assert.deepEqual(update.issues, []);
    const line = await s.prisma.purchaseOrderLine.findUniqueOrThrow({ where: { id: s.id("POL-7300-1") } });
    assert.equal(line.qtyReceived, 500, "the PO line follows its receipts");
    const run = await runDetectionPipeline(s.prisma, AS_OF);
    assert.equal(run.autoResolved, 1);
    assert.equal(run.created, 0);
    await assertAutoResolved(s.prisma, c.id);
    assert.equal((await s.openCases()).length, 0);
  });
});

describe("scenario f: repeated cycle-count variances in a high-volume pick face", () => {
  let s: ScenarioDb;
  before(async () => (s = await setUp(repeatCycleCountsScenario)));
  after(() => s.close());
  commonChecks(() => s);

  it("one case for TAPE-48 at DC-ATL with all four counts and their history; recount first", async () => {
    const cases = await s.openCases();
    assert.deepEqual(cases.map((c) => c.causeKey), [`itemloc:${s.id("I-TAPE")}:${s.id("L-ATL")}`]);
    const [c] = cases;
    assert.deepEqual(types(c), ["CYCLE_COUNT_VARIANCE", "CYCLE_COUNT_VARIANCE", "CYCLE_COUNT_VARIANCE", "CYCLE_COUNT_VARIANCE"]);
    assert.equal((c.exceptions[3].evidence as { countHistory: unknown[] }).countHistory.length, 4);
    const top = recommendations(c)[0];
    assert.equal(top.code, "RECOUNT");
    assert.equal(top.payload?.quantity, 90 + 60 + 110 + 60);
  });

  it("the WMS balances keep their source system (freshness is judged per feed)", async () => {
    const balances = await s.prisma.inventoryBalance.findMany();
    assert.equal(balances.length, 2);
    assert.ok(balances.every((b) => b.sourceSystem === "WMS"));
  });
});
