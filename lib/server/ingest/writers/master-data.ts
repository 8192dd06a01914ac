/** Writers for master data: locations, suppliers, customers, items (upsert by business key). */
import { latestByKey, lookupIds, upsertRows } from "@/lib/server/ingest/sql-upsert";
import { newId, unresolved, type EntityWriter } from "./types";

export const writeLocations: EntityWriter<"location"> = async ({ db, sourceSystem }, inputs) => {
  const rows = latestByKey(inputs, (i) => i.data.code, (i) => i.version);
  const written = await upsertRows(
    db,
    {
      table: "Location",
      columns: [
        { name: "id", type: "text" },
        { name: "code", type: "text" },
        { name: "name", type: "text" },
        { name: "kind", type: { enum: "LocationKind" } },
        { name: "region", type: "text" },
        { name: "sourceSystem", type: "text" },
        { name: "externalId", type: "text" },
        { name: "sourceVersion", type: "bigint" },
      ],
      conflict: ["code"],
      versioned: true,
      returning: ["id"],
    },
    rows.map((r) => [newId(), r.data.code, r.data.name, r.data.kind, r.data.region, sourceSystem, r.externalId, r.version]),
  );
  return { written: written.length, stale: inputs.length - written.length, issues: [] };
};

export const writeSuppliers: EntityWriter<"supplier"> = async ({ db, sourceSystem }, inputs) => {
  const rows = latestByKey(inputs, (i) => i.data.code, (i) => i.version);
  // onTimeRate/medianLatenessDays are history-derived; a source that does not send them keeps the stored values.
  const written = await db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "Supplier" (id, code, name, "leadTimeDays", "onTimeRate", "medianLatenessDays", "sourceSystem", "externalId", "sourceVersion")
     SELECT u.id, u.code, u.name, COALESCE(u.lt, 14), COALESCE(u.otr, 1), COALESCE(u.late, 0), u.sys, u.ext, u.ver
     FROM unnest($1::text[], $2::text[], $3::text[], $4::int4[], $5::float8[], $6::float8[], $7::text[], $8::text[], $9::int8[])
       AS u(id, code, name, lt, otr, late, sys, ext, ver)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,
       "sourceSystem" = EXCLUDED."sourceSystem", "externalId" = EXCLUDED."externalId", "sourceVersion" = EXCLUDED."sourceVersion"
     WHERE "Supplier"."sourceVersion" <= EXCLUDED."sourceVersion"
     RETURNING id`,
    rows.map(() => newId()),
    rows.map((r) => r.data.code),
    rows.map((r) => r.data.name),
    rows.map((r) => r.data.leadTimeDays ?? null),
    rows.map((r) => r.data.onTimeRate ?? null),
    rows.map((r) => r.data.medianLatenessDays ?? null),
    rows.map(() => sourceSystem),
    rows.map((r) => r.externalId),
    rows.map((r) => String(r.version)),
  );
  // Lead time and history fields sent explicitly by the source overwrite the stored ones; absent ones are kept.
  const explicit = rows.filter((r) => r.data.leadTimeDays !== undefined || r.data.onTimeRate !== undefined || r.data.medianLatenessDays !== undefined);
  if (explicit.length > 0) {
    await db.$executeRawUnsafe(
      `UPDATE "Supplier" s SET "leadTimeDays" = COALESCE(u.lt, s."leadTimeDays"), "onTimeRate" = COALESCE(u.otr, s."onTimeRate"),
         "medianLatenessDays" = COALESCE(u.late, s."medianLatenessDays")
       FROM unnest($1::text[], $2::int4[], $3::float8[], $4::float8[]) AS u(code, lt, otr, late) WHERE s.code = u.code AND s."sourceVersion" <= $5::int8`,
      explicit.map((r) => r.data.code),
      explicit.map((r) => r.data.leadTimeDays ?? null),
      explicit.map((r) => r.data.onTimeRate ?? null),
      explicit.map((r) => r.data.medianLatenessDays ?? null),
      String(Math.max(...explicit.map((r) => r.version))),
    );
  }
  return { written: written.length, stale: inputs.length - written.length, issues: [] };
};

export const writeCustomers: EntityWriter<"customer"> = async ({ db, sourceSystem }, inputs) => {
  const rows = latestByKey(inputs, (i) => i.data.code, (i) => i.version);
  const written = await upsertRows(
    db,
    {
      table: "Customer",
      columns: [
        { name: "id", type: "text" },
        { name: "code", type: "text" },
        { name: "name", type: "text" },
        { name: "tier", type: { enum: "CustomerTier" } },
        { name: "creditHold", type: "bool" },
        { name: "creditLimit", type: "money" },
        { name: "sourceSystem", type: "text" },
        { name: "externalId", type: "text" },
        { name: "sourceVersion", type: "bigint" },
      ],
      conflict: ["code"],
      versioned: true,
      returning: ["id"],
    },
    rows.map((r) => [newId(), r.data.code, r.data.name, r.data.tier, r.data.creditHold, r.data.creditLimit, sourceSystem, r.externalId, r.version]),
  );
  return { written: written.length, stale: inputs.length - written.length, issues: [] };
};

export const writeItems: EntityWriter<"item"> = async ({ db, sourceSystem }, inputs) => {
  const rows = latestByKey(inputs, (i) => i.data.sku, (i) => i.version);
  const suppliers = await lookupIds(db, "Supplier", "code", rows.flatMap((r) => (r.data.primarySupplierCode ? [r.data.primarySupplierCode] : [])));
  const issues = [];
  const ok = [];
  for (const r of rows) {
    // An unknown supplier must not hold back the item (and with it every balance and PO line naming it): the item is
    // written without a primary supplier and the record quarantined, so a replay once the supplier exists sets it.
    if (r.data.primarySupplierCode && !suppliers.has(r.data.primarySupplierCode)) {
      issues.push(unresolved("item", r, "primarySupplierCode", `unknown supplier '${r.data.primarySupplierCode}': item saved without a primary supplier; import the supplier and replay`));
    }
    ok.push(r);
  }
  const written = await upsertRows(
    db,
    {
      table: "Item",
      columns: [
        { name: "id", type: "text" },
        { name: "sku", type: "text" },
        { name: "name", type: "text" },
        { name: "uom", type: "text" },
        { name: "unitCost", type: "money" },
        { name: "unitPrice", type: "money" },
        { name: "abcClass", type: "text" },
        { name: "leadTimeDays", type: "int" },
        { name: "primarySupplierId", type: "text" },
        { name: "shelfLifeDays", type: "int" },
        { name: "family", type: "text" },
        { name: "sourceSystem", type: "text" },
        { name: "externalId", type: "text" },
        { name: "sourceVersion", type: "bigint" },
      ],
      conflict: ["sku"],
      // family is set on insert; on update only when the source sends it (below), as most sources have none.
      update: ["name", "uom", "unitCost", "unitPrice", "abcClass", "leadTimeDays", "primarySupplierId", "shelfLifeDays", "sourceSystem", "externalId", "sourceVersion"],
      versioned: true,
      returning: ["id"],
    },
    ok.map((r) => [
      newId(),
      r.data.sku,
      r.data.name,
      r.data.uom,
      r.data.unitCost,
      r.data.unitPrice,
      r.data.abcClass,
      r.data.leadTimeDays,
      r.data.primarySupplierCode ? suppliers.get(r.data.primarySupplierCode) ?? null : null,
      r.data.shelfLifeDays,
      r.data.family ?? null,
      sourceSystem,
      r.externalId,
      r.version,
    ]),
  );
  const withFamily = ok.filter((r) => r.data.family !== undefined);
  if (withFamily.length > 0) {
    await db.$executeRawUnsafe(
      `UPDATE "Item" i SET family = u.family FROM unnest($1::text[], $2::text[], $3::int8[]) AS u(sku, family, ver)
       WHERE i.sku = u.sku AND i."sourceVersion" = u.ver`,
      withFamily.map((r) => r.data.sku),
      withFamily.map((r) => r.data.family ?? null),
      withFamily.map((r) => String(r.version)),
    );
  }
  return { written: written.length, stale: ok.length - written.length, issues };
};
