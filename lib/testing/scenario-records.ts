/**
 * Turns an in-memory scenario Snapshot (lib/domain/testing/scenarios.ts) into the canonical records an adapter would
 * emit, so integration tests can push the scenarios through the real ingestion writer and the real detection pipeline.
 * Records name each other by business keys (codes, SKUs, document numbers), exactly like adapter output.
 *
 * A few snapshot facts have no canonical field; `writeScenario` sets them with direct SQL after the writer ran (see
 * `writeDirectFields`), and `scenarioRecords` lists any fact it had to drop in `unrepresentable`, so a test can tell
 * "the pipeline lost it" from "the converter never sent it".
 */
import type { CanonicalEntity, CanonicalRecord } from "@/lib/domain/canonical/records";
import type { Snapshot, SnapshotDataSource } from "@/lib/domain/model/snapshot";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { writeCanonicalRecords, type WriteSummary } from "@/lib/server/ingest/write-canonical";

const DAY = 86_400_000;

/** Records of one source system, written with one writeCanonicalRecords call. */
export interface ScenarioBatch {
  sourceSystem: string;
  records: CanonicalRecord[];
}

/** Per item-location demand statistics: InventoryBalance columns no canonical record carries. */
export interface DemandStats {
  sku: string;
  locationCode: string;
  avgDailyDemand: number;
  demandStdDev: number;
}

export interface ScenarioRecords {
  /** The batch holding master data comes first, so later batches' references resolve. */
  batches: ScenarioBatch[];
  demand: DemandStats[];
  dataSources: SnapshotDataSource[];
  /** Snapshot facts the canonical model cannot carry (each a sentence naming the object and field). */
  unrepresentable: string[];
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return out;
}

function lookup<T>(byId: Map<string, T>, id: string, what: string): T {
  const v = byId.get(id);
  if (v === undefined) throw new Error(`scenario snapshot is inconsistent: unknown ${what} '${id}'`);
  return v;
}

/** Convert a snapshot into canonical records. `version` is the source version stamped on every record. */
export function scenarioRecords(snapshot: Snapshot, version = 1): ScenarioRecords {
  const unrepresentable: string[] = [];
  const locCode = new Map(snapshot.locations.map((l) => [l.id, l.code]));
  const supplierCode = new Map(snapshot.suppliers.map((s) => [s.id, s.code]));
  const sku = new Map(snapshot.items.map((i) => [i.id, i.sku]));
  const poLineById = new Map(snapshot.poLines.map((l) => [l.id, l]));
  const loc = (id: string) => lookup(locCode, id, "location");
  const skuOf = (id: string) => lookup(sku, id, "item");
  const poLineOf = (id: string) => lookup(poLineById, id, "PO line");

  const bySource = new Map<string, CanonicalRecord[]>();
  const primarySource = snapshot.poLines[0]?.sourceSystem ?? snapshot.balances[0]?.sourceSystem ?? "ERP";
  bySource.set(primarySource, []);
  const emit = (sourceSystem: string, entity: CanonicalEntity, key: string, data: unknown) => {
    const list = bySource.get(sourceSystem) ?? [];
    list.push({ entity, version, externalId: key, data, origin: { position: `scenario ${entity} ${key}` } });
    bySource.set(sourceSystem, list);
  };
  const master = (entity: CanonicalEntity, key: string, data: unknown) => emit(primarySource, entity, key, data);

  for (const l of snapshot.locations) master("location", l.code, { code: l.code, name: l.name, kind: l.kind });
  for (const s of snapshot.suppliers) {
    master("supplier", s.code, { code: s.code, name: s.name, leadTimeDays: s.leadTimeDays, onTimeRate: s.onTimeRate, medianLatenessDays: s.medianLatenessDays });
  }

  // Customers exist in the snapshot only through their order lines.
  for (const [customerId, lines] of groupBy(snapshot.soLines, (l) => l.customerId)) {
    const first = lines[0];
    if (lines.some((l) => l.customerTier !== first.customerTier || l.customerCreditHold !== first.customerCreditHold)) {
      unrepresentable.push(`customer ${customerId}: order lines disagree on tier / credit hold; Customer holds one value`);
    }
    master("customer", customerId, { code: customerId, name: customerId, tier: first.customerTier, creditHold: first.customerCreditHold });
  }

  for (const i of snapshot.items) {
    master("item", i.sku, {
      sku: i.sku,
      name: i.name,
      unitCost: i.unitCost,
      unitPrice: i.unitPrice,
      abcClass: i.abcClass,
      leadTimeDays: i.leadTimeDays,
      primarySupplierCode: i.primarySupplierId ? lookup(supplierCode, i.primarySupplierId, "supplier") : null,
      shelfLifeDays: i.shelfLifeDays,
      family: i.family ?? null,
    });
  }

  for (const b of snapshot.balances) {
    const key = `${skuOf(b.itemId)}@${loc(b.locationId)}`;
    emit(b.sourceSystem, "inventoryBalance", key, {
      sku: skuOf(b.itemId),
      locationCode: loc(b.locationId),
      onHand: b.onHand,
      allocated: b.allocated,
      qualityHold: b.qualityHold,
      inTransit: b.inTransit,
      safetyStock: b.safetyStock,
      maxStock: b.maxStock,
      asOf: b.sourceUpdatedAt,
    });
    if (b.lastIssueAt) emit(b.sourceSystem, "lastIssue", key, { sku: skuOf(b.itemId), locationCode: loc(b.locationId), issuedAt: b.lastIssueAt });
  }
  for (const lot of snapshot.lots) {
    const balance = snapshot.balances.find((b) => b.itemId === lot.itemId && b.locationId === lot.locationId);
    emit(balance?.sourceSystem ?? primarySource, "inventoryBalance", `${skuOf(lot.itemId)}@${loc(lot.locationId)}#${lot.lot}`, {
      sku: skuOf(lot.itemId),
      locationCode: loc(lot.locationId),
      lot: lot.lot,
      expiresAt: lot.expiresAt,
      onHand: lot.qty,
      asOf: balance?.sourceUpdatedAt ?? snapshot.asOf,
    });
  }

  for (const [, lines] of groupBy(snapshot.poLines, (l) => l.purchaseOrderId)) {
    const head = lines[0];
    if (lines.some((l) => l.ackStatus !== head.ackStatus || l.acknowledgedAt?.getTime() !== head.acknowledgedAt?.getTime())) {
      unrepresentable.push(`${head.poNumber}: lines differ in acknowledgement; PurchaseOrder.ackStatus/acknowledgedAt are per order`);
    }
    emit(head.sourceSystem, "purchaseOrder", head.poNumber, {
      number: head.poNumber,
      supplierCode: lookup(supplierCode, head.supplierId, "supplier"),
      locationCode: loc(head.locationId),
      orderedAt: head.orderedAt,
      lines: lines.map((l) => ({
        lineNo: l.lineNo,
        sku: skuOf(l.itemId),
        qtyOrdered: l.qtyOrdered,
        qtyReceived: l.qtyReceived,
        unitCost: l.unitCost,
        promisedDate: l.promisedDate,
        originalPromisedDate: l.originalPromisedDate,
      })),
    });
    if (head.ackStatus !== "NONE") {
      emit(head.sourceSystem, "supplierAcknowledgement", `ACK-${head.poNumber}`, {
        externalKey: `ACK-${head.poNumber}`,
        poNumber: head.poNumber,
        status: head.ackStatus,
        acknowledgedAt: head.acknowledgedAt ?? head.orderedAt,
        lines: lines.map((l) => ({ lineNo: l.lineNo, sku: skuOf(l.itemId), qty: l.qtyOrdered, promisedDate: l.promisedDate, status: head.ackStatus })),
      });
    }
  }

  for (const [, lines] of groupBy(snapshot.asnLines, (a) => a.asnId)) {
    const head = lines[0];
    const po = poLineOf(head.purchaseOrderLineId);
    master("asn", head.asnNumber, {
      number: head.asnNumber,
      poNumber: po.poNumber,
      shippedAt: head.shippedAt,
      eta: head.eta,
      carrier: head.carrier,
      status: head.status,
      lines: lines.map((a) => ({ poLineNo: poLineOf(a.purchaseOrderLineId).lineNo, sku: skuOf(a.itemId), qtyShipped: a.qtyShipped })),
    });
  }

  for (const [, lines] of groupBy(snapshot.receiptLines, (r) => r.receiptId)) {
    const head = lines[0];
    const po = head.purchaseOrderLineId ? poLineOf(head.purchaseOrderLineId) : null;
    master("receipt", head.receiptNumber, {
      number: head.receiptNumber,
      locationCode: loc(head.locationId),
      poNumber: po?.poNumber ?? null,
      asnNumber: head.asnNumber,
      receivedAt: head.receivedAt,
      lines: lines.map((r) => ({ poLineNo: r.purchaseOrderLineId ? poLineOf(r.purchaseOrderLineId).lineNo : null, sku: skuOf(r.itemId), qtyReceived: r.qtyReceived })),
    });
  }

  for (const [, lines] of groupBy(snapshot.soLines, (l) => l.salesOrderId)) {
    const head = lines[0];
    master("salesOrder", head.soNumber, {
      number: head.soNumber,
      customerCode: head.customerId,
      locationCode: loc(head.locationId),
      // Not in the snapshot (no rule reads it): a week before asOf.
      orderedAt: new Date(snapshot.asOf.getTime() - 7 * DAY),
      lines: lines.map((l) => ({
        lineNo: l.lineNo,
        sku: skuOf(l.itemId),
        qtyOrdered: l.qtyOrdered,
        qtyShipped: l.qtyShipped,
        qtyAllocated: l.qtyAllocated,
        unitPrice: l.unitPrice,
        promisedShipDate: l.promisedShipDate,
        priority: l.priority,
        // A line shipping from another DC than the order's (an order split across DCs) names its own location.
        ...(l.locationId !== head.locationId ? { locationCode: loc(l.locationId) } : {}),
      })),
    });
  }

  for (const [, lines] of groupBy(snapshot.transferLines, (t) => t.transferOrderId)) {
    const head = lines[0];
    master("transferOrder", head.transferNumber, {
      number: head.transferNumber,
      fromLocationCode: loc(head.fromLocationId),
      toLocationCode: loc(head.toLocationId),
      status: head.receivedAt ? "CLOSED" : "OPEN",
      shippedAt: head.shippedAt,
      expectedAt: head.expectedAt,
      receivedAt: head.receivedAt,
      carrier: head.carrier,
      lines: lines.map((t) => ({ sku: skuOf(t.itemId), qtyShipped: t.qtyShipped, qtyReceived: t.qtyReceived })),
    });
  }

  for (const c of snapshot.cycleCounts) {
    master("cycleCount", c.id, { externalKey: c.id, sku: skuOf(c.itemId), locationCode: loc(c.locationId), countedAt: c.countedAt, systemQty: c.systemQty, countedQty: c.countedQty });
  }
  for (const h of snapshot.holds) {
    master("hold", h.id, { externalKey: h.id, kind: h.kind, sku: skuOf(h.itemId), locationCode: loc(h.locationId), qty: h.qty, lot: h.lot, reason: h.reason, placedAt: h.placedAt });
  }

  return {
    batches: [...bySource.entries()].filter(([, records]) => records.length > 0).map(([sourceSystem, records]) => ({ sourceSystem, records })),
    demand: snapshot.balances.map((b) => ({ sku: skuOf(b.itemId), locationCode: loc(b.locationId), avgDailyDemand: b.avgDailyDemand, demandStdDev: b.demandStdDev })),
    dataSources: snapshot.dataSources,
    unrepresentable,
  };
}

/**
 * What the canonical model cannot carry, set directly (a real deployment computes or configures these elsewhere):
 * demand statistics (computed from order history, not sent by sources) and DataSource rows (created by an admin;
 * lastSuccessAt is set by successful syncs).
 */
export async function writeDirectFields(db: PrismaClient, converted: Pick<ScenarioRecords, "demand" | "dataSources">): Promise<void> {
  const d = converted.demand;
  if (d.length > 0) {
    await db.$executeRawUnsafe(
      `UPDATE "InventoryBalance" b SET "avgDailyDemand" = u.adu, "demandStdDev" = u.sd
       FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[]) AS u(sku, loc, adu, sd)
       JOIN "Item" i ON i.sku = u.sku JOIN "Location" l ON l.code = u.loc
       WHERE b."itemId" = i.id AND b."locationId" = l.id`,
      d.map((x) => x.sku),
      d.map((x) => x.locationCode),
      d.map((x) => x.avgDailyDemand),
      d.map((x) => x.demandStdDev),
    );
  }
  for (const s of converted.dataSources) {
    await db.dataSource.upsert({
      where: { code: s.code },
      create: { code: s.code, name: s.name, kind: "demo", slaMinutes: s.slaMinutes, lastSuccessAt: s.lastSuccessAt },
      update: { name: s.name, slaMinutes: s.slaMinutes, lastSuccessAt: s.lastSuccessAt },
    });
  }
}

export interface WrittenScenario extends ScenarioRecords {
  /** One writer summary per batch, in write order. */
  summaries: WriteSummary[];
}

/** Convert and write a scenario through the real ingestion writer, then set the fields it cannot carry. */
export async function writeScenario(db: PrismaClient, snapshot: Snapshot, version = 1): Promise<WrittenScenario> {
  const converted = scenarioRecords(snapshot, version);
  const summaries: WriteSummary[] = [];
  for (const batch of converted.batches) summaries.push(await writeCanonicalRecords(db, batch.sourceSystem, batch.records));
  await writeDirectFields(db, converted);
  return { ...converted, summaries };
}
