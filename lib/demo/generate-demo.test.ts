/** Determinism, volumes, referential integrity and planted patterns of the demo generator. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO_USERS, TABLE_ORDER, createDemoStream, generateDemoData } from "./generate-demo";
import { Rng } from "./random";

const asOf = new Date("2026-11-25T14:00:00Z");
const data = generateDemoData({ seed: 42, asOf });
const DAY = 86_400_000;

describe("random", () => {
  it("is reproducible per seed", () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const xs = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(xs, Array.from({ length: 5 }, () => b.next()));
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    assert.notDeepEqual(xs, Array.from({ length: 5 }, () => new Rng(8).next()));
  });
});

describe("generateDemoData determinism", () => {
  it("same seed and asOf give deep-equal output", () => {
    assert.deepEqual(generateDemoData({ seed: 42, asOf }), data);
  });
  it("a different seed gives different data", () => {
    const other = generateDemoData({ seed: 43, asOf });
    assert.notDeepEqual(other.items, data.items);
    assert.notDeepEqual(other.balances, data.balances);
  });
  it("derives every date from asOf", () => {
    const later = generateDemoData({ seed: 42, asOf: new Date(asOf.getTime() + DAY) });
    assert.equal(new Date(later.salesOrderLines[0].promisedShipDate).getTime() - new Date(data.salesOrderLines[0].promisedShipDate).getTime(), DAY);
  });
});

describe("volumes", () => {
  it("has the demo-scale shape", () => {
    assert.equal(data.locations.length, 7);
    assert.equal(data.locations.filter((l) => l.kind === "HUB").length, 1);
    assert.equal(data.items.length, 2000);
    assert.equal(data.suppliers.length, 60);
    assert.equal(data.customers.length, 300);
    assert.equal(data.dataSources.length, 3);
    assert.ok(data.balances.length >= 9000 && data.balances.length <= 10500, `balances ${data.balances.length}`);
    assert.ok(data.salesOrderLines.length >= 3000 && data.salesOrderLines.length <= 5000, `SO lines ${data.salesOrderLines.length}`);
    const open = new Set(data.purchaseOrders.filter((p) => p.status === "OPEN").map((p) => p.id));
    const openLines = data.purchaseOrderLines.filter((l) => open.has(l.purchaseOrderId)).length;
    assert.ok(openLines >= 1500 && openLines <= 2500, `open PO lines ${openLines}`);
    const invalid = data.items.filter((i) => i.leadTimeDays == null || i.primarySupplierId == null).length;
    assert.ok(invalid >= 10 && invalid <= 30, `invalid items ${invalid}`);
    const abc = (c: string) => data.items.filter((i) => i.abcClass === c).length;
    assert.deepEqual([abc("A"), abc("B"), abc("C")], [400, 600, 1000]);
  });
  it("prices carry a 15–45% margin", () => {
    for (const i of data.items) {
      const m = 1 - Number(i.unitCost) / Number(i.unitPrice);
      assert.ok(m > 0.14 && m < 0.46, `${i.sku} margin ${m}`);
    }
  });
});

describe("referential integrity", () => {
  const ids = (rows: { id?: string }[]) => new Set(rows.map((r) => r.id!));
  const loc = ids(data.locations);
  const item = ids(data.items);
  const sup = ids(data.suppliers);
  const cus = ids(data.customers);
  const po = ids(data.purchaseOrders);
  const pol = ids(data.purchaseOrderLines);
  const asn = ids(data.asns);
  const so = ids(data.salesOrders);
  const to = ids(data.transferOrders);
  const rc = ids(data.receipts);
  const has = (set: Set<string>, id: string | null | undefined, what: string) => assert.ok(id == null || set.has(id), `${what} ${id} missing`);

  it("ids are unique per table", () => {
    for (const t of TABLE_ORDER) {
      const rows = data[t] as { id?: string }[];
      assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, t);
    }
    assert.equal(new Set(data.balances.map((b) => `${b.itemId}|${b.locationId}`)).size, data.balances.length);
    assert.equal(new Set(data.purchaseOrders.map((p) => p.number)).size, data.purchaseOrders.length);
    assert.equal(new Set(data.salesOrders.map((p) => p.number)).size, data.salesOrders.length);
  });
  it("every foreign key resolves", () => {
    data.items.forEach((r) => has(sup, r.primarySupplierId, "supplier"));
    data.balances.forEach((r) => (has(item, r.itemId, "item"), has(loc, r.locationId, "location")));
    data.purchaseOrders.forEach((r) => (has(sup, r.supplierId, "supplier"), has(loc, r.locationId, "location")));
    data.purchaseOrderLines.forEach((r) => (has(po, r.purchaseOrderId, "po"), has(item, r.itemId, "item")));
    data.asns.forEach((r) => (has(po, r.purchaseOrderId, "po"), has(sup, r.supplierId, "supplier"), has(loc, r.locationId, "location")));
    data.asnLines.forEach((r) => (has(asn, r.asnId, "asn"), has(pol, r.purchaseOrderLineId, "po line"), has(item, r.itemId, "item")));
    data.receipts.forEach((r) => (has(loc, r.locationId, "location"), has(po, r.purchaseOrderId, "po"), has(asn, r.asnId, "asn")));
    data.receiptLines.forEach((r) => (has(rc, r.receiptId, "receipt"), has(pol, r.purchaseOrderLineId, "po line"), has(item, r.itemId, "item")));
    data.salesOrders.forEach((r) => (has(cus, r.customerId, "customer"), has(loc, r.locationId, "location")));
    data.salesOrderLines.forEach((r) => (has(so, r.salesOrderId, "so"), has(item, r.itemId, "item")));
    data.transferOrders.forEach((r) => (has(loc, r.fromLocationId, "from"), has(loc, r.toLocationId, "to")));
    data.transferOrderLines.forEach((r) => (has(to, r.transferOrderId, "transfer"), has(item, r.itemId, "item")));
    data.cycleCounts.forEach((r) => (has(item, r.itemId, "item"), has(loc, r.locationId, "location")));
    data.holds.forEach((r) => (has(item, r.itemId, "item"), has(loc, r.locationId, "location")));
    const codes = new Set(data.locations.map((l) => l.code));
    DEMO_USERS.forEach((u) => u.siteCodes.forEach((c) => assert.ok(codes.has(c), c)));
  });
  it("documents only reference stocked item-locations", () => {
    const stocked = new Set(data.balances.map((b) => `${b.itemId}|${b.locationId}`));
    const soLoc = new Map(data.salesOrders.map((s) => [s.id!, s.locationId]));
    const poLoc = new Map(data.purchaseOrders.map((p) => [p.id!, p.locationId]));
    data.salesOrderLines.forEach((l) => assert.ok(stocked.has(`${l.itemId}|${soLoc.get(l.salesOrderId)}`), l.id));
    data.purchaseOrderLines.forEach((l) => assert.ok(stocked.has(`${l.itemId}|${poLoc.get(l.purchaseOrderId)}`), l.id));
  });
});

describe("planted patterns", () => {
  const locByCode = new Map(data.locations.map((l) => [l.code, l.id!]));
  const poById = new Map(data.purchaseOrders.map((p) => [p.id!, p]));
  const soById = new Map(data.salesOrders.map((s) => [s.id!, s]));
  const tierOf = new Map(data.customers.map((c) => [c.id!, c.tier]));
  const asnPoLines = new Set(data.asnLines.map((a) => a.purchaseOrderLineId));

  /** PO lines whose ship date (promise − 3 d) + 1 d grace has passed with no ASN, at a site. */
  function noAsnChains(code: string) {
    const locationId = locByCode.get(code);
    return data.purchaseOrderLines.filter((l) => {
      const h = poById.get(l.purchaseOrderId)!;
      if (h.locationId !== locationId || h.status !== "OPEN" || asnPoLines.has(l.id!)) return false;
      if (new Date(l.promisedDate).getTime() - 3 * DAY + DAY >= asOf.getTime()) return false;
      return data.salesOrderLines.some((s) => {
        const so = soById.get(s.salesOrderId)!;
        return so.locationId === locationId && s.itemId === l.itemId && tierOf.get(so.customerId) === "STRATEGIC" && s.qtyOrdered > (s.qtyShipped ?? 0);
      });
    });
  }

  it("DC-ATL has ≥ 3 PO_NO_ASN lines with a strategic customer's open SO on the same item-location", () => {
    assert.ok(noAsnChains("DC-ATL").length >= 3, `ATL chains ${noAsnChains("DC-ATL").length}`);
    assert.ok(noAsnChains("DC-NJ").length >= 2);
    assert.ok(noAsnChains("DC-LAX").length >= 2);
  });
  it("planner sites carry several pattern types", () => {
    for (const code of ["DC-ATL", "DC-NJ", "DC-LAX"]) {
      const types = new Set(data.planted.filter((p) => p.siteCode === code).map((p) => p.type));
      assert.ok(types.size >= 5, `${code}: ${[...types]}`);
    }
  });
  it("only erpnext-west is stale and only DC-SEA reports through it", () => {
    const stale = data.dataSources.filter((s) => asOf.getTime() - new Date(s.lastSuccessAt!).getTime() > (s.slaMinutes ?? 240) * 60_000);
    assert.deepEqual(stale.map((s) => s.code), ["erpnext-west"]);
    const sites = new Set(data.balances.filter((b) => b.sourceSystem === "erpnext-west").map((b) => b.locationId));
    assert.deepEqual([...sites], [locByCode.get("DC-SEA")]);
  });
  it("negative on-hand, overdue ASNs, aged transfers and count variances are present", () => {
    assert.ok(data.balances.filter((b) => b.onHand < 0).length >= 4);
    assert.ok(data.asns.filter((a) => a.status === "IN_TRANSIT" && new Date(a.eta).getTime() + DAY < asOf.getTime()).length >= 5);
    assert.ok(data.transferOrders.filter((t) => t.status === "OPEN" && !t.receivedAt && new Date(t.expectedAt).getTime() + 2 * DAY < asOf.getTime()).length >= 4);
    const abc = new Map(data.items.map((i) => [i.id!, i.abcClass]));
    const tol: Record<string, number> = { A: 0.01, B: 0.03, C: 0.05 };
    const off = data.cycleCounts.filter((c) => Math.abs(c.countedQty - c.systemQty) / c.systemQty > tol[abc.get(c.itemId)!]);
    assert.equal(off.length, data.planted.filter((p) => p.type === "CYCLE_COUNT_VARIANCE").length);
  });
  it("background POs are acknowledged within 2 days and never past due", () => {
    const planted = new Set(data.planted.flatMap((p) => (typeof p.refs.poLine === "string" ? [p.refs.poLine] : [])));
    for (const l of data.purchaseOrderLines) {
      const h = poById.get(l.purchaseOrderId)!;
      if (h.status !== "OPEN" || planted.has(l.id!)) continue;
      assert.ok(h.acknowledgedAt || asOf.getTime() - new Date(h.orderedAt).getTime() < 2 * DAY, `${h.number} unacknowledged`);
      assert.ok(new Date(l.promisedDate).getTime() > asOf.getTime(), `${h.number} past due`);
      assert.ok(asnPoLines.has(l.id!) || new Date(l.promisedDate).getTime() - 2 * DAY >= asOf.getTime(), `${h.number} lacks ASN`);
    }
  });
});

describe("bench scale", () => {
  it("streams ~100k item-locations, ~1M SO lines and ~200k open PO lines in bounded batches", () => {
    const counts: Record<string, number> = {};
    for (const b of createDemoStream({ seed: 42, asOf, scale: "bench" }).batches) {
      assert.ok(b.rows.length <= 5000);
      counts[b.table] = (counts[b.table] ?? 0) + b.rows.length;
    }
    assert.ok(counts.balances >= 95_000 && counts.balances <= 105_000, `balances ${counts.balances}`);
    assert.ok(counts.salesOrderLines >= 950_000 && counts.salesOrderLines <= 1_100_000, `SO lines ${counts.salesOrderLines}`);
    assert.ok(counts.purchaseOrderLines >= 200_000 && counts.purchaseOrderLines <= 300_000, `PO lines ${counts.purchaseOrderLines}`);
  });
});
