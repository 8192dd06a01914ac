/**
 * Vendor pricelist lines (product.supplierinfo) as the products and vendors of a page see them: a product's vendors
 * are its template's lines that are not pinned to another variant, first by product.supplierinfo's _order.
 */
import type { OdooConfig } from "./config";
import { supplierCodeOf } from "./transform-purchases";
import { many2one, numberOrNull, parseOdooDatetime, type Many2one } from "./values";

export interface Seller {
  id: number;
  partner: Many2one;
  templateId: number;
  productId: number | null;
  sequence: number;
  minQty: number;
  price: number;
  /** Vendor lead time in days; null when unreadable. */
  delay: number | null;
  writeDate: Date | null;
}

/** Readable lines only: a line without vendor or product template cannot name anything. */
export function readSellers(rows: Record<string, unknown>[]): Seller[] {
  const sellers: Seller[] = [];
  for (const row of rows) {
    const partner = many2one(row.partner_id);
    const template = many2one(row.product_tmpl_id);
    if (!partner || !template || typeof row.id !== "number") continue;
    const delay = numberOrNull(row.delay);
    sellers.push({
      id: row.id,
      partner,
      templateId: template[0],
      productId: many2one(row.product_id)?.[0] ?? null,
      sequence: numberOrNull(row.sequence) ?? 1,
      minQty: numberOrNull(row.min_qty) ?? 0,
      price: numberOrNull(row.price) ?? 0,
      delay: delay !== null && delay >= 0 ? Math.round(delay) : null,
      writeDate: parseOdooDatetime(row.write_date),
    });
  }
  return sellers;
}

/** sequence, min_qty desc, price, id — the order Odoo's _select_seller walks. */
function bySellerOrder(a: Seller, b: Seller): number {
  return a.sequence - b.sequence || b.minQty - a.minQty || a.price - b.price || a.id - b.id;
}

export function sellersOfProduct(sellers: Seller[], productId: number, templateId: number): Seller[] {
  return sellers.filter((s) => s.templateId === templateId && (s.productId === null || s.productId === productId)).sort(bySellerOrder);
}

/** A vendor's typical lead time: the median `delay` over its pricelist lines (null when it has none). */
export function typicalDelay(sellers: Seller[], partnerId: number): number | null {
  const delays = sellers.filter((s) => s.partner[0] === partnerId && s.delay !== null).map((s) => s.delay!).sort((a, b) => a - b);
  if (delays.length === 0) return null;
  const mid = Math.floor(delays.length / 2);
  return delays.length % 2 ? delays[mid] : Math.round((delays[mid - 1] + delays[mid]) / 2);
}

export function sellerSupplierCode(seller: Seller, config: OdooConfig): string {
  return supplierCodeOf(seller.partner, config);
}

/** The newest of a record's own write_date and the pricelist lines it was computed from: a line edit is a new version. */
export function latestOf(own: Date, sellers: Seller[]): Date {
  return sellers.reduce((latest, s) => (s.writeDate && s.writeDate > latest ? s.writeDate : latest), own);
}
