/**
 * Stock Ledger Entry page → receipts (voucher_type "Purchase Receipt", incoming) and last-issue dates (any other
 * voucher that takes stock out, except reconciliations, which correct counts rather than issue stock).
 * One receipt per ledger row, numbered "<voucher_no>/<entry name>", so a receipt split across pages stays whole.
 */
import { ResultBuilder } from "@/lib/adapters/odoo/result-builder";
import type { ErpnextConfig } from "./config";
import { num, parseFrappeDatetime, parsePosting, text } from "./values";
import { own } from "@/lib/utils/own";

const NOT_AN_ISSUE = new Set(["Stock Reconciliation", "Purchase Receipt", "Purchase Invoice"]);

export function transformLedger(rows: Record<string, unknown>[], config: ErpnextConfig, out: ResultBuilder): void {
  const latest = new Map<string, { sku: string; locationCode: string; issuedAt: Date; version: number; name: string }>();
  for (const row of rows) {
    if (row.is_cancelled === 1) continue;
    const qty = num(row.actual_qty);
    const voucherType = String(row.voucher_type);
    const isReceipt = voucherType === "Purchase Receipt" && qty !== null && qty > 0;
    const isIssue = !NOT_AN_ISSUE.has(voucherType) && qty !== null && qty < 0;
    if (qty !== null && !isReceipt && !isIssue) continue;
    const entity = voucherType === "Purchase Receipt" ? "receipt" : "lastIssue";
    const position = `Stock Ledger Entry ${String(row.name)}`;
    const fail = (field: string, message: string) => out.issue(entity, position, field, message, row);
    const sku = text(row.item_code);
    const warehouse = text(row.warehouse);
    const locationCode = warehouse ? own(config.warehouseMap, warehouse) : undefined;
    const posted = parsePosting(row.posting_date, row.posting_time, config.utcOffset);
    const modified = parseFrappeDatetime(row.modified, config.utcOffset);
    if (qty === null) fail("actual_qty", `actual_qty must be a number, got ${JSON.stringify(row.actual_qty)}`);
    else if (!sku) fail("item_code", "entry has no item_code");
    else if (!locationCode) fail("warehouse", `warehouse "${String(row.warehouse)}" is not in warehouseMap`);
    else if (!posted) fail("posting_date", `unreadable posting date ${JSON.stringify(row.posting_date)} ${JSON.stringify(row.posting_time)}`);
    else if (!modified) fail("modified", `unreadable modified ${JSON.stringify(row.modified)}`);
    else if (isReceipt) {
      out.record({
        entity: "receipt",
        version: modified.getTime(),
        externalId: `Stock Ledger Entry ${String(row.name)}`,
        origin: { position },
        data: { number: `${String(row.voucher_no)}/${String(row.name)}`, locationCode, receivedAt: posted.toISOString(), lines: [{ sku, qtyReceived: qty }] },
      });
    } else {
      const key = JSON.stringify([sku, locationCode]);
      const seen = latest.get(key);
      if (!seen || posted > seen.issuedAt) latest.set(key, { sku, locationCode, issuedAt: posted, version: modified.getTime(), name: String(row.name) });
    }
  }
  for (const l of latest.values()) {
    out.record({
      entity: "lastIssue",
      version: l.version,
      externalId: `Stock Ledger Entry ${l.name}`,
      origin: { position: `Stock Ledger Entry ${l.name}` },
      data: { sku: l.sku, locationCode: l.locationCode, issuedAt: l.issuedAt.toISOString() },
    });
  }
}
