/**
 * Validate adapter records with the canonical zod schemas and write them, entity by entity in dependency order, so a
 * batch that brings a supplier and its POs resolves. Invalid or unresolvable records come back as issues for quarantine;
 * nothing else in the batch is lost.
 */
import {
  ENTITY_WRITE_ORDER,
  validateRecord,
  type CanonicalEntity,
  type CanonicalRecord,
  type RecordIssue,
} from "@/lib/domain/canonical/records";
import type { SqlRunner } from "./sql-upsert";
import type { EntityWriter, WriteInput } from "./writers/types";
import { writeCustomers, writeItems, writeLocations, writeSuppliers } from "./writers/master-data";
import { writeInventoryBalances, writeLastIssues } from "./writers/inventory";
import {
  writeAsns,
  writePurchaseOrderHeaders,
  writePurchaseOrderLines,
  writePurchaseOrders,
  writeReceipts,
  writeSupplierAcknowledgements,
} from "./writers/purchasing";
import { writeSalesOrderLines, writeSalesOrders, writeTransferOrders } from "./writers/orders";
import { writeCycleCounts, writeHolds } from "./writers/warehouse";

const WRITERS: { [E in CanonicalEntity]: EntityWriter<E> } = {
  location: writeLocations,
  supplier: writeSuppliers,
  customer: writeCustomers,
  item: writeItems,
  inventoryBalance: writeInventoryBalances,
  purchaseOrderHeader: writePurchaseOrderHeaders,
  purchaseOrder: writePurchaseOrders,
  purchaseOrderLine: writePurchaseOrderLines,
  supplierAcknowledgement: writeSupplierAcknowledgements,
  asn: writeAsns,
  receipt: writeReceipts,
  salesOrder: writeSalesOrders,
  salesOrderLine: writeSalesOrderLines,
  transferOrder: writeTransferOrders,
  cycleCount: writeCycleCounts,
  hold: writeHolds,
  lastIssue: writeLastIssues,
};

export interface WriteSummary {
  read: number;
  accepted: number;
  /** Older than what is stored (out-of-order delivery): ignored, not an error. */
  stale: number;
  issues: RecordIssue[];
  /** Accepted records per entity, for the run details. */
  byEntity: Partial<Record<CanonicalEntity, number>>;
  /** Keys of what changed, so detection can re-evaluate only those. */
  touched: { skus: string[]; locationCodes: string[]; poNumbers: string[]; soNumbers: string[]; transferNumbers: string[] };
}

export async function writeCanonicalRecords(db: SqlRunner, sourceSystem: string, records: CanonicalRecord[]): Promise<WriteSummary> {
  const summary: WriteSummary = {
    read: records.length,
    accepted: 0,
    stale: 0,
    issues: [],
    byEntity: {},
    touched: { skus: [], locationCodes: [], poNumbers: [], soNumbers: [], transferNumbers: [] },
  };
  const byEntity = new Map<CanonicalEntity, WriteInput<CanonicalEntity>[]>();
  for (const record of records) {
    const validated = validateRecord(record);
    if (!validated.ok) {
      summary.issues.push(validated.issue);
      continue;
    }
    const list = byEntity.get(validated.entity) ?? [];
    list.push({ data: validated.data, version: record.version, externalId: record.externalId, position: record.origin.position });
    byEntity.set(validated.entity, list);
    collectTouched(summary.touched, validated.entity, validated.data as Record<string, unknown>);
  }
  for (const entity of ENTITY_WRITE_ORDER) {
    const inputs = byEntity.get(entity);
    if (!inputs?.length) continue;
    const writer = WRITERS[entity] as EntityWriter<CanonicalEntity>;
    const outcome = await writer({ db, sourceSystem }, inputs);
    summary.accepted += inputs.length - outcome.issues.length;
    summary.stale += outcome.stale;
    summary.issues.push(...outcome.issues);
    summary.byEntity[entity] = (summary.byEntity[entity] ?? 0) + inputs.length - outcome.issues.length;
  }
  return summary;
}

function collectTouched(t: WriteSummary["touched"], entity: CanonicalEntity, d: Record<string, unknown>) {
  const str = (v: unknown) => (typeof v === "string" ? [v] : []);
  t.skus.push(...str(d.sku));
  t.locationCodes.push(...str(d.locationCode));
  if (entity === "purchaseOrder" || entity === "purchaseOrderHeader") t.poNumbers.push(...str(d.number));
  if (entity === "purchaseOrderLine" || entity === "asn" || entity === "supplierAcknowledgement") t.poNumbers.push(...str(d.poNumber));
  if (entity === "salesOrder") t.soNumbers.push(...str(d.number));
  if (entity === "salesOrderLine") t.soNumbers.push(...str(d.soNumber));
  if (entity === "transferOrder") t.transferNumbers.push(...str(d.number));
  if (Array.isArray(d.lines)) for (const l of d.lines as Record<string, unknown>[]) t.skus.push(...str(l.sku));
}
