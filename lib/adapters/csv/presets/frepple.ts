/**
 * frePPLe distribution demo (shared/data/tables/frepple_demo/distribution_demo__*.csv, flattened Django fixtures).
 * frePPLe keys objects by name, and every file refers to the others by those names, so names are used as the business
 * keys unchanged: each file imports on its own. Aggregate rows ("All items", "All locations", forecast-only) are skipped.
 * Lead times are in seconds (604800.0 = 7 days) and are converted to whole days.
 */
import type { ColumnMapping } from "../mapping";
import type { RowEnricher } from "../map-table";
import type { TableRow } from "../table-row";
import type { FilePreset } from "./types";

const SECONDS_PER_DAY = 86_400;
const AGGREGATE_ROWS = [{ column: "description", pattern: "aggregat" }];

const location: ColumnMapping = {
  entity: "location",
  fields: {
    code: { column: "name" },
    name: { column: "description" },
    kind: { column: "name", map: { RDC: "DC", "Tennis shop Paris": "STORE", "Tennis shop Brussels": "STORE" } },
  },
  skipWhere: AGGREGATE_ROWS,
};

const supplier: ColumnMapping = {
  entity: "supplier",
  fields: { code: { column: "name" }, name: { column: "description" } },
};

const customer: ColumnMapping = {
  entity: "customer",
  fields: { code: { column: "name" }, name: { column: "name" } },
};

const item: ColumnMapping = {
  entity: "item",
  fields: {
    sku: { column: "name" },
    name: { column: "description" },
    unitCost: { column: "cost" },
    // frePPLe keeps no selling price; cost is the only value the demo has, so it stands in (conservative exposure).
    unitPrice: { column: "cost" },
  },
  skipWhere: AGGREGATE_ROWS,
};

const inventoryBalance: ColumnMapping = {
  entity: "inventoryBalance",
  fields: {
    sku: { column: "item_id" },
    locationCode: { column: "location_id" },
    onHand: { column: "onhand" },
    safetyStock: { column: "minimum" },
    // Buffers carry no timestamp: the position is as of the import.
    asOf: { context: "importedAt" },
  },
  externalId: { column: "id" },
};

const salesOrderLine: ColumnMapping = {
  entity: "salesOrderLine",
  fields: {
    soNumber: { column: "name" },
    customerCode: { column: "customer_id" },
    locationCode: { column: "location_id" },
    // A frePPLe demand has only a due date; it stands in for the order date too.
    orderedAt: { column: "due" },
    status: { column: "status", map: { inquiry: "OPEN", quote: "OPEN", open: "OPEN", closed: "CLOSED", canceled: "CANCELLED" } },
    lineNo: { constant: 1 },
    sku: { column: "item_id" },
    qtyOrdered: { column: "quantity" },
    unitPrice: { constant: 0 },
    promisedShipDate: { column: "due" },
  },
  externalId: { column: "name" },
};

export interface ItemSupplierLookup {
  /** item → the supplier frePPLe prefers (lowest priority number, then shortest lead time), lead time in days. */
  primaryByItem: Map<string, { supplier: string; leadTimeDays: number }>;
  /** supplier → median lead time in days over its items. */
  leadTimeBySupplier: Map<string, number>;
}

/** Reads distribution_demo__itemsupplier.csv (lead times in seconds). */
export async function buildItemSupplierLookup(rows: AsyncIterable<TableRow>): Promise<ItemSupplierLookup> {
  type Offer = { supplier: string; leadTimeDays: number; priority: number };
  const best = new Map<string, Offer>();
  const bySupplier = new Map<string, number[]>();
  for await (const { values, problem } of rows) {
    const seconds = Number(values.leadtime);
    if (problem || !values.item_id || !values.supplier_id || values.leadtime === "" || !Number.isFinite(seconds)) continue;
    const offer = { supplier: values.supplier_id, leadTimeDays: Math.round(seconds / SECONDS_PER_DAY), priority: Number(values.priority) || 0 };
    const current = best.get(values.item_id);
    if (!current || offer.priority < current.priority || (offer.priority === current.priority && offer.leadTimeDays < current.leadTimeDays)) {
      best.set(values.item_id, offer);
    }
    bySupplier.set(offer.supplier, [...(bySupplier.get(offer.supplier) ?? []), offer.leadTimeDays]);
  }
  const primaryByItem = new Map([...best].map(([sku, o]) => [sku, { supplier: o.supplier, leadTimeDays: o.leadTimeDays }]));
  const leadTimeBySupplier = new Map([...bySupplier].map(([code, days]) => [code, median(days)]));
  return { primaryByItem, leadTimeBySupplier };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return Math.round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}

/** Reads distribution_demo__item.csv: item name → cost, used as the demand lines' unit price. */
export async function buildItemCostLookup(rows: AsyncIterable<TableRow>): Promise<Map<string, string>> {
  const costs = new Map<string, string>();
  for await (const { values, problem } of rows) if (!problem && values.name && values.cost) costs.set(values.name, values.cost);
  return costs;
}

const itemSupplierFile = /^distribution_demo__itemsupplier\.csv$/i;

export const FREPPLE_PRESETS: FilePreset[] = [
  {
    id: "frepple-location",
    label: "frePPLe distribution demo: locations",
    set: "frepple-distribution",
    fileNamePattern: /^distribution_demo__location\.(csv|xlsx)$/i,
    entity: "location",
    mapping: location,
    importOrder: 1,
    notes: ["RDC is a DC, the tennis shops are stores; the 'All locations' aggregate is skipped."],
  },
  {
    id: "frepple-supplier",
    label: "frePPLe distribution demo: suppliers",
    set: "frepple-distribution",
    fileNamePattern: /^distribution_demo__supplier\.(csv|xlsx)$/i,
    entity: "supplier",
    mapping: supplier,
    importOrder: 2,
    enrichment: {
      fileNamePattern: itemSupplierFile,
      description: "itemsupplier: supplier lead time = median of its item lead times (seconds → days).",
      build: async (rows): Promise<RowEnricher> => {
        const lookup = await buildItemSupplierLookup(rows);
        return (values) => ({ ...values, lead_time_days: String(lookup.leadTimeBySupplier.get(values.name) ?? "") });
      },
      mapping: { ...supplier, fields: { ...supplier.fields, leadTimeDays: { column: "lead_time_days" } } },
    },
    notes: ["Without itemsupplier every supplier gets the default lead time (14 days)."],
  },
  {
    id: "frepple-customer",
    label: "frePPLe distribution demo: customers",
    set: "frepple-distribution",
    fileNamePattern: /^distribution_demo__customer\.(csv|xlsx)$/i,
    entity: "customer",
    mapping: customer,
    importOrder: 3,
    notes: [],
  },
  {
    id: "frepple-item",
    label: "frePPLe distribution demo: items",
    set: "frepple-distribution",
    fileNamePattern: /^distribution_demo__item\.(csv|xlsx)$/i,
    entity: "item",
    mapping: item,
    importOrder: 4,
    enrichment: {
      fileNamePattern: itemSupplierFile,
      description: "itemsupplier: primary supplier and lead time (seconds → days).",
      build: async (rows): Promise<RowEnricher> => {
        const lookup = await buildItemSupplierLookup(rows);
        return (values) => {
          const primary = lookup.primaryByItem.get(values.name);
          return { ...values, primary_supplier: primary?.supplier ?? "", lead_time_days: primary ? String(primary.leadTimeDays) : "" };
        };
      },
      mapping: {
        ...item,
        fields: { ...item.fields, primarySupplierCode: { column: "primary_supplier" }, leadTimeDays: { column: "lead_time_days" } },
      },
    },
    notes: ["frePPLe has no selling price: unitPrice = cost.", "Aggregate items ('All items', …) are skipped."],
  },
  {
    id: "frepple-buffer",
    label: "frePPLe distribution demo: buffers (stock)",
    set: "frepple-distribution",
    fileNamePattern: /^distribution_demo__buffer\.(csv|xlsx)$/i,
    entity: "inventoryBalance",
    mapping: inventoryBalance,
    importOrder: 5,
    notes: ["Buffers have no date: asOf is the import time.", "minimum becomes the safety stock."],
  },
  {
    id: "frepple-demand",
    label: "frePPLe distribution demo: demand",
    set: "frepple-distribution",
    fileNamePattern: /^distribution_demo__demand\.(csv|xlsx)$/i,
    entity: "salesOrderLine",
    mapping: salesOrderLine,
    importOrder: 6,
    enrichment: {
      fileNamePattern: /^distribution_demo__item\.csv$/i,
      description: "item: unit price = the item's cost.",
      build: async (rows): Promise<RowEnricher> => {
        const costs = await buildItemCostLookup(rows);
        return (values) => ({ ...values, unit_price: costs.get(values.item_id) ?? "" });
      },
      mapping: { ...salesOrderLine, fields: { ...salesOrderLine.fields, unitPrice: { column: "unit_price" } } },
    },
    notes: [
      "One demand = one single-line sales order (line 1); order date = due date.",
      "frePPLe priority (10 = normal) is not carried over: the canonical 1–9 scale has no equivalent, default 3 applies.",
      "Without the item file unit prices are 0.",
    ],
  },
];
