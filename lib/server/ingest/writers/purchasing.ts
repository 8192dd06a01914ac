/**
 * Purchasing writers: purchase orders (whole, header-only, or one line per row), supplier acknowledgements, ASNs and
 * receipts. Lines follow their header: when the header update is stale (older source version) its lines are skipped.
 */
import type { RecordIssue } from "@/lib/domain/canonical/records";
import { latestByKey, lookupIds, type SqlRunner } from "@/lib/server/ingest/sql-upsert";
import { pgSafeJson } from "@/lib/server/ingest/pg-safe";
import { newId, unresolved, type EntityWriter, type WriteInput } from "./types";

interface HeaderRow {
  number: string;
  supplierId: string;
  locationId: string;
  status: string;
  orderedAt: Date;
  externalId: string | null;
  version: number;
}

/** Upsert PO headers; returns number → id for headers written (not stale). */
async function upsertPoHeaders(db: SqlRunner, sourceSystem: string, headers: HeaderRow[]): Promise<Map<string, string>> {
  const rows = latestByKey(headers, (h) => h.number, (h) => h.version);
  if (rows.length === 0) return new Map();
  const written = await db.$queryRawUnsafe<{ id: string; number: string }[]>(
    `INSERT INTO "PurchaseOrder" (id, number, "supplierId", "locationId", status, "orderedAt", "sourceSystem", "externalId", "sourceVersion")
     SELECT u.id, u.number, u.sup, u.loc, u.status::"OrderStatus", u.ordered AT TIME ZONE 'UTC', u.sys, u.ext, u.ver
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::int8[])
       AS u(id, number, sup, loc, status, ordered, sys, ext, ver)
     ON CONFLICT (number) DO UPDATE SET "supplierId" = EXCLUDED."supplierId", "locationId" = EXCLUDED."locationId", status = EXCLUDED.status,
       "orderedAt" = EXCLUDED."orderedAt", "sourceSystem" = EXCLUDED."sourceSystem", "externalId" = EXCLUDED."externalId", "sourceVersion" = EXCLUDED."sourceVersion"
     WHERE "PurchaseOrder"."sourceVersion" <= EXCLUDED."sourceVersion"
     RETURNING id, number`,
    rows.map(() => newId()),
    rows.map((r) => r.number),
    rows.map((r) => r.supplierId),
    rows.map((r) => r.locationId),
    rows.map((r) => r.status),
    rows.map((r) => r.orderedAt.toISOString()),
    rows.map(() => sourceSystem),
    rows.map((r) => r.externalId),
    rows.map((r) => String(r.version)),
  );
  return new Map(written.map((w) => [w.number, w.id]));
}

interface LineRow {
  purchaseOrderId: string;
  lineNo: number;
  itemId: string;
  qtyOrdered: number;
  qtyReceived: number;
  unitCost: number;
  promisedDate: Date;
  originalPromisedDate: Date | undefined;
}

/** Upsert PO lines by (PO, line no). The first promise is kept: originalPromisedDate is set on insert only. */
async function upsertPoLines(db: SqlRunner, lines: LineRow[]): Promise<number> {
  const rows = latestByKey(lines, (l) => `${l.purchaseOrderId}|${l.lineNo}`, () => 0);
  if (rows.length === 0) return 0;
  return db.$executeRawUnsafe(
    `INSERT INTO "PurchaseOrderLine" (id, "purchaseOrderId", "lineNo", "itemId", "qtyOrdered", "qtyReceived", "unitCost", "promisedDate", "originalPromisedDate")
     SELECT u.id, u.po, u.line, u.item, u.qo, u.qr, u.cost::numeric(14,2), u.promised AT TIME ZONE 'UTC', COALESCE(u.original, u.promised) AT TIME ZONE 'UTC'
     FROM unnest($1::text[], $2::text[], $3::int4[], $4::text[], $5::int4[], $6::int4[], $7::float8[], $8::timestamptz[], $9::timestamptz[])
       AS u(id, po, line, item, qo, qr, cost, promised, original)
     ON CONFLICT ("purchaseOrderId", "lineNo") DO UPDATE SET "itemId" = EXCLUDED."itemId", "qtyOrdered" = EXCLUDED."qtyOrdered",
       "qtyReceived" = EXCLUDED."qtyReceived", "unitCost" = EXCLUDED."unitCost", "promisedDate" = EXCLUDED."promisedDate"`,
    rows.map(() => newId()),
    rows.map((r) => r.purchaseOrderId),
    rows.map((r) => r.lineNo),
    rows.map((r) => r.itemId),
    rows.map((r) => Math.round(r.qtyOrdered)),
    rows.map((r) => Math.round(r.qtyReceived)),
    rows.map((r) => r.unitCost),
    rows.map((r) => r.promisedDate.toISOString()),
    rows.map((r) => r.originalPromisedDate?.toISOString() ?? null),
  );
}

type AnyPoInput = WriteInput<"purchaseOrder"> | WriteInput<"purchaseOrderHeader">;

async function resolveHeaders(db: SqlRunner, entity: "purchaseOrder" | "purchaseOrderHeader", inputs: AnyPoInput[], issues: RecordIssue[]) {
  const suppliers = await lookupIds(db, "Supplier", "code", inputs.map((i) => i.data.supplierCode));
  const locations = await lookupIds(db, "Location", "code", inputs.map((i) => i.data.locationCode));
  const headers: (HeaderRow & { input: AnyPoInput })[] = [];
  for (const input of inputs) {
    const supplierId = suppliers.get(input.data.supplierCode);
    const locationId = locations.get(input.data.locationCode);
    if (!supplierId) issues.push(unresolved(entity, input, "supplierCode", `unknown supplier '${input.data.supplierCode}': import suppliers first or map the partner id`));
    else if (!locationId) issues.push(unresolved(entity, input, "locationCode", `unknown location '${input.data.locationCode}'`));
    else
      headers.push({
        input,
        number: input.data.number,
        supplierId,
        locationId,
        status: input.data.status,
        orderedAt: input.data.orderedAt,
        externalId: input.externalId,
        version: input.version,
      });
  }
  return headers;
}

export const writePurchaseOrderHeaders: EntityWriter<"purchaseOrderHeader"> = async ({ db, sourceSystem }, inputs) => {
  const issues: RecordIssue[] = [];
  const headers = await resolveHeaders(db, "purchaseOrderHeader", inputs, issues);
  const written = await upsertPoHeaders(db, sourceSystem, headers);
  return { written: written.size, stale: headers.length - written.size, issues };
};

export const writePurchaseOrders: EntityWriter<"purchaseOrder"> = async ({ db, sourceSystem }, inputs) => {
  const issues: RecordIssue[] = [];
  const items = await lookupIds(db, "Item", "sku", inputs.flatMap((i) => i.data.lines.map((l) => l.sku)));
  // A PO is written whole or not at all: one unknown SKU quarantines the order, with the line named.
  const complete = inputs.filter((input) => {
    const bad = input.data.lines.find((l) => !items.has(l.sku));
    if (bad) issues.push(unresolved("purchaseOrder", input, `lines[${input.data.lines.indexOf(bad)}].sku`, `unknown SKU '${bad.sku}' on line ${bad.lineNo}: import the item first or fix the SKU`));
    return !bad;
  });
  const headers = await resolveHeaders(db, "purchaseOrder", complete, issues);
  const written = await upsertPoHeaders(db, sourceSystem, headers);
  const lines: LineRow[] = [];
  for (const h of headers) {
    const poId = written.get(h.number);
    if (!poId) continue;
    for (const l of (h.input as WriteInput<"purchaseOrder">).data.lines) {
      lines.push({ purchaseOrderId: poId, lineNo: l.lineNo, itemId: items.get(l.sku)!, qtyOrdered: l.qtyOrdered, qtyReceived: l.qtyReceived, unitCost: l.unitCost, promisedDate: l.promisedDate, originalPromisedDate: l.originalPromisedDate });
    }
  }
  await upsertPoLines(db, lines);
  return { written: written.size, stale: headers.length - written.size, issues };
};

export const writePurchaseOrderLines: EntityWriter<"purchaseOrderLine"> = async ({ db, sourceSystem }, inputs) => {
  const issues: RecordIssue[] = [];
  const items = await lookupIds(db, "Item", "sku", inputs.map((i) => i.data.sku));
  // Rows that carry header fields create/update the header; the others need the PO to exist already.
  const withHeader = inputs.filter((i) => i.data.supplierCode && i.data.locationCode && i.data.orderedAt);
  const headerInputs = withHeader.map((i) => ({
    ...i,
    data: { number: i.data.poNumber, supplierCode: i.data.supplierCode!, locationCode: i.data.locationCode!, orderedAt: i.data.orderedAt!, status: i.data.status ?? "OPEN" },
  })) as WriteInput<"purchaseOrderHeader">[];
  const headerIssues: RecordIssue[] = [];
  const headers = await resolveHeaders(db, "purchaseOrderHeader", headerInputs, headerIssues);
  for (const issue of headerIssues) issues.push({ ...issue, entity: "purchaseOrderLine" });
  await upsertPoHeaders(db, sourceSystem, headers);
  const failedHeaders = new Set(headerIssues.map((i) => i.position));
  const pos = await lookupIds(db, "PurchaseOrder", "number", inputs.map((i) => i.data.poNumber));
  const lines: LineRow[] = [];
  for (const input of inputs) {
    if (failedHeaders.has(input.position)) continue;
    const poId = pos.get(input.data.poNumber);
    const itemId = items.get(input.data.sku);
    if (!poId) issues.push(unresolved("purchaseOrderLine", input, "poNumber", `unknown purchase order '${input.data.poNumber}': import the PO headers first`));
    else if (!itemId) issues.push(unresolved("purchaseOrderLine", input, "sku", `unknown SKU '${input.data.sku}': import the item first or fix the SKU`));
    else lines.push({ purchaseOrderId: poId, lineNo: input.data.lineNo, itemId, qtyOrdered: input.data.qtyOrdered, qtyReceived: input.data.qtyReceived, unitCost: input.data.unitCost, promisedDate: input.data.promisedDate, originalPromisedDate: input.data.originalPromisedDate });
  }
  const written = await upsertPoLines(db, lines);
  return { written, stale: 0, issues };
};

export const writeSupplierAcknowledgements: EntityWriter<"supplierAcknowledgement"> = async ({ db, sourceSystem }, inputs) => {
  const issues: RecordIssue[] = [];
  const rows = latestByKey(inputs, (i) => i.data.externalKey, (i) => i.version);
  const pos = await db.$queryRawUnsafe<{ id: string; number: string; supplierId: string }[]>(
    `SELECT id, number, "supplierId" FROM "PurchaseOrder" WHERE number = ANY($1::text[])`,
    rows.map((r) => r.data.poNumber),
  );
  const byNumber = new Map(pos.map((p) => [p.number, p]));
  let written = 0;
  for (const input of rows) {
    const po = byNumber.get(input.data.poNumber);
    if (!po) {
      issues.push(unresolved("supplierAcknowledgement", input, "poNumber", `acknowledgement for unknown purchase order '${input.data.poNumber}'`));
      continue;
    }
    const saved = await db.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "SupplierAcknowledgement" (id, "externalKey", "purchaseOrderId", "supplierId", status, "acknowledgedAt", lines, "sourceSystem", "sourceVersion")
       VALUES ($1, $2, $3, $4, $5::"AckStatus", $6::timestamptz AT TIME ZONE 'UTC', $7::jsonb, $8, $9::int8)
       ON CONFLICT ("externalKey") DO UPDATE SET status = EXCLUDED.status, "acknowledgedAt" = EXCLUDED."acknowledgedAt", lines = EXCLUDED.lines,
         "sourceVersion" = EXCLUDED."sourceVersion"
       WHERE "SupplierAcknowledgement"."sourceVersion" <= EXCLUDED."sourceVersion"
       RETURNING id`,
      newId(), input.data.externalKey, po.id, po.supplierId, input.data.status, input.data.acknowledgedAt.toISOString(),
      pgSafeJson(input.data.lines), sourceSystem, String(input.version),
    );
    if (saved.length === 0) continue;
    written++;
    await db.$executeRawUnsafe(
      `UPDATE "PurchaseOrder" SET "ackStatus" = $2::"AckStatus", "acknowledgedAt" = $3::timestamptz AT TIME ZONE 'UTC' WHERE id = $1`,
      po.id, input.data.status, input.data.acknowledgedAt.toISOString(),
    );
    // A changed acknowledgement moves the promise of the lines it names.
    for (const line of input.data.lines) {
      if (line.lineNo == null || !line.promisedDate) continue;
      await db.$executeRawUnsafe(
        `UPDATE "PurchaseOrderLine" SET "promisedDate" = $3::timestamptz AT TIME ZONE 'UTC' WHERE "purchaseOrderId" = $1 AND "lineNo" = $2`,
        po.id, line.lineNo, line.promisedDate.toISOString(),
      );
    }
  }
  return { written, stale: rows.length - written - issues.length, issues };
};

interface PoLineRef { id: string; lineNo: number; sku: string; purchaseOrderId: string }

async function poLinesOf(db: SqlRunner, poNumbers: string[]) {
  const rows = await db.$queryRawUnsafe<(PoLineRef & { number: string; supplierId: string; locationId: string })[]>(
    `SELECT l.id, l."lineNo", i.sku, l."purchaseOrderId", p.number, p."supplierId", p."locationId"
     FROM "PurchaseOrder" p JOIN "PurchaseOrderLine" l ON l."purchaseOrderId" = p.id JOIN "Item" i ON i.id = l."itemId"
     WHERE p.number = ANY($1::text[])`,
    [...new Set(poNumbers)],
  );
  const byPo = new Map<string, typeof rows>();
  for (const r of rows) byPo.set(r.number, [...(byPo.get(r.number) ?? []), r]);
  return byPo;
}

function matchPoLine(lines: PoLineRef[], poLineNo: number | null, sku: string): PoLineRef | undefined {
  if (poLineNo != null) return lines.find((l) => l.lineNo === poLineNo);
  return lines.find((l) => l.sku === sku);
}

export const writeAsns: EntityWriter<"asn"> = async ({ db, sourceSystem }, inputs) => {
  const issues: RecordIssue[] = [];
  const rows = latestByKey(inputs, (i) => i.data.number, (i) => i.version);
  const byPo = await poLinesOf(db, rows.map((r) => r.data.poNumber));
  let written = 0;
  for (const input of rows) {
    const poLines = byPo.get(input.data.poNumber);
    if (!poLines?.length) {
      issues.push(unresolved("asn", input, "poNumber", `ship notice ${input.data.number} refers to unknown purchase order '${input.data.poNumber}'`));
      continue;
    }
    const matched = input.data.lines.map((l) => ({ line: l, po: matchPoLine(poLines, l.poLineNo, l.sku) }));
    const missing = matched.find((m) => !m.po);
    if (missing) {
      issues.push(unresolved("asn", input, "lines.sku", `ship notice line for SKU '${missing.line.sku}' matches no line of PO ${input.data.poNumber}`));
      continue;
    }
    const head = poLines[0];
    const saved = await db.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "Asn" (id, number, "purchaseOrderId", "supplierId", "locationId", "shippedAt", eta, status, carrier, "sourceSystem", "externalId", "sourceVersion")
       VALUES ($1, $2, $3, $4, $5, $6::timestamptz AT TIME ZONE 'UTC', $7::timestamptz AT TIME ZONE 'UTC', $8::"ShipmentStatus", $9, $10, $11, $12::int8)
       ON CONFLICT (number) DO UPDATE SET "shippedAt" = EXCLUDED."shippedAt", eta = EXCLUDED.eta, status = EXCLUDED.status, carrier = EXCLUDED.carrier,
         "sourceSystem" = EXCLUDED."sourceSystem", "externalId" = EXCLUDED."externalId", "sourceVersion" = EXCLUDED."sourceVersion"
       WHERE "Asn"."sourceVersion" <= EXCLUDED."sourceVersion"
       RETURNING id`,
      newId(), input.data.number, head.purchaseOrderId, head.supplierId, head.locationId, input.data.shippedAt.toISOString(), input.data.eta.toISOString(),
      input.data.status, input.data.carrier, sourceSystem, input.externalId, String(input.version),
    );
    if (saved.length === 0) continue;
    written++;
    const asnId = saved[0].id;
    await db.$executeRawUnsafe(`DELETE FROM "AsnLine" WHERE "asnId" = $1`, asnId);
    await db.$executeRawUnsafe(
      `INSERT INTO "AsnLine" (id, "asnId", "purchaseOrderLineId", "itemId", "qtyShipped")
       SELECT u.id, $1, u.pol, l."itemId", u.qty FROM unnest($2::text[], $3::text[], $4::int4[]) AS u(id, pol, qty)
       JOIN "PurchaseOrderLine" l ON l.id = u.pol`,
      asnId, matched.map(() => newId()), matched.map((m) => m.po!.id), matched.map((m) => Math.round(m.line.qtyShipped)),
    );
  }
  return { written, stale: rows.length - written - issues.length, issues };
};

export const writeReceipts: EntityWriter<"receipt"> = async ({ db, sourceSystem }, inputs) => {
  const issues: RecordIssue[] = [];
  const rows = latestByKey(inputs, (i) => i.data.number, (i) => i.version);
  const byPo = await poLinesOf(db, rows.flatMap((r) => (r.data.poNumber ? [r.data.poNumber] : [])));
  const locations = await lookupIds(db, "Location", "code", rows.map((r) => r.data.locationCode));
  const items = await lookupIds(db, "Item", "sku", rows.flatMap((r) => r.data.lines.map((l) => l.sku)));
  const asns = await lookupIds(db, "Asn", "number", rows.flatMap((r) => (r.data.asnNumber ? [r.data.asnNumber] : [])));
  let written = 0;
  for (const input of rows) {
    const locationId = locations.get(input.data.locationCode);
    if (!locationId) {
      issues.push(unresolved("receipt", input, "locationCode", `unknown location '${input.data.locationCode}'`));
      continue;
    }
    const poLines = input.data.poNumber ? byPo.get(input.data.poNumber) : undefined;
    if (input.data.poNumber && !poLines?.length) {
      issues.push(unresolved("receipt", input, "poNumber", `receipt ${input.data.number} refers to unknown purchase order '${input.data.poNumber}'`));
      continue;
    }
    const unknownSku = input.data.lines.find((l) => !items.has(l.sku));
    if (unknownSku) {
      issues.push(unresolved("receipt", input, "lines.sku", `unknown SKU '${unknownSku.sku}' on receipt ${input.data.number}`));
      continue;
    }
    const asnId = input.data.asnNumber ? asns.get(input.data.asnNumber) ?? null : null;
    const saved = await db.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "Receipt" (id, number, "locationId", "purchaseOrderId", "asnId", "receivedAt", "sourceSystem", "externalId", "sourceVersion")
       VALUES ($1, $2, $3, $4, $5, $6::timestamptz AT TIME ZONE 'UTC', $7, $8, $9::int8)
       ON CONFLICT (number) DO UPDATE SET "receivedAt" = EXCLUDED."receivedAt", "asnId" = EXCLUDED."asnId", "sourceVersion" = EXCLUDED."sourceVersion"
       WHERE "Receipt"."sourceVersion" <= EXCLUDED."sourceVersion"
       RETURNING id`,
      newId(), input.data.number, locationId, poLines?.[0].purchaseOrderId ?? null, asnId, input.data.receivedAt.toISOString(),
      sourceSystem, input.externalId, String(input.version),
    );
    if (saved.length === 0) continue;
    written++;
    const receiptId = saved[0].id;
    const lines = input.data.lines.map((l) => ({ l, po: poLines ? matchPoLine(poLines, l.poLineNo, l.sku) : undefined }));
    await db.$executeRawUnsafe(`DELETE FROM "ReceiptLine" WHERE "receiptId" = $1`, receiptId);
    await db.$executeRawUnsafe(
      `INSERT INTO "ReceiptLine" (id, "receiptId", "purchaseOrderLineId", "itemId", "qtyReceived")
       SELECT u.id, $1, u.pol, u.item, u.qty FROM unnest($2::text[], $3::text[], $4::text[], $5::int4[]) AS u(id, pol, item, qty)`,
      receiptId, lines.map(() => newId()), lines.map((x) => x.po?.id ?? null), lines.map((x) => items.get(x.l.sku)!), lines.map((x) => Math.round(x.l.qtyReceived)),
    );
    // The PO line's received quantity is at least what its receipts add up to (an ERP may report more directly).
    await db.$executeRawUnsafe(
      `UPDATE "PurchaseOrderLine" pl SET "qtyReceived" = GREATEST(pl."qtyReceived", r.total)
       FROM (SELECT "purchaseOrderLineId" AS id, sum("qtyReceived")::int AS total FROM "ReceiptLine"
             WHERE "purchaseOrderLineId" = ANY($1::text[]) GROUP BY 1) r WHERE pl.id = r.id`,
      lines.flatMap((x) => (x.po ? [x.po.id] : [])),
    );
    if (asnId) await db.$executeRawUnsafe(`UPDATE "Asn" SET status = 'RECEIVED' WHERE id = $1`, asnId);
  }
  return { written, stale: rows.length - written - issues.length, issues };
};
