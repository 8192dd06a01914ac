/** Sales orders (whole or one line per row) and transfer orders. */
import type { RecordIssue } from "@/lib/domain/canonical/records";
import { latestByKey, lookupIds, type SqlRunner } from "@/lib/server/ingest/sql-upsert";
import { newId, unresolved, type EntityWriter } from "./types";

interface SoHeader { number: string; customerId: string; locationId: string; status: string; orderedAt: Date; externalId: string | null; version: number }
interface SoLine { salesOrderId: string; lineNo: number; itemId: string; qtyOrdered: number; qtyShipped: number; qtyAllocated: number; unitPrice: number; promisedShipDate: Date; priority: number; locationId: string | null }

async function upsertSoHeaders(db: SqlRunner, sourceSystem: string, headers: SoHeader[]): Promise<Map<string, string>> {
  const rows = latestByKey(headers, (h) => h.number, (h) => h.version);
  if (rows.length === 0) return new Map();
  const written = await db.$queryRawUnsafe<{ id: string; number: string }[]>(
    `INSERT INTO "SalesOrder" (id, number, "customerId", "locationId", status, "orderedAt", "sourceSystem", "externalId", "sourceVersion")
     SELECT u.id, u.number, u.cust, u.loc, u.status::"OrderStatus", u.ordered AT TIME ZONE 'UTC', u.sys, u.ext, u.ver
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::int8[])
       AS u(id, number, cust, loc, status, ordered, sys, ext, ver)
     ON CONFLICT (number) DO UPDATE SET "customerId" = EXCLUDED."customerId", "locationId" = EXCLUDED."locationId", status = EXCLUDED.status,
       "orderedAt" = EXCLUDED."orderedAt", "sourceSystem" = EXCLUDED."sourceSystem", "externalId" = EXCLUDED."externalId", "sourceVersion" = EXCLUDED."sourceVersion"
     WHERE "SalesOrder"."sourceVersion" <= EXCLUDED."sourceVersion"
     RETURNING id, number`,
    rows.map(() => newId()), rows.map((r) => r.number), rows.map((r) => r.customerId), rows.map((r) => r.locationId), rows.map((r) => r.status),
    rows.map((r) => r.orderedAt.toISOString()), rows.map(() => sourceSystem), rows.map((r) => r.externalId), rows.map((r) => String(r.version)),
  );
  return new Map(written.map((w) => [w.number, w.id]));
}

async function upsertSoLines(db: SqlRunner, lines: SoLine[]): Promise<number> {
  const rows = latestByKey(lines, (l) => `${l.salesOrderId}|${l.lineNo}`, () => 0);
  if (rows.length === 0) return 0;
  return db.$executeRawUnsafe(
    `INSERT INTO "SalesOrderLine" (id, "salesOrderId", "lineNo", "itemId", "qtyOrdered", "qtyShipped", "qtyAllocated", "unitPrice", "promisedShipDate", priority, "locationId")
     SELECT u.id, u.so, u.line, u.item, u.qo, u.qs, u.qa, u.price::numeric(14,2), u.promised AT TIME ZONE 'UTC', u.prio, u.loc
     FROM unnest($1::text[], $2::text[], $3::int4[], $4::text[], $5::int4[], $6::int4[], $7::int4[], $8::float8[], $9::timestamptz[], $10::int4[], $11::text[])
       AS u(id, so, line, item, qo, qs, qa, price, promised, prio, loc)
     ON CONFLICT ("salesOrderId", "lineNo") DO UPDATE SET "itemId" = EXCLUDED."itemId", "qtyOrdered" = EXCLUDED."qtyOrdered",
       "qtyShipped" = EXCLUDED."qtyShipped", "qtyAllocated" = EXCLUDED."qtyAllocated", "unitPrice" = EXCLUDED."unitPrice",
       "promisedShipDate" = EXCLUDED."promisedShipDate", priority = EXCLUDED.priority, "locationId" = EXCLUDED."locationId"`,
    rows.map(() => newId()), rows.map((r) => r.salesOrderId), rows.map((r) => r.lineNo), rows.map((r) => r.itemId),
    rows.map((r) => Math.round(r.qtyOrdered)), rows.map((r) => Math.round(r.qtyShipped)), rows.map((r) => Math.round(r.qtyAllocated)),
    rows.map((r) => r.unitPrice), rows.map((r) => r.promisedShipDate.toISOString()), rows.map((r) => r.priority), rows.map((r) => r.locationId),
  );
}

type Line = { lineNo: number; sku: string; qtyOrdered: number; qtyShipped: number; qtyAllocated: number; unitPrice: number; promisedShipDate: Date; priority: number; locationCode?: string };
type Order = { number: string; customerCode: string; locationCode: string; status: string; orderedAt: Date; lines: Line[] };

/** Shared by whole orders and one-line-per-row files: resolve, upsert headers, then lines of written headers. */
async function writeOrders(
  db: SqlRunner,
  sourceSystem: string,
  entity: "salesOrder" | "salesOrderLine",
  inputs: { order: Order; position: string; raw: unknown; version: number; externalId: string | null }[],
) {
  const issues: RecordIssue[] = [];
  const customers = await lookupIds(db, "Customer", "code", inputs.map((i) => i.order.customerCode));
  const locations = await lookupIds(db, "Location", "code", inputs.flatMap((i) => [i.order.locationCode, ...i.order.lines.flatMap((l) => (l.locationCode ? [l.locationCode] : []))]));
  const items = await lookupIds(db, "Item", "sku", inputs.flatMap((i) => i.order.lines.map((l) => l.sku)));
  const ok: (typeof inputs[number] & { customerId: string; locationId: string })[] = [];
  for (const i of inputs) {
    const customerId = customers.get(i.order.customerCode);
    const locationId = locations.get(i.order.locationCode);
    const badLine = i.order.lines.find((l) => !items.has(l.sku));
    const badLineLocation = i.order.lines.find((l) => l.locationCode && !locations.has(l.locationCode));
    const issue = (field: string, message: string) => issues.push({ entity, position: i.position, field, message, raw: i.raw });
    if (!customerId) issue("customerCode", `unknown customer '${i.order.customerCode}': import customers first or fix the code`);
    else if (!locationId) issue("locationCode", `unknown location '${i.order.locationCode}'`);
    else if (badLine) issue("sku", `unknown SKU '${badLine.sku}' on line ${badLine.lineNo}: import the item first or fix the SKU`);
    else if (badLineLocation) issue("locationCode", `unknown ship-from location '${badLineLocation.locationCode}' on line ${badLineLocation.lineNo}`);
    else ok.push({ ...i, customerId, locationId });
  }
  const written = await upsertSoHeaders(
    db,
    sourceSystem,
    ok.map((i) => ({ number: i.order.number, customerId: i.customerId, locationId: i.locationId, status: i.order.status, orderedAt: i.order.orderedAt, externalId: i.externalId, version: i.version })),
  );
  const lines: SoLine[] = [];
  for (const i of ok) {
    const soId = written.get(i.order.number);
    if (!soId) continue;
    for (const l of i.order.lines) {
      // Stored only when it differs from the order's location (a split order); null = ships from the order's DC.
      const lineLocation = l.locationCode ? locations.get(l.locationCode)! : null;
      lines.push({ ...l, salesOrderId: soId, itemId: items.get(l.sku)!, locationId: lineLocation === i.locationId ? null : lineLocation });
    }
  }
  const linesWritten = await upsertSoLines(db, lines);
  return { written: entity === "salesOrder" ? written.size : linesWritten, stale: ok.length - (entity === "salesOrder" ? written.size : lines.length), issues };
}

export const writeSalesOrders: EntityWriter<"salesOrder"> = ({ db, sourceSystem }, inputs) =>
  writeOrders(db, sourceSystem, "salesOrder", inputs.map((i) => ({ order: i.data, position: i.position, raw: i.data, version: i.version, externalId: i.externalId })));

export const writeSalesOrderLines: EntityWriter<"salesOrderLine"> = ({ db, sourceSystem }, inputs) =>
  writeOrders(
    db,
    sourceSystem,
    "salesOrderLine",
    inputs.map((i) => ({
      order: { number: i.data.soNumber, customerCode: i.data.customerCode, locationCode: i.data.locationCode, status: i.data.status, orderedAt: i.data.orderedAt, lines: [i.data] },
      position: i.position,
      raw: i.data,
      version: i.version,
      externalId: i.externalId,
    })),
  );

export const writeTransferOrders: EntityWriter<"transferOrder"> = async ({ db, sourceSystem }, inputs) => {
  const issues: RecordIssue[] = [];
  const rows = latestByKey(inputs, (i) => i.data.number, (i) => i.version);
  const locations = await lookupIds(db, "Location", "code", rows.flatMap((r) => [r.data.fromLocationCode, r.data.toLocationCode]));
  const items = await lookupIds(db, "Item", "sku", rows.flatMap((r) => r.data.lines.map((l) => l.sku)));
  let written = 0;
  for (const input of rows) {
    const from = locations.get(input.data.fromLocationCode);
    const to = locations.get(input.data.toLocationCode);
    const badLine = input.data.lines.find((l) => !items.has(l.sku));
    if (!from) { issues.push(unresolved("transferOrder", input, "fromLocationCode", `unknown location '${input.data.fromLocationCode}'`)); continue; }
    if (!to) { issues.push(unresolved("transferOrder", input, "toLocationCode", `unknown location '${input.data.toLocationCode}'`)); continue; }
    if (badLine) { issues.push(unresolved("transferOrder", input, "lines.sku", `unknown SKU '${badLine.sku}'`)); continue; }
    const d = input.data;
    const saved = await db.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "TransferOrder" (id, number, "fromLocationId", "toLocationId", status, "shippedAt", "expectedAt", "receivedAt", carrier, "sourceSystem", "externalId", "sourceVersion")
       VALUES ($1, $2, $3, $4, $5::"OrderStatus", $6::timestamptz AT TIME ZONE 'UTC', $7::timestamptz AT TIME ZONE 'UTC', $8::timestamptz AT TIME ZONE 'UTC', $9, $10, $11, $12::int8)
       ON CONFLICT (number) DO UPDATE SET status = EXCLUDED.status, "shippedAt" = EXCLUDED."shippedAt", "expectedAt" = EXCLUDED."expectedAt",
         "receivedAt" = EXCLUDED."receivedAt", carrier = EXCLUDED.carrier, "sourceSystem" = EXCLUDED."sourceSystem", "sourceVersion" = EXCLUDED."sourceVersion"
       WHERE "TransferOrder"."sourceVersion" <= EXCLUDED."sourceVersion"
       RETURNING id`,
      newId(), d.number, from, to, d.status, d.shippedAt?.toISOString() ?? null, d.expectedAt.toISOString(), d.receivedAt?.toISOString() ?? null,
      d.carrier, sourceSystem, input.externalId, String(input.version),
    );
    if (saved.length === 0) continue;
    written++;
    await db.$executeRawUnsafe(`DELETE FROM "TransferOrderLine" WHERE "transferOrderId" = $1`, saved[0].id);
    await db.$executeRawUnsafe(
      `INSERT INTO "TransferOrderLine" (id, "transferOrderId", "itemId", "qtyShipped", "qtyReceived")
       SELECT u.id, $1, u.item, u.qs, u.qr FROM unnest($2::text[], $3::text[], $4::int4[], $5::int4[]) AS u(id, item, qs, qr)`,
      saved[0].id, d.lines.map(() => newId()), d.lines.map((l) => items.get(l.sku)!), d.lines.map((l) => Math.round(l.qtyShipped)), d.lines.map((l) => Math.round(l.qtyReceived)),
    );
  }
  return { written, stale: rows.length - written - issues.length, issues };
};
