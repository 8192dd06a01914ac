/**
 * Inventory positions. A record without a lot is the item-location balance itself; records with a lot are kept in
 * LotBalance and the item-location on-hand becomes the sum of its lots (lot-controlled items report lots only).
 */
import { latestByKey, lookupIds } from "@/lib/server/ingest/sql-upsert";
import { newId, unresolved, type EntityWriter, type WriteInput } from "./types";
import type { RecordIssue } from "@/lib/domain/canonical/records";

type BalanceInput = WriteInput<"inventoryBalance">;

export const writeInventoryBalances: EntityWriter<"inventoryBalance"> = async (ctx, inputs) => {
  const plain = latestByKey(inputs.filter((r) => !r.data.lot), (r) => `${r.data.sku}|${r.data.locationCode}`, (r) => r.version);
  const lots = inputs.filter((r) => r.data.lot);
  const a = await writePlainBalances(ctx, plain);
  const b = lots.length ? await writeLotBalances(ctx, lots) : { written: 0, stale: 0, issues: [] };
  return { written: a.written + b.written, stale: a.stale + b.stale, issues: [...a.issues, ...b.issues] };
};

/**
 * The hot path of big imports: one statement per batch resolves SKU and location codes by join, upserts the
 * balances and reports which rows did not resolve — no lookup round trips.
 */
async function writePlainBalances({ db, sourceSystem }: Parameters<EntityWriter<"inventoryBalance">>[0], rows: BalanceInput[]) {
  if (rows.length === 0) return { written: 0, stale: 0, issues: [] as RecordIssue[] };
  const [result] = await db.$queryRawUnsafe<{ written: number; missing_item: number[]; missing_location: number[] }[]>(
    `WITH u AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::int4[], $4::int4[], $5::int4[], $6::int4[], $7::int4[], $8::int4[], $9::timestamptz[], $10::int8[])
         WITH ORDINALITY AS u(sku, loc, oh, al, qh, it, ss, mx, asof, ver, ord)
     ), r AS (
       SELECT u.*, i.id AS item_id, l.id AS loc_id FROM u LEFT JOIN "Item" i ON i.sku = u.sku LEFT JOIN "Location" l ON l.code = u.loc
     ), ins AS (
       INSERT INTO "InventoryBalance" (id, "itemId", "locationId", "onHand", allocated, "qualityHold", "inTransit", "safetyStock", "maxStock", "sourceUpdatedAt", "sourceSystem", "sourceVersion")
       SELECT gen_random_uuid()::text, r.item_id, r.loc_id, r.oh, r.al, r.qh, r.it, COALESCE(r.ss, 0), r.mx, r.asof AT TIME ZONE 'UTC', $11, r.ver
       FROM r WHERE r.item_id IS NOT NULL AND r.loc_id IS NOT NULL
       ON CONFLICT ("itemId", "locationId") DO UPDATE SET
         "onHand" = EXCLUDED."onHand", allocated = EXCLUDED.allocated, "qualityHold" = EXCLUDED."qualityHold", "inTransit" = EXCLUDED."inTransit",
         -- Sources that do not send safety stock (most ERPs keep it elsewhere) leave the stored value alone.
         "safetyStock" = CASE WHEN $12::bool THEN "InventoryBalance"."safetyStock" ELSE EXCLUDED."safetyStock" END,
         "sourceUpdatedAt" = EXCLUDED."sourceUpdatedAt", "sourceSystem" = EXCLUDED."sourceSystem", "sourceVersion" = EXCLUDED."sourceVersion"
       WHERE "InventoryBalance"."sourceVersion" <= EXCLUDED."sourceVersion"
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM ins)::int AS written,
            COALESCE(array_agg(ord::int) FILTER (WHERE item_id IS NULL), '{}') AS missing_item,
            COALESCE(array_agg(ord::int) FILTER (WHERE item_id IS NOT NULL AND loc_id IS NULL), '{}') AS missing_location
     FROM r`,
    rows.map((r) => r.data.sku),
    rows.map((r) => r.data.locationCode),
    rows.map((r) => Math.round(r.data.onHand)),
    rows.map((r) => Math.round(r.data.allocated)),
    rows.map((r) => Math.round(r.data.qualityHold)),
    rows.map((r) => Math.round(r.data.inTransit)),
    rows.map((r) => (r.data.safetyStock === undefined ? null : Math.round(r.data.safetyStock))),
    rows.map((r) => (r.data.maxStock == null ? null : Math.round(r.data.maxStock))),
    rows.map((r) => r.data.asOf.toISOString()),
    rows.map((r) => String(r.version)),
    sourceSystem,
    rows.every((r) => r.data.safetyStock === undefined),
  );
  const issues: RecordIssue[] = [
    ...result.missing_item.map((ord) => unresolved("inventoryBalance", rows[ord - 1], "sku", `unknown SKU '${rows[ord - 1].data.sku}': import the item first or fix the SKU`)),
    ...result.missing_location.map((ord) => unresolved("inventoryBalance", rows[ord - 1], "locationCode", `unknown location '${rows[ord - 1].data.locationCode}'`)),
  ];
  const resolved = rows.length - issues.length;
  return { written: result.written, stale: resolved - result.written, issues };
}

async function writeLotBalances({ db, sourceSystem }: Parameters<EntityWriter<"inventoryBalance">>[0], inputs: BalanceInput[]) {
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
  const lots = latestByKey(resolved, (r) => `${r.itemId}|${r.locationId}|${r.data.lot}`, (r) => r.version);
  let written = 0;
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
  return { written, stale: lots.length - written, issues };
}

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
  // A movement for an item-location with no balance yet has nothing to update; it is counted, not quarantined
  // (the next balance sync creates the row and the next movement sets the date).
  return { written, stale: ok.length - written, issues };
};
