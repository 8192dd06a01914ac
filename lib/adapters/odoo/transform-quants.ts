/**
 * stock.quant page → inventory balances. On hand = Σ quantity and allocated = Σ reserved_quantity over the page's
 * quants per product × mapped location (the pull sends all internal quants of each product it names); quants with a
 * lot also give lot-level rows. A group with one unreadable quant is not emitted at all: a sum missing a quant
 * would be a wrong balance, which is worse than a late one.
 */
import type { OdooConfig } from "./config";
import { ResultBuilder } from "./result-builder";
import { describeRef, many2one, mapLocation, numberOrNull, parseOdooDatetime, skuFromProduct } from "./values";

interface Group {
  sku: string;
  locationCode: string;
  lot: string | null;
  onHand: number;
  allocated: number;
  latest: Date;
  quantIds: number[];
  broken: boolean;
}

export function transformQuants(rows: Record<string, unknown>[], config: OdooConfig, out: ResultBuilder): void {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const position = `stock.quant id ${String(row.id)}`;
    const product = many2one(row.product_id);
    const location = many2one(row.location_id);
    const sku = product ? skuFromProduct(product) : null;
    const locationCode = location ? mapLocation(location, config.locationMap) : null;
    if (!product) out.issue("inventoryBalance", position, "product_id", "quant has no product", row);
    else if (!sku) out.issue("inventoryBalance", position, "product_id", `product ${describeRef(product)} has no internal reference (default_code) to use as SKU`, row);
    if (!location) out.issue("inventoryBalance", position, "location_id", "quant has no location", row);
    else if (!locationCode) out.issue("inventoryBalance", position, "location_id", `location ${describeRef(location)} is not in locationMap`, row);
    if (!sku || !locationCode) continue;

    const lot = many2one(row.lot_id)?.[1] ?? null;
    const keys = [[sku, locationCode, null], ...(lot ? [[sku, locationCode, lot]] : [])] as Array<[string, string, string | null]>;
    const targets = keys.map(([s, l, lotName]) => groupFor(groups, s, l, lotName));
    const quantity = numberOrNull(row.quantity);
    const reserved = row.reserved_quantity === false ? 0 : numberOrNull(row.reserved_quantity);
    const writeDate = parseOdooDatetime(row.write_date);
    const problem =
      quantity === null ? ["quantity", `quantity must be a number, got ${JSON.stringify(row.quantity)}`]
      : reserved === null ? ["reserved_quantity", `reserved_quantity must be a number, got ${JSON.stringify(row.reserved_quantity)}`]
      : writeDate === null ? ["write_date", `write_date must be "YYYY-MM-DD HH:MM:SS", got ${JSON.stringify(row.write_date)}`]
      : null;
    for (const g of targets) {
      g.quantIds.push(Number(row.id));
      if (problem) g.broken = true;
      else {
        g.onHand += quantity!;
        g.allocated += reserved!;
        if (writeDate! > g.latest) g.latest = writeDate!;
      }
    }
    if (problem) out.issue("inventoryBalance", position, problem[0], `${problem[1]}; the balance of ${sku} at ${locationCode} is held back`, row);
  }

  for (const g of groups.values()) {
    if (g.broken) continue;
    out.record({
      entity: "inventoryBalance",
      version: g.latest.getTime(),
      externalId: `stock.quant ${g.quantIds.join(",")}`,
      origin: { position: `stock.quant ids ${g.quantIds.join(", ")}` },
      data: {
        sku: g.sku,
        locationCode: g.locationCode,
        lot: g.lot,
        onHand: round(g.onHand),
        allocated: Math.max(0, round(g.allocated)),
        asOf: g.latest.toISOString(),
      },
    });
  }
}

function groupFor(groups: Map<string, Group>, sku: string, locationCode: string, lot: string | null): Group {
  const key = JSON.stringify([sku, locationCode, lot]);
  let g = groups.get(key);
  if (!g) {
    g = { sku, locationCode, lot, onHand: 0, allocated: 0, latest: new Date(0), quantIds: [], broken: false };
    groups.set(key, g);
  }
  return g;
}

/** Float sums of Odoo quantities (0.1 + 0.2…) are rounded to the 1e-6 Odoo's "Product Unit of Measure" precision allows. */
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
