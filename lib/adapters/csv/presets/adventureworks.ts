/**
 * Microsoft AdventureWorks purchasing + inventory tables (shared/data/tables/adventureworks, headered CSVs).
 *
 * Key scheme: every business key is derived from the row's own id column with a set prefix — sku "AW-P-<ProductID>",
 * location "AW-L-<LocationID>", supplier "AW-V-<BusinessEntityID>", PO "AW-PO-<PurchaseOrderID>". ProductInventory,
 * PurchaseOrderDetail and ProductVendor only carry ProductID, so keying on ProductNumber would force every one of those
 * imports to load Product.csv first; with derived keys each file imports on its own, in any session, and the
 * prefixes keep AdventureWorks keys from colliding with other sources. ProductNumber is kept as the item's externalId.
 */
import type { ColumnMapping } from "../mapping";
import type { TableRow } from "../table-row";
import type { RowEnricher } from "../map-table";
import type { FilePreset } from "./types";

const PRODUCT_SKU = "AW-P-{ProductID}";

/** AdventureWorks PurchaseOrderHeader.Status: 1 pending, 2 approved, 3 rejected, 4 complete. */
const PO_STATUS = { "1": "OPEN", "2": "OPEN", "3": "CANCELLED", "4": "CLOSED" };

/** Headers carry no ship-to; purchased parts are stocked in Miscellaneous Storage (LocationID 6). */
export const AW_RECEIVING_LOCATION = "AW-L-6";

const location: ColumnMapping = {
  entity: "location",
  fields: { code: { template: "AW-L-{LocationID}" }, name: { column: "Name" } },
  externalId: { column: "LocationID" },
  version: { column: "ModifiedDate" },
};

const supplier: ColumnMapping = {
  entity: "supplier",
  fields: { code: { template: "AW-V-{BusinessEntityID}" }, name: { column: "Name" } },
  externalId: { column: "AccountNumber" },
  version: { column: "ModifiedDate" },
};

const item: ColumnMapping = {
  entity: "item",
  fields: {
    sku: { template: PRODUCT_SKU },
    name: { column: "Name" },
    unitCost: { column: "StandardCost" },
    unitPrice: { column: "ListPrice" },
    // Product.Class is H(igh)/M(edium)/L(ow) value; empty for most purchased parts (→ the default C).
    abcClass: { column: "Class", map: { H: "A", M: "B", L: "C" } },
  },
  externalId: { column: "ProductNumber" },
  version: { column: "ModifiedDate" },
};

const inventoryBalance: ColumnMapping = {
  entity: "inventoryBalance",
  fields: {
    sku: { template: PRODUCT_SKU },
    locationCode: { template: "AW-L-{LocationID}" },
    onHand: { column: "Quantity" },
    asOf: { column: "ModifiedDate" },
  },
  version: { column: "ModifiedDate" },
};

const purchaseOrderHeader: ColumnMapping = {
  entity: "purchaseOrderHeader",
  fields: {
    number: { template: "AW-PO-{PurchaseOrderID}" },
    supplierCode: { template: "AW-V-{VendorID}" },
    locationCode: { constant: AW_RECEIVING_LOCATION },
    status: { column: "Status", map: PO_STATUS },
    orderedAt: { column: "OrderDate" },
  },
  externalId: { column: "PurchaseOrderID" },
  version: { column: "ModifiedDate" },
};

const purchaseOrderLine: ColumnMapping = {
  entity: "purchaseOrderLine",
  fields: {
    poNumber: { template: "AW-PO-{PurchaseOrderID}" },
    // Detail ids are unique across all POs, stable, and ascending within a PO: a safe line number.
    lineNo: { column: "PurchaseOrderDetailID" },
    sku: { template: PRODUCT_SKU },
    qtyOrdered: { column: "OrderQty" },
    qtyReceived: { column: "ReceivedQty" },
    unitCost: { column: "UnitPrice" },
    promisedDate: { column: "DueDate" },
  },
  externalId: { column: "PurchaseOrderDetailID" },
  version: { column: "ModifiedDate" },
};

export interface ProductVendorLookup {
  /** ProductID → the vendor it was last bought from, with that vendor's average lead time for it. */
  primaryByProduct: Map<string, { vendorId: string; leadTimeDays: number }>;
  /** BusinessEntityID → median AverageLeadTime over the products the vendor supplies. */
  leadTimeByVendor: Map<string, number>;
}

/**
 * Reads ProductVendor.csv (460 rows). A product's primary vendor is the one with the latest LastReceiptDate
 * (ties: lower StandardPrice, then lower id) — the vendor purchasing actually uses.
 */
export async function buildProductVendorLookup(rows: AsyncIterable<TableRow>): Promise<ProductVendorLookup> {
  type Offer = { vendorId: string; leadTimeDays: number; lastReceipt: string; price: number };
  const best = new Map<string, Offer>();
  const leadTimes = new Map<string, number[]>();
  for await (const { values, problem } of rows) {
    const leadTimeDays = Number(values.AverageLeadTime);
    if (problem || !values.ProductID || !values.BusinessEntityID || !Number.isFinite(leadTimeDays)) continue;
    const offer: Offer = { vendorId: values.BusinessEntityID, leadTimeDays, lastReceipt: values.LastReceiptDate ?? "", price: Number(values.StandardPrice) };
    const current = best.get(values.ProductID);
    if (!current || preferred(offer, current)) best.set(values.ProductID, offer);
    const list = leadTimes.get(offer.vendorId) ?? [];
    list.push(leadTimeDays);
    leadTimes.set(offer.vendorId, list);
  }
  const primaryByProduct = new Map([...best].map(([id, o]) => [id, { vendorId: o.vendorId, leadTimeDays: o.leadTimeDays }]));
  const leadTimeByVendor = new Map([...leadTimes].map(([id, list]) => [id, median(list)]));
  return { primaryByProduct, leadTimeByVendor };

  function preferred(a: Offer, b: Offer): boolean {
    if (a.lastReceipt !== b.lastReceipt) return a.lastReceipt > b.lastReceipt;
    if (a.price !== b.price) return a.price < b.price;
    return Number(a.vendorId) < Number(b.vendorId);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return Math.round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}

export function productVendorEnricher(lookup: ProductVendorLookup): RowEnricher {
  return (values) => {
    const primary = lookup.primaryByProduct.get(values.ProductID);
    return { ...values, PrimaryVendorID: primary?.vendorId ?? "", PrimaryVendorLeadTime: primary ? String(primary.leadTimeDays) : "" };
  };
}

export function vendorLeadTimeEnricher(lookup: ProductVendorLookup): RowEnricher {
  return (values) => {
    const days = lookup.leadTimeByVendor.get(values.BusinessEntityID);
    return { ...values, MedianLeadTime: days === undefined ? "" : String(days) };
  };
}

const PRODUCT_VENDOR_FILE = /^ProductVendor\.csv$/i;

export const ADVENTUREWORKS_PRESETS: FilePreset[] = [
  {
    id: "aw-location",
    label: "AdventureWorks Location",
    set: "adventureworks",
    fileNamePattern: /^Location\.(csv|xlsx)$/i,
    entity: "location",
    mapping: location,
    importOrder: 1,
    notes: ["Production locations; all imported as kind DC."],
  },
  {
    id: "aw-vendor",
    label: "AdventureWorks Vendor",
    set: "adventureworks",
    fileNamePattern: /^Vendor\.(csv|xlsx)$/i,
    entity: "supplier",
    mapping: supplier,
    importOrder: 2,
    enrichment: {
      fileNamePattern: PRODUCT_VENDOR_FILE,
      description: "ProductVendor.csv: the vendor's lead time = median AverageLeadTime of its products.",
      build: async (rows) => vendorLeadTimeEnricher(await buildProductVendorLookup(rows)),
      mapping: { ...supplier, fields: { ...supplier.fields, leadTimeDays: { column: "MedianLeadTime" } } },
    },
    notes: ["Without ProductVendor.csv every vendor gets the default lead time (14 days)."],
  },
  {
    id: "aw-product",
    label: "AdventureWorks Product",
    set: "adventureworks",
    fileNamePattern: /^Product\.(csv|xlsx)$/i,
    entity: "item",
    mapping: item,
    importOrder: 3,
    enrichment: {
      fileNamePattern: PRODUCT_VENDOR_FILE,
      description: "ProductVendor.csv: primary supplier (last vendor received from) and its average lead time.",
      build: async (rows) => productVendorEnricher(await buildProductVendorLookup(rows)),
      mapping: {
        ...item,
        fields: { ...item.fields, primarySupplierCode: { template: "AW-V-{PrimaryVendorID}" }, leadTimeDays: { column: "PrimaryVendorLeadTime" } },
      },
    },
    notes: ["sku = AW-P-<ProductID>; ProductNumber is kept as the external id.", "Class H/M/L becomes ABC class A/B/C."],
  },
  {
    id: "aw-product-inventory",
    label: "AdventureWorks ProductInventory",
    set: "adventureworks",
    fileNamePattern: /^ProductInventory\.(csv|xlsx)$/i,
    entity: "inventoryBalance",
    mapping: inventoryBalance,
    importOrder: 4,
    notes: ["One balance per product × location; Shelf/Bin are not kept. asOf = ModifiedDate."],
  },
  {
    id: "aw-po-header",
    label: "AdventureWorks PurchaseOrderHeader",
    set: "adventureworks",
    fileNamePattern: /^PurchaseOrderHeader\.(csv|xlsx)$/i,
    entity: "purchaseOrderHeader",
    mapping: purchaseOrderHeader,
    importOrder: 5,
    notes: [
      `Headers have no ship-to: every PO is received at ${AW_RECEIVING_LOCATION} (Miscellaneous Storage).`,
      "Status 1 pending / 2 approved → OPEN, 3 rejected → CANCELLED, 4 complete → CLOSED.",
    ],
  },
  {
    id: "aw-po-detail",
    label: "AdventureWorks PurchaseOrderDetail",
    set: "adventureworks",
    fileNamePattern: /^PurchaseOrderDetail\.(csv|xlsx)$/i,
    entity: "purchaseOrderLine",
    mapping: purchaseOrderLine,
    importOrder: 6,
    notes: ["Line number = PurchaseOrderDetailID. Import PurchaseOrderHeader first: these lines carry no header fields."],
  },
];
