/**
 * Deterministic generator of large CSV files for the import benchmark: streamed in chunks (never held whole),
 * same bytes for the same arguments, with about 0.1% deliberately bad rows of known kinds so a run can check that
 * exactly those become issues.
 */
import { Readable } from "node:stream";
import type { ColumnMapping } from "./mapping";

export type LargeCsvKind = "inventoryBalance" | "purchaseOrderLine";
export type BadRowKind = "bad-date" | "missing-sku" | "negative-qty" | "ragged" | "not-a-number";
const BAD_KINDS: BadRowKind[] = ["bad-date", "missing-sku", "negative-qty", "ragged", "not-a-number"];

export interface LargeCsvOptions {
  kind?: LargeCsvKind;
  seed?: number;
  /** One row in `badEvery` (on average) is broken; default 1000 (0.1%). */
  badEvery?: number;
}

export const LARGE_CSV_HEADERS: Record<LargeCsvKind, string> = {
  inventoryBalance: "sku,location,on_hand,allocated,as_of",
  purchaseOrderLine: "po_number,line,sku,qty_ordered,qty_received,unit_cost,due_date",
};

export const LARGE_CSV_MAPPINGS: Record<LargeCsvKind, ColumnMapping> = {
  inventoryBalance: {
    entity: "inventoryBalance",
    fields: { sku: { column: "sku" }, locationCode: { column: "location" }, onHand: { column: "on_hand" }, allocated: { column: "allocated" }, asOf: { column: "as_of" } },
  },
  purchaseOrderLine: {
    entity: "purchaseOrderLine",
    fields: {
      poNumber: { column: "po_number" },
      lineNo: { column: "line" },
      sku: { column: "sku" },
      qtyOrdered: { column: "qty_ordered" },
      qtyReceived: { column: "qty_received" },
      unitCost: { column: "unit_cost" },
      promisedDate: { column: "due_date" },
    },
  },
};

/** Stateless per-row hash, so the generator and `badRowAt` agree without sharing state. */
function rowHash(index: number, seed: number): number {
  let h = Math.imul(index ^ seed, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Which defect (if any) data row `index` (0-based) carries. */
export function badRowAt(index: number, options: LargeCsvOptions = {}): BadRowKind | null {
  const h = rowHash(index, options.seed ?? 1);
  if (h % (options.badEvery ?? 1000) !== 0) return null;
  return BAD_KINDS[(h >>> 10) % BAD_KINDS.length];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function goodRow(kind: LargeCsvKind, i: number, h: number): string[] {
  const sku = `SKU-${pad(h % 50_000, 5)}`;
  const day = `2026-${pad(1 + (h % 12), 2)}-${pad(1 + ((h >>> 4) % 28), 2)}`;
  if (kind === "inventoryBalance") {
    return [sku, `DC-${pad(1 + (i % 40), 2)}`, String(h % 5000), String((h >>> 8) % 50), day];
  }
  const qty = 1 + (h % 500);
  return [`PO-${pad(Math.floor(i / 5), 7)}`, String(1 + (i % 5)), sku, String(qty), String(Math.max(0, qty - ((h >>> 3) % 3))), ((h % 100_000) / 100).toFixed(2), day];
}

function breakRow(kind: LargeCsvKind, cells: string[], defect: BadRowKind): string[] {
  const skuAt = kind === "inventoryBalance" ? 0 : 2;
  const qtyAt = 3; // allocated / qty_ordered: both must be ≥ 0 (on-hand alone may go negative)
  const dateAt = cells.length - 1;
  const out = [...cells];
  if (defect === "bad-date") out[dateAt] = "31/02/2026";
  if (defect === "missing-sku") out[skuAt] = "";
  if (defect === "negative-qty") out[qtyAt] = `-${out[qtyAt] === "0" ? "1" : out[qtyAt]}`;
  if (defect === "not-a-number") out[qtyAt] = "twelve";
  if (defect === "ragged") out.push("surplus");
  return out;
}

/** A CSV with a header and `lines` data rows. */
export function generateLargeCsv(lines: number, options: LargeCsvOptions = {}): Readable {
  const kind = options.kind ?? "inventoryBalance";
  const seed = options.seed ?? 1;
  const ROWS_PER_CHUNK = 2000;
  function* chunks(): Generator<string> {
    yield `${LARGE_CSV_HEADERS[kind]}\n`;
    for (let start = 0; start < lines; start += ROWS_PER_CHUNK) {
      let chunk = "";
      const end = Math.min(lines, start + ROWS_PER_CHUNK);
      for (let i = start; i < end; i++) {
        const cells = goodRow(kind, i, rowHash(i, seed + 7));
        const defect = badRowAt(i, options);
        chunk += (defect ? breakRow(kind, cells, defect) : cells).join(",") + "\n";
      }
      yield chunk;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
