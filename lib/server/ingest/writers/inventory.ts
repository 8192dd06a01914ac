/**
 * Inventory positions. A record without a lot is the item-location balance itself; records with a lot are kept in
 * LotBalance and the item-location on-hand becomes the sum of its lots (lot-controlled items report lots only).
 */
import { latestByKey, lookupIds } from "@/lib/server/ingest/sql-upsert";
import { newId, unresolved, type EntityWriter, type WriteInput } from "./types";
import type { RecordIssue } from "@/lib/domain/canonical/records";

type BalanceInput = WriteInput<"inventoryBalance">;

export const writeInventoryBalances: EntityWriter<"inventoryBalance"> = async ({ db, sourceSystem }, inputs) => {
  const items = await lookupIds(db, "Item", "sku", inputs.map((i) => i.data.sku));
  const locations = await lookupIds(db, "Location", "code", inputs.map((i) => i.data.locationCode));
  const issues: RecordIssue[] = [];
  const resolved: (BalanceInput & { itemId: string; locationId: string })[] = [];
  for (const input of inputs) {
    const itemId = items.get(input.data.sku);
    const locationId = locations.get(input.data.locationCode);
    if (!itemId) issues.push(unresolved("inventoryBalance", input, "sku", `unknown SKU '${input.data.sku}': import the item first or fix the SKU`));
    else if (!locationId) issues.push(unresolved("inventoryBalance", input, "locationCode", `unknown location '${input.data.locationCode}'`));
    else resolved.push({ ...input, itemId, locationId });
  }

  const plain = latestByKey(resolved.filter((r) => !r.data.lot), (r) => `${r.itemId}|${r.locationId}`, (r) => r.version);
  const lots = latestByKey(resolved.filter((r) => r.data.lot), (r) => `${r.itemId}|${r.locationId}|${r.data.lot}`, (r) => r.version);
  let written = 0;

  if (plain.length > 0) {
    const rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "InventoryBalance" (id, "itemId", "locationId", "onHand", allocated, "qualityHold", "inTransit", "safetyStock", "maxStock", "sourceUpdatedAt", "sourceSystem", "sourceVersion")
       SELECT u.id, u.item, u.loc, u.oh, u.al, u.qh, u.it, COALESCE(u.ss, 0), u.mx, u.asof AT TIME ZONE 'UTC', u.sys, u.ver
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int4[], $5::int4[], $6::int4[], $7::int4[], $8::int4[], $9::int4[], $10::timestamptz[], $11::text[], $12::int8[])
         AS u(id, item, loc, oh, al, qh, it, ss, mx, asof, sys, ver)
       ON CONFLICT ("itemId", "locationId") DO UPDATE SET
         "onHand" = EXCLUDED."onHand", allocated = EXCLUDED.allocated, "qualityHold" = EXCLUDED."qualityHold",
         "inTransit" = EXCLUDED."inTransit",
         "safetyStock" = CASE WHEN $13::bool THEN "InventoryBalance"."safetyStock" ELSE EXCLUDED."safetyStock" END,
         "sourceUpdatedAt" = EXCLUDED."sourceUpdatedAt", "sourceSystem" = EXCLUDED."sourceSystem", "sourceVersion" = EXCLUDED."sourceVersion"
       WHERE "InventoryBalance"."sourceVersion" <= EXCLUDED."sourceVersion"
       RETURNING id`,
      plain.map(() => newId()),
      plain.map((r) => r.itemId),
      plain.map((r) => r.locationId),
      plain.map((r) => Math.round(r.data.onHand)),
      plain.map((r) => Math.round(r.data.allocated)),
      plain.map((r) => Math.round(r.data.qualityHold)),
      plain.map((r) => Math.round(r.data.inTransit)),
      plain.map((r) => (r.data.safetyStock === undefined ? null : Math.round(r.data.safetyStock))),
      plain.map((r) => (r.data.maxStock == null ? null : Math.round(r.data.maxStock))),
      plain.map((r) => r.data.asOf.toISOString()),
      plain.map(() => sourceSystem),
      plain.map((r) => String(r.version)),
      // Sources that do not send safety stock (most ERPs keep it elsewhere) leave the stored value alone.
      plain.every((r) => r.data.safetyStock === undefined),
    );
    written += rows.length;
  }

  if (lots.length > 0) {
    const rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "LotBalance" (id, "itemId", "locationId", lot, qty, "expiresAt", "sourceSystem", "sourceVersion")
       SELECT u.id, u.item, u.loc, u.lot, u.qty, u.exp AT TIME ZONE 'UTC', u.sys, u.ver
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int4[], $6::timestamptz[], $7::text[], $8::int8[])
         AS u(id, item, loc, lot, qty, exp, sys, ver)
       ON CONFLICT ("itemId", "locationId", lot) DO UPDATE SET qty = EXCLUDED.qty, "expiresAt" = COALESCE(EXCLUDED."expiresAt", "LotBalance"."expiresAt"),
         "sourceSystem" = EXCLUDED."sourceSystem", "sourceVersion" = EXCLUDED."sourceVersion"
       WHERE "LotBalance"."sourceVersion" <= EXCLUDED."sourceVersion"
       RETURNING id`,
      lots.map(() => newId()),
      lots.map((r) => r.itemId),
      lots.map((r) => r.locationId),
      lots.map((r) => r.data.lot),
      lots.map((r) => Math.round(r.data.onHand)),
      lots.map((r) => r.data.expiresAt?.toISOString() ?? null),
      lots.map(() => sourceSystem),
      lots.map((r) => String(r.version)),
    );
    written += rows.length;
    // Roll the lots up into the item-location balance (on hand = Σ lots) for the pairs this batch touched.
    const pairs = latestByKey(lots, (r) => `${r.itemId}|${r.locationId}`, (r) => r.version);
    await db.$executeRawUnsafe(
      `INSERT INTO "InventoryBalance" (id, "itemId", "locationId", "onHand", "sourceUpdatedAt", "sourceSystem", "sourceVersion")
       SELECT p.id, p.item, p.loc, COALESCE((SELECT sum(qty) FROM "LotBalance" l WHERE l."itemId" = p.item AND l."locationId" = p.loc), 0),
              p.asof AT TIME ZONE 'UTC', p.sys, p.ver
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::int8[]) AS p(id, item, loc, asof, sys, ver)
       ON CONFLICT ("itemId", "locationId") DO UPDATE SET "onHand" = EXCLUDED."onHand",
         "sourceUpdatedAt" = GREATEST("InventoryBalance"."sourceUpdatedAt", EXCLUDED."sourceUpdatedAt"), "sourceSystem" = EXCLUDED."sourceSystem"`,
      pairs.map(() => newId()),
      pairs.map((r) => r.itemId),
      pairs.map((r) => r.locationId),
      pairs.map((r) => r.data.asOf.toISOString()),
      pairs.map(() => sourceSystem),
      pairs.map((r) => String(r.version)),
    );
  }
  return { written, stale: plain.length + lots.length - written, issues };
};

/** Latest issue date per item-location (from movement logs); only ever moves forward. Needs the balance to exist. */
export const writeLastIssues: EntityWriter<"lastIssue"> = async ({ db }, inputs) => {
  const items = await lookupIds(db, "Item", "sku", inputs.map((i) => i.data.sku));
  const locations = await lookupIds(db, "Location", "code", inputs.map((i) => i.data.locationCode));
  const issues: RecordIssue[] = [];
  const ok: { itemId: string; locationId: string; issuedAt: Date }[] = [];
  for (const input of inputs) {
    const itemId = items.get(input.data.sku);
    const locationId = locations.get(input.data.locationCode);
    if (!itemId) issues.push(unresolved("lastIssue", input, "sku", `unknown SKU '${input.data.sku}'`));
    else if (!locationId) issues.push(unresolved("lastIssue", input, "locationCode", `unknown location '${input.data.locationCode}'`));
    else ok.push({ itemId, locationId, issuedAt: input.data.issuedAt });
  }
  const written = ok.length
    ? await db.$executeRawUnsafe(
        `UPDATE "InventoryBalance" b SET "lastIssueAt" = GREATEST(b."lastIssueAt", u.at AT TIME ZONE 'UTC')
         FROM (SELECT item, loc, max(at) AS at FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS x(item, loc, at) GROUP BY 1, 2) u
         WHERE b."itemId" = u.item AND b."locationId" = u.loc`,
        ok.map((o) => o.itemId),
        ok.map((o) => o.locationId),
        ok.map((o) => o.issuedAt.toISOString()),
      )
    : 0;
  return { written, stale: 0, issues };
};
